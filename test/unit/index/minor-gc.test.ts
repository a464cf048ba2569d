// What a keystroke builds must die young. V8's minor collections copy whatever is alive, so
// anything that keeps earlier keystrokes' objects reachable through them makes every minor pause
// grow with the keystrokes since the last full collection. One such thing: V8 keeps the value of a
// WeakMap entry whose key is young, dead or not, until a full collection; with the merged model's
// parts in a WeakMap, every keystroke's model survived. Typing into the benchmark's 3,000-line
// main.tf (minor-gc.child.ts, in a Node of its own), what survives a minor collection after 24
// keystrokes must stay about what survives after 4 (the last keystrokes' state, which the next one
// compares with): with the WeakMap, 2.33 MB against 1.0 MB; since, 0.82 MB against 0.81 MB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/cli';

test('what survives a minor collection does not grow with the keystrokes typed since the last full one', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentcore-minor-gc-'));
  try {
    const { generate } = (await import(path.join(repoRoot, 'bench', 'generate.mjs'))) as { generate(o: { files: number; dir: string; seed: number }): unknown };
    generate({ files: 20, dir, seed: 1 });
    // As the language server runs (server/src/lsp/engine-flags.ts), with a young generation of 64 MB:
    // 24 keystrokes (about 1 MB each) fit in it, so the collection after a mark is the first since.
    const r = spawnSync(process.execPath, ['--expose-gc', '--trace-gc-nvp', '--no-allocation-site-pretenuring', '--min-semi-space-size=64', '--max-semi-space-size=64', '--import', 'tsx', path.join(__dirname, 'minor-gc.child.ts'), path.join(dir, 'live'), '4', '24', '4', '24'], { cwd: repoRoot, encoding: 'utf8', timeout: 110_000, maxBuffer: 1 << 26 });
    assert.equal(r.status, 0, r.stderr.slice(-2000));
    // The minor collection after each mark: `new_space_survived=` bytes.
    const survived = new Map<number, number[]>();
    let mark: number | undefined;
    for (const line of r.stdout.split('\n')) {
      const m = /^MARK (\d+)$/.exec(line);
      if (m) mark = Number(m[1]);
      else if (mark !== undefined && / gc=s /.test(line)) {
        survived.set(mark, [...(survived.get(mark) ?? []), Number(/new_space_survived=(\d+)/.exec(line)?.[1])]);
        mark = undefined;
      }
    }
    const four = survived.get(4) ?? [];
    const many = survived.get(24) ?? [];
    assert.ok(four.length === 2 && many.length === 2 && [...four, ...many].every((x) => x > 0), `survived bytes read for every mark: ${JSON.stringify([...survived])}`);
    // Twice each: V8 sometimes keeps more in one of them (a full collection's marking under way).
    assert.ok(Math.min(...many) <= 1.3 * Math.max(...four), `${many.join(', ')} bytes survived after 24 keystrokes, ${four.join(', ')} after 4`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
