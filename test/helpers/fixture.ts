/**
 * Annotated fixtures: the expected findings are written under the code, in comments.
 *
 *     actions = ["logs:PutLogEvent"]
 * #              ^^^^^^^^^^^^^^^^^^ warning unknown-action: did you mean logs:PutLogEvents
 *
 * An annotation line is a `#` or `//` comment whose text starts with `^`; it describes the nearest
 * code line above it (other annotation lines in between are skipped, so one line can carry
 * several). Syntax after the carets: `SEVERITY RULE [REQUIREMENT] [: MESSAGE SUBSTRING]`.
 * A finding matches when it is in the same file, starts on that line, starts within the caret span
 * (one column of slack for a quote), and has that severity, rule, requirement (if given) and a
 * message containing the substring.
 *
 * JSON files cannot hold comments: their expectations live in a sidecar `<file>.findings`, one per
 * line: `LINE SEVERITY RULE [REQUIREMENT] [: SUBSTRING]` (LINE 1-based; `#` lines are comments).
 *
 * A fixture directory may hold `fixture.settings` (JSON, a Partial<AnalysisSettings>).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/model';
import { withDefaults, type AnalysisSettings } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace';

export interface Expectation {
  file: string;
  /** 0-based line of the code the annotation describes. */
  line: number;
  /** Caret span (0-based, end exclusive); undefined for sidecar expectations. */
  span?: [number, number];
  severity: string;
  rule: string;
  requirement?: string;
  message?: string;
  /** Where the annotation is written, 1-based, for diffs. */
  written: string;
}

const ANNOTATION = /^(\s*)(#|\/\/)(\s*)(\^+)\s+(\S+)\s+(\S+)(?:\s+([a-z-]+\.[A-Za-z0-9]+))?\s*(?::\s*(.*))?$/;

export function walk(dir: string, pred: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      // .terraform holds the modules `terraform init` installed, which the analysis reads through modules.json.
      if (e.name !== 'node_modules') out.push(...walk(p, pred));
    } else if (pred(p)) out.push(p);
  }
  return out.sort();
}

/** Parses the annotations of one source text. */
export function parseAnnotations(file: string, text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let code = -1;
  lines.forEach((l, i) => {
    const m = ANNOTATION.exec(l);
    if (!m) {
      if (!/^\s*(#|\/\/)\s*\^/.test(l)) code = i;
      else throw new Error(`${file}:${i + 1}: malformed annotation: ${l}`);
      return;
    }
    if (code < 0) throw new Error(`${file}:${i + 1}: annotation before any code`);
    const start = m[1].length + m[2].length + m[3].length;
    out.push({
      file,
      line: code,
      span: [start, start + m[4].length],
      severity: m[5],
      rule: m[6],
      requirement: m[7],
      message: m[8]?.trim() || undefined,
      written: `${path.basename(file)}:${i + 1}`,
    });
  });
  return out;
}

export function parseSidecar(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (!l.trim() || l.trim().startsWith('#')) return;
    const m = /^(\d+)\s+(\S+)\s+(\S+)(?:\s+([a-z-]+\.[A-Za-z0-9]+))?\s*(?::\s*(.*))?$/.exec(l.trim());
    if (!m) throw new Error(`${file}.findings:${i + 1}: malformed expectation: ${l}`);
    out.push({ file, line: Number(m[1]) - 1, severity: m[2], rule: m[3], requirement: m[4], message: m[5]?.trim() || undefined, written: `${path.basename(file)}.findings:${i + 1}` });
  });
  return out;
}

/** Every expectation of a fixture directory. */
export function expectations(dir: string): Expectation[] {
  const out: Expectation[] = [];
  for (const f of walk(dir, (p) => p.endsWith('.tf'))) out.push(...parseAnnotations(f, fs.readFileSync(f, 'utf8')));
  for (const f of walk(dir, (p) => p.endsWith('.findings'))) out.push(...parseSidecar(f.slice(0, -'.findings'.length), fs.readFileSync(f, 'utf8')));
  return out;
}

export function matches(e: Expectation, f: Finding): boolean {
  if (path.resolve(f.file) !== path.resolve(e.file)) return false;
  if (f.range.start.line !== e.line) return false;
  if (e.span && (f.range.start.character < e.span[0] - 1 || f.range.start.character > e.span[1])) return false;
  if (f.severity !== e.severity || f.rule !== e.rule) return false;
  if (e.requirement && f.requirement !== e.requirement) return false;
  if (e.message && !f.message.includes(e.message)) return false;
  return true;
}

export function fixtureSettings(dir: string): AnalysisSettings {
  const p = path.join(dir, 'fixture.settings');
  return withDefaults(fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : undefined);
}

/** Runs the whole pipeline on a directory: Workspace -> model -> analyze. */
export async function runPipeline(dir: string, settings = fixtureSettings(dir)): Promise<{ findings: Finding[]; problems: { rule: string; file: string; message: string }[] }> {
  const ws = await Workspace.create({ root: dir, settings });
  await ws.loadFromDisk();
  const model = ws.model();
  const { findings } = analyze(model, settings, { getText: (f) => ws.getText(f), fixes: false });
  return { findings, problems: model.problems };
}

function show(f: Finding, dir: string): string {
  const c = f.range.start;
  return `${path.relative(dir, f.file)}:${c.line + 1}:${c.character + 1} ${f.severity} ${f.rule}${f.requirement ? ` ${f.requirement}` : ''}: ${f.message}`;
}

function showE(e: Expectation, dir: string): string {
  const col = e.span ? `:${e.span[0] + 1}` : '';
  return `${path.relative(dir, e.file)}:${e.line + 1}${col} ${e.severity} ${e.rule}${e.requirement ? ` ${e.requirement}` : ''}${e.message ? `: …${e.message}…` : ''}  (annotation ${e.written})`;
}

/** Compares the findings with the annotations exactly; fails with a readable diff. */
export async function checkFindings(dir: string): Promise<Finding[]> {
  const expected = expectations(dir);
  const { findings } = await runPipeline(dir);
  const unmatched = [...findings];
  const missing: Expectation[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex((f) => matches(e, f));
    if (i >= 0) unmatched.splice(i, 1);
    else missing.push(e);
  }
  if (missing.length || unmatched.length) {
    const diff = [
      ...missing.map((e) => `- expected, not found: ${showE(e, dir)}`),
      ...unmatched.map((f) => `+ unexpected:          ${show(f, dir)}`),
      '',
      'all findings:',
      ...findings.map((f) => `  ${show(f, dir)}`),
    ].join('\n');
    assert.fail(`findings of ${path.basename(dir)} differ from its annotations:\n${diff}`);
  }
  return findings;
}
