// The UI scenario: the packaged extension in a real VS Code, driven like a person with the keyboard
// (Playwright on Debian's Chromium against code-server). It installs dist/agentcore-iam.vsix the
// way users do (`--install-extension`), opens the seed case, and checks what a person sees:
// squiggles in modules/iam/main.tf, the findings in Problems, the quick fix menu on R7 applied with
// Enter, a command run from the palette, the status bar. Screenshots: test/e2e/screenshots/*.png
// (failed-N.png: the screen when step N failed).
// Last line: `ui: N passed, N failed`.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerCli } from '../../scripts/code-server.mjs';
import { MAIN, packageVsix, scenario, SHOTS as shots, VSIX } from './ui-harness.mjs';

const { step, until, profile: makeProfile, finish, seedCase, drive } = scenario({ name: 'ui', failedPrefix: 'failed-' });

console.log('ui: the packaged extension, driven like a person');
rmSync(shots, { recursive: true, force: true }); // no stale pictures from an earlier run
mkdirSync(shots, { recursive: true });
const { workspace, mainLines: mainText, xrayLine } = seedCase(); // the bundled example, copied: tests edit it
// Workspace trust stays on: the person answers "No, I don't trust the authors", and everything below
// happens in Restricted Mode (diagnostics and fixes only read and edit text; the live audit, which
// signs AWS requests, must not be offered there).
const profile = makeProfile();

// The .vsix, built and installed as a user would.
const okPackage = await step('npm run package builds the .vsix', async () => packageVsix());
if (!okPackage) finish();
const okInstall = await step('code-server --install-extension installs the .vsix', async () => {
  const r = codeServerCli(profile, ['--install-extension', VSIX]);
  if (r.status !== 0) throw new Error(`${r.stdout}\n${r.stderr}`);
  if (!/agentcore-iam/.test(codeServerCli(profile, ['--list-extensions']).stdout)) throw new Error('not listed by --list-extensions');
});
if (!okInstall) finish();

await drive({ server: { ...profile, trust: false }, workspace, viewport: { width: 1500, height: 950 } }, async ({ page, key, goToLine, quickOpen, palette }) => {
  const shot = (name) => page.screenshot({ path: join(shots, name) });

  await step('the workspace is not trusted: Restricted Mode', async () => {
    const no = page.getByRole('button', { name: "No, I don't trust the authors" });
    await until('the workspace trust dialog', () => no.isVisible(), 60_000);
    await no.click();
    await until('Restricted Mode in the status bar', async () => /Restricted Mode/.test(await page.locator('.statusbar').innerText()));
  });

  await step('main.tf opens with Ctrl+P and shows error squiggles', async () => {
    await quickOpen(MAIN);
    // Only the visible lines are rendered: the trust finding (a warning) is on screen at the top.
    await until('squiggles in the editor', async () => (await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').count()) >= 1, 60_000);
    await shot('01-squiggles.png');
  });

  await step('the status bar shows the roles found', async () => {
    await until('status bar item', async () => /AgentCore IAM: \d+ role/.test((await page.locator('.statusbar').innerText()) ?? ''));
  });

  await step('Problems (Ctrl+Shift+M) lists the missing permissions', async () => {
    await key('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await until('R5 and R7 in Problems', async () => {
      const t = await panel.innerText();
      return /logs:DescribeLogGroups/.test(t) && /xray:GetSamplingRules/.test(t) && /aws:SourceArn/.test(t);
    });
    await shot('02-problems.png');
  });

  await step('Ctrl+G then Ctrl+. on R7 offers the quick fixes; Enter applies the preferred one', async () => {
    await goToLine(xrayLine + 1, 5);
    // Ctrl+. opens the menu once (pressed again inside the menu, it accepts the selection).
    await key('Control+.');
    const fixItem = page.getByText('Add xray:GetSamplingRules, xray:GetSamplingTargets to statement "XRayAccess"');
    await until('the R7 fix in the quick fix menu', () => fixItem.first().isVisible());
    await shot('03-quick-fix-menu.png');
    await key('Enter');
    await until('the statement extended in the editor', async () => /GetSamplingTargets/.test(await page.locator('.monaco-editor .view-lines').first().innerText()));
    await until('R7 gone from Problems', async () => {
      const t = await page.locator('.markers-panel').innerText();
      return !/xray:GetSamplingRules/.test(t) && /logs:DescribeLogGroups/.test(t);
    });
    await shot('04-fix-applied.png');
  });

  await step('Ctrl+K Ctrl+I on the role shows every requirement with its verdict', async () => {
    const roleLine = mainText.findIndex((l) => l.startsWith('resource "aws_iam_role" "agent_runtime"'));
    await goToLine(roleLine + 1, 3);
    await key('Control+K');
    await key('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: 'runtime.R1' });
    await until('the requirements table in the hover', async () => {
      const t = (await hover.count()) ? await hover.first().innerText() : '';
      return /runtime\.R1[\s\S]*granted[\s\S]*ECRImageAccess/.test(t) && /runtime\.R5[\s\S]*missing/.test(t);
    });
    await shot('05-role-hover.png');
    // The hover and the line it is on, for the README (images/role-hover.png is a copy of one such run).
    const box = await hover.first().boundingBox();
    if (box) await page.screenshot({ path: join(shots, '05-role-hover-clip.png'), clip: { x: Math.max(0, box.x - 70), y: Math.max(0, box.y - 10), width: box.width + 90, height: box.height + 60 } });
    await key('Escape');
  });

  await step('in Restricted Mode the palette does not offer the live audit', async () => {
    await palette('AgentCore:');
    await until('AgentCore commands listed', async () => /AgentCore: Show Output/.test(await page.locator('.quick-input-list').innerText()));
    const listed = await page.locator('.quick-input-list').innerText();
    if (/Audit Live Runtime/.test(listed)) throw new Error(`the audit is offered in Restricted Mode:\n${listed}`);
    await key('Escape');
  });

  await step('a command from the palette (AgentCore: Show Output) shows the server log', async () => {
    await palette('AgentCore: Show Output');
    await until('the command in the list', async () => /AgentCore: Show Output/.test(await page.locator('.quick-input-list').innerText()));
    await key('Enter');
    await until('the output channel with the server log', async () => {
      const out = page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]');
      return (await out.count()) > 0 && /AgentCore IAM|agentcore/i.test(await page.locator('.part.panel').innerText());
    });
    await shot('05-command-output.png');
  });
});
