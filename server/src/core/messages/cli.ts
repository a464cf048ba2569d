/**
 * What the CLI says about its own use (usage, argument errors, the run's statistics), one template per
 * language: the commands, options, values and paths are passed in and come out as written.
 */
import { inLocale } from './locale';
import type { Locale } from './types';

export interface CliMessages {
  /** "usage: SYNOPSIS" */
  usage(synopsis: string): string;
  /** `agentcore-iam --help`: the synopses as written. */
  help(a: { version: string; check: string; audit: string; catalog: string }): string;
  unknownCommand(cmd: string): string;
  /** An error of node:util parseArgs (its code and its English message: the option is quoted in it). */
  argumentError(e: { code?: string; message: string }): string;
  checkFormat(value: string): string;
  checkFailOn(value: string): string;
  checkDirectories(count: number): string;
  checkNoDirectory(dir: string): string;
  checkNotDirectory(dir: string): string;
  checkThreads(value: string): string;
  noFix(): string;
  stats(a: { files: number; roles: number; findings: number; ms: number; threads: number; rssMb: number }): string;
  catalogFormat(value: string | undefined): string;
  unknownArgument(arg: string): string;
  auditFormat(value: string): string;
  auditRuntimeRequired(): string;
  auditWorkspaceNotAnalysed(workspace: string, reason: string): string;
  /** The audit's fatal error (its message already in this language: audit/errors.ts). */
  auditError(message: string): string;
  /** A rule's description in SARIF (core/rules.ts, and the file-problem rules): English as the rule says it. */
  ruleDescription(id: string, english: string): string;
}

export const cliEn: CliMessages = {
  usage: (synopsis) => `usage: ${synopsis}`,
  help: ({ version, check, audit, catalog }) => `agentcore-iam ${version}: checks the IAM roles of Amazon Bedrock AgentCore components in Terraform

usage: ${check}
       ${audit}
       ${catalog}
       agentcore-iam --help | --version
       --lang en|ja (any command): the language of messages; without it LC_ALL, LC_MESSAGES or LANG (ja_JP.UTF-8: Japanese)

Exit codes: 0 nothing at or above --fail-on (default warning), 1 findings at or above it, 2 usage or I/O error,
or an analysis that could not finish (a module that calls itself, a configuration too deep to evaluate).
`,
  unknownCommand: (cmd) => `unknown command '${cmd}'`,
  argumentError: (e) => e.message,
  checkFormat: (v) => `unknown --format '${v}' (text, json or sarif)`,
  checkFailOn: (v) => `unknown --fail-on '${v}' (error, warning, information, hint or none)`,
  checkDirectories: (n) => `one directory at most, got ${n}`,
  checkNoDirectory: (dir) => `directory does not exist: ${dir}`,
  checkNotDirectory: (dir) => `not a directory: ${dir}`,
  checkThreads: (v) => `--threads wants a whole number from 1 to 64, got '${v}'`,
  noFix: () => 'agentcore-iam: no fix to apply\n',
  stats: ({ files, roles, findings, ms, threads, rssMb }) => `agentcore-iam: ${files} file(s), ${roles} role(s), ${findings} finding(s) in ${ms} ms on ${threads} thread(s); peak RSS ${rssMb} MB\n`,
  catalogFormat: (v) => `--format must be markdown or json${v === undefined ? '' : `, not '${v}'`}`,
  unknownArgument: (a) => `unknown argument '${a}'`,
  auditFormat: (v) => `unknown --format ${v}`,
  auditRuntimeRequired: () => '--runtime-arn is required',
  auditWorkspaceNotAnalysed: (ws, reason) => `warning: the workspace ${ws} could not be analysed (${reason}); no drift report.\n`,
  auditError: (message) => `error: ${message}\n`,
  ruleDescription: (_id, english) => english,
};

/** Each rule's description (core/rules.ts; the file-problem rules of cli/render.ts's SARIF), as a Japanese engineer writes it. */
const RULE_JA: Record<string, string> = {
  'missing-permission': 'AgentCore コンポーネントに必要な権限が、そのロールで許可されていない（IAM の評価ルールによる）。',
  'unknown-permission': '必要な権限が許可されているかを静的には判定できない。検出結果に判定が依存するものを示す。不具合ではない。',
  'legacy-permission': '古い構成でのみ必要なステートメント（R9: 2025-10-13 より前に作成された Runtime）がない。',
  'source-conflict': 'このステートメントについて AWS の情報源間で記述が食い違っている（カタログの C1–C10、docs/catalog.md）。ある読み方では許可されていないか、ほかの情報源が異を唱える読み方でのみ許可される（その場合は判定不能）。',
  'narrow-grant': 'ロールはこのコンポーネント自身が要求するもの（イメージのリポジトリ、自身のロググループ、Lambda ターゲット）だけを許可しており、ドキュメントのステートメントより狭い。許可はされているが、名前の変更やリソースの追加にはポリシーの変更も必要になる。イメージのリポジトリが別アカウントにある場合は information（リポジトリポリシーでもロールを許可する必要がある）。',
  'trust-condition-missing': '信頼ポリシーが、ドキュメントにある aws:SourceArn / aws:SourceAccount の confused deputy 対策なしで AgentCore サービスにロールの引き受けを許可している。',
  'trust-not-assumable': '信頼ポリシーが bedrock-agentcore.amazonaws.com にロールの引き受けを許可していない。',
  'unknown-action': 'Service Authorization Reference にないアクション（誤記、または存在しないアクション）。',
  'resource-type-mismatch': 'ステートメントのリソースが、Service Authorization Reference 上のそのアクションのどのリソースタイプにも一致しない（例: ドキュメントにあるハイフン区切りの oauth2-credential-provider の ARN）。Allow はそれに対して何も許可せず（warning）、Deny は何も保護しない（error）。',
  'suppression-invalid': 'ソース内の抑制コメント（# agentcore-iam:ignore ID -- 理由）に理由または ID がない。両方そろうまで何も抑制しない。',
  'suppression-unused': 'ソース内の抑制コメントが何も抑制していない。直下の行にも直下のブロックにも、指定した検出結果がない。',
  'role-unresolved': 'ワークスペース内でロールを解決できない AgentCore リソース。そのためチェックできない。',
  'syntax-error': 'ファイルを解析できなかった。',
  'analysis-failed': 'ワークスペースの一部の解析を完了できなかった。そのロールはチェックしていない。',
  'module-cycle': 'モジュールが直接またはほかのモジュールを経由して自分自身を呼び出している。Terraform はこれを受け付けず、そのロールはチェックしていない。',
};

/** The option node:util parseArgs names in its message ('--x', '--format <value>'). */
const quoted = (message: string) => /'([^']+)'/.exec(message)?.[1];

export const cliJa: CliMessages = {
  usage: (synopsis) => `使い方: ${synopsis}`,
  help: ({ version, check, audit, catalog }) => `agentcore-iam ${version}: Terraform で書かれた Amazon Bedrock AgentCore コンポーネントの IAM ロールをチェックする

使い方: ${check}
        ${audit}
        ${catalog}
        agentcore-iam --help | --version
        --lang en|ja（どのコマンドでも可）: メッセージの言語。指定がなければ LC_ALL、LC_MESSAGES、LANG の順に見る（ja_JP.UTF-8 なら日本語）

終了コード: 0 --fail-on（既定: warning）以上の検出結果なし、1 それ以上の検出結果あり、2 使い方または入出力のエラー、
または完了しなかった解析（自分自身を呼び出すモジュール、評価できないほど深い構成）。
`,
  unknownCommand: (cmd) => `不明なコマンド '${cmd}'`,
  argumentError: (e) => {
    const option = quoted(e.message);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `不明なオプション '${option}'（'-' で始まる位置引数は、コマンドの末尾の '--' の後に置く）`;
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `オプション '${option}' の値が正しくない（値がないか、値をとらないオプションに値がある）`;
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && option) return `予期しない引数 '${option}'（このコマンドは位置引数をとらない）`;
    return e.message;
  },
  checkFormat: (v) => `不明な --format '${v}'（text、json、sarif のいずれか）`,
  checkFailOn: (v) => `不明な --fail-on '${v}'（error、warning、information、hint、none のいずれか）`,
  checkDirectories: (n) => `ディレクトリは 1 つまで（${n} 個指定された）`,
  checkNoDirectory: (dir) => `ディレクトリが存在しない: ${dir}`,
  checkNotDirectory: (dir) => `ディレクトリではない: ${dir}`,
  checkThreads: (v) => `--threads には 1 から 64 までの整数を指定する（指定値: '${v}'）`,
  noFix: () => 'agentcore-iam: 適用する修正はない\n',
  stats: ({ files, roles, findings, ms, threads, rssMb }) => `agentcore-iam: ファイル ${files} 個、ロール ${roles} 件、検出結果 ${findings} 件、${ms} ms（スレッド ${threads} 個）。最大 RSS ${rssMb} MB\n`,
  catalogFormat: (v) => `--format は markdown か json${v === undefined ? '' : `（指定値: '${v}'）`}`,
  unknownArgument: (a) => `不明な引数 '${a}'`,
  auditFormat: (v) => `不明な --format ${v}（text、json、markdown のいずれか）`,
  auditRuntimeRequired: () => '--runtime-arn の指定が必要',
  auditWorkspaceNotAnalysed: (ws, reason) => `警告: ワークスペース ${ws} を解析できなかった（${reason}）。ドリフトは報告しない。\n`,
  auditError: (message) => `エラー: ${message}\n`,
  ruleDescription: (id, english) => RULE_JA[id] ?? english,
};

export function cliMessagesFor(locale: Locale | string | undefined): CliMessages {
  return inLocale(locale, cliEn, cliJa);
}
