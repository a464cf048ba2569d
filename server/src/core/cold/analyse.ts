/**
 * The analysis of some parts of a workspace (cold/partition.ts), one part at a time: each part's
 * files are read, modelled and analysed, and only the findings are kept. A part's syntax trees,
 * model and evaluator state are garbage as soon as it is done, so memory stays that of the
 * largest part rather than of the workspace. Runs in a worker thread (cold/worker.ts) or in process.
 */
import { analyze } from '../analyze';
import type { Finding } from '../model';
import type { AnalysisSettings } from '../settings';
import { Workspace } from '../workspace';
import type { FileProblem } from '../workspace-model';
import type { SuppressedFinding } from '../suppress';
import { analysisFailed } from '../incomplete';
import { jsonTrustFiles } from '../terraform/model';

export interface ColdRequest {
  root: string;
  settings: AnalysisSettings;
  /** Each entry: the files of one part. */
  parts: string[][];
  /** Compute every finding's fixes (the JSON report and `--fix` need them; the text report does not). */
  fixes: boolean;
  /** Texts to analyse instead of the disk's (documents open in editors), by file. */
  texts?: ReadonlyMap<string, string>;
  /** Module folders outside the root that the configuration calls (core/module-files.ts), read with them as the gate's root. */
  moduleRoots?: string[];
  /** Texts already read from disk through the gate, the root as its root (ColdPlan.read; in this thread only): taken instead of reading the files again. */
  read?: Map<string, string>;
}

export interface ColdPartResult {
  /** The part's files as read (their texts are the ones analysed). */
  files: string[];
  /** The files of the part whose text came from the request's `texts`, not the disk, with that text. */
  edited?: Map<string, string>;
  findings: Finding[];
  problems: FileProblem[];
  roles: number;
  /** Files that file()/templatefile() read (a change of one of them changes this part's findings). */
  reads: string[];
  /** Findings left out by in-source suppressions (plain, as `findings`). */
  suppressed?: SuppressedFinding[];
  /** JSON trust policy files judged on their own as roles (terraform/model.ts jsonTrustRoles; counted in `roles`). */
  jsonTrust?: string[];
}

/**
 * Plain data (structured-clone safe, holding nothing of the model): fixes computed now, or left
 * out without reading them (reading computes them).
 */
export function plain(f: Finding, fixes: boolean): Finding {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(f)) if (k !== 'fixes') out[k] = (f as unknown as Record<string, unknown>)[k];
  out.fixes = fixes ? f.fixes : [];
  return out as unknown as Finding;
}

/**
 * `pause`: awaited between reading a part's files, modelling it and analysing it (the language
 * server's first index returns to the event loop there, so that no step holds it for a whole part).
 */
export async function analyseParts(req: ColdRequest, each?: (r: ColdPartResult) => void, pause?: () => Promise<void>): Promise<ColdPartResult[]> {
  const out: ColdPartResult[] = [];
  for (const files of req.parts) {
    const ws = await Workspace.create({ root: req.root, settings: req.settings, deferParser: true, moduleRoots: req.moduleRoots });
    ws.loadFiles(files, [], req.texts, req.read);
    await ws.parsePending();
    await pause?.();
    const model = ws.model();
    await pause?.();
    let analysed: Pick<ReturnType<typeof analyze>, 'findings' | 'suppressed'>;
    try {
      // Without fixes (the text report), findings hold [] instead of a fix getter each.
      analysed = analyze(model, req.settings, { getText: (f) => ws.getText(f), fixes: req.fixes });
    } catch (e) {
      // Fail closed (core/incomplete.ts): no findings for this part, and a problem on its first file says why.
      analysed = { findings: [] };
      model.problems.push(analysisFailed(files[0] ?? req.root, 'this part of the workspace', e));
    }
    const { findings, suppressed } = analysed;
    const r: ColdPartResult = { files, findings: findings.map((f) => plain(f, req.fixes)), problems: model.problems, roles: model.roles.length, reads: ws.reads() };
    if (suppressed?.length) r.suppressed = suppressed.map((s) => ({ ...s, finding: plain(s.finding, false) }));
    const jsonTrust = jsonTrustFiles(model);
    if (jsonTrust.length) r.jsonTrust = jsonTrust;
    if (req.texts) {
      for (const f of files) {
        const t = req.texts.get(f);
        if (t !== undefined) (r.edited ??= new Map()).set(f, t);
      }
    }
    if (each) each(r);
    else out.push(r);
  }
  return out;
}
