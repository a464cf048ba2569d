// The UI scenario under a Japanese display language: the packaged extension in code-server whose
// locale is `ja` (User/argv.json), driven with the keyboard like ui.mjs. VS Code's own Japanese
// language pack is not available offline: test/e2e/ja-display-language is a language pack without
// translations, so VS Code's UI stays English while vscode.env.language is `ja` — what the
// extension's package.nls.ja.json, l10n/bundle.l10n.ja.json and the language server (initialize
// `locale`) follow. Checks the palette, the status bar, squiggles, Problems, the hover and the quick
// fix in Japanese. Screenshots: test/e2e/screenshots/ja-*.png (clips: images/ja-*.png are copies).
// Last line: `ui-ja: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerCli } from '../../scripts/code-server.mjs';
import { E2E as here, MAIN, packageVsix, ROOT as root, scenario, SHOTS as shots, VSIX } from './ui-harness.mjs';

const VSCE = join(root, 'node_modules', '.bin', 'vsce');

const { scratch, step, until, profile: makeProfile, finish, seedCase, drive } = scenario({ name: 'ui-ja', failedPrefix: 'ja-failed-' });

/** A screenshot of the part of `page` around `box` (small enough for the README). */
async function clip(page, name, box, pad = { left: 70, top: 10, right: 20, bottom: 40 }) {
  const vp = page.viewportSize();
  const x = Math.max(0, box.x - pad.left);
  const y = Math.max(0, box.y - pad.top);
  await page.screenshot({ path: join(shots, name), clip: { x, y, width: Math.min(vp.width - x, box.width + pad.left + pad.right), height: Math.min(vp.height - y, box.height + pad.top + pad.bottom) } });
}

console.log('ui-ja: the packaged extension under a Japanese display language');
mkdirSync(shots, { recursive: true });
for (const f of ['ja-squiggles.png', 'ja-hover.png', 'ja-quick-fix.png', 'ja-problems.png']) rmSync(join(shots, f), { force: true });
const { workspace, xrayLine } = seedCase();
const profile = makeProfile();
const userData = profile.userDataDir;
const extensions = profile.extensionsDir;
// The display language, where code-server reads it (its --locale flag, else argv.json in the user data).
writeFileSync(join(userData, 'User', 'argv.json'), JSON.stringify({ locale: 'ja' }));

const okInstall = await step('the .vsix and the Japanese display language installed with --install-extension', async () => {
  packageVsix({ missing: true });
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

await drive({ server: profile, workspace, viewport: { width: 1400, height: 900 } }, async ({ page, key, goToLine, quickOpen, palette }) => {
  await step('the workbench runs in Japanese (the page\'s language is ja)', async () => {
    const lang = await until('the NLS language', () => page.evaluate(() => globalThis._VSCODE_NLS_LANGUAGE));
    if (lang !== 'ja') throw new Error(`_VSCODE_NLS_LANGUAGE is ${lang}`);
  });

  await step('main.tf opens and shows squiggles', async () => {
    await quickOpen(MAIN);
    await until('squiggles', async () => (await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count()) >= 1, 60_000);
  });

  await step('the status bar in Japanese (l10n/bundle.l10n.ja.json)', async () => {
    await until('AgentCore IAM: ロール 1 件', async () => /AgentCore IAM: ロール 1 件/.test(await page.locator('.statusbar').innerText()));
  });

  await step('the command palette lists the commands in Japanese (package.nls.ja.json)', async () => {
    await palette('AgentCore');
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
    if (box) await clip(page, 'ja-hover.png', box, { left: 90, top: 40, right: 20, bottom: 30 });
    await key('Escape');
  });

  await step('Ctrl+. on R7: the quick fixes in Japanese; Enter applies the preferred one', async () => {
    await goToLine(xrayLine + 1, 5);
    await key('Control+.');
    const item = page.getByText('ステートメント "XRayAccess" に xray:GetSamplingRules、xray:GetSamplingTargets を追加');
    await until('the Japanese quick fix', () => item.first().isVisible());
    const menu = await page.locator('.action-widget').first().boundingBox();
    if (menu) await clip(page, 'ja-quick-fix.png', menu, { left: 420, top: 60, right: 30, bottom: 20 });
    await key('Enter');
    await until('R7 gone from Problems', async () => {
      const t = await page.locator('.markers-panel').innerText();
      return !/xray:GetSamplingRules/.test(t) && /logs:DescribeLogGroups/.test(t);
    });
  });
});
