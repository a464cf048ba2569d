// What the UI scenarios (ui.mjs, ui-ja.mjs) share: steps that pass or fail on their own, waits for
// a condition on the page (never a fixed sleep), the scratch profile code-server runs with, the seed
// case copied to edit, the packaged .vsix, the workbench opened in Chromium and what a person does
// in it with the keyboard (quick open, go to line, the command palette), and the closing line
// `NAME: N passed, N failed` that run.mjs reads.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, startCodeServer } from '../../scripts/code-server.mjs';

export const E2E = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(E2E, '..', '..');
export const VSIX = join(ROOT, 'dist', 'agentcore-iam.vsix');
/** test/e2e/screenshots (git-ignored). */
export const SHOTS = join(E2E, 'screenshots');
/** The seed case's file the scenarios open and fix. */
export const MAIN = 'modules/iam/main.tf';

/** A VS Code profile that starts quietly: no welcome page, tips, telemetry or update checks. */
const QUIET_SETTINGS = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'workbench.tips.enabled': false, 'window.commandCenter': false, 'chat.commandCenter.enabled': false };

/**
 * A scenario named `name` (its closing line), with screenshots of failed steps in `shots` as
 * `${failedPrefix}N.png`, in a scratch folder of its own (removed by finish() and on a signal).
 */
export function scenario({ name, shots = SHOTS, failedPrefix }) {
  let passed = 0;
  let failed = 0;
  let page;
  let server;
  const scratch = mkdtempSync(join(tmpdir(), `agentcore-iam-${name}-`));
  const cleanup = () => {
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { cleanup(); process.exit(130); });

  /** One step: passes or fails on its own, later steps still run when they can. */
  async function step(label, fn) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ✔ ${label} (${Date.now() - t0} ms)`);
      return true;
    } catch (e) {
      failed++;
      console.log(`  ✗ ${label}: ${e instanceof Error ? e.message : String(e)}`);
      await page?.screenshot({ path: join(shots, `${failedPrefix}${passed + failed}.png`) }).catch(() => undefined);
      return false;
    }
  }

  /**
   * Until the page next changes (every condition here is on the page: a box opened, squiggles drawn,
   * text in a panel), or 250 ms at most, for a change between the probe and this wait.
   */
  async function pageChange() {
    await page?.evaluate(() => new Promise((resolve) => {
      const done = () => { observer.disconnect(); clearTimeout(timer); resolve(undefined); };
      const observer = new MutationObserver(done);
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      const timer = setTimeout(done, 250);
    })).catch(() => undefined); // a page navigating: probe again
  }

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
      await pageChange();
    }
    throw new Error(`timed out waiting for ${what}${last ? ` (${last.message ?? last})` : ''}`);
  }

  /** The scratch profile (user data with QUIET_SETTINGS, extensions, state) code-server runs with. */
  function profile() {
    const userDataDir = join(scratch, 'user-data');
    mkdirSync(join(userDataDir, 'User'), { recursive: true });
    writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS));
    return { userDataDir, extensionsDir: join(scratch, 'extensions'), stateDir: scratch };
  }

  /** The whole scenario could not run (an exception outside every step). */
  function broke(e) {
    failed++;
    console.log(`  ✗ the scenario could not run: ${e instanceof Error ? e.message : String(e)}`);
  }

  function finish() {
    cleanup();
    console.log(`${name}: ${passed} passed, ${failed} failed`);
    process.exit(failed > 0 ? 1 : 0);
  }

  /**
   * examples/seed-case copied into the scratch folder (the scenario edits it): its path, the lines
   * of MAIN, and the `statement {` line of XRayAccess that R7 points at (0-based).
   */
  function seedCase() {
    const workspace = join(scratch, 'seed-case');
    cpSync(join(ROOT, 'examples', 'seed-case'), workspace, { recursive: true });
    const mainLines = readFileSync(join(workspace, MAIN), 'utf8').split('\n');
    return { workspace, mainLines, xrayLine: mainLines.findIndex((l) => /sid\s*=\s*"XRayAccess"/.test(l)) - 1 };
  }

  /**
   * Starts code-server with `server` (startCodeServer's options), opens `workspace` in Chromium at
   * `viewport`, and runs `body` with the page and what a person does in it; an exception outside
   * every step fails the scenario (broke). Closes the browser and ends with finish().
   */
  async function drive({ server: options, workspace, viewport }, body) {
    let browser;
    try {
      server = await startCodeServer(options);
      browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport });
      const key = (k) => page.keyboard.press(k);
      await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`);
      await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
      await body({ page, key, ...keyboard(page, key) });
    } catch (e) {
      broke(e);
    } finally {
      await browser?.close().catch(() => undefined);
    }
    finish();
  }

  /** What a person does with the keyboard in the workbench, each step waiting for the box it opens. */
  function keyboard(page, key) {
    const quickInput = () => page.locator('.quick-input-widget input').isVisible();
    return {
      /** Ctrl+G in the editor: to `line`:`column` (1-based). */
      async goToLine(line, column) {
        await page.locator('.monaco-editor .view-lines').first().click();
        await key('Control+G');
        await until('the go-to-line box', quickInput);
        await page.keyboard.type(`${line}:${column}`);
        await key('Enter');
      },
      /** Ctrl+P, `file`, Enter: until its editor tab is the active one. */
      async quickOpen(file) {
        await until('the quick open box', async () => {
          await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
          await key('Control+P');
          return quickInput();
        });
        await page.keyboard.type(file);
        await until('the file in the quick open list', () => page.locator('.quick-input-list .monaco-list-row').first().isVisible());
        await key('Enter');
        const base = file.split('/').pop();
        await until(`the editor tab for ${base}`, () => page.locator('.tab.active', { hasText: base }).isVisible());
      },
      /** Ctrl+Shift+P and `text` typed into the command palette. */
      async palette(text) {
        await until('the command palette', async () => {
          await key('Control+Shift+P');
          return quickInput();
        });
        await page.keyboard.type(text);
      },
    };
  }

  return { scratch, step, until, profile, broke, finish, seedCase, drive };
}

/** dist/agentcore-iam.vsix built by `npm run package` (always, or only when `missing` and there is none). */
export function packageVsix({ missing = false } = {}) {
  if (missing && existsSync(VSIX)) return;
  const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(VSIX)) throw new Error(`npm run package failed:\n${r.stdout}\n${r.stderr}`);
}
