/**
 * A keystroke publishes only what its analysis changed (Grouped.changed, the publisher's `changed`):
 * after any sequence of edits, what a client holds is what a server started afresh on the same
 * texts would publish. Real index, real analysis, over the seed case and two fixtures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Project } from '../../../server/src/lsp/project';
import { Status } from '../../../server/src/lsp/status';
import { toAnalysisSettings } from '../../../server/src/lsp/handlers/settings';
import { recordingConnection } from '../../helpers/connection';

const repo = path.join(__dirname, '..', '..', '..');

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-publish-'));
  fs.cpSync(path.join(repo, 'examples', 'seed-case'), path.join(dir, 'seed'), { recursive: true });
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'jsonencode-typo'), path.join(dir, 'typo'), { recursive: true });
  fs.cpSync(path.join(repo, 'test', 'fixtures', 'file-json'), path.join(dir, 'filejson'), { recursive: true });
  return dir;
}

/** A server over `root` and what its client holds: the last diagnostics published for each URI (empty ones left out). */
function server(root: string) {
  const { connection, sent } = recordingConnection();
  const project = new Project(connection, new Status(connection), toAnalysisSettings({}), 0);
  const ready = project.addFolder(root).ready;
  const held = () => {
    const last = new Map<string, string>();
    for (const p of sent) last.set(p.uri, JSON.stringify(p.diagnostics));
    return new Map([...last].filter(([, d]) => d !== '[]').sort(([a], [b]) => a.localeCompare(b)));
  };
  return { project, ready, sent, held };
}

/** A small deterministic generator (the sequence is the same on every run). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('after each edit, the client holds what a fresh server would publish for the same texts', async () => {
  const root = workspace();
  try {
    const files = ['seed/main.tf', 'seed/modules/iam/main.tf', 'typo/main.tf', 'filejson/main.tf', 'filejson/policy.json'].map((f) => path.join(root, f));
    const live = server(root);
    await live.ready;
    await live.project.idle();
    const open = new Map<string, { text: string; version: number }>();
    let version = 0;
    const rnd = prng(6);
    const steps: string[] = [];
    // First, scripted: policy.json (not open) loses its findings when main.tf stops reading it, and
    // gets them back when main.tf is reverted, then closed. Then random edits.
    const script: [file: string, op: number][] = [[files[3], 0], [files[3], 5], [files[3], 0], [files[3], 6], [files[3], 5], [files[3], 6]];
    for (let step = 0; step < 34; step++) {
      const [file, op] = script[step] ?? [files[Math.floor(rnd() * files.length)], Math.floor(rnd() * 6)];
      const disk = fs.readFileSync(file, 'utf8');
      const text = open.get(file)?.text ?? disk;
      let next: string | undefined;
      if (op === 0 || op === 6) next = disk; // open as on disk, or revert
      else if (op === 1) next = text.replace(/"(logs|ecr|xray|s3):[A-Za-z]+/, '"$1:Nope'); // an action IAM does not know
      else if (op === 2) { const at = Math.floor(rnd() * text.length); next = text.slice(0, at) + '{{' + text.slice(at); } // a syntax error
      else if (op === 3) { const lines = text.split('\n'); lines.splice(Math.floor(rnd() * lines.length), 1); next = lines.join('\n'); } // a line removed
      else if (op === 4) next = text.replace(/"bedrock-agentcore\.amazonaws\.com"/, '"ec2.amazonaws.com"'); // a trust that no longer names AgentCore
      else if (op === 5) next = text.replace(/^.*file\("\$\{path\.module\}\/policy\.json"\).*$/m, ''); // policy.json no longer read
      if (next === undefined) {
        if (!open.has(file)) continue;
        open.delete(file);
        steps.push(`close ${path.relative(root, file)}`);
        await live.project.reloadFromDisk(file, true);
      } else {
        const opened = !open.has(file);
        open.set(file, { text: next, version: ++version });
        steps.push(`${opened ? 'open' : 'edit'} ${path.relative(root, file)} (${op})`);
        await live.project.setText(file, next, opened, version);
      }
      await live.project.idle();
      if (step === 1) assert.ok(!live.held().has(pathToFileURL(files[4]).toString()), 'policy.json has no findings while main.tf does not read it');
      if (step === 2) assert.ok(live.held().has(pathToFileURL(files[4]).toString()), 'policy.json has its findings again');

      const fresh = server(root);
      await fresh.ready;
      for (const [f, o] of open) await fresh.project.setText(f, o.text, true, o.version);
      await fresh.project.idle();
      assert.deepEqual(live.held(), fresh.held(), `after: ${steps.join('; ')}`);
    }
    assert.ok(steps.length >= 20, `the sequence edits (${steps.length} steps)`);
    assert.ok(live.held().size >= 2, 'diagnostics in several files');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
