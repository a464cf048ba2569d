/**
 * The Japanese templates: the sentences a Japanese engineer writes about IAM (plain form, 「不足」「許可」
 * 「引き受け」), with actions, ARNs, addresses, Sids and condition keys exactly as given.
 */
import type { RoleKind } from '../model';
import { CONFLICT_JA, NOTE_JA, SDK_SEEN_JA, WHY_JA } from './ja-catalog';
import { en } from './en';
import { frontJa, reasonJa } from './front';
import type { Messages } from './types';

const KIND_LABEL: Record<RoleKind, string> = {
  runtime: 'Runtime 実行ロール',
  gateway: 'Gateway サービスロール',
  memory: 'Memory 実行ロール',
  'code-interpreter': 'Code Interpreter 実行ロール',
  browser: 'Browser 実行ロール',
  evaluation: 'Evaluations 実行ロール',
  harness: 'Harness 実行ロール',
  'payment-manager': 'Payment Manager ロール',
  'unknown-agentcore': 'AgentCore ロール',
};
const COMPONENT: Partial<Record<RoleKind, string>> = {
  runtime: 'この Runtime',
  gateway: 'この Gateway',
  memory: 'この Memory',
  'code-interpreter': 'この Code Interpreter',
  browser: 'この Browser',
  evaluation: 'この評価',
};
const VERDICT: Record<string, string> = { granted: '許可済み', missing: '不足', unknown: '判定不能', 'not-applicable': '対象外' };
const CLASS: Record<string, string> = { security: '推奨', legacy: 'レガシー', optional: 'オプション', conflict: 'AWS の情報源間で記述が食い違う' };

const list = (xs: string[]) => xs.join('、');
const depends = (d: string[]) => (d.length ? list(d.map(frontJa)) : '解析では知り得ない値');
/** A sentence given without its final full stop (either language's). */
const bare = (s: string) => s.replace(/[。.]$/, '');

export const ja: Messages = {
  locale: 'ja',
  why: (req) => WHY_JA[req.id] ?? req.why,
  note: (req) => NOTE_JA[req.id] ?? req.note,
  conflict: (id) => CONFLICT_JA[id] ?? en.conflict(id),
  kindLabel: (kind) => KIND_LABEL[kind],

  role: (address, kind, components) => `ロール ${address}（${KIND_LABEL[kind]}${components.length ? `、${list(components)} が使用` : ''}）`,
  awsManaged: (_count, source, l) => `。同梱の AWS 管理ポリシー（${source}）: ${l}`,
  subjectSentence: (who) => `${who}。`,
  relatedRole: (address) => `ロール ${address}`,
  relatedComponent: (address, attribute) => `${address} が ${attribute} でこのロールを指定`,
  page: (name) => (name ? `（AWS: ${name}）` : ''),
  dependsOnSources: (conflict) => `AWS のどの情報源が正しいか（${conflict}）`,
  dependsOnTrustPolicy: () => 'ロールの信頼ポリシー（assume-role policy）',
  dependsOnAgentCoreUser: () => 'このロールを使う AgentCore リソース（この構成のどのリソースもロールを指定していない）',
  dependsOnPlacement: (what) =>
    what === 'account'
      ? 'コンポーネントがデプロイされるアカウント（構成では決まらない。aws プロバイダーの allowed_account_ids にアカウントを 1 つ書くか、設定 agentcoreIam.defaults.account で決まる）'
      : what === 'region'
        ? 'コンポーネントがデプロイされるリージョン（構成では決まらない。プロバイダーにリテラルのリージョンを書くか、設定 agentcoreIam.defaults.region で決まる）'
        : 'コンポーネントがデプロイされるパーティション（構成では決まらない。プロバイダーにリテラルのリージョンを書くか、設定 agentcoreIam.defaults.partition で決まる）',
  dependsOnArtifact: (component) => `${component ?? 'コンポーネント'} のアーティファクト（コンテナイメージかコードか）`,
  trustAssumableNote: (keys) => `引き受けは可能。${list(keys)} の条件は不足または判定不能`,

  disputedGrant: (sid, resources) => `${sid ? `ステートメント "${sid}"` : 'あるステートメント'} が ${resources ? list(resources) : 'あるリソース'} に対して許可している`,
  disputed: ({ actions, grants, conflict, page, who }) =>
    `許可されていない可能性がある: ${list(actions)}。${grants.length ? list(grants) : 'リソースを絞ったステートメントが許可している'}が、"*" に対してではなく、それで許可されるかについて AWS の情報源の記述が食い違っている。${conflict}: ${bare(ja.conflict(conflict))}。"*" に対して許可すること${page}。${who}。`,
  legacyMissing: ({ actions, on, kind, createdBefore, why, page, who }) =>
    `${list(actions)} が不足（対象: ${on}）。${COMPONENT[kind] ?? 'このコンポーネント'}は ${createdBefore} より前に作成されており、${why}${page}。${who}。`,
  legacyNotRequired: ({ verdict, actions, statement, createdBefore, page, who }) =>
    `${list(actions)}（${statement}）は${verdict === 'missing' ? '許可されていない' : '許可されているとは言い切れない'}が、${createdBefore} 以降に作成された Runtime はサービスリンクロール AWSServiceRoleForBedrockAgentCoreRuntimeIdentity を使うため不要。必要なのはそれより前に作成された Runtime だけ${page}。${who}。`,
  conflictMissing: ({ actions, on, text, page, who }) => `${list(actions)} が許可されていない（対象: ${on}）。${bare(text)}${page}。${who}。`,
  unknownPermission: ({ missing, conditional, actions, on, why, dependsOn, page, who }) =>
    `${list(actions)} が${missing ? '不足' : '不足している可能性がある'}（対象: ${on}）。${conditional ? '該当する場合のみ必要。' : ''}理由: ${why}。判定は ${depends(dependsOn)} に依存する${page}。${who}。`,
  missingPermission: ({ actions, on, deniedBy, why, page, who }) =>
    `${list(actions)} が不足（対象: ${on}）${deniedBy.length ? `（${list(deniedBy.map((s) => s ?? '名前のない Deny ステートメント'))} で拒否）` : ''}。理由: ${why}${page}。${who}。`,
  trustUnreadable: ({ service, who }) => `信頼ポリシーを読み取れないため、${service} がこのロールを引き受けられるかは不明。${who}。`,
  trustNotAssumable: ({ service, action, why, who }) =>
    `${service} がこのロールを引き受けられない。信頼ポリシーがこのサービスプリンシパルに ${action} を許可していないが、${why}。${who}。`,
  trustConditionRefuses: ({ service, condition, sent, who }) => `${service} がこのロールを引き受けられない。信頼ポリシーは ${condition} の場合だけ許可するが、サービスが送る値は ${sent}。${who}。`,
  trustUnknown: ({ service, dependsOn, who }) => `${service} がこのロールを引き受けられるかは ${depends(dependsOn)} に依存する。${who}。`,
  trustConditionMissing: ({ wanted, service, who }) =>
    `信頼ポリシーに、AWS が推奨する confused deputy 対策の条件 ${wanted} がない。この条件なしで ${service} がロールを引き受けられる。${who}。`,
  trustConditionUnknown: ({ keys, dependsOn, who }) => `信頼ポリシーが ${list(keys)} を制限しているかは ${depends(dependsOn)} に依存する。${who}。`,
  sdkOnlyAction: ({ action, id, version, seen }) =>
    `${action} は同梱の Service Authorization Reference（${version}）にはないが、${SDK_SEEN_JA[id] ?? seen}。このデータより新しいアクションの可能性があり、IAM が認識するかはここでは判定できない。`,
  unknownAction: ({ action, reason, suggestion }) => {
    const what = reason === 'unknown-service' ? 'サービスプレフィックスが既知の AWS サービスではない' : reason === 'malformed' ? 'service:Action の形式になっていない' : 'Service Authorization Reference にないアクション';
    return `${action}: ${what}${suggestion ? `（${suggestion} の誤り？）` : ''}。これを含むステートメントは、見かけどおりの権限を許可しない。`;
  },
  resourceTypeMismatch: ({ resource, actions, types, allow, suggestion }) =>
    `${resource} は Service Authorization Reference 上の ${list(actions)} のどのリソースタイプ（${types}）にも一致しない。この ${allow ? 'Allow は何も許可しない' : 'Deny は何も保護しない'}${suggestion ? `（${suggestion} の誤り？）` : ''}。`,
  roleUnresolved: ({ component, attribute }) =>
    `${component}: ${attribute} で指定されたロールを、ワークスペース内の aws_iam_role または awscc_iam_role に解決できない（変数、データソース、または外部の ARN）ため、権限をチェックしていない。`,

  suppressionNamesNothing: (marker) => `この抑制コメントは無視する対象を指定していない。${marker} <要件またはルール。例: runtime.R7> -- <理由> の形で書くこと。`,
  suppressionWithoutReason: (ids) => `${list(ids)} の抑制コメントに理由がない。"--" の後に理由を書くこと。理由が書かれるまで ${list(ids)} は引き続き報告される。`,
  suppressionUnusedInObject: (ids) => `${list(ids)} の抑制コメントは何も抑制していない。これを含むオブジェクト内に該当する検出結果がない。`,
  suppressionUnused: (ids) => `${list(ids)} の抑制コメントは何も抑制していない。直下の行にも直下のブロックにも該当する検出結果がない。削除するか、検出結果の上に移動すること。`,

  fixReplaceAction: (old, suggestion) => `${old} を ${suggestion} に置き換える`,
  fixAddToStatement: (actions, statement) => `ステートメント ${statement} に ${list(actions)} を追加`,
  fixInsertStatement: ({ actions, label, withData, fill }) =>
    `${list(actions)} の公式ステートメントを挿入（${label}）${withData ? '。使用するデータソースも追加' : ''}${fill.length ? `（${list(fill)} を記入）` : ''}`,
  fixAddCondition: (keys, fill) => `信頼ポリシーに ${list(keys)} の条件を追加${fill.length ? `（${list(fill)} を記入）` : ''}`,
  fixRemoveUnusedSuppression: () => '未使用の抑制コメントを削除',
  fixIgnore: (id) => `このブロックで ${id} を無視（理由を -- の後に記入）`,
  fixAll: (count) => `このファイルの AgentCore IAM の検出結果をすべて修正（${count} 件）`,

  cliOtherFindings: () => 'その他の検出結果',
  cliRoleHeading: (role, kind) => `${role}${kind ? `（${KIND_LABEL[kind] ?? kind}）` : ''}`,
  cliSummary: ({ findings, errors, warnings, information, hints, roles, problems, suppressed }) =>
    `検出結果 ${findings} 件（error ${errors} 件、warning ${warnings} 件、information ${information} 件、hint ${hints} 件）、対象ロール ${roles} 件` +
    (problems ? `。ファイルの問題 ${problems} 件` : '') +
    (suppressed ? `。ソース内で抑制 ${suppressed} 件（--format json または sarif で一覧表示）` : ''),
  cliApplied: (fixes, files) => `agentcore-iam: ${files} 個のファイルに ${fixes} 件の修正を適用した\n`,
  cliFixNotApplied: (what) => `agentcore-iam: 修正を適用しなかった: ${what.replace(/^(.+?): (.+)$/s, (_, file: string, why: string) => `${file}: ${reasonJa(why)}`)}\n`,
  cliNoRole: (files, unfollowed) => {
    const why = unfollowed
      ? `${unfollowed} 件のモジュール呼び出しまたはロール参照をたどれなかった（どれが、なぜかは上の問題に示す）ため、その先のロールはチェックしていない。問題なしという結果ではない`
      : '構成内のロールを指定している AgentCore リソース（aws_bedrockagentcore_*、awscc_bedrockagentcore_*）がなく、bedrock-agentcore.amazonaws.com に引き受けを許可するロールや JSON の信頼ポリシーもない';
    return `agentcore-iam: ${files} 個のファイルで判定した AgentCore ロールはない。${why}\n`;
  },
  cliDidNotFinish: (count, rules) => `agentcore-iam: 解析が完了していない（問題 ${count} 件: ${list(rules)}）。上の検出結果はすべてではない\n`,
  cliIncomplete: (count, rules) => `解析が完了していない。上の ${count} 件の問題に場所と理由を示す（${list(rules)}）。問題なしという結果ではない。`,

  hoverNotAction: (reason, suggestion) =>
    `${reason === 'unknown-service' ? '既知の AWS サービスではない' : reason === 'malformed' ? 'service:Action の形式ではない' : 'Service Authorization Reference にないアクション'}${suggestion ? `（${suggestion} の誤り？）` : ''}`,
  hoverMatches: (count, l) => `${count} 個のアクションに一致: ${l}`,
  hoverResourceTypes: (l) => `リソースタイプ: ${l}`,
  hoverWildcardOnly: () => 'リソース: `*` のみ（リソースレベルのアクセス許可なし）',
  hoverConditionKeys: (l) => `条件キー: ${l}`,
  hoverSources: (l) => `出典: ${l}`,
  hoverSourceRead: (key, read) => `${key}、${read} 確認`,
  hoverDependsOn: (l) => `依存先: ${l}`,
  hoverDocumentation: () => 'ドキュメント',
  hoverRoleTitle: (address, kinds, components) => `${address}: ${kinds} のロール${components ? `（${components} が使用）` : ''}`,
  hoverRoleHeader: () => '| | 要件 | 判定 | 許可しているステートメント |',
  hoverVerdict: (verdict) => VERDICT[verdict] ?? verdict,
  hoverClass: (cls) => CLASS[cls] ?? cls,
  hoverStatement: () => 'ステートメント',

  front: frontJa,
};
