// Writes docs/catalog.md from the catalog's data (server/src/core/catalog: render.ts), the same text as
// `agentcore-iam catalog --format markdown`. test/unit/docs/catalog-doc.test.ts fails while the
// committed file differs. Usage: node scripts/catalog-doc.mjs [--check]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'docs', 'catalog.md');
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '-e', "process.stdout.write(require('./server/src/core/catalog/render.ts').catalogMarkdown() + '\\n')"],
  { cwd: root, encoding: 'utf8' },
);
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(2);
}
if (process.argv.includes('--check')) {
  let now = '';
  try { now = readFileSync(target, 'utf8'); } catch { /* missing */ }
  if (now !== r.stdout) {
    process.stderr.write('docs/catalog.md is not up to date: run node scripts/catalog-doc.mjs\n');
    process.exit(1);
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, r.stdout);
}
