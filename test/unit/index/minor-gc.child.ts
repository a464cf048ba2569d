// Run by minor-gc.test.ts in a Node of its own (`--expose-gc --trace-gc-nvp`, a young generation
// large enough for 24 keystrokes without a collection): typing into a role name of the benchmark's
// 3,000-line main.tf; for each mark n, `MARK n`, then n keystrokes, then a minor collection, whose
// `new_space_survived` the test reads.
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache, fixesPending } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';

declare const gc: (o?: { type: 'minor' | 'major' }) => void;

(async () => {
  const [root, ...marks] = process.argv.slice(2);
  const file = `${root}/main.tf`;
  const settings = withDefaults({});
  const ws = await Workspace.create({ root, settings });
  await ws.loadFromDisk();
  let text = ws.getText(file)!;
  ws.setFile(file, text, { open: true });
  const cache = createAnalysisCache();
  const at = /name\s+= "agent-/.exec(text)!;
  const i = at.index + at[0].length;
  let k = 0;
  const keystroke = () => {
    text = text.slice(0, i + k) + 'x' + text.slice(i + k);
    k++;
    ws.setFile(file, text, { open: true });
    for (const f of analyze(ws.model(), settings, { cache, getText: ws.textSnapshot() }).findings) void fixesPending(f);
  };
  for (let n = 0; n < 20; n++) keystroke();
  gc();
  for (const m of marks.map(Number)) {
    gc({ type: 'minor' });
    gc({ type: 'minor' });
    console.log(`MARK ${m}`);
    for (let n = 0; n < m; n++) keystroke();
    gc({ type: 'minor' });
  }
})();
