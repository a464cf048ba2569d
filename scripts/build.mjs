// One build for everything that ships: the extension client, the language server and the CLI,
// bundled by esbuild into dist/, with the assets they load at run time (tree-sitter wasm, IAM data).
// Type checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = join(root, 'dist');

/** Plugins contributed by the parts that need them (e.g. the IAM data snapshot). */
async function extraPlugins() {
  const plugins = [];
  const iamData = join(root, 'scripts', 'iam-data.mjs');
  if (existsSync(iamData)) {
    const mod = await import(iamData);
    if (mod.esbuildPlugin) plugins.push(mod.esbuildPlugin({ root, dist }));
  }
  // The AWS managed policies' default versions (dist/iam-data-managed.json, core/iam/managed.ts).
  const managed = join(root, 'scripts', 'managed-policies.mjs');
  if (existsSync(managed)) plugins.push((await import(managed)).esbuildPlugin({ root, dist }));
  return plugins;
}

function copyAssets() {
  const wasmDir = join(dist, 'wasm');
  mkdirSync(wasmDir, { recursive: true });
  cpSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(wasmDir, 'web-tree-sitter.wasm'));
  const hcl = dirname(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/package.json'));
  cpSync(join(hcl, 'tree-sitter-terraform.wasm'), join(wasmDir, 'tree-sitter-terraform.wasm')); // the Terraform dialect only (parser.ts)
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  mainFields: ['module', 'main'],
  conditions: ['require', 'node'],
};

/** The CLI imports package.json for `--version`: only the name and version go into the bundle. */
const packageJsonVersionOnly = {
  name: 'package-json-version-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]package\.json$/ }, async (args) => {
      if (args.path !== join(root, 'package.json')) return undefined;
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

async function main() {
  // Only `--clean` empties dist/ first: others may be running the bundles (the e2e tests) meanwhile,
  // and esbuild overwrites each output anyway.
  if (process.argv.includes('--clean')) rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  copyAssets();
  const plugins = [packageJsonVersionOnly, ...(await extraPlugins())];
  const configs = [
    { ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'client.js'), external: ['vscode'], plugins },
    { ...common, entryPoints: [join(root, 'server/src/lsp/server.ts')], outfile: join(dist, 'server.js'), plugins },
    { ...common, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(dist, 'cli.js'), banner: { js: '#!/usr/bin/env node' }, plugins },
    // The cold analysis' worker thread (server/src/core/cold), started by the CLI from dist/ (not in the .vsix: the server indexes in its own thread).
    { ...common, entryPoints: [join(root, 'server/src/core/cold/worker.ts')], outfile: join(dist, 'cold-worker.js'), plugins },
    // The server's Node flags, for the benchmark (bench/run.mjs starts the server as the extension does; not in the .vsix: client.js has them).
    { ...common, entryPoints: [join(root, 'client/src/server-flags.ts')], outfile: join(dist, 'server-flags.js'), sourcemap: false },
  ].filter((c) => existsSync(c.entryPoints[0]));
  if (watch) {
    for (const c of configs) (await esbuild.context(c)).watch();
    console.log('[build] watching');
    return;
  }
  await Promise.all(configs.map((c) => esbuild.build(c)));
  console.log(`[build] ${configs.map((c) => c.outfile.slice(root.length + 1)).join(', ')}${production ? ' (production)' : ''}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
