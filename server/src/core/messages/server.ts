/**
 * What the language server says about itself, one template per language: the indexing progress the
 * client shows while the workspace is read, the status bar's error text (where the server met the
 * error, and the error's own message as thrown) and the lines of its output channel. Paths and error messages come out as written.
 * Chosen by the client's `initialize` locale (lsp/handlers/settings.ts getClientLocale).
 */
import { inLocale } from './locale';
import type { Locale } from './types';

/**
 * Where the server met an error (lsp/status.ts Status.error): a handler, a step of the project, or a
 * step on one path. A closed set, so that every place the server reports from has its words here:
 * a new one does not compile until it is added (and given its Japanese in STEP_JA / stepJa).
 */
export type ServerStep =
  | 'initialized' | 'configuration' | 'workspace folders' | 'didOpen' | 'didChange' | 'didClose'
  | 'watched files' | 'code actions' | 'hover' | 'reanalyse'
  | 'reindex' | 'updateSettings' | 'publishing diagnostics' | 'uncaught exception' | 'unhandled rejection'
  | `loading ${string}` | `analysis of ${string}` | `setFile ${string}` | `reload ${string}` | `remove ${string}`;

export interface ServerMessages {
  readonly locale: Locale;
  /** The work-done progress's message while the workspace's folders are indexed. */
  progressIndexing: string;
  /** The same progress once one folder is indexed. */
  progressIndexed(root: string): string;
  /** The status notification's error message (the client shows it in the status bar's tooltip). */
  statusError(step: ServerStep, detail: string): string;

  // --- the output channel (Project.log) ----------------------------------------------------------
  logIndexed(root: string, files: number, ms: number): string;
  /** A Terraform file opened outside every workspace folder: its folder is analysed while it is open. */
  logLooseFolder(root: string, file: string): string;
  logLooseFolderClosed(root: string): string;
  /** `parts`: the parts this analysis ran; `warm`: the parts kept for editing after it (workspace-index.ts). */
  logAnalysed(root: string, a: { roles: number; findings: number; problems: number; parts: number; warm: number; ms: number }): string;
  /** A hover part that failed (`what`: a role, or the quoted action); the others still answer. */
  logHoverFailed(what: { role: true } | { quoted: string }, detail: string): string;
  logModulesNotWatched(roots: string[]): string;
}

export const serverEn: ServerMessages = {
  locale: 'en',
  progressIndexing: 'Indexing Terraform and JSON files',
  progressIndexed: (root) => `Indexed ${root}`,
  statusError: (step, detail) => `${step}: ${detail}`,
  logIndexed: (root, files, ms) => `[${root}] indexed ${files} files in ${ms} ms`,
  logLooseFolder: (root, file) => `[${root}] ${file} is outside every workspace folder: analysing its folder (and two levels of folders below) until it is closed`,
  logLooseFolderClosed: (root) => `[${root}] no document of this folder is open any more: no longer analysed`,
  logAnalysed: (root, a) => `[${root}] ${a.roles} roles, ${a.findings} findings, ${a.problems} file problems; ${a.parts} part(s) analysed, ${a.warm} warm, in ${a.ms} ms`,
  logHoverFailed: (what, detail) => `hover on ${'role' in what ? 'a role' : what.quoted}: ${detail}`,
  logModulesNotWatched: (roots) => `module folders outside the workspace are read but not watched (the client does not support relative file watchers): ${roots.join(', ')}`,
};

const STEP_JA = new Map<string, string>(Object.entries({
  initialized: '初期化',
  configuration: '設定の変更',
  'workspace folders': 'ワークスペースフォルダーの変更',
  didOpen: 'ファイルを開く処理',
  didChange: '編集の反映',
  didClose: 'ファイルを閉じる処理',
  'watched files': 'ディスク上の変更の反映',
  'code actions': 'コードアクション',
  hover: 'ホバー',
  reanalyse: '再解析',
  reindex: 'ワークスペースの再読み込み',
  updateSettings: '設定の適用',
  'publishing diagnostics': '診断の公開',
  'uncaught exception': '捕捉されなかった例外',
  'unhandled rejection': '処理されなかった Promise の拒否',
}));

const ON_PATH_JA: [prefix: string, ja: (path: string) => string][] = [
  ['loading ', (p) => `${p} の読み込み`],
  ['analysis of ', (p) => `${p} の解析`],
  ['setFile ', (p) => `${p} の変更の反映`],
  ['reload ', (p) => `${p} の再読み込み`],
  ['remove ', (p) => `${p} の削除の反映`],
];

/** A step in Japanese (each ServerStep has its words: test/unit/l10n/server-status.test.ts). */
export function stepJa(step: ServerStep): string {
  const fixed = STEP_JA.get(step);
  if (fixed) return fixed;
  for (const [prefix, ja] of ON_PATH_JA) if (step.startsWith(prefix)) return ja(step.slice(prefix.length));
  return step;
}

export const serverJa: ServerMessages = {
  locale: 'ja',
  progressIndexing: 'Terraform と JSON のファイルを読み込み中',
  progressIndexed: (root) => `${root} を読み込んだ`,
  statusError: (step, detail) => `${stepJa(step)}: ${detail}`,
  logIndexed: (root, files, ms) => `[${root}] ${files} 個のファイルを ${ms} ms で読み込んだ`,
  logLooseFolder: (root, file) => `[${root}] ${file} はどのワークスペースフォルダーにも属さないため、閉じるまでそのフォルダー（と 2 階層下まで）を解析する`,
  logLooseFolderClosed: (root) => `[${root}] このフォルダーのファイルがすべて閉じられたため、解析を終了した`,
  logAnalysed: (root, a) => `[${root}] ロール ${a.roles} 件、検出結果 ${a.findings} 件、ファイルの問題 ${a.problems} 件。${a.parts} 個の部分を解析、編集中の部分 ${a.warm} 個、${a.ms} ms`,
  logHoverFailed: (what, detail) => `${'role' in what ? 'ロール' : what.quoted} のホバーに失敗: ${detail}`,
  logModulesNotWatched: (roots) => `ワークスペース外のモジュールフォルダーは読み込むが、変更は監視しない（クライアントが相対パスのファイル監視に対応していない）: ${roots.join('、')}`,
};

/** The server's words for a language tag (locale.ts): Japanese for `ja`, `ja-JP`, ...; else English. */
export function serverMessagesFor(locale: string | undefined): ServerMessages {
  return inLocale(locale, serverEn, serverJa);
}
