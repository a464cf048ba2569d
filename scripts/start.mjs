// `npm start`: the product on the bundled example workspace (examples/seed-case).
//  - installs the dependencies if this is a fresh clone, builds the bundles;
//  - prints what the analysis finds there (the same engine as the editor);
//  - opens the example in desktop VS Code with the extension loaded when `code` is on PATH.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'seed-case');
const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0 && cmd !== 'node') process.exit(r.status ?? 1);
  return r.status;
};

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) sh('npm', ['ci', '--no-audit', '--no-fund']);
sh('node', ['scripts/build.mjs']);
console.log(`\nAgentCore IAM on ${example}:\n`);
sh('node', ['dist/cli.js', 'check', example]);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode && !process.argv.includes('--no-editor')) {
  console.log('\nOpening the example in VS Code with the extension loaded…');
  spawn('code', [`--extensionDevelopmentPath=${root}`, example, join(example, 'modules', 'iam', 'main.tf')], { stdio: 'inherit', detached: true }).unref();
} else {
  console.log('\n`code` is not on PATH: to see the squiggles and quick fixes, install the extension (`npm run package`,');
  console.log('then `code --install-extension dist/agentcore-iam.vsix`) and open examples/seed-case/modules/iam/main.tf.');
}
