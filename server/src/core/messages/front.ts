/**
 * The Terraform front's own sentences in Japanese: the problems it reports on files (syntax errors,
 * files skipped or refused, module calls not read, cycles, analyses that did not finish), the reasons
 * inside them (the gate's refusals, why a module is not read, a count past the bound), and its
 * descriptions of what a verdict depends on (role.opaque, document.opaque: "inline policy X, which Y
 * deletes", "too large to expand", an AWS managed policy that is not bundled).
 *
 * Why a table keyed by the English sentence and not a data object per problem: these sentences are
 * built in a dozen files of the front (gate, disk, module-files, workspace, terraform/model, modules,
 * values, attachments, policies, glob, iam/managed, incomplete), some inside the CLI's worker threads,
 * and their reasons travel as strings through APIs others use (moduleDir's notRead, Instances.over
 * and .when, Refusal.refused, failureReason). Each English sentence is a fixed shape with its data
 * (addresses, expressions, sizes, error texts) in known places: each shape below takes that data out
 * and puts it into one Japanese template, so the English output stays byte for byte what it was, and
 * nothing is computed unless the language is Japanese. The edges call it (the CLI's reports, the
 * language server's diagnostics, the Japanese finding templates); test/unit/l10n/front.test.ts makes
 * every producer's sentence and checks that no English sentence is left.
 */

type Shape = readonly [RegExp, (g: string[]) => string];

/** A role kind as the front names it (RoleKind), as the Japanese templates call it (ja.ts KIND_LABEL, not imported: ja.ts imports this file). */
const KIND: Record<string, string> = {
  runtime: 'Runtime 実行ロール', gateway: 'Gateway サービスロール', memory: 'Memory 実行ロール', 'code-interpreter': 'Code Interpreter 実行ロール',
  browser: 'Browser 実行ロール', evaluation: 'Evaluations 実行ロール', harness: 'Harness 実行ロール', 'payment-manager': 'Payment Manager ロール',
  'unknown-agentcore': 'AgentCore ロール',
};

/** A condition under which a value or instance holds (Alt.when, Instances.when), possibly several joined by ", ". */
export function whenJa(s: string): string {
  return s.split(/, (?=when |if created|for each element of )/).map(whenOne).join('、');
}

const WHEN: Shape[] = [
  [/^when (.+) is true$/s, ([c]) => `${c} が true の場合`],
  [/^when (.+) is false$/s, ([c]) => `${c} が false の場合`],
  [/^when the others fail$/, () => 'ほかの引数が失敗する場合'],
  [/^when the others are null$/, () => 'ほかの引数が null の場合'],
  [/^when (.+) can be evaluated$/s, ([x]) => `${x} を評価できる場合`],
  [/^when (.+) is not null$/s, ([x]) => `${x} が null でない場合`],
  [/^if created \((count = .+)\)$/s, ([c]) => `${c} で作成される場合`],
  [/^if created$/, () => '作成される場合'],
  [/^for each element of (.+)$/s, ([x]) => `${x} の各要素について`],
];

function whenOne(s: string): string {
  return apply(WHEN, s) ?? s;
}

/** Reasons: a clause (no capital, no full stop) the front puts after "not read:", "File not read:", a module call's address. */
const REASONS: Shape[] = [
  // core/gate.ts
  [/^its real path is outside the workspace folder$/, () => '実パスがワークスペースフォルダーの外にある'],
  [/^it is not a regular file$/, () => '通常のファイルではない'],
  [/^it has other hard links, so writing it would change a file elsewhere$/, () => 'ほかのハードリンクがあり、書き込むと別の場所のファイルも変わる'],
  [/^it is larger than maxFileBytes \((\d+)\)$/, ([n]) => `maxFileBytes（${n}）より大きい`],
  // core/byte-edits.ts
  [/^overlapping edits at offset (\d+)$/, ([n]) => `オフセット ${n} で編集が重なっている`],
  [/^an edit starts or ends inside a character$/, () => '文字の途中で始まるか終わる編集がある'],
  [/^an edit covers bytes that are not valid UTF-8$/, () => 'UTF-8 として正しくないバイトにかかる編集がある'],
  [/^an edit writes U\+FFFD into a file that is not valid UTF-8$/, () => 'UTF-8 として正しくないファイルに U+FFFD を書き込む編集がある'],
  // cli/check.ts: a fix in a module outside the checked folder
  [/^it is outside the checked folder \(a module it calls\); check a folder that holds it to fix it there$/,
    () => 'チェックしたフォルダーの外（そこから呼び出すモジュール）にある。修正するには、このファイルを含むフォルダーをチェックすること'],
  // terraform/modules.ts moduleDir, terraform/model.ts
  [/^its source is not a literal string, which Terraform requires$/, () => 'source がリテラル文字列ではない（Terraform はリテラル文字列を要求する）'],
  [/^it is not in \.terraform\/modules\/modules\.json: run `terraform init` again to install it and let the roles it defines or names be checked$/,
    () => '.terraform/modules/modules.json にない。`terraform init` を再度実行してインストールすれば、このモジュールが定義または指定するロールをチェックできる'],
  [/^a module from (.+) is read once `terraform init` has installed it \(\.terraform\/modules\/modules\.json\): run it to let the roles it defines or names be checked$/s,
    ([src]) => `${src} のモジュールは \`terraform init\` でインストールされると読み込む（.terraform/modules/modules.json）。実行すれば、このモジュールが定義または指定するロールをチェックできる`],
  [/^its folder (.+) holds no Terraform file that was read$/s, ([d]) => `フォルダー ${d} に読み込んだ Terraform ファイルがない`],
  // terraform/values.ts Instances.over
  [/^(count = .+) gives (\d+) instances, more than the (\d+) the analysis expands: one instance stands for all, with count\.index unknown$/s,
    ([c, n, max]) => `${c} は ${n} 個のインスタンスになり、解析が展開する上限 ${max} を超える。1 つのインスタンスで全体を代表し、count.index は不明とする`],
  [/^(for_each = .+) gives (\d+) instances, more than the (\d+) the analysis expands: one instance stands for all, with each\.key and each\.value unknown$/s,
    ([c, n, max]) => `${c} は ${n} 個のインスタンスになり、解析が展開する上限 ${max} を超える。1 つのインスタンスで全体を代表し、each.key と each.value は不明とする`],
  // core/incomplete.ts failureReason
  [/^the configuration is nested too deeply to evaluate \((.+)\)$/s, ([e]) => `構成の入れ子が深すぎて評価できない（${e}）`],
  [/^a value too large to evaluate \((.+)\)$/s, ([e]) => `値が大きすぎて評価できない（${e}）`],
  // iam/managed.ts: why an AWS managed policy is not read
  [/^its content in partition (\S+) is not bundled$/, ([p]) => `パーティション ${p} での内容は同梱していない`],
  [/^not in the bundled (\S+) (\S+)$/, ([pkg, v]) => `同梱の ${pkg} ${v} にない`],
  [/^the managed policy data could not be read: (.+)$/s, ([e]) => `管理ポリシーのデータを読み取れなかった: ${e}`],
  [/^its bundled document could not be read: (.+)$/s, ([e]) => `同梱のドキュメントを読み取れなかった: ${frontJa(e)}`],
];

/** A reason clause in Japanese; as given when it has no known shape (the tests list every shape the front makes). */
export function reasonJa(s: string): string {
  return apply(REASONS, s) ?? s;
}

/** The "(X) of the analysis" part of "The analysis of X could not finish". */
const WHAT: Shape[] = [
  [/^the Terraform configuration$/, () => 'Terraform 構成'],
  [/^the module in (.+)$/s, ([d]) => `${d} のモジュール`],
  [/^this part of the workspace$/, () => 'ワークスペースのこの部分'],
];

/** Whole sentences: file problems and what a verdict depends on. */
const SENTENCES: Shape[] = [
  // terraform/runtime-targets.ts: a gateway's runtime target (gateway.G14)
  [/^the generated id suffix of (\S+)$/, ([r]) => `${r} の ID のうち自動生成される末尾部分`],
  [/^the agent_runtime_name of (\S+)$/, ([r]) => `${r} の agent_runtime_name`],
  [/^the resource-based policy of (.+), a runtime outside this configuration$/s, ([arn]) => `この構成の外にある Runtime ${arn} のリソースベースポリシー`],
  // terraform/component-requests.ts, analysis/own-requests.ts: own requests not all known
  [/^the targets of (\S+) declared outside this module$/, ([g]) => `このモジュールの外で宣言されうる ${g} のターゲット`],
  [/^whether (\S+) is a target of (\S+)$/, ([t, g]) => `${t} が ${g} のターゲットかどうか`],
  [/^the strategies of (\S+) declared outside this module$/, ([m]) => `このモジュールの外で宣言されうる ${m} の戦略`],
  [/^whether (\S+) is a strategy of (\S+)$/, ([t, m]) => `${t} が ${m} の戦略かどうか`],
  [/^the models behind (\S+)$/, ([id]) => `${id} の背後にあるモデル`],
  [/^resources of (\S+) that the configuration does not tell$/, ([c]) => `構成からは分からない ${c} のリソース`],
  [/^the repository of the image (.+)$/s, ([e]) => `イメージ ${e} のリポジトリ`],
  // terraform/values.ts instanceName: a resource's name that holds a variable, one named value
  [/^the name of (\S+) \((.*)\)$/s, ([r, w]) => `${r} の名前（${w}）`],
  // terraform/parser.ts, terraform/json-syntax.ts, json/policy.ts, workspace.ts
  [/^Syntax error$/, () => '構文エラー'],
  [/^Syntax error: missing (.+)$/s, ([t]) => `構文エラー: ${t} がない`],
  [/^JSON: (\w+)$/, ([code]) => `JSON の構文エラー: ${code}`],
  [/^JSON policy could not be read: (.+)$/s, ([e]) => `JSON ポリシーを読み取れない: ${e}`],
  [/^(.+) is not a Terraform JSON object, so nothing in it is analysed, and the roles of its module are judged without it \(what they lack is reported as unknown, not missing\)\.$/s,
    ([f]) => `${f} は Terraform JSON のオブジェクトではないため、中身は何も解析していない。このモジュールのロールはこのファイルなしで判定する（足りないものは「不足」ではなく「判定不能」として報告する）。`],
  [/^The Terraform parser could not be loaded: this file is not analysed\.$/, () => 'Terraform パーサーを読み込めなかったため、このファイルは解析していない。'],
  [/^The file could not be parsed again, so its roles and policies are not analysed: (.+)$/s, ([e]) => `このファイルを再解析できなかったため、その中のロールとポリシーは解析していない: ${e}`],
  // core/disk.ts, core/module-files.ts, workspace.ts (the gate's refusals)
  [/^(File|Folder) not read: it is a symlink whose real path is outside the workspace folder$/,
    ([k]) => `${k === 'File' ? 'ファイル' : 'フォルダー'}を読み込んでいない: 実パスがワークスペースフォルダーの外にあるシンボリックリンク`],
  [/^File not read: (.+)$/s, ([r]) => `ファイルを読み込んでいない: ${reasonJa(r)}`],
  [/^File skipped: (\d+) bytes exceeds maxFileBytes \((\d+)\)$/, ([n, max]) => `ファイルをスキップした: ${n} バイトで maxFileBytes（${max}）を超える`],
  [/^File unreadable: (.+)$/s, ([e]) => `ファイルを読み取れない: ${e}`],
  [/^More than (\d+) module folders are called: this one and those after it are not read, so the roles they define are not checked\.$/,
    ([n]) => `呼び出されるモジュールフォルダーが ${n} 個を超える。このフォルダーとそれ以降は読み込まないため、そこで定義されたロールはチェックしていない。`],
  // terraform/model.ts, terraform/module-cycles.ts, core/incomplete.ts
  [/^module\.(\S+) is called more than 8 module calls deep: the analysis follows no deeper, so what it defines is not checked\. This is not a clean result\.$/,
    ([m]) => `module.${m} はモジュール呼び出しが 8 段を超える深さにある。解析はこれより深くたどらないため、そこで定義されたものはチェックしていない。問題なしという結果ではない。`],
  [/^(\S+): more than (\d+) module instances in this configuration; the analysis expands no more, and what they define is not checked\.$/,
    ([m, n]) => `${m}: この構成のモジュールインスタンスが ${n} 個を超える。解析はこれ以上展開しないため、そこで定義されたものはチェックしていない。`],
  [/^(\S+) is not read, so the roles it defines and its outputs \(a role_arn it gives\) cannot be checked: (.+)\.$/s,
    ([m, why]) => `${m} は読み込んでいないため、そこで定義されたロールと出力（そこから渡される role_arn）はチェックできない。${reasonJa(why)}。`],
  [/^(\S+): ((?:count|for_each) = .+ the analysis expands: .+ unknown)\.$/s, ([a, over]) => `${a}: ${reasonJa(over)}。`],
  [/^(\S+)\.(\w+) \((.+)\) does not name a role of this configuration: its role cannot be checked here\.(?: (\S+) is not read: (.+)\.)?$/s,
    ([c, attr, expr, m, why]) => `${c}.${attr}（${expr}）はこの構成のロールを指定していないため、そのロールはここではチェックできない。${m ? `${m} は読み込んでいない: ${reasonJa(why)}。` : ''}`],
  [/^(\S+)\.(\w+) names (.+?): that role is checked here\.(?: Otherwise \((.+)\) the role comes from outside this configuration and is not checked: make sure it grants what a (\S+) role needs and trusts bedrock-agentcore\.amazonaws\.com\.)?$/s,
    ([c, attr, judged, rest, kind]) => `${c}.${attr} は ${judgedJa(judged)} を指定しており、そのロールはここでチェックする。` +
      (rest !== undefined ? `それ以外の場合（${judgedJa(rest)}）のロールはこの構成の外から来るためチェックしていない。${KIND[kind] ?? `${kind} のロール`}に必要な権限を許可し、bedrock-agentcore.amazonaws.com を信頼していることを確認すること。` : '')],
  [/^module\.(\S+) (?:calls its own folder|calls (.+), which leads back to this folder through module calls \(a cycle of (\d+) folders\)): Terraform refuses a module that calls itself, so the roles of these folders are not checked \(or not all of them\): this is not a clean result\.$/s,
    ([m, to, n]) => `module.${m} は${to === undefined ? '自分自身のフォルダーを呼び出している' : ` ${to} を呼び出し、モジュール呼び出しを経てこのフォルダーに戻る（${n} 個のフォルダーの循環）`}。Terraform は自分自身を呼び出すモジュールを受け付けないため、これらのフォルダーのロールはチェックしていない（少なくとも一部は）。問題なしという結果ではない。`],
  [/^The analysis of (.+?) could not finish: (.+)\. Its roles are not checked: this is not a clean result\.$/s,
    ([what, why]) => `${apply(WHAT, what) ?? what}の解析を完了できなかった: ${reasonJa(why)}。そのロールはチェックしていない。問題なしという結果ではない。`],

  // What a verdict depends on (role.opaque, document.opaque, unknown values)
  // terraform/attachments.ts: what an attachment's policy ARN leaves unknown, with the attachment
  [/^(.+) \(((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*aws(?:cc)?_[a-z0-9_]+\.[\w-]+(?:\[[^\]]*\])?)\)$/s, ([o, a]) => `${frontJa(o)}（${a}）`],
  [/^(.+) \(not readable as Terraform JSON\)$/s, ([f]) => `${f}（Terraform JSON として読めない）`],
  [/^(\S+) has no policy$/, ([a]) => `${a} にポリシーがない`],
  [/^cycle through (\S+)$/, ([id]) => `${id} を通る循環参照`],
  [/^templatefile variable (\S+)$/, ([n]) => `templatefile の変数 ${n}`],
  [/^format argument$/, () => 'format() の引数'],
  [/^\((\w+) value\)$/, ([k]) => `（${k} 値）`],
  [/^inline policy (.+), which (\S+) deletes \(its policy_names do not list it\)$/s, ([p, by]) => `インラインポリシー ${p}（${by} が削除する。policy_names に含まれていない）`],
  [/^(\S+) \(policy_names = (.+)\) may delete inline policies of the role$/s, ([a, e]) => `ロールのインラインポリシーを削除しうる ${a}（policy_names = ${e}）`],
  [/^(\S+), which exists only (.+)$/s, ([a, w]) => `${a}（${whenJa(w)}のみ存在）`],
  [/^(\d+) policy attachments whose role cannot be resolved, e\.g\. (.+)$/s, ([n, e]) => `ロールを解決できないポリシーのアタッチ ${n} 件（例: ${e}）`],
  [/^AWS managed policy (\S+) \((.+)\)$/s, ([p, why]) => `AWS 管理ポリシー ${p}（${reasonJa(why)}）`],
  [/^a list nested more than (\d+) deep \(too large to expand\)$/, ([n]) => `${n} 段を超えて入れ子になったリスト（大きすぎて展開できない）`],
  [/^a list of more than ([\d,]+) strings \(too large to expand\)$/, ([n]) => `${n} 個を超える文字列のリスト（大きすぎて展開できない）`],
  [/^(.+) \(a list of ([\d,]+) items, more than the ([\d,]+) the analysis expands\)$/s, ([t, n, max]) => `${t}（要素 ${n} 個のリスト。解析が展開する上限 ${max} を超える）`],
  [/^a pattern too long to compare \(([\d,]+) characters: (.+)\)$/s, ([n, head]) => `長すぎて比較できないパターン（${n} 文字: ${head}）`],
  [/^(.+) up to its role name$/s, ([t]) => `${t} のロール名より前の部分`],
  [/^(.+), not read: (.+)$/s, ([e, why]) => `${e}（読み込んでいない: ${reasonJa(why)}）`],
];

/** "ROLE when C is true; ROLE2" (the roles a role attribute names, each with its condition). */
function judgedJa(s: string): string {
  return s.split('; ').map((part) => {
    const m = /^(\S+) ((?:when |if created|for each element of ).+)$/s.exec(part) ?? /^((?:when |if created|for each element of )[^:]+): (.+)$/s.exec(part);
    if (!m) return part;
    return m[1].startsWith('when ') || m[1].startsWith('if created') || m[1].startsWith('for each') ? `${whenJa(m[1])}: ${m[2]}` : `${m[1]}（${whenJa(m[2])}）`;
  }).join('、');
}

function apply(shapes: readonly Shape[], s: string): string | undefined {
  for (const [re, f] of shapes) {
    const m = re.exec(s);
    if (m) return f(m.slice(1));
  }
  return undefined;
}

/** The IAM evaluator's explanation of a verdict (core/iam/evaluate.ts, audit/evidence.ts): the live audit shows it for requirements without a finding. */
const EXPLANATIONS: Shape[] = [
  [/^the trust policy could not be read$/, () => '信頼ポリシーを読み取れなかった'],
  [/^(.+?) allowed on (.+?) by (statement ".*"|a statement)$/s, ([a, r, st]) => `${a} は ${r} に対して許可されている（${statementJa(st)}）`],
  [/^(.+?) allowed on (.+)$/s, ([a, r]) => `${a} は ${r} に対して許可されている`],
  [/^(\S+) on (.+): the permissions boundary does not allow it$/s, ([a, r]) => `${a}（対象: ${r}）はアクセス許可の境界が許可していない`],
  [/^(\S+) on (.+): no statement allows it$/s, ([a, r]) => `${a}（対象: ${r}）を許可するステートメントがない`],
  [/^(\S+) on (.+?): (statement ".*"|a statement) denies it$/s, ([a, r, st]) => `${a}（対象: ${r}）を${statementJa(st)}が拒否している`],
  [/^(.+?) may or may not be allowed: depends on values the analysis cannot know$/s, ([a]) => `${a} が許可されているかは、解析では知り得ない値に依存する`],
  [/^(.+?) may or may not be allowed: depends on (.+)$/s, ([a, d]) => `${a} が許可されているかは ${dependsJa(d)} に依存する`],
];

/** The evaluator's "depends on A, B" (its dependsOn joined by ", "): each entry the front wrote in Japanese, expressions as written. */
function dependsJa(d: string): string {
  const whole = frontJa(d);
  return whole !== d ? whole : d.split(', ').map(frontJa).join(', ');
}

/** core/iam/evaluate.ts's statement: 'statement "Sid"' or 'a statement'. */
function statementJa(st: string): string {
  return st === 'a statement' ? 'Sid のないステートメント' : `ステートメント ${st.slice('statement '.length)}`;
}

const CONDITION_VERDICT: Record<string, string> = { missing: '不足', unknown: '判定不能', granted: '許可済み' };

/** An evaluator's explanation in Japanese; a trust verdict's "KEY missing; KEY unknown" as a list; else as given. */
export function explanationJa(s: string): string {
  if (!s) return s;
  const known = apply(EXPLANATIONS, s);
  if (known !== undefined) return known;
  const conditions = s.split('; ').map((c) => /^(\S+) (missing|unknown|granted)$/.exec(c));
  if (conditions.every((c) => c)) return `条件 ${conditions.map((c) => `${c![1]}: ${CONDITION_VERDICT[c![2]]}`).join('、')}`;
  return s;
}

const cache = new Map<string, string>();

/** A sentence of the front in Japanese; as given when it has no known shape (an error text of a library, an expression). */
export function frontJa(s: string): string {
  let out = cache.get(s);
  if (out !== undefined) return out;
  out = apply(SENTENCES, s) ?? reasonJa(s);
  if (cache.size > 2_000) cache.clear();
  cache.set(s, out);
  return out;
}
