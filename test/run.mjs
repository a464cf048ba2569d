// `npm test`: every test of the project, in one run, ending with `N passed, N failed`.
//  1. type check and build (the end-to-end suites test the bundles that ship);
//  2. node:test suites (unit, acceptance, differential, fuzz, audit against a loopback AWS);
//  3. end-to-end suites in a real VS Code (code-server) and a UI scenario, when test/e2e/run.mjs exists.
// Each stage prints its own output; the counts are summed here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The AWS SDK warns once per process (7 test files) that its releases after the first week of January
// 2027 will require Node 22 (written 2026-12). The SDK in package-lock.json runs on Node 20, and
// test/unit/scripts/engines.test.ts fails on the update that brings in one that does not: nothing
// for a test run to say. AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED is the SDK's own switch.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const only = process.argv.slice(2); // optional: stage names (typecheck, build, unit, e2e)
const want = (s) => only.length === 0 || only.includes(s);
let passed = 0;
let failed = 0;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...(opts.env ?? {}) } });
  if (opts.capture) process.stdout.write(r.stdout ?? '');
  return r;
}

function stage(name, fn) {
  if (!want(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name}`);
  fn();
  console.log(`=== ${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function findTests(dir) {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (e === 'node_modules' || e === 'e2e' || e === 'fixtures' || e === 'workspaces') continue;
      out.push(...findTests(p));
    } else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

// A fresh clone: install the project's own dependencies first (CI's .ci/run has done it already).
if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  const r = run('npm', ['ci', '--no-audit', '--no-fund']);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

stage('typecheck', () => {
  const r = run('npx', ['tsc', '--noEmit', '-p', '.']);
  if (r.status === 0) passed++;
  else failed++;
});

stage('build', () => {
  const r = run('node', ['scripts/build.mjs']);
  if (r.status === 0) passed++;
  else failed++;
});

stage('unit', () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const files = findTests(join(root, 'test')).map((f) => relative(root, f));
  if (files.length === 0) return;
  const r = run('node', ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${join(root, '.tmp', 'unit.tap')}`, ...files], {});
  const tap = existsSync(join(root, '.tmp', 'unit.tap')) ? readFileSafe(join(root, '.tmp', 'unit.tap')) : '';
  const p = Number(/^# pass (\d+)/m.exec(tap)?.[1] ?? 0);
  const f = Number(/^# fail (\d+)/m.exec(tap)?.[1] ?? 0);
  passed += p;
  failed += f;
  if (r.status !== 0 && f === 0) failed++; // the runner itself failed
});

stage('e2e', () => {
  const runner = join(root, 'test', 'e2e', 'run.mjs');
  if (!existsSync(runner)) return;
  const r = run('node', [runner], { capture: true });
  const m = [...(r.stdout ?? '').matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
  if (m) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  if (r.status !== 0 && (!m || Number(m[2]) === 0)) failed++;
});

function readFileSafe(p) {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
