// Combines several runs of bench/run.mjs into one results file: every timing and memory figure is
// the median over the runs (the machine is shared and noisy), and the runs themselves are kept.
//   node bench/median.mjs OUT.json RUN1.json RUN2.json [...]
import { readFileSync, writeFileSync } from 'node:fs';
import { median } from './stats.mjs';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length < 1) {
  console.error('usage: node bench/median.mjs OUT.json RUN1.json [RUN2.json ...]');
  process.exit(2);
}
const runs = inputs.map((f) => JSON.parse(readFileSync(f, 'utf8')));
/** Same shape as a run; numbers are medians over the runs, anything else is the first run's. */
function combine(values) {
  const first = values[0];
  if (typeof first === 'number') return median(values);
  if (Array.isArray(first) || first === null || typeof first !== 'object') return first;
  const o = {};
  for (const k of Object.keys(first)) o[k] = combine(values.map((v) => v?.[k]));
  return o;
}

const result = combine(runs);
result.aggregate = `median of ${runs.length} runs (each figure on its own); the runs are in runs[]`;
result.runs = runs;
writeFileSync(out, JSON.stringify(result, null, 2) + '\n');

const row = (label, f) => console.log(`| ${label} | ${f(result)} | ${runs.map(f).join(' / ')} |`);
const ms = (x) => (x == null ? '—' : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
console.log(`| figure | median | runs |\n|---|---|---|`);
for (const size of Object.keys(result.sizes)) {
  const s = (r) => r.sizes[size];
  row(`${size} files: cold analysis (CLI engine, ${result.sizes[size].core?.threads ?? '?'} threads)`, (r) => ms(s(r).core.totalMs));
  row(`${size} files: cold analysis in one thread`, (r) => ms(s(r).core.oneThreadMs));
  row(`${size} files: cold analysis peak RSS (default / one thread)`, (r) => `${s(r).core.peakRssMB} / ${s(r).core.oneThreadPeakRssMB} MB`);
  row(`${size} files: tree-sitter parse (floor)`, (r) => ms(s(r).treeSitter.ms));
  row(`${size} files: @cdktf/hcl2json parse (peer)`, (r) => ms(s(r).hashicorp.ms));
  const edits = (label, pick) => row(`${size} files: per-edit p50 / p95 / max${label} (in the server: p50 / p95)`, (r) => { const e = pick(s(r)); return `${ms(e?.p50)} / ${ms(e?.p95)} / ${ms(e?.max)} (${ms(e?.server?.p50)} / ${ms(e?.server?.p95)})`; });
  edits(', typing a role name', (x) => x.lsp.edits);
  edits(', typing in a policy action', (x) => x.lsp.policyEdits);
  if (result.sizes[size].lspStdio?.ok) {
    edits(' over stdio, typing a role name', (x) => x.lspStdio?.edits);
    edits(' over stdio, typing in a policy action', (x) => x.lspStdio?.policyEdits);
  }
  row(`${size} files: module output -> role diagnostics`, (r) => ms(s(r).lsp.moduleOutputMs));
  row(`${size} files: initialize -> ready`, (r) => ms(s(r).lsp.initialMs));
  row(`${size} files: initialize -> first diagnostics of the open main.tf`, (r) => ms(s(r).lsp.firstOpenMs));
  row(`${size} files: server peak RSS`, (r) => `${s(r).lsp.peakRssMB?.toFixed(0)} MB`);
}
console.log(`written ${out}`);
