/**
 * The live audit's report and progress, one template per language (as types.ts for the findings):
 * the words around the data; names, ARNs, actions, dates and AWS's own messages come in as they are.
 */
import type { Locale } from './types';
import { explanationJa } from './front';
import { inLocale } from './locale';

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
  /** A drift entry's statement in the report: effect, action and resource as the report formats them. */
  driftStatement(effect: string, action: string, resource: string): string;
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

  // What the audit was asked that it cannot do (audit/audit.ts AuditUsageError): ARNs as given.
  usageNotRuntimeArn(arn: string): string;
  usageNoRuntime: string;
  usageNoRegion: string;

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
  /** The audit's own deadline for one call (audit/context.ts) passed: `seconds` as given. */
  timedOut(label: string, seconds: number): string;
  failed(label: string, code: string, detail: string): string;

  // What the observability facts mean (audit/observability.ts interpret): names and variables as written.
  obsNoLogGroup(runtimeId: string): string;
  obsGroupSize(bytes: number): string;
  obsNoStreams(group: string, size: string): string;
  obsNoRuntimeLogs(group: string, emptyOtelRt: boolean, size: string): string;
  obsStreams(group: string, stdout: number, otel: number, size: string, last: string | undefined): string;
  obsTruncated(group: string, count: number): string;
  obsStoredBytes: string;
  obsOtelMissing(variable: string, logGroup: string, groups: string[]): string;
  obsObservabilityFlag: string;
  obsTransactionSearchOn: string;
  obsTransactionSearchPending(status: string): string;
  obsTransactionSearchOff(destination: string): string;

  // The audit's notes (audit/audit.ts): ARNs, accounts, regions and dates as written.
  noteOtherRegion(arnRegion: string, chosen: string): string;
  noteNoRuntime(runtimeId: string, region: string): string;
  noteCrossAccount(roleArn: string, roleAccount: string, runtimeAccount: string): string;
  noteNoRole(roleArn: string): string;
  noteSlrExists(created: string, cutoff: string, slr: string): string;
  noteSlrMissing(created: string, slr: string): string;
  noteBeforeSlr(created: string, cutoff: string): string;
  noteNoCatalog: string;
  noteNoDrift(roleArn: string): string;

  // The verdict of a requirement without a finding (audit/audit.ts verdictsFrom): the evaluator's own explanation.
  /** title: the catalog's (English); id: runtime.R3; verdict: granted, missing or unknown; explanation: core/iam's. */
  verdictLine(a: { title: string; id: string; verdict: string; explanation: string }): string;
  notRequired(a: { title: string; id: string; createdBefore: string }): string;
  notJudged(a: { title: string; id: string }): string;

  // The live verdicts and drift as findings on the workspace's Terraform (audit/workspace-findings.ts):
  // the runtime's name, ARNs, actions, effects and resources as written.
  /** The runtime's name when the report has neither its name nor its id. */
  liveRuntime: string;
  /** A live verdict's message (already in this language) on the Terraform finding's place. */
  liveFinding(runtime: string, message: string): string;
  /** Appended to liveFinding when the Terraform analysis grants what the live role lacks. */
  liveTerraformGrants: string;
  /** Related information on the Terraform role: the live role it was matched to. */
  liveDeployedAs(address: string): string;
  /** A statement of this Terraform the deployed role does not have. */
  liveTerraformOnly(runtime: string, effect: string, action: string, resource: string): string;
  /** A statement of the deployed role this Terraform does not define. */
  liveOnly(runtime: string, effect: string, action: string, resource: string): string;
  /** How the trust policies differ (audit/drift.ts trustDiffers: `condition <operator> <key> is live only`, ...). */
  liveTrustDiffers(runtime: string, difference: string): string;
  /** One of drift.ts's trust differences in this language (the report's drift section says them too). */
  trustDifference(difference: string): string;
}

export const auditEn: AuditMessages = {
  locale: 'en',
  verdictLine: ({ title, verdict, explanation }) => `${title}: ${verdict}. ${explanation}`.trim(),
  notRequired: ({ title, createdBefore }) => `${title}: not required (created on or after ${createdBefore}).`,
  notJudged: ({ title }) => `${title}: not judged (the evaluator could not run).`,
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
  drift: (role, by) => `## Drift from Terraform (${role}, matched by ${by === 'arn' ? 'ARN' : by})`,
  noDrift: '_The live role grants what the Terraform definition grants._',
  onlyLive: 'only live',
  onlyTerraform: 'only in Terraform',
  driftStatement: (effect, action, resource) => `${effect} ${action} on ${resource}`,
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

  usageNotRuntimeArn: (arn) => `Not an AgentCore runtime ARN: ${arn} (expected arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID).`,
  usageNoRuntime: 'Give a runtime ARN (--runtime-arn) or a runtime id with a region.',
  usageNoRegion: 'No region: pass --region, set AWS_REGION, or set `region` in the profile.',

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
  timedOut: (label, s) => `${label}: AWS did not answer within ${s} s; that part of the audit was skipped.`,
  failed: (label, code, detail) => `${label} failed: ${code}: ${detail}`,

  obsNoLogGroup: (id) => `No log group /aws/bedrock-agentcore/runtimes/${id}-* exists: the runtime has never written logs (it was never invoked, or its role cannot create log groups/streams).`,
  obsGroupSize: (bytes) => ` (${bytes} bytes stored in the group)`,
  obsNoStreams: (group, size) => `${group} has no log streams${size}: nothing has ever been written to it.`,
  obsNoRuntimeLogs: (group, empty, size) =>
    `${group} holds no \`runtime-logs\` stream: neither the agent's stdout/stderr (\`YYYY/MM/DD/[runtime-logs]<id>\`) nor its OpenTelemetry logs (\`runtime-logs\`) have ever arrived` +
    (empty ? `; the only stream, \`otel-rt-logs\`, has no event (the service created it, the agent never wrote to it)` : '') +
    `${size}. With the role's log permissions in place, this usually means the agent's own log export fails: check R5 (logs:DescribeLogGroups) and R7 (X-Ray) below, the OTEL variables, and that the entrypoint runs under \`opentelemetry-instrument\`.`,
  obsStreams: (group, stdout, otel, size, last) => `${group}: ${stdout} stdout/stderr stream(s), ${otel} OpenTelemetry \`runtime-logs\` stream(s)${size}${last ? `; last event ${last}` : ''}.`,
  obsTruncated: (group, count) => `${group}: only the ${count} most recent streams were listed.`,
  obsStoredBytes: 'CloudWatch Logs no longer maintains `storedBytes` per log stream (it reads 0); stream activity is judged by last event time, size by the log group\'s storedBytes.',
  obsOtelMissing: (variable, logGroup, groups) => `${variable} names the log group ${logGroup}, which does not exist` +
    (groups.length ? ` (the runtime's log group${groups.length > 1 ? 's are' : ' is'} ${groups.join(', ')})` : '') +
    ': OpenTelemetry logs sent there are lost unless the exporter creates it. Point the variable at the runtime\'s own log group (usually `…/runtimes/<runtime-id>-DEFAULT`).',
  obsObservabilityFlag: 'AGENT_OBSERVABILITY_ENABLED is set, but not to "true".',
  obsTransactionSearchOn: 'X-Ray Transaction Search is on: spans go to CloudWatch Logs (aws/spans), as GenAI Observability needs.',
  obsTransactionSearchPending: (status) => `X-Ray Transaction Search is being enabled (status ${status}).`,
  noteOtherRegion: (r, chosen) => `The runtime ARN is in ${r}; the audit reads ${r}, not the chosen region ${chosen}.`,
  noteNoRuntime: (id, region) => `Runtime ${id} does not exist in ${region} (ResourceNotFoundException): it was deleted, or it lives in another region or account.`,
  noteCrossAccount: (arn, ra, rta) => `The role ${arn} belongs to account ${ra}, the runtime to ${rta}. IAM reads roles of the calling account only: its policies were not read (verdicts are unknown). Run the audit with credentials of account ${ra} to judge it.`,
  noteNoRole: (arn) => `The runtime's role ${arn} does not exist (NoSuchEntity): the runtime cannot start sessions.`,
  noteSlrExists: (created, cutoff, slr) => `Created ${created} (on or after ${cutoff}) and ${slr} exists: workload access tokens come from the service-linked role; the role needs no GetWorkloadAccessToken* statement (R9).`,
  noteSlrMissing: (created, slr) => `Created ${created}, but ${slr} does not exist: the runtime cannot get workload access tokens through it. Recreate it (iam:CreateServiceLinkedRole for runtime-identity.bedrock-agentcore.amazonaws.com) or grant R9 in the role.`,
  noteBeforeSlr: (created, cutoff) => `Created ${created}, before ${cutoff}: the role itself must grant GetWorkloadAccessToken* (R9).`,
  noteNoCatalog: 'SimulatePrincipalPolicy was not run: the requirements catalog is not available.',
  noteNoDrift: (arn) => `No role of the workspace matches ${arn} by ARN or name: no drift report.`,
  liveRuntime: 'runtime',
  liveFinding: (runtime, message) => `Live (${runtime}): ${message}`,
  liveTerraformGrants: ' This Terraform grants it: the deployed role differs from it (not applied yet, or changed since).',
  liveDeployedAs: (address) => `deployed as ${address}`,
  liveTerraformOnly: (runtime, effect, action, resource) => `Live (${runtime}): ${effect} ${action} on ${resource} is in this Terraform but not in the deployed role (not applied yet?).`,
  liveOnly: (runtime, effect, action, resource) => `Live (${runtime}): the deployed role has ${effect} ${action} on ${resource}, which this Terraform does not define (changed outside Terraform?).`,
  liveTrustDiffers: (runtime, difference) => `Live (${runtime}): trust policy: ${difference}.`,
  trustDifference: (difference) => difference,
  obsTransactionSearchOff: (d) => `X-Ray sends trace segments to ${d}, not CloudWatch Logs: Transaction Search is off, so GenAI Observability shows no spans. Enable it (CloudWatch console → Application Signals → Transaction Search, or \`aws xray update-trace-segment-destination --destination CloudWatchLogs\` after the logs resource policy).`,
};

/** drift.ts's trust differences, each shape with its condition (operator and key, lower case) as written; as given when of no known shape. */
function trustDifferenceJa(d: string): string {
  let m = /^condition (.+) is live only$/s.exec(d);
  if (m) return `条件 ${m[1]} は稼働中のロールにだけある`;
  m = /^condition (.+) is in Terraform only$/s.exec(d);
  if (m) return `条件 ${m[1]} は Terraform にだけある`;
  if (d === 'the trust policies have different statements') return '信頼ポリシーのステートメントが異なる';
  return d;
}

const VERDICT_JA: Record<string, string> = { granted: '許可済み', missing: '不足', unknown: '判定不能', 'not-required': '不要', invalid: '無効' };

export const auditJa: AuditMessages = {
  locale: 'ja',
  verdictLine: ({ id, verdict, explanation }) => `${id}: ${VERDICT_JA[verdict] ?? verdict}。${explanation ? `${explanationJa(explanation)}。` : ''}`,
  notRequired: ({ id, createdBefore }) => `${id}: 不要（${createdBefore} 以降に作成）。`,
  notJudged: ({ id }) => `${id}: 判定していない（評価器を実行できなかった）。`,
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
  drift: (role, by) => `## Terraform との差分（${role}、${by === 'arn' ? 'ARN' : by === 'name' ? '名前' : by} で照合）`,
  noDrift: '_稼働中のロールは Terraform の定義どおりの権限を許可している。_',
  onlyLive: '稼働中のみ',
  onlyTerraform: 'Terraform のみ',
  driftStatement: (effect, action, resource) => `${resource} に対する ${effect} ${action}`,
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

  usageNotRuntimeArn: (arn) => `AgentCore ランタイムの ARN ではない: ${arn}（arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID の形で指定すること）。`,
  usageNoRuntime: 'ランタイムの ARN（--runtime-arn）か、ランタイム ID とリージョンを指定すること。',
  usageNoRegion: 'リージョンが決まらない: --region を指定するか、AWS_REGION を設定するか、プロファイルに `region` を設定すること。',

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
  timedOut: (label, s) => `${label}: AWS が ${s} 秒以内に応答しなかった。監査のこの部分はスキップした。`,
  failed: (label, code, detail) => `${label} に失敗: ${code}: ${detail}`,

  obsNoLogGroup: (id) => `ロググループ /aws/bedrock-agentcore/runtimes/${id}-* がない。Runtime はログを一度も書いていない（一度も呼び出されていないか、ロールにロググループ・ログストリームを作成する権限がない）。`,
  obsGroupSize: (bytes) => `（グループの保存量 ${bytes} バイト）`,
  obsNoStreams: (group, size) => `${group} にログストリームがない${size}。何も書き込まれたことがない。`,
  obsNoRuntimeLogs: (group, empty, size) =>
    `${group} に \`runtime-logs\` ストリームがない。エージェントの stdout/stderr（\`YYYY/MM/DD/[runtime-logs]<id>\`）も OpenTelemetry のログ（\`runtime-logs\`）も一度も届いていない` +
    (empty ? `。唯一のストリーム \`otel-rt-logs\` にもイベントがない（サービスが作成したが、エージェントは一度も書き込んでいない）` : '') +
    `${size}。ロールのログ権限がそろっているなら、たいていはエージェント自身のログ送信が失敗している。下の R5（logs:DescribeLogGroups）と R7（X-Ray）、OTEL 変数、エントリポイントが \`opentelemetry-instrument\` の下で動いているかを確認すること。`,
  obsStreams: (group, stdout, otel, size, last) => `${group}: stdout/stderr ストリーム ${stdout} 件、OpenTelemetry の \`runtime-logs\` ストリーム ${otel} 件${size}${last ? `、最終イベント ${last}` : ''}。`,
  obsTruncated: (group, count) => `${group}: 一覧にしたのは最新の ${count} ストリームだけ。`,
  obsStoredBytes: 'CloudWatch Logs はログストリームごとの `storedBytes` をもう更新していない（0 になる）。ストリームの動きは最終イベント時刻で、サイズはロググループの storedBytes で判断している。',
  obsOtelMissing: (variable, logGroup, groups) => `${variable} が指定しているロググループ ${logGroup} は存在しない` +
    (groups.length ? `（Runtime のロググループは ${groups.join('、')}）` : '') +
    '。エクスポーターが作成しない限り、そこに送った OpenTelemetry のログは失われる。変数を Runtime 自身のロググループ（通常は `…/runtimes/<runtime-id>-DEFAULT`）に向けること。',
  obsObservabilityFlag: 'AGENT_OBSERVABILITY_ENABLED は設定されているが、"true" ではない。',
  obsTransactionSearchOn: 'X-Ray の Transaction Search はオン。GenAI Observability に必要なとおり、スパンは CloudWatch Logs（aws/spans）に送られる。',
  obsTransactionSearchPending: (status) => `X-Ray の Transaction Search を有効化中（ステータス ${status}）。`,
  noteOtherRegion: (r, chosen) => `Runtime の ARN のリージョンは ${r}。選択したリージョン ${chosen} ではなく ${r} を読み取る。`,
  noteNoRuntime: (id, region) => `Runtime ${id} は ${region} に存在しない（ResourceNotFoundException）。削除されたか、別のリージョンまたはアカウントにある。`,
  noteCrossAccount: (arn, ra, rta) => `ロール ${arn} はアカウント ${ra}、Runtime はアカウント ${rta} のもの。IAM が読み取れるのは呼び出し元アカウントのロールだけなので、ポリシーは読み取っていない（判定は不明）。判定するにはアカウント ${ra} の認証情報で監査すること。`,
  noteNoRole: (arn) => `Runtime のロール ${arn} が存在しない（NoSuchEntity）。Runtime はセッションを開始できない。`,
  noteSlrExists: (created, cutoff, slr) => `作成日 ${created}（${cutoff} 以降）で ${slr} がある。ワークロードアクセストークンはサービスリンクロールから取得されるため、ロールに GetWorkloadAccessToken* のステートメント（R9）は不要。`,
  noteSlrMissing: (created, slr) => `作成日 ${created} だが ${slr} がない。Runtime はそれを通じてワークロードアクセストークンを取得できない。作り直す（runtime-identity.bedrock-agentcore.amazonaws.com に対する iam:CreateServiceLinkedRole）か、ロールで R9 を許可すること。`,
  noteBeforeSlr: (created, cutoff) => `作成日 ${created}（${cutoff} より前）。ロール自身が GetWorkloadAccessToken*（R9）を許可する必要がある。`,
  noteNoCatalog: 'SimulatePrincipalPolicy は実行していない。要件カタログを利用できない。',
  noteNoDrift: (arn) => `ワークスペースに ARN または名前が ${arn} と一致するロールがない。差分レポートはない。`,
  liveRuntime: 'Runtime',
  liveFinding: (runtime, message) => `ライブ（${runtime}）: ${message}`,
  liveTerraformGrants: 'この Terraform では許可している。デプロイ済みのロールがこの定義と異なる（まだ apply していないか、その後に変更された）。',
  liveDeployedAs: (address) => `${address} としてデプロイ済み`,
  liveTerraformOnly: (runtime, effect, action, resource) => `ライブ（${runtime}）: ${resource} に対する ${effect} ${action} はこの Terraform にあるが、デプロイ済みのロールにはない（まだ apply していない可能性がある）。`,
  liveOnly: (runtime, effect, action, resource) => `ライブ（${runtime}）: デプロイ済みのロールには ${resource} に対する ${effect} ${action} があるが、この Terraform では定義していない（Terraform の外で変更された可能性がある）。`,
  liveTrustDiffers: (runtime, difference) => `ライブ（${runtime}）: 信頼ポリシー: ${trustDifferenceJa(difference)}。`,
  trustDifference: trustDifferenceJa,
  obsTransactionSearchOff: (d) => `X-Ray はトレースセグメントを CloudWatch Logs ではなく ${d} に送っている。Transaction Search がオフのため、GenAI Observability にスパンが表示されない。有効にすること（CloudWatch コンソール → Application Signals → Transaction Search、またはログのリソースポリシーを設定した後に \`aws xray update-trace-segment-destination --destination CloudWatchLogs\`）。`,
};

/** The audit's words for a language tag: `ja`, `ja-JP`, `ja_JP.UTF-8` (a CLI's LANG) are Japanese (locale.ts). */
export function auditMessagesFor(locale: string | undefined): AuditMessages {
  return inLocale(locale, auditEn, auditJa);
}
