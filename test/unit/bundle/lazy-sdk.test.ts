/**
 * Starting the extension (client/src/extension.ts) or `agentcore-iam check` (server/src/cli/main.ts)
 * does not evaluate the AWS SDK: only the live audit needs it, and it is reached only through a
 * dynamic import. Read from esbuild's own import graph of each entry point.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = path.join(__dirname, '..', '..', '..');

/** The inputs reachable from `entry` through static imports and requires only. */
function staticallyReached(meta: Metafile, entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    for (const imp of meta.inputs[file]?.imports ?? []) {
      if (imp.kind === 'dynamic-import' || imp.external || seen.has(imp.path)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  return seen;
}

for (const entry of ['client/src/extension.ts', 'server/src/cli/main.ts']) {
  test(`${entry}: the AWS SDK only behind a dynamic import`, async () => {
    const r = await build({
      entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true,
      external: ['vscode'], logLevel: 'silent', mainFields: ['module', 'main'], absWorkingDir: root,
    });
    const reached = staticallyReached(r.metafile, entry);
    const sdk = [...reached].filter((f) => f.includes('node_modules/@aws-sdk/'));
    assert.deepEqual(sdk, [], 'evaluated at start');
    assert.ok(Object.keys(r.metafile.inputs).some((f) => f.includes('node_modules/@aws-sdk/client-iam/')), 'the bundle still has the SDK (for the audit)');
  });
}
