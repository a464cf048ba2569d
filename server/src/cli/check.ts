/**
 * `agentcore-iam check [DIR] [--format text|json|sarif] [--fail-on error|warning|information|hint|none] [--fix [--fix-include-information]]`
 * Exit: 0 nothing at or above --fail-on (default warning); 1 findings at or above it; 2 usage or I/O
 * error, or an analysis that could not finish (core/incomplete.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { mergeFixes, textAtOf } from '../core/fixes';
import { applyEditsToBytes } from '../core/byte-edits';
import { isRefusal, readGatedText, rewriteGated } from '../core/gate';
import { inFixAll, type FixAllOptions } from '../core/fix-all';
import { coldAnalyze } from '../core/cold';
import type { Finding, Fix, Severity } from '../core/model';
import { DEFAULT_SETTINGS, withDefaults } from '../core/settings';
import { messagesFor } from '../core/messages';
import { cliMessagesFor } from '../core/messages/cli';
import type { FileProblem } from '../core/workspace-model';
import type { SuppressedFinding } from '../core/suppress';
import { SEVERITY_RANK } from '../core/rules';
import { incompleteProblems } from '../core/incomplete';
import { renderJson, renderSarif, renderText } from './render';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export class UsageError extends Error {}

export const CHECK_SYNOPSIS = 'agentcore-iam check [DIR] [--format text|json|sarif] [--fail-on error|warning|information|hint|none] [--fix [--fix-include-information]] [--stats] [--threads N]';

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'information', 'hint', 'none'] as const;

export interface CheckResult {
  findings: Finding[];
  problems: FileProblem[];
  /** Findings left out by in-source suppressions (`# agentcore-iam:ignore ID -- reason`). */
  suppressed: SuppressedFinding[];
  /** What the run took (`--stats`). */
  stats: { files: number; roles: number; threads: number; ms: number };
}

/**
 * Reads DIR from disk and analyses it (core/cold: the workspace in independent parts, on worker
 * threads when it is large). `fixes`: compute every finding's fixes (JSON report, `--fix`).
 */
export async function checkDir(dir: string, options: { fixes?: boolean; workers?: number } = {}): Promise<CheckResult> {
  const t0 = performance.now();
  const r = await coldAnalyze(dir, withDefaults(undefined), { fixes: options.fixes ?? true, workers: options.workers });
  return { findings: r.findings, problems: r.problems, suppressed: r.suppressed, stats: { files: r.files.length, roles: r.roles, threads: r.threads, ms: performance.now() - t0 } };
}

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export async function runCheckCli(argv: string[], io: Io): Promise<number> {
  const c = cliMessagesFor(DEFAULT_SETTINGS.locale);
  const usage = c.usage(CHECK_SYNOPSIS);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'fail-on': { type: 'string', default: 'warning' },
        fix: { type: 'boolean', default: false },
        'fix-include-information': { type: 'boolean', default: false },
        stats: { type: 'boolean', default: false },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr(`agentcore-iam check: ${c.argumentError(e as Error & { code?: string })}\n${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number];
  if (!FORMATS.includes(format)) {
    io.stderr(`agentcore-iam check: ${c.checkFormat(String(values.format))}\n${usage}\n`);
    return 2;
  }
  if (!FAIL_ON.includes(failOn)) {
    io.stderr(`agentcore-iam check: ${c.checkFailOn(String(values['fail-on']))}\n${usage}\n`);
    return 2;
  }
  if (positionals.length > 1) {
    io.stderr(`agentcore-iam check: ${c.checkDirectories(positionals.length)}\n${usage}\n`);
    return 2;
  }
  const dir = path.resolve(positionals[0] ?? '.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    io.stderr(`agentcore-iam check: ${c.checkNoDirectory(dir)}\n`);
    return 2;
  }
  if (!stat.isDirectory()) {
    io.stderr(`agentcore-iam check: ${c.checkNotDirectory(dir)}\n`);
    return 2;
  }

  let workers: number | undefined;
  if (values.threads !== undefined) {
    const n = Number(values.threads);
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      io.stderr(`agentcore-iam check: ${c.checkThreads(String(values.threads))}\n${usage}\n`);
      return 2;
    }
    workers = n === 1 ? 0 : n;
  }
  // Fixes are computed only for the outputs that show or apply them.
  const fixes = values.fix || format === 'json';
  let result: CheckResult;
  try {
    result = await checkDir(dir, { fixes, workers });
    if (values.fix) {
      const applied = applyFixes(dir, result, { includeInformation: values['fix-include-information'] });
      for (const r of applied.refused) io.stderr(say().cliFixNotApplied(r));
      if (applied.files.length) {
        io.stderr(say().cliApplied(applied.fixes, applied.files.length));
        result = await checkDir(dir, { fixes, workers });
      } else io.stderr(c.noFix());
    }
  } catch (e) {
    io.stderr(`agentcore-iam check: ${(e as Error).message}\n`);
    return 2;
  }

  const { findings, problems, suppressed } = result;
  if (values.stats) {
    const { files, roles, threads, ms } = result.stats;
    io.stderr(c.stats({ files, roles, findings: findings.length, ms: Math.round(ms), threads, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  }
  if (format === 'json') io.stdout(renderJson(dir, findings, problems, suppressed));
  else if (format === 'sarif') io.stdout(renderSarif(dir, findings, problems, suppressed));
  else io.stdout(renderText(dir, findings, problems, suppressed, result.stats.roles));

  // Never "0 finding(s) in 0 role(s)" without saying why: no role judged, and what could not be followed.
  const unfollowed = problems.filter((p) => p.rule === 'unresolved-reference').length;
  // On stderr, so that JSON and SARIF stay as they are.
  if (result.stats.roles === 0) io.stderr(say().cliNoRole(result.stats.files, unfollowed));

  // An analysis that could not finish is an error whatever --fail-on says (core/incomplete.ts): never a clean result.
  const incomplete = incompleteProblems(problems);
  if (incomplete.length) {
    io.stderr(say().cliDidNotFinish(incomplete.length, [...new Set(incomplete.map((p) => p.rule))]));
    return 2;
  }
  if (failOn === 'none') return 0;
  const limit = SEVERITY_RANK[failOn as Severity];
  const failing = findings.some((f) => SEVERITY_RANK[f.severity] <= limit) || problems.some((p) => SEVERITY_RANK[p.severity] <= limit && p.rule === 'syntax-error');
  // Nothing judged is a clean result only when nothing was left unread: a module call or role reference not followed fails.
  return failing || (result.stats.roles === 0 && unfollowed > 0) ? 1 : 0;
}

/** The CLI's language (main.ts puts --lang or LANG into the default settings). */
const say = () => messagesFor(DEFAULT_SETTINGS.locale);

/**
 * Applies the preferred fix of every finding a fix-all applies (core/fix-all.ts: warning or above, information
 * too with --fix-include-information, as the editor's Fix all), inside DIR, never to a file with a syntax error.
 */
function applyFixes(dir: string, result: CheckResult, options: FixAllOptions): { files: string[]; fixes: number; refused: string[] } {
  const broken = new Set(result.problems.filter((p) => p.rule === 'syntax-error').map((p) => path.resolve(p.file)));
  // Each eligible finding's preferred fix (else its first, as mergeFixes takes it), judged once: it is
  // applied when every file it edits is inside DIR and parses; a module outside DIR that DIR's
  // configuration calls (`../..`: core/module-files.ts) is reported, never fixed from here.
  const safe: Fix[] = [];
  const outside = new Set<string>();
  for (const f of result.findings) {
    if (!inFixAll(f, options)) continue;
    const fix = f.fixes.find((x) => x.preferred) ?? f.fixes[0];
    let ok = true;
    for (const e of fix.edits) {
      const abs = path.resolve(e.file);
      if (!inside(dir, abs)) { outside.add(path.relative(dir, abs)); ok = false; }
      else if (broken.has(abs)) ok = false;
    }
    if (ok) safe.push(fix);
  }
  const maxBytes = withDefaults(undefined).maxFileBytes;
  // Fixes that append after the same text (statements added to one JSON list) are combined: the files' texts as they are now.
  const textAt = textAtOf((file) => {
    const abs = path.resolve(file);
    if (!inside(dir, abs)) return undefined;
    const t = readGatedText(dir, abs, maxBytes);
    return isRefusal(t) ? undefined : t;
  });
  const { byFile, applied } = mergeFixes(safe, textAt);
  const files: string[] = [];
  const refused: string[] = [];
  for (const o of [...outside].sort()) refused.push(`${o}: it is outside the checked folder (a module it calls); check a folder that holds it to fix it there`);
  for (const [file, edits] of byFile) {
    const abs = path.resolve(file);
    if (!inside(dir, abs) || broken.has(abs)) continue;
    // Through the gate (core/gate.ts): the real path inside DIR, a regular file with no other hard
    // link; only the bytes of the edited ranges change (core/byte-edits.ts), on the descriptor checked.
    let written: ReturnType<typeof rewriteGated>;
    try {
      written = rewriteGated(dir, abs, maxBytes, (bytes) => applyEditsToBytes(bytes, edits));
    } catch (e) {
      written = { refused: (e as Error).message };
    }
    if (isRefusal(written)) refused.push(`${path.relative(dir, abs)}: ${written.refused}`);
    else files.push(abs);
  }
  // A fix counts as applied when every file it edits was written.
  const written = new Set(files);
  return { files, fixes: applied.filter((f) => f.edits.every((e) => written.has(path.resolve(e.file)))).length, refused };
}
