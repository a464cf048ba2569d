// Cold analysis of a whole workspace by the core, in its own process (run by bench/run.mjs):
// Workspace.create + loadFromDisk + model() + analyze(). Prints one JSON line.
import { Workspace } from '../server/src/core/workspace';
import { analyze } from '../server/src/core/analyze';
import { withDefaults } from '../server/src/core/settings';

async function main(): Promise<void> {
  const root = process.argv[2];
  const t0 = performance.now();
  const out: Record<string, unknown> = {};
  try {
    const ws = await Workspace.create({ root });
    const t1 = performance.now();
    await ws.loadFromDisk();
    const t2 = performance.now();
    const model = ws.model();
    const t3 = performance.now();
    const result = analyze(model, withDefaults({}), { getText: (f) => ws.getText(f) });
    const t4 = performance.now();
    Object.assign(out, {
      ok: true, createMs: t1 - t0, loadMs: t2 - t1, modelMs: t3 - t2, analyzeMs: t4 - t3, totalMs: t4 - t0,
      files: ws.files().length, problems: model.problems.length, problemSample: model.problems[0]?.message, roles: model.roles?.length, findings: result.findings.length,
    });
  } catch (e) {
    Object.assign(out, { ok: false, error: e instanceof Error ? e.message : String(e), totalMs: performance.now() - t0 });
  }
  const status = (await import('node:fs')).readFileSync('/proc/self/status', 'utf8');
  out.peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  process.stdout.write(JSON.stringify(out) + '\n');
}
void main();
