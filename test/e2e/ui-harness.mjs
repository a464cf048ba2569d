// What the UI scenarios (ui.mjs, ui-ja.mjs) share: steps that pass or fail on their own, waits for
// a condition on the page (never a fixed sleep), the scratch profile code-server runs with, and the
// closing line `NAME: N passed, N failed` that run.mjs reads.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A VS Code profile that starts quietly: no welcome page, tips, telemetry or update checks. */
const QUIET_SETTINGS = { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'workbench.tips.enabled': false, 'window.commandCenter': false, 'chat.commandCenter.enabled': false };

/**
 * A scenario named `name` (its closing line), with screenshots of failed steps in `shots` as
 * `${failedPrefix}N.png`, in a scratch folder of its own (removed by finish() and on a signal).
 */
export function scenario({ name, shots, failedPrefix }) {
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

  return {
    scratch, step, until, profile, broke, finish,
    setPage: (p) => { page = p; },
    setServer: (s) => { server = s; },
  };
}
