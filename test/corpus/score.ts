/**
 * The corpus score: `node --import tsx test/corpus/score.ts [FOLDER...] [--write] [--out FILE] [--label TEXT]`.
 * Runs the CLI's engine on every run of every corpus folder (lib.ts) and prints a table; --write
 * writes it to test/corpus/RESULTS.md (--out FILE: to FILE), only when no folder is named;
 * --label TEXT names the engine instead of the git commit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { corpusDir, readExpected, scoreAll, showFinding, type RunScore } from './lib';

function gitHead(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: corpusDir, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server'], { cwd: path.join(corpusDir, '..', '..'), encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted server changes` : head;
  } catch {
    return 'unknown';
  }
}

export function table(scores: RunScore[]): string {
  const rows = scores.map((s) => [
    `${readExpected(s.folder).repository}`,
    `${s.folder}/${s.dir === '.' ? '' : s.dir}`.replace(/\/$/, '') + (s.dir === '.' ? '/' : ''),
    String(s.defined),
    String(s.judged),
    `${s.gapsFound}/${s.gapsExpected}`,
    String(s.falseMissing.length),
  ]);
  const sum = (f: (s: RunScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const head = ['repository', 'run (check DIR)', 'roles defined', 'roles found (judged)', 'gaps found (warning+)', 'false "missing"'];
  const total = ['**total**', `${scores.length} runs`, String(sum((s) => s.defined)), String(sum((s) => s.judged)), `${sum((s) => s.gapsFound)}/${sum((s) => s.gapsExpected)}`, String(sum((s) => s.falseMissing.length))];
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line), line(total)].join('\n');
}

export function details(scores: RunScore[]): string {
  const out: string[] = [];
  for (const s of scores) {
    const notes: string[] = [];
    if (s.notFound.length) notes.push(`not found: ${s.notFound.join(', ')}`);
    if (s.notJudged.length) notes.push(`found, every requirement unknown: ${s.notJudged.join(', ')}`);
    if (s.trustOnly.length) notes.push(`judged on the trust alone, every permission unknown: ${s.trustOnly.join(', ')}`);
    if (s.gapsMissed.length) notes.push(`gaps not reported: ${s.gapsMissed.join('; ')}`);
    for (const f of s.falseMissing) notes.push(`FALSE "missing"${s.knownFalseMissing.includes(f) ? ' (known, written down in expected.json knownWrong)' : ''}: ${showFinding(f)}`);
    for (const k of s.knownNotSeen) notes.push(`listed in knownWrong but not seen (fixed?): ${k}`);
    for (const f of s.other) notes.push(`other finding at warning+: ${showFinding(f)}`);
    if (notes.length) out.push(`- \`${s.folder}/${s.dir}\` (${s.files} files, ${s.findings} findings):\n${notes.map((n) => `  - ${n.replace(/\n/g, ' ')}`).join('\n')}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? path.resolve(args[outAt + 1]) : path.join(corpusDir, 'RESULTS.md');
  if (outAt >= 0) args.splice(outAt, 2);
  const labelAt = args.indexOf('--label');
  const label = labelAt >= 0 ? args[labelAt + 1] : gitHead();
  if (labelAt >= 0) args.splice(labelAt, 2);
  const only = args.filter((a) => !a.startsWith('--'));
  const write = (args.includes('--write') || outAt >= 0) && only.length === 0;
  const t0 = Date.now();
  const scores = await scoreAll(only);
  const ms = Date.now() - t0;
  const repos = new Set(scores.map((s) => readExpected(s.folder).repository)).size;
  const sum = (f: (s: RunScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const trustOnly = sum((s) => s.trustOnly.length);
  const summary = `${sum((s) => s.judged)} of ${sum((s) => s.defined)} roles found and judged${trustOnly ? ` (${trustOnly} on their trust alone, every permission unknown)` : ''}, ${sum((s) => s.gapsFound)} of ${sum((s) => s.gapsExpected)} gaps reported at warning or above, ${sum((s) => s.falseMissing.length)} false "missing"${sum((s) => s.knownFalseMissing.length) ? ` (${sum((s) => s.knownFalseMissing.length)} of them known and written down in expected.json knownWrong)` : ''} (${scores.length} runs, ${repos} repositories, ${ms} ms)`;
  const md = [
    '# Corpus results',
    '',
    `Engine: ${label}, ${new Date().toISOString().slice(0, 16)}Z. Written by \`node --import tsx test/corpus/score.ts\`.`,
    '',
    summary + '.',
    '',
    'A role is counted when the analysis names it with a component of its kind and decides at least one of its requirements; roles and runs per repository are listed in each folder\'s expected.json.',
    '',
    table(scores),
    '',
    '## Details',
    '',
    details(scores) || 'Nothing missed.',
    '',
  ].join('\n');
  process.stdout.write(table(scores) + '\n\n' + (details(scores) || 'Nothing missed.') + '\n\n' + summary + '\n');
  if (write) fs.writeFileSync(out, md);
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 1;
  });
}
