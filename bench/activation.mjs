// Extension activation in a real VS Code (code-server, through the e2e harness): for each workspace,
// the time from `activate()` to the language server initialized and to the first diagnostics, as the
// extension measures them itself (client/src/extension.ts `timings`), plus the .vsix size.
// Merges { activation } into bench/results.json.   node bench/activation.mjs [sizes=2000]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const sizes = (process.argv[2] ?? '2000').split(',').filter(Boolean).map(Number);
const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? 3);

function once(src) {
  const r = spawnSync(process.execPath, [join(root, 'test', 'e2e', 'run.mjs'), '--no-ui'], {
    env: { ...process.env, E2E_GREP: 'reports how long activation took', ...(src ? { E2E_WORKSPACE_SRC: src } : {}) },
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const m = /activation: server ready (\d+) ms, first diagnostics (\d+) ms/.exec(r.stdout ?? '');
  if (!m) throw new Error(`no activation figures from the e2e run:\n${(r.stdout ?? '').slice(-3000)}\n${r.stderr ?? ''}`);
  return { serverReadyMs: Number(m[1]), firstDiagnosticsMs: Number(m[2]) };
}

const workspaces = [{ name: 'seed-case', src: join(root, 'examples', 'seed-case') }];
for (const n of sizes) {
  const dir = join(here, 'generated', String(n));
  if (existsSync(dir)) workspaces.push({ name: `${n} files`, src: dir });
  else console.log(`activation: ${dir} missing (npm run bench generates it); skipped`);
}
const activation = { date: new Date().toISOString(), runs: RUNS, host: 'code-server 4.100.3 (VS Code 1.100.3) in headless Chromium', workspaces: {} };
for (const w of workspaces) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(once(w.src));
  const r = { serverReadyMs: median(runs.map((x) => x.serverReadyMs)), firstDiagnosticsMs: median(runs.map((x) => x.firstDiagnosticsMs)), runs };
  activation.workspaces[w.name] = r;
  console.log(`activation, ${w.name}: server ready ${r.serverReadyMs} ms, first diagnostics ${r.firstDiagnosticsMs} ms (median of ${RUNS})`);
}
const vsix = join(root, 'dist', 'agentcore-iam.vsix');
if (existsSync(vsix)) activation.vsixBytes = statSync(vsix).size;
const file = join(here, 'results.json');
const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
results.activation = activation;
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`activation: written to ${file}`);
