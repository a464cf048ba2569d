/**
 * Hostile workspaces for the gate's tests (core/gate.ts), built in a temporary folder beside a
 * folder "outside" that the workspace must never read: symlinks to /proc/self/environ, to a file
 * and a folder outside, to /, to /dev/zero and /dev/stdin. Each outside thing holds a marker that
 * must appear in no output; the processes started on them get ENV_MARKER in their environment.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliPath, ensureBuilt } from '../../helpers/cli';

export const FILE_MARKER = 'OUTSIDE-FILE-MARKER-7f3a';
export const FOLDER_MARKER = 'OUTSIDE-FOLDER-MARKER-9c1e';
export const ENV_MARKER = 'ENV-SECRET-MARKER-52bd';
export const MARKERS = [FILE_MARKER, FOLDER_MARKER, ENV_MARKER];

/** A runtime whose role's policy takes its actions from file() calls (`actions`: the calls' text). */
export function runtimeWith(actions: string[], name = 'runtime'): string {
  return `resource "aws_iam_role" "${name}" {
  name = "${name}-role"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "bedrock-agentcore.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "${name}" {
  role = aws_iam_role.${name}.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [${actions.join(', ')}], Resource = "*" }]
  })
}

resource "aws_bedrockagentcore_agent_runtime" "${name}" {
  agent_runtime_name = "${name}_agent"
  role_arn = aws_iam_role.${name}.arn
  network_configuration {
    network_mode = "PUBLIC"
  }
}
`;
}

const made: string[] = [];
process.on('exit', () => {
  for (const d of made) fs.rmSync(d, { recursive: true, force: true });
});

/** A temporary folder holding `ws/` (the workspace) and `outside/` (a file and a folder with markers). */
export function hostileBase(): { base: string; ws: string; outside: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-hostile-'));
  made.push(base);
  const ws = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(ws);
  fs.mkdirSync(path.join(outside, 'folder'), { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.txt'), `${FILE_MARKER}\n`);
  // A configuration outside, that a walk through the symlinked folder would analyse and print.
  fs.writeFileSync(path.join(outside, 'folder', 'leak.tf'), runtimeWith([`"${FOLDER_MARKER}:Get"`], 'leak'));
  return { base, ws, outside };
}

/**
 * The leaking workspace of issue #23 item 1: `env` -> /proc/self/environ and `sec` -> a file
 * outside, both read as actions through file(); `linked` -> a folder outside holding a configuration.
 */
export function leakingWorkspace(): { ws: string; outside: string } {
  const { ws, outside } = hostileBase();
  fs.writeFileSync(path.join(ws, 'main.tf'), runtimeWith(['file("env")', 'file("sec")']));
  fs.symlinkSync('/proc/self/environ', path.join(ws, 'env'));
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'sec'));
  fs.symlinkSync(path.join(outside, 'folder'), path.join(ws, 'linked'));
  return { ws, outside };
}

/** A workspace whose main.tf reads `name` through file(), `name` a symlink to `target`. */
export function linkWorkspace(name: string, target: string): string {
  const { ws } = hostileBase();
  fs.writeFileSync(path.join(ws, 'main.tf'), runtimeWith([`file("${name}")`]));
  fs.symlinkSync(target, path.join(ws, name));
  return ws;
}

export const childEnv = (): NodeJS.ProcessEnv => ({ ...process.env, AGENTCORE_TEST_SECRET: ENV_MARKER });

/** `agentcore-iam check DIR ...args` with ENV_MARKER in its environment (60 s at most). */
export function check(dir: string, args: string[] = []): SpawnSyncReturns<string> {
  ensureBuilt();
  return spawnSync(process.execPath, [cliPath, 'check', dir, ...args], { encoding: 'utf8', env: childEnv(), timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * `agentcore-iam check DIR ...args` with a pipe for stdin that is never written nor closed; resolves
 * when it exits, or with `timedOut` after `ms` (the child is then killed).
 */
export function checkWithOpenStdin(dir: string, args: string[], ms: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  ensureBuilt();
  const child = spawn(process.execPath, [cliPath, 'check', dir, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => {
    const deadline = setTimeout(() => { child.kill('SIGKILL'); }, ms);
    child.on('exit', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr, timedOut: signal === 'SIGKILL' });
    });
  });
}
