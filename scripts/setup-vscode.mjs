// Installs what the end-to-end tests need to run a real VS Code on a machine without internet
// (docs/vscode-offline-testing.md): code-server 4.100.3 (VS Code 1.100.3) in
// `.vscode-test/host/`, from the lockfile in test/e2e/host/, and Debian's Chromium, ripgrep and the
// headers code-server's native modules build against. Idempotent: a second run does nothing.
//
//   node scripts/setup-vscode.mjs           install when missing, print the paths
//   node scripts/setup-vscode.mjs --check   exit 0 when everything is in place, 1 otherwise
//
// Prints one line per step; exits non-zero with the reason when something cannot be installed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CODE_SERVER, HOST_DIR } from './code-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOCK_SRC = join(root, 'test', 'e2e', 'host');
const STAMP = join(HOST_DIR, '.installed');

const APT_PACKAGES = ['build-essential', 'python3', 'pkg-config', 'libkrb5-dev', 'libsecret-1-dev', 'libxkbfile-dev', 'libx11-dev', 'ripgrep', 'chromium', 'fonts-dejavu-core', 'fonts-ipafont-gothic'];
// What each package leaves behind, to skip apt when it is all there already.
const APT_PROBES = ['/usr/bin/chromium', '/usr/bin/rg', '/usr/include/gssapi/gssapi.h', '/usr/include/X11/extensions/XKBfile.h', '/usr/include/libsecret-1/libsecret/secret.h', '/usr/bin/pkg-config', '/usr/bin/g++', '/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf'];

function log(msg) {
  console.log(`setup-vscode: ${msg}`);
}

function fail(msg) {
  console.error(`setup-vscode: ${msg}`);
  process.exit(1);
}

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', encoding: 'utf8', ...opts });
}

/** What was installed: the host's package.json and lockfile, as committed. */
function wanted() {
  return ['package.json', 'package-lock.json'].map((f) => readFileSync(join(LOCK_SRC, f), 'utf8')).join('\n');
}

function stampMatches() {
  if (!existsSync(STAMP) || !existsSync(CODE_SERVER)) return false;
  return readFileSync(STAMP, 'utf8') === wanted();
}

function ready() {
  return APT_PROBES.every((p) => existsSync(p)) && stampMatches();
}

function installDebianPackages() {
  const missing = APT_PROBES.filter((p) => !existsSync(p));
  if (missing.length === 0) return log('Debian packages: present');
  if (process.getuid?.() !== 0) fail(`missing ${missing.join(', ')}; run as root or install: apt-get install ${APT_PACKAGES.join(' ')}`);
  log(`Debian packages: installing ${APT_PACKAGES.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = sh('apt-get', ['update', '-qq'], { env });
  if (r.status !== 0) fail('apt-get update failed');
  r = sh('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...APT_PACKAGES], { env });
  if (r.status !== 0) fail('apt-get install failed');
}

/** @vscode/ripgrep's postinstall downloads from GitHub; its cache accepts Debian's rg instead. */
function seedRipgrepCache() {
  const cache = join(process.env.TMPDIR || tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  const tarball = join(cache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz');
  if (existsSync(tarball)) return;
  mkdirSync(cache, { recursive: true });
  const d = mkdtempSync(join(tmpdir(), 'rg-'));
  copyFileSync('/usr/bin/rg', join(d, 'rg'));
  const r = sh('tar', ['czf', tarball, '-C', d, 'rg']);
  rmSync(d, { recursive: true, force: true });
  if (r.status !== 0) fail('could not seed the ripgrep cache');
}

function installCodeServer() {
  if (stampMatches()) return log(`code-server: present (${CODE_SERVER})`);
  seedRipgrepCache();
  mkdirSync(HOST_DIR, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(LOCK_SRC, f), join(HOST_DIR, f));
  log('code-server 4.100.3: installing into .vscode-test/host (about 2 minutes on an empty npm cache)');
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // root: code-server's postinstall refuses without it
    npm_config_yes: 'true', // node-pty's postinstall runs npx
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  // npm 11 runs dependency install scripts only for packages in package.json#allowScripts
  // (code-server's postinstall installs VS Code's own modules; argon2 builds natively).
  const r = sh('npm', ['ci'], { cwd: HOST_DIR, env });
  if (r.status !== 0 || !existsSync(CODE_SERVER)) fail('npm ci of code-server failed (see above)');
  writeFileSync(STAMP, wanted());
  log('code-server: installed');
}

if (process.argv.includes('--check')) process.exit(ready() ? 0 : 1);
if (process.platform !== 'linux') fail('this setup targets Debian Linux; elsewhere install desktop VS Code and run the e2e suites with it');
installDebianPackages();
installCodeServer();
log(`ready: ${CODE_SERVER}, ${CHROMIUM}`);
