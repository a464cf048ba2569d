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
};

export function auditMessagesFor(locale: string | undefined): AuditMessages {
  return locale === 'ja' ? auditJa : auditEn;
}
