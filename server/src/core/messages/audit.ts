/**
 * The live audit's report and progress, one template per language (as types.ts for the findings):
 * the words around the data; names, ARNs, actions, dates and AWS's own messages come in as they are.
 */
import type { Locale } from './types';

export interface AuditMessages {
  readonly locale: Locale;
  progressRuntime: string;
  progressRole: string;
  progressJudging: string;
  progressSimulate: string;

  title: string;
  region: string;
  runtime: string;
  status: string;
  artifact: string;
  created: string;
  network: string;
  role: string;
  environment: string;
  variables(count: number, names: string): string;
  unknown: string;
  exists: string;
  doesNotExist: string;
  allGranted: string;
  notAllGranted: string;
  count(n: number, verdict: string): string;
  verdict(v: string): string;
  notes: string;
  requirements: string;
  requirementsHeader(simulator: boolean): string;
  dependsOn(list: string): string;
  disagrees: string;
  agrees: string;
  docs: string;
  noRole: string;
  observability: string;
  noLogGroup: string;
  stored(bytes: string, retentionDays: string | undefined): string;
  streamsHeader: string;
  none: string;
  noStreams: string;
  logGroupsUnread: string;
  otelHeader: string;
  yes: string;
  no: string;
  traceDestination(destination: string, status: string): string;
  drift(role: string, matchedBy: string): string;
  noDrift: string;
  onlyLive: string;
  onlyTerraform: string;
  trust: string;
  policiesRead: string;
  boundary: string;
  notRead: string;

  // The text report (terminal, CI log).
  textRuntimeNotRead: string;
  textRole(role: string, artifact: string, created: string): string;
  textEnvironment(count: number, names: string): string;
  textSimulator(decision: string, disagrees: boolean): string;
  textBytes(bytes: string): string;
  textLastEvent(time: string): string;
  textExists: string;
  textDoesNotExist: string;
  textUnknown: string;
  textDestination(destination: string, status: string): string;
  textDrift(role: string): string;
  textNoDrift: string;
  textNotRead: string;

  // What an API call's failure means (audit/errors.ts): shown in the report, the CLI and VS Code's notifications.
  cancelled: string;
  tooLarge(label: string, detail: string): string;
  ssoExpired(profile: string): string;
  noCredentials(profile: string | undefined, profileMissing: boolean): string;
  rejected(code: string, label: string, profile: string | undefined): string;
  accessDenied(permission: string): string;
  throttled(service: string, label: string): string;
  notFound(label: string, code: string, detail: string): string;
  unreachable(label: string, code: string): string;
  failed(label: string, code: string, detail: string): string;
}

export const auditEn: AuditMessages = {
  locale: 'en',
  progressRuntime: 'Reading the runtime',
  progressRole: 'Reading the role and the logs',
  progressJudging: 'Judging the role',
  progressSimulate: 'Asking IAM SimulatePrincipalPolicy',

  title: 'AgentCore live audit',
  region: 'region',
  runtime: 'Runtime',
  status: 'Status',
  artifact: 'Artifact',
  created: 'Created',
  network: 'Network',
  role: 'Role',
  environment: 'Environment',
  variables: (count, names) => `${count} variable(s), values not shown: ${names}`,
  unknown: 'unknown',
  exists: 'exists',
  doesNotExist: 'does not exist',
  allGranted: 'Every required permission is granted.',
  notAllGranted: 'Not every required permission is known to be granted.',
  count: (n, verdict) => `${n} ${verdict}`,
  verdict: (v) => v,
  notes: 'Notes',
  requirements: 'Requirements',
  requirementsHeader: (sim) => `| Requirement | Verdict | Severity | Actions | Detail |${sim ? ' IAM simulator |' : ''}`,
  dependsOn: (list) => `depends on ${list}`,
  disagrees: ' ⚠️ disagrees',
  agrees: ' (agrees)',
  docs: 'docs',
  noRole: '_No role could be judged._',
  observability: 'Observability',
  noLogGroup: '_No log group for this runtime._',
  stored: (bytes, days) => `${bytes} bytes stored${days ? `, retention ${days} days` : ''}`,
  streamsHeader: '| Stream | Kind | Last event |',
  none: 'none',
  noStreams: '_No streams._',
  logGroupsUnread: '_Log groups could not be read._',
  otelHeader: '| OTEL variable | Log group | Exists |',
  yes: 'yes',
  no: '**no**',
  traceDestination: (d, s) => `X-Ray trace segment destination: **${d}** (${s})`,
  drift: (role, by) => `## Drift from Terraform (${role}, matched by ${by})`,
  noDrift: '_The live role grants what the Terraform definition grants._',
  onlyLive: 'only live',
  onlyTerraform: 'only in Terraform',
  trust: 'trust',
  policiesRead: 'Role policies read',
  boundary: 'permissions boundary',
  notRead: 'What could not be read',

  textRuntimeNotRead: '(runtime not read)',
  textRole: (role, artifact, created) => `role ${role}; ${artifact} artifact; created ${created}`,
  textEnvironment: (count, names) => `environment: ${count} variable(s), values not shown: ${names}`,
  textSimulator: (decision, disagrees) => `IAM simulator: ${decision}${disagrees ? ' (DISAGREES)' : ''}`,
  textBytes: (bytes) => `${bytes} bytes`,
  textLastEvent: (time) => `last event ${time}`,
  textExists: 'exists',
  textDoesNotExist: 'DOES NOT EXIST',
  textUnknown: '(unknown)',
  textDestination: (d, st) => `X-Ray destination: ${d} (${st})`,
  textDrift: (role) => `Drift from ${role}:`,
  textNoDrift: 'none: the live role grants what the Terraform definition grants',
  textNotRead: 'Not read:',

  cancelled: 'The audit was cancelled.',
  tooLarge: (label, detail) => `${label}: ${detail}; that part of the audit was skipped.`,
  ssoExpired: (p) => `The AWS SSO session of profile "${p}" has expired or is invalid. Run \`aws sso login --profile ${p}\` and run the audit again.`,
  noCredentials: (profile, missing) =>
    `No AWS credentials could be loaded from ${profile ? `profile "${profile}"` : 'the default credential chain'}${profile && missing ? ` (no profile named "${profile}" in the AWS config or credentials file)` : ''}. Configure them with ` +
    '`aws configure` (access keys) or `aws configure sso` then `aws sso login --profile <name>`, ' +
    'or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then choose the profile ' +
    '(--profile, or the profile picker in VS Code).',
  rejected: (code, label, profile) =>
    `AWS rejected the credentials (${code}) on ${label}. Refresh them ` +
    (profile ? `(for an SSO profile: \`aws sso login --profile ${profile}\`)` : '(or pick another profile)') +
    ' and run the audit again.',
  accessDenied: (perm) => `Access denied: the audit's credentials lack \`${perm}\`; that part of the audit was skipped. ` +
    'See PERMISSIONS.md for the read-only policy the audit needs.',
  throttled: (service, label) => `${service} throttled ${label} and the SDK's retries did not get through; ` +
    'that part of the audit was skipped. Run the audit again in a minute.',
  notFound: (label, code, detail) => `${label}: not found (${code}). ${detail}`.trim(),
  unreachable: (label, code) => `${label}: could not reach AWS (${code}).`,
  failed: (label, code, detail) => `${label} failed: ${code}: ${detail}`,
};

const VERDICT_JA: Record<string, string> = { granted: '許可済み', missing: '不足', unknown: '判定不能', 'not-required': '不要', invalid: '無効' };

export const auditJa: AuditMessages = {
  locale: 'ja',
  progressRuntime: 'Runtime を読み取り中',
  progressRole: 'ロールとログを読み取り中',
  progressJudging: 'ロールを判定中',
  progressSimulate: 'IAM SimulatePrincipalPolicy に問い合わせ中',

  title: 'AgentCore ライブ監査',
  region: 'リージョン',
  runtime: 'Runtime',
  status: 'ステータス',
  artifact: 'アーティファクト',
  created: '作成日時',
  network: 'ネットワーク',
  role: 'ロール',
  environment: '環境変数',
  variables: (count, names) => `${count} 個（値は表示しない）: ${names}`,
  unknown: '不明',
  exists: 'あり',
  doesNotExist: 'なし',
  allGranted: '必要な権限はすべて許可されている。',
  notAllGranted: '必要な権限がすべて許可されているとは確認できない。',
  count: (n, verdict) => `${VERDICT_JA[verdict] ?? verdict} ${n} 件`,
  verdict: (v) => VERDICT_JA[v] ?? v,
  notes: '補足',
  requirements: '要件',
  requirementsHeader: (sim) => `| 要件 | 判定 | 重大度 | アクション | 詳細 |${sim ? ' IAM シミュレーター |' : ''}`,
  dependsOn: (list) => `依存先: ${list}`,
  disagrees: ' ⚠️ 判定が異なる',
  agrees: '（一致）',
  docs: 'ドキュメント',
  noRole: '_判定できるロールがない。_',
  observability: 'オブザーバビリティ',
  noLogGroup: '_この Runtime のロググループがない。_',
  stored: (bytes, days) => `保存量 ${bytes} バイト${days ? `、保持期間 ${days} 日` : ''}`,
  streamsHeader: '| ストリーム | 種類 | 最終イベント |',
  none: 'なし',
  noStreams: '_ストリームがない。_',
  logGroupsUnread: '_ロググループを読み取れなかった。_',
  otelHeader: '| OTEL 変数 | ロググループ | 存在 |',
  yes: 'あり',
  no: '**なし**',
  traceDestination: (d, s) => `X-Ray トレースセグメントの送信先: **${d}**（${s}）`,
  drift: (role, by) => `## Terraform との差分（${role}、${by} で照合）`,
  noDrift: '_稼働中のロールは Terraform の定義どおりの権限を許可している。_',
  onlyLive: '稼働中のみ',
  onlyTerraform: 'Terraform のみ',
  trust: '信頼ポリシー',
  policiesRead: '読み取ったロールのポリシー',
  boundary: 'アクセス許可の境界',
  notRead: '読み取れなかったもの',

  textRuntimeNotRead: '（Runtime を読み取れなかった）',
  textRole: (role, artifact, created) => `ロール ${role}、アーティファクト ${artifact}、作成日時 ${created}`,
  textEnvironment: (count, names) => `環境変数: ${count} 個（値は表示しない）: ${names}`,
  textSimulator: (decision, disagrees) => `IAM シミュレーター: ${decision}${disagrees ? '（判定が異なる）' : ''}`,
  textBytes: (bytes) => `${bytes} バイト`,
  textLastEvent: (time) => `最終イベント ${time}`,
  textExists: 'あり',
  textDoesNotExist: 'なし',
  textUnknown: '（不明）',
  textDestination: (d, st) => `X-Ray の送信先: ${d}（${st}）`,
  textDrift: (role) => `${role} との差分:`,
  textNoDrift: 'なし: 稼働中のロールは Terraform の定義どおりの権限を許可している',
  textNotRead: '読み取れなかったもの:',

  cancelled: '監査をキャンセルした。',
  tooLarge: (label, detail) => `${label}: ${detail}。監査のこの部分はスキップした。`,
  ssoExpired: (p) => `プロファイル "${p}" の AWS SSO セッションが期限切れか無効。\`aws sso login --profile ${p}\` を実行してから、もう一度監査すること。`,
  noCredentials: (profile, missing) =>
    `${profile ? `プロファイル "${profile}" ` : 'デフォルトの認証情報チェーン'}から AWS の認証情報を読み込めなかった${profile && missing ? `（AWS の config / credentials ファイルに "${profile}" という名前のプロファイルがない）` : ''}。` +
    '`aws configure`（アクセスキー）、または `aws configure sso` の後に `aws sso login --profile <name>` で設定するか、' +
    'AWS_PROFILE / AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY を設定してから、プロファイルを選ぶこと' +
    '（--profile、または VS Code のプロファイル選択）。',
  rejected: (code, label, profile) =>
    `${label} で AWS が認証情報を拒否した（${code}）。認証情報を更新して` +
    (profile ? `（SSO プロファイルなら \`aws sso login --profile ${profile}\`）` : '（または別のプロファイルを選んで）') +
    '、もう一度監査すること。',
  accessDenied: (perm) => `アクセス拒否: 監査に使っている認証情報に \`${perm}\` がない。監査のこの部分はスキップした。` +
    '監査に必要な読み取り専用ポリシーは PERMISSIONS.md を参照。',
  throttled: (service, label) => `${service} が ${label} をスロットリングし、SDK の再試行でも通らなかった。` +
    '監査のこの部分はスキップした。1 分ほど待ってからもう一度監査すること。',
  notFound: (label, code, detail) => `${label}: 見つからない（${code}）。${detail}`.trim(),
  unreachable: (label, code) => `${label}: AWS に接続できなかった（${code}）。`,
  failed: (label, code, detail) => `${label} に失敗: ${code}: ${detail}`,
};

export function auditMessagesFor(locale: string | undefined): AuditMessages {
  return locale === 'ja' ? auditJa : auditEn;
}
