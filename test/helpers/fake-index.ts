/** A folder index for the Project's tests: the findings and problems a test decides, from the texts it was given. */
import type { Finding } from '../../server/src/core/model';
import type { AnalysisSettings } from '../../server/src/core/settings';
import type { FileProblem } from '../../server/src/core/workspace-model';
import type { FolderIndex } from '../../server/src/lsp/project';
import { groupByFile } from '../../server/src/core/workspace-index';

export interface FakeIndexOptions {
  texts: Map<string, string>;
  /** The findings of an analysis now (may throw: a failing analysis). */
  findings: (settings: AnalysisSettings) => Finding[];
  problems?: () => FileProblem[];
  files?: () => string[];
  setFile?: (file: string, text: string) => void;
}

export function fakeIndex(o: FakeIndexOptions, settings: AnalysisSettings): FolderIndex {
  let current = settings;
  const problems = () => o.problems?.() ?? [];
  // As the real index: consecutive analyses numbered, and the files whose findings may differ from the last one's.
  let generation = 0;
  let last = new Map<string, Finding[]>();
  return {
    loadFromDisk: async () => {},
    setFile: (f: string, t: string) => (o.setFile ? o.setFile(f, t) : void o.texts.set(f, t)),
    removeFile: (f: string) => void o.texts.delete(f),
    getText: (f: string) => o.texts.get(f),
    files: () => o.files?.() ?? [...o.texts.keys()],
    fileCount: () => (o.files?.() ?? [...o.texts.keys()]).length,
    updateSettings: (s: AnalysisSettings) => void (current = s),
    problems,
    analyse: () => {
      const findings = o.findings(current);
      const byFile = groupByFile(findings);
      const changed = new Set([...last.keys(), ...byFile.keys()]);
      last = byFile;
      return { byFile, changed, generation: ++generation, findings: findings.length, problems: problems(), roles: 0, analysed: 1, warm: 0 };
    },
  };
}
