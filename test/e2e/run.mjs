// End-to-end tests in a real VS Code: `node test/e2e/run.mjs` (npm test runs it as its last stage).
//  1. scripts/setup-vscode.mjs installs code-server 4.100.3 and Debian's Chromium when missing;
//  2. the extension-host suites (test/e2e/suite/*.test.ts, mocha) are bundled with esbuild and run
//     by @vscode/test-electron's runTests() inside code-server's real extension host, through
//     test/e2e/code-server-shim.mjs as `vscodeExecutablePath`, on a fresh copy of the seed case;
//  3. the UI scenario (test/e2e/ui.mjs) drives the workbench like a person and saves screenshots;
//  4. the same under a Japanese display language (test/e2e/ui-ja.mjs).
// Last line: `N passed, N failed`.
//   E2E_GREP=<text>  only the extension-host tests whose title matches;  --no-ui  skip the UI scenario;
//   E2E_WORKSPACE_SRC=<dir>  the folder to copy as workspace instead of examples/seed-case.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, '.vscode-test');
let passed = 0;
let failed = 0;

function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

// 0. VS Code servers left by an earlier run that was killed before it could clean up (they keep the
//    extension host and a language server alive for hours): their run directory names a dead pid.
for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    continue;
  }
  const owner = /\.vscode-test\/runs\/(\d+)\//.exec(cmd)?.[1];
  if (!owner || !cmd.includes('code-server')) continue;
  try {
    process.kill(Number(owner), 0);
  } catch {
    console.log(`e2e: stopping a VS Code server left by run ${owner} (pid ${pid})`);
    // Its whole process group, as stop() in scripts/code-server.mjs does (the extension host and the
    // language server do not name the run directory); a process that leads no group, on its own.
    for (const target of [-Number(pid), Number(pid)]) {
      try {
        process.kill(target, 'SIGKILL');
        break;
      } catch {
        /* no such group, or gone meanwhile */
      }
    }
  }
}

// 1. The VS Code to test in.
const setup = spawnSync(process.execPath, [join(root, 'scripts', 'setup-vscode.mjs')], { stdio: 'inherit' });
if (setup.status !== 0) {
  console.error('e2e: could not install the VS Code server and Chromium (above); no end-to-end test ran');
  failed++;
  finish();
}
// Always built (esbuild, about a second): dist/ may be older than the sources, or the minified
// package build the UI scenario left.
if (spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) {
  failed++;
  finish();
}

// 2. Extension-host suites.
const out = join(work, 'e2e-out');
rmSync(out, { recursive: true, force: true });
const suiteDir = join(here, 'suite');
const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(suiteDir, f));
await build({ entryPoints: entries, outdir: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: 'inline', external: ['vscode', 'mocha'], logLevel: 'warning' });

const runDir = join(work, 'runs', String(process.pid));
rmSync(runDir, { recursive: true, force: true });
const workspace = join(runDir, 'seed-case');
// The bundled example, copied (tests edit it); E2E_WORKSPACE_SRC names another folder (the benchmark's).
cpSync(process.env.E2E_WORKSPACE_SRC || join(root, 'examples', 'seed-case'), workspace, { recursive: true });
const results = join(runDir, 'results.json');

const t0 = Date.now();
try {
  await runTests({
    vscodeExecutablePath: join(here, 'code-server-shim.mjs'),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(out, 'index.js'),
    launchArgs: [workspace, `--user-data-dir=${join(runDir, 'user-data')}`, `--extensions-dir=${join(runDir, 'extensions')}`],
    extensionTestsEnv: { E2E_RESULTS: results },
  });
} catch (e) {
  console.error(`e2e: extension-host run ended with ${e instanceof Error ? e.message : String(e)}`);
}
if (existsSync(results)) {
  const r = JSON.parse(readFileSync(results, 'utf8'));
  passed += r.passes;
  failed += r.failures.length;
  for (const f of r.failures) console.error(`\nFAILED: ${f.title}\n${f.error}`);
} else {
  console.error('e2e: the extension-host suites wrote no results (the host did not start, or run() crashed)');
  failed++;
}
console.log(`e2e: extension-host suites took ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// 3. The UI scenario.
const ui = join(here, 'ui.mjs');
if (existsSync(ui) && !process.argv.includes('--no-ui')) {
  const r = spawnSync(process.execPath, [ui], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const m = [...(r.stdout ?? '').matchAll(/^ui: (\d+) passed, (\d+) failed/gm)].pop();
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else failed++;
}

// 4. The UI scenario under a Japanese display language (test/e2e/ui-ja.mjs: the .vsix ui.mjs built).
const uiJa = join(here, 'ui-ja.mjs');
if (existsSync(uiJa) && !process.argv.includes('--no-ui')) {
  const r = spawnSync(process.execPath, [uiJa], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  process.stdout.write(r.stdout ?? '');
  const m = [...(r.stdout ?? '').matchAll(/^ui-ja: (\d+) passed, (\d+) failed/gm)].pop();
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  } else failed++;
}

rmSync(runDir, { recursive: true, force: true });
finish();
