/**
 * The extension-host side of the end-to-end run: VS Code loads this file (`extensionTestsPath`) in
 * its real extension host and calls `run()`. Mocha runs every bundled `*.test.js` beside it; the
 * counts go to `E2E_RESULTS` (a JSON file test/e2e/run.mjs reads) and the console (the shim prints it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 120_000, reporter: 'spec' });
  const only = process.env.E2E_GREP;
  if (only) mocha.grep(only);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const failures: { title: string; error: string }[] = [];
  let passes = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passes++);
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) }));
  });
  const results = process.env.E2E_RESULTS;
  if (results) fs.writeFileSync(results, JSON.stringify({ passes, failures }, null, 2));
  console.log(`extension-host suites: ${passes} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} end-to-end test(s) failed`);
}
