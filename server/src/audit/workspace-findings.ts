/**
 * The live audit meets the workspace: the Terraform (or JSON) that defines the audited role, read
 * by the core's `Workspace`, analysed with fixes by the same analyze() as the editor; and the live
 * verdicts and drift turned into diagnostics on that Terraform, carrying the Terraform analysis'
 * own quick fixes for the same requirement. Pure Node (the VS Code command converts the result).
 */
import { analyze } from '../core/analyze';
import { auditMessagesFor, type AuditMessages } from '../core/messages/audit';
import type { Finding, Fix, Location, PolicyDocument, Range, Severity, Statement } from '../core/model';
import type { AnalysisSettings } from '../core/settings';
import { withDefaults } from '../core/settings';
import { Workspace } from '../core/workspace';
import type { WorkspaceModel } from '../core/workspace-model';
import type { SuppressedFinding } from '../core/suppress';
import { matchTerraformRole, renderSym } from './drift';
import type { AuditReport, DriftEntry } from './types';

export interface AuditWorkspace {
  model: WorkspaceModel;
  /** Findings of the workspace's own analysis, with fixes (the quick fixes live findings reuse). */
  findings: Finding[];
  /** Findings the workspace suppresses in source (`# agentcore-iam:ignore ID -- reason`): not shown live either. */
  suppressed?: SuppressedFinding[];
  /** Text of a workspace file as analysed (open editors' text wins over the disk). */
  getText(file: string): string | undefined;
  /** The settings' language (AnalysisSettings.locale): the live findings on this workspace are said in it. */
  locale?: string;
}

/**
 * Reads the workspace as the language server does: every file under `root`, then the given texts
 * (unsaved editors) over the disk. Undefined when the workspace cannot be read at all.
 */
export async function loadAuditWorkspace(root: string, settings?: Partial<AnalysisSettings>, overlays: Iterable<[string, string]> = []): Promise<AuditWorkspace> {
  const ws = await Workspace.create({ root, settings });
  await ws.loadFromDisk();
  for (const [file, text] of overlays) if (ws.getText(file) !== text) ws.setFile(file, text);
  const model = ws.model();
  const getText = (f: string) => ws.getText(f);
  const { findings, suppressed = [] } = analyze(model, withDefaults(settings), { fixes: true, getText });
  return { model, findings, suppressed, getText, ...(settings?.locale ? { locale: settings.locale } : {}) };
}

export interface LiveDiagnostic {
  file: string;
  range: Range;
  severity: Severity;
  /** `Finding.rule` of the live verdict, or `live-drift`. */
  code: string;
  requirement?: string;
  message: string;
  /** The Terraform analysis' fixes for the same requirement on this role (empty when Terraform grants it). */
  fixes: Fix[];
  related: { loc: Location; message: string }[];
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint']);

function statementFor(docs: PolicyDocument[], action: string): Statement | undefined {
  const a = action.toLowerCase();
  for (const d of docs) {
    for (const s of d.statements) {
      if (s.actions?.kind === 'items' && s.actions.items.some((i) => renderSym(i, {}).toLowerCase() === a)) return s;
    }
  }
  return undefined;
}

/** The block's first line (a whole data block as a squiggle would cover the file). */
function header(loc: Location, linesOf: (f: string) => string[] | undefined): Range {
  if (loc.range.start.line === loc.range.end.line) return loc.range;
  const line = linesOf(loc.file)?.[loc.range.start.line];
  const end = line !== undefined ? Math.max(line.trimEnd().length, loc.range.start.character + 1) : loc.range.start.character + 1;
  return { start: loc.range.start, end: { line: loc.range.start.line, character: end } };
}

/**
 * The live verdicts (not granted) and drift entries as diagnostics on the Terraform that defines
 * the live role; empty when no role of the workspace is that role. Said in `locale` (default: the
 * workspace's settings' language, as the audit's verdicts it carries; English without one).
 */
export function liveDiagnostics(report: AuditReport, ws: Pick<AuditWorkspace, 'model' | 'findings'> & Partial<Pick<AuditWorkspace, 'getText' | 'suppressed' | 'locale'>>, locale: string | undefined = ws.locale): LiveDiagnostic[] {
  const say = auditMessagesFor(locale);
  // Each file split into lines once (there is a diagnostic per drifted action and resource).
  const split = new Map<string, string[] | undefined>();
  const linesOf = (f: string) => {
    if (!split.has(f)) split.set(f, ws.getText?.(f)?.split(/\r?\n/));
    return split.get(f);
  };
  const head = (l: Location) => header(l, linesOf);
  if (!report.model) return [];
  const m = matchTerraformRole(ws.model, report.model.address, report.model.provider);
  if (!m) return [];
  const { role } = m;
  const docs = role.policies.map((p) => p.document).filter((d) => d.loc);
  const docLoc = docs[0]?.loc ?? role.loc;
  if (!docLoc) return [];
  const trustLoc = role.trust?.document.loc ?? docLoc;
  const runtime = report.runtime?.name ?? report.runtime?.id ?? say.liveRuntime;
  const related = role.loc ? [{ loc: role.loc, message: say.liveDeployedAs(report.model.address) }] : [];
  const out: LiveDiagnostic[] = [];
  const own = ws.findings.filter((f) => f.role === role.address);
  // What the Terraform suppresses for this role, with a reason, is not put back on it by the live verdicts.
  const hushed = (ws.suppressed ?? []).filter((s) => s.finding.role === role.address);
  for (const v of report.verdicts) {
    if (v.verdict === 'granted' || v.verdict === 'not-required' || !SEVERITIES.has(v.severity)) continue;
    if (hushed.some((s) => s.finding.requirement === v.requirement && s.finding.rule === v.rule)) continue;
    const trust = v.rule.startsWith('trust') || !!v.conditionKeys?.length;
    // The Terraform analysis' finding for the same requirement: same place, same fixes.
    const tf = own.find((f) => f.requirement === v.requirement && f.rule === v.rule
      && (!v.conditionKeys?.length || (f.conditionKeys ?? []).join() === v.conditionKeys.join()))
      ?? own.find((f) => f.requirement === v.requirement && f.verdict === v.verdict);
    const where: Location = tf ? { file: tf.file, range: tf.range } : trust ? trustLoc : docLoc;
    const terraformGrants = !tf && v.verdict === 'missing';
    out.push({
      file: where.file,
      range: tf ? tf.range : head(where),
      severity: v.severity as Severity,
      code: v.rule,
      requirement: v.requirement,
      message: say.liveFinding(runtime, v.message) + (terraformGrants ? say.liveTerraformGrants : ''),
      fixes: tf?.fixes ?? [],
      related,
    });
  }
  for (const e of report.drift?.entries ?? []) out.push(driftDiagnostic(e, docs, docLoc, runtime, related, head, say));
  for (const t of report.drift?.trustDiffers ?? []) {
    out.push({ file: trustLoc.file, range: head(trustLoc), severity: 'information', code: 'live-drift',
      message: say.liveTrustDiffers(runtime, t), fixes: [], related });
  }
  return out;
}

function driftDiagnostic(e: DriftEntry, docs: PolicyDocument[], docLoc: Location, runtime: string, related: LiveDiagnostic['related'], head: (l: Location) => Range, say: AuditMessages): LiveDiagnostic {
  const st = e.direction === 'terraform-only' ? statementFor(docs, e.action) : undefined;
  const loc = st?.loc ?? docLoc;
  return {
    file: loc.file,
    range: head(loc),
    severity: 'information',
    code: 'live-drift',
    message: e.direction === 'terraform-only'
      ? say.liveTerraformOnly(runtime, e.effect, e.action, e.resource)
      : say.liveOnly(runtime, e.effect, e.action, e.resource),
    fixes: [],
    related,
  };
}
