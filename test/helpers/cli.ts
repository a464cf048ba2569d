/** Runs the built CLI (dist/cli.js), building it first when it is missing or older than the sources. */
import './english'; // the test process and the CLIs it starts in English, whatever the developer's locale
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** The seed case's Terraform as the repository holds it (docs/seed-case.md): tests run on a clone anywhere. */
export const seedInfra = path.join(repoRoot, 'examples', 'seed-case');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/cli.js when it is missing or stale. */
export function ensureBuilt(): void {
  const stale = !fs.existsSync(cliPath) || fs.statSync(cliPath).mtimeMs < newestMtime(path.join(repoRoot, 'server', 'src'));
  if (!stale) return;
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd = repoRoot): CliRun {
  const r = spawnSync(process.execPath, [cliPath, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const copies: string[] = [];
process.on('exit', () => {
  for (const d of copies) fs.rmSync(d, { recursive: true, force: true });
});

/** Copies a directory to a fresh temporary directory (removed when the test process exits); returns the copy's path. */
export function copyToTemp(src: string, prefix = 'agentcore-iam-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  copies.push(dir);
  fs.cpSync(src, dir, { recursive: true });
  return dir;
}
