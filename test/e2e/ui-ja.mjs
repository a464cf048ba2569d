// The UI scenario under a Japanese display language: the packaged extension in code-server whose
// locale is `ja` (User/argv.json), driven with the keyboard like ui.mjs. VS Code's own Japanese
// language pack is not available offline: test/e2e/ja-display-language is a language pack without
// translations, so VS Code's UI stays English while vscode.env.language is `ja` — what the
// extension's package.nls.ja.json, l10n/bundle.l10n.ja.json and the language server (initialize
// `locale`) follow. Checks the palette, the status bar, squiggles, Problems, the hover and the quick
// fix in Japanese. Screenshots: test/e2e/screenshots/ja-*.png (clips: images/ja-*.png are copies).
// Last line: `ui-ja: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, codeServerCli, startCodeServer } from '../../scripts/code-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const VSIX = join(root, 'dist', 'agentcore-iam.vsix');
const VSCE = join(root, 'node_modules', '.bin', 'vsce');
const shots = join(here, 'screenshots');
const MAIN = 'modules/iam/main.tf';

let passed = 0;
let failed = 0;
const scratch = mkdtempSync(join(tmpdir(), 'agentcore-iam-ui-ja-'));
let server;
let browser;
let page;

function finish() {
  server?.stop();
  rmSync(scratch, { recursive: true, force: true });
  console.log(`ui-ja: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { server?.stop(); rmSync(scratch, { recursive: true, force: true }); process.exit(130); });

async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (e) {
    failed++;
    console.log(`  ✗ ${name}: ${e instanceof Error ? e.message : String(e)}`);
    await page?.screenshot({ path: join(shots, `ja-failed-${passed + failed}.png`) }).catch(() => undefined);
    return false;
  }
}

/** Until the page changes (or 250 ms), then the probe again: no fixed sleeps. */
async function until(what, probe, timeoutMs = 30_000) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await page?.evaluate(() => new Promise((resolve) => {
      const done = () => { observer.disconnect(); clearTimeout(timer); resolve(undefined); };
      const observer = new MutationObserver(done);
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const timer = setTimeout(done, 250);
    })).catch(() => undefined);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (${last.message ?? last})` : ''}`);
}

/** A screenshot of the part of the page around `box` (small enough for the README). */
async function clip(name, box, pad = { left: 70, top: 10, right: 20, bottom: 40 }) {
  const vp = page.viewportSize();
  const x = Math.max(0, box.x - pad.left);
  const y = Math.max(0, box.y - pad.top);
  await page.screenshot({ path: join(shots, name), clip: { x, y, width: Math.min(vp.width - x, box.width + pad.left + pad.right), height: Math.min(vp.height - y, box.height + pad.top + pad.bottom) } });
}

console.log('ui-ja: the packaged extension under a Japanese display language');
mkdirSync(shots, { recursive: true });
for (const f of ['ja-squiggles.png', 'ja-hover.png', 'ja-quick-fix.png', 'ja-problems.png']) rmSync(join(shots, f), { force: true });
const workspace = join(scratch, 'seed-case');
cpSync(join(root, 'examples', 'seed-case'), workspace, { recursive: true });
const userData = join(scratch, 'user-data');
const extensions = join(scratch, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'workbench.tips.enabled': false, 'window.commandCenter': false, 'chat.commandCenter.enabled': false }));
// The display language, where code-server reads it (its --locale flag, else argv.json in the user data).
writeFileSync(join(userData, 'User', 'argv.json'), JSON.stringify({ locale: 'ja' }));
const profile = { userDataDir: userData, extensionsDir: extensions, stateDir: scratch };

const okInstall = await step('the .vsix and the Japanese display language installed with --install-extension', async () => {
  if (!existsSync(VSIX)) {
    const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(VSIX)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
  }
  const pack = join(scratch, 'display-language-ja.vsix');
  const p = spawnSync(VSCE, ['package', '--no-dependencies', '--allow-missing-repository', '--out', pack], { cwd: join(here, 'ja-display-language'), encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`vsce package (display language) failed:\n${p.stdout}\n${p.stderr}`);
  for (const v of [pack, VSIX]) {
    const r = codeServerCli(profile, ['--install-extension', v]);
    if (r.status !== 0) throw new Error(`${r.stdout}\n${r.stderr}`);
  }
  const listed = codeServerCli(profile, ['--list-extensions']).stdout;
  if (!/agentcore-iam/.test(listed) || !/e2e-display-language-ja/.test(listed)) throw new Error(`not listed: ${listed}`);
  // The server resolves the display language through languagepacks.json in its user data, which
  // VS Code writes when the workbench installs a language pack; `--install-extension` of a .vsix
  // does not write it (code-server 4.100.3, measured): written here with the same fields it reads.
  const dir = readdirSync(extensions).find((d) => d.startsWith('agentcore-iam-tests.e2e-display-language-ja-'));
  if (!dir) throw new Error(`the display language is not in ${extensions}`);
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify({
    ja: { hash: 'e2e0000000000000000000000000000000', label: '日本語', extensions: [{ extensionIdentifier: { id: 'agentcore-iam-tests.e2e-display-language-ja' }, version: '0.0.1' }], translations: { vscode: join(extensions, dir, 'translations', 'main.i18n.json') } },
  }));
});
if (!okInstall) finish();

try {
  server = await startCodeServer(profile);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const key = (k) => page.keyboard.press(k);
  await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });

  await step('the workbench runs in Japanese (the page\'s language is ja)', async () => {
    const lang = await until('the NLS language', () => page.evaluate(() => globalThis._VSCODE_NLS_LANGUAGE));
    if (lang !== 'ja') throw new Error(`_VSCODE_NLS_LANGUAGE is ${lang}`);
  });

  const mainText = readFileSync(join(workspace, MAIN), 'utf8').split('\n');
  const xrayLine = mainText.findIndex((l) => /sid\s*=\s*"XRayAccess"/.test(l)) - 1;
  const goToLine = async (line, column) => {
    await page.locator('.monaco-editor .view-lines').first().click();
    await key('Control+G');
    await until('the go-to-line box', () => page.locator('.quick-input-widget input').isVisible());
    await page.keyboard.type(`${line}:${column}`);
    await key('Enter');
  };

  await step('main.tf opens and shows squiggles', async () => {
    await until('the quick open box', async () => {
      await key('Control+P');
      return page.locator('.quick-input-widget input').isVisible();
    });
    await page.keyboard.type(MAIN);
    await until('the file in the list', () => page.locator('.quick-input-list .monaco-list-row').first().isVisible());
    await key('Enter');
    await until('the editor tab for main.tf', () => page.locator('.tab.active', { hasText: 'main.tf' }).isVisible());
    await until('squiggles', async () => (await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count()) >= 1, 60_000);
  });

  await step('the status bar in Japanese (l10n/bundle.l10n.ja.json)', async () => {
    await until('AgentCore IAM: ロール 1 件', async () => /AgentCore IAM: ロール 1 件/.test(await page.locator('.statusbar').innerText()));
  });

  await step('the command palette lists the commands in Japanese (package.nls.ja.json)', async () => {
    await until('the command palette', async () => {
      await key('Control+Shift+P');
      return page.locator('.quick-input-widget input').isVisible();
    });
    await page.keyboard.type('AgentCore');
    await until('AgentCore: 言語サーバーを再起動', async () => {
      const t = await page.locator('.quick-input-list').innerText();
      return /AgentCore: 言語サーバーを再起動/.test(t) && /AgentCore: 出力を表示/.test(t);
    });
    await key('Escape');
  });

  await step('Problems lists the findings in Japanese, actions as written', async () => {
    await key('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await until('R5 and R7 in Japanese', async () => {
      const t = await panel.innerText();
      return /logs:DescribeLogGroups が不足/.test(t) && /xray:GetSamplingRules、xray:GetSamplingTargets が不足/.test(t) && /aws:SourceArn/.test(t);
    });
    await page.screenshot({ path: join(shots, 'ja-problems.png') });
    // The squiggle on the trust policy's statement above the findings in Problems, and the status bar.
    const editor = await page.locator('.part.editor').first().boundingBox();
    if (editor) {
      const vp = page.viewportSize();
      const top = editor.y + editor.height * 0.38;
      await page.screenshot({ path: join(shots, 'ja-squiggles.png'), clip: { x: editor.x, y: top, width: Math.min(vp.width - editor.x, 1000), height: vp.height - top } });
    }
  });

  await step('the squiggle\'s hover on R7 in Japanese: the message, the reason, the sources', async () => {
    await goToLine(xrayLine + 1, 5);
    await key('Control+K');
    await key('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: 'xray:GetSamplingRules' });
    await until('the Japanese hover', async () => {
      const t = (await hover.count()) ? await hover.first().innerText() : '';
      return /が不足（対象: \*）/.test(t) && /出典:/.test(t);
    });
    const box = await hover.first().boundingBox();
    if (box) await clip('ja-hover.png', box, { left: 90, top: 40, right: 20, bottom: 30 });
    await key('Escape');
  });

  await step('Ctrl+. on R7: the quick fixes in Japanese; Enter applies the preferred one', async () => {
    await goToLine(xrayLine + 1, 5);
    await key('Control+.');
    const item = page.getByText('ステートメント "XRayAccess" に xray:GetSamplingRules、xray:GetSamplingTargets を追加');
    await until('the Japanese quick fix', () => item.first().isVisible());
    const menu = await page.locator('.action-widget').first().boundingBox();
    if (menu) await clip('ja-quick-fix.png', menu, { left: 420, top: 60, right: 30, bottom: 20 });
    await key('Enter');
    await until('R7 gone from Problems', async () => {
      const t = await page.locator('.markers-panel').innerText();
      return !/xray:GetSamplingRules/.test(t) && /logs:DescribeLogGroups/.test(t);
    });
  });
} catch (e) {
  failed++;
  console.log(`  ✗ the scenario could not run: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await browser?.close().catch(() => undefined);
}
finish();
