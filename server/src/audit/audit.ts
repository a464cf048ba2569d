/**
 * auditRuntime: reads a live AgentCore runtime, its role and its observability state, and judges
 * the role with the same analyze() as the editor.
 */
import { analyze, type Evaluator } from '../core/analyze';
import { RUNTIME_IDENTITY_SLR_DATE } from '../core/catalog';
import type { Finding, Role } from '../core/model';
import { withDefaults } from '../core/settings';
import { auditEn, auditMessagesFor, type AuditMessages } from '../core/messages/audit';
import { parseArn, parseRuntimeArn, roleNameFromArn } from './arn';
import { permissionRequirementsFor, requirementsFor } from './catalog-bridge';
import { createClients, defaultRegion, resolveCredentials } from './clients';
import { AuditContext } from './context';
import { computeDrift } from './drift';
import { judgeRequirement, judgeTrust } from './evidence';
import { AuditFatalError, AuditUsageError } from './errors';
import { liveRoleModel, liveTexts, oneRoleModel } from './live-model';
import { readObservability } from './observability';
import { readRole, RUNTIME_IDENTITY_SLR, serviceLinkedRoleExists, type LiveRole } from './role';
import { getRuntime } from './runtime';
import { simulate, type SimulationResult } from './simulate';
import { environmentValues, type AuditNote, type AuditOptions, type AuditReport, type RequirementVerdict, type RuntimeInfo } from './types';
import { deployedVersionNote } from '../core/iam/managed';

/** Runtimes created on or after this date get workload tokens through the service-linked role. */
export const SLR_CUTOFF = RUNTIME_IDENTITY_SLR_DATE;

const SEVERITY_ORDER = ['hint', 'information', 'warning', 'error'];

export { AuditUsageError };

function emptyReport(): AuditReport {
  return {
    generatedAt: new Date().toISOString(),
    verdicts: [],
    findings: [],
    observability: { otelLogGroups: [], notes: [] },
    notes: [],
    problems: [],
    summary: { requiredGranted: false, counts: {} },
  };
}

function verdictsFrom(findings: Finding[], role: Role, sims: SimulationResult[], evaluator?: Evaluator, say: AuditMessages = auditEn): RequirementVerdict[] {
  const out: RequirementVerdict[] = findings.map((f) => ({
    requirement: f.requirement,
    rule: f.rule,
    verdict: f.verdict,
    severity: f.severity,
    actions: f.actions,
    conditionKeys: f.conditionKeys,
    message: f.message,
    dependsOn: f.dependsOn,
    // A finding's related entries name the role and its component, not evidence: the granting
    // statements come from judgeRequirement below.
    evidence: [],
    docs: f.docs,
  }));
  // Requirements of the catalog with no finding: granted (or, for optional ones not enabled, not listed).
  const kinds = new Set(role.components.map((c) => c.kind));
  const component = role.components[0];
  const name = component?.facts.name?.parts.map((p) => (p.kind === 'lit' ? p.text : '*')).join('');
  for (const kind of kinds) {
    for (const req of requirementsFor(kind)) {
      if (req.severityClass === 'optional') continue;
      const existing = out.find((v) => v.requirement === req.id);
      const docs = req.sources[0]?.url;
      if (req.kind === 'permission') {
        const when = req.appliesWhen;
        if (when?.feature) continue;
        if (when?.artifact && component?.facts.artifact && when.artifact !== component.facts.artifact) continue;
        // No finding is not proof: the verdict is the evaluator's own, or unknown if it cannot judge.
        const judged = judgeRequirement(req, role, name, evaluator);
        if (existing) {
          if (judged && existing.evidence.length === 0) existing.evidence = judged.evidence;
          continue;
        }
        const notRequired = !!(when?.createdBefore && component?.facts.createdAt && component.facts.createdAt >= when.createdBefore);
        if (notRequired && judged?.verdict !== 'granted') {
          out.push({ requirement: req.id, rule: 'not-required', verdict: 'not-required', severity: 'none', actions: req.actions,
            message: say.notRequired({ title: req.title, id: req.id, createdBefore: when!.createdBefore! }), evidence: judged?.evidence ?? [], docs });
        } else if (!judged) {
          out.push({ requirement: req.id, rule: 'not-judged', verdict: 'unknown', severity: 'information', actions: req.actions,
            message: say.notJudged({ title: req.title, id: req.id }), evidence: [], docs });
        } else {
          out.push({ requirement: req.id, rule: judged.verdict === 'granted' ? 'granted' : 'evaluator', verdict: judged.verdict,
            severity: judged.verdict === 'granted' ? 'none' : 'information', actions: req.actions,
            message: say.verdictLine({ title: req.title, id: req.id, verdict: judged.verdict, explanation: judged.explanation }), evidence: judged.evidence, docs });
        }
      } else if (!existing) {
        const judged = judgeTrust(req, role, evaluator);
        out.push(judged
          ? { requirement: req.id, rule: judged.verdict === 'granted' ? 'granted' : 'evaluator', verdict: judged.verdict,
            severity: judged.verdict === 'granted' ? 'none' : 'information', actions: [req.action],
            message: say.verdictLine({ title: req.title, id: req.id, verdict: judged.verdict, explanation: judged.explanation }), evidence: judged.evidence, docs }
          : { requirement: req.id, rule: 'not-judged', verdict: 'unknown', severity: 'information', actions: [req.action],
            message: say.notJudged({ title: req.title, id: req.id }), evidence: [], docs });
      }
    }
  }
  for (const s of sims) {
    const v = out.find((x) => x.requirement === s.requirement && x.rule !== 'trust-condition');
    if (!v) continue;
    const ours = v.verdict;
    const agrees = ours === 'granted' ? s.decision === 'allowed' : ours === 'missing' ? s.decision !== 'allowed' : undefined;
    v.simulation = { decision: s.decision, agrees, detail: s.detail };
  }
  out.sort((a, b) => (a.requirement ?? a.rule).localeCompare(b.requirement ?? b.rule, undefined, { numeric: true }));
  return out;
}

export async function auditRuntime(options: AuditOptions): Promise<AuditReport> {
  const report = emptyReport();
  const notes: AuditNote[] = report.notes;
  const say = auditMessagesFor((options.settings ?? withDefaults({})).locale); // progress, notes and problems in the settings' language

  // 1. Which runtime, which region.
  let runtimeId = options.runtimeId;
  let region = options.region;
  const parsed = options.runtimeArn ? parseRuntimeArn(options.runtimeArn) : undefined;
  if (options.runtimeArn && !parsed) throw new AuditUsageError(say.usageNotRuntimeArn(options.runtimeArn));
  if (parsed) {
    runtimeId = parsed.runtimeId;
    if (region && region !== parsed.region) {
      notes.push({ level: 'information', message: say.noteOtherRegion(parsed.region, region) });
    }
    region = parsed.region;
  }
  if (!runtimeId) throw new AuditUsageError(say.usageNoRuntime);
  region ??= await defaultRegion(options.profile);
  if (!region) throw new AuditUsageError(say.usageNoRegion);
  report.region = region;

  // 2. Credentials (one clear error), clients.
  const ctx = new AuditContext(options.signal, options.profile, options.onProgress, options.requestTimeoutMs, say);
  const credentials = await resolveCredentials(options);
  ctx.secrets = [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken].filter((s): s is string => !!s);
  const clients = createClients(options, region, credentials);
  try {
    ctx.report(say.progressRuntime);
    const runtime = await getRuntime(ctx, clients.control, runtimeId);
    if (runtime === 'not-found') {
      notes.push({ level: 'error', message: say.noteNoRuntime(runtimeId, String(region)) });
    }
    const rt: RuntimeInfo | undefined = typeof runtime === 'object' ? runtime : undefined;
    report.runtime = rt;
    const runtimeAccount = rt ? parseArn(rt.arn)?.account : parsed?.account;

    // 3. Role, SLR, observability in parallel.
    ctx.report(say.progressRole);
    const roleArn = rt?.roleArn;
    const roleAccount = roleArn ? parseArn(roleArn)?.account : undefined;
    const crossAccount = !!(roleAccount && runtimeAccount && roleAccount !== runtimeAccount);
    if (crossAccount) {
      notes.push({ level: 'warning', message: say.noteCrossAccount(String(roleArn), roleAccount, runtimeAccount) });
    }
    const roleName = roleArn ? roleNameFromArn(roleArn) : undefined;
    const [live, slr, observability] = await Promise.all([
      roleArn && roleName && !crossAccount ? readRole(ctx, clients.iam, roleArn, roleName) : Promise.resolve(undefined),
      serviceLinkedRoleExists(ctx, clients.iam),
      runtime !== 'not-found' ? readObservability(ctx, clients.logs, clients.xray, runtimeId, rt ? environmentValues(rt) : undefined) : Promise.resolve(undefined),
    ]);
    if (observability) report.observability = observability;
    report.serviceLinkedRole = { name: RUNTIME_IDENTITY_SLR, exists: slr };

    let liveRole: LiveRole | undefined = live;
    if (roleArn && roleName && crossAccount) liveRole = { arn: roleArn, name: roleName, policies: [], unreadable: [`role in account ${roleAccount} (not readable with these credentials)`] };
    if (liveRole?.notFound) notes.push({ level: 'error', message: say.noteNoRole(String(roleArn)) });
    if (rt?.createdAt) {
      const created = rt.createdAt.slice(0, 10);
      if (created >= SLR_CUTOFF) {
        if (slr === true) notes.push({ level: 'information', message: say.noteSlrExists(created, SLR_CUTOFF, RUNTIME_IDENTITY_SLR) });
        else if (slr === false) notes.push({ level: 'warning', message: say.noteSlrMissing(created, RUNTIME_IDENTITY_SLR) });
      } else {
        notes.push({ level: 'information', message: say.noteBeforeSlr(created, SLR_CUTOFF) });
      }
    }

    // 4. Model + the same analysis as the editor.
    if (liveRole) {
      const role = liveRoleModel(liveRole, rt, { serviceLinkedRole: slr, region });
      report.role = {
        arn: liveRole.arn,
        name: liveRole.name,
        account: roleAccount,
        policies: liveRole.policies,
        boundary: liveRole.boundary,
        trust: liveRole.trust,
      };
      report.model = role;
      // An AWS managed policy whose deployed default version is not the one the editor and the CLI judge (core/iam/managed.ts).
      for (const p of [...liveRole.policies, ...(liveRole.boundary ? [liveRole.boundary] : [])]) {
        const note = deployedVersionNote(p.arn, p.versionId);
        if (note) notes.push({ level: 'information', message: note });
      }
      ctx.report(say.progressJudging);
      try {
        // Live documents are not files: their text comes from IAM, nothing is read from disk.
        const texts = liveTexts(liveRole);
        report.findings = analyze(oneRoleModel(role), options.settings ?? withDefaults({}), {
          fixes: false, getText: (f) => texts.get(f) ?? '', ...(options.evaluator ? { evaluator: options.evaluator } : {}),
        }).findings;
      } catch (e) {
        report.analysisError = `The analysis could not run: ${(e as Error).message}`;
      }
      let sims: SimulationResult[] = [];
      if (options.simulate && !crossAccount && !liveRole.notFound) {
        ctx.report(say.progressSimulate);
        const kinds = new Set(role.components.map((c) => c.kind));
        const reqs = [...kinds].flatMap((k) => permissionRequirementsFor(k)).filter((r) => r.severityClass !== 'optional' && !r.appliesWhen?.feature
          && !(r.appliesWhen?.artifact && rt?.artifact && r.appliesWhen.artifact !== rt.artifact));
        if (reqs.length === 0) notes.push({ level: 'information', message: say.noteNoCatalog });
        const name = rt?.name;
        sims = await simulate(ctx, clients.iam, liveRole.arn, reqs, role.provider, name);
        report.simulation = sims;
      }
      if (!report.analysisError) report.verdicts = verdictsFrom(report.findings, role, sims, options.evaluator, say);
      if (options.workspace) {
        const drift = computeDrift(options.workspace, role);
        if (drift) report.drift = drift;
        else notes.push({ level: 'information', message: say.noteNoDrift(liveRole.arn) });
      }
    }
  } catch (e) {
    if (e instanceof AuditFatalError) throw e;
    throw e;
  } finally {
    clients.destroy();
  }
  report.problems = ctx.problems;
  for (const p of ctx.problems) if (p.kind === 'access-denied') notes.push({ level: 'warning', message: p.message });
  report.summary = summarize(report);
  return report;
}

export function summarize(report: AuditReport): AuditReport['summary'] {
  const counts: Record<string, number> = {};
  let worst: string | undefined;
  for (const v of report.verdicts) {
    counts[v.verdict] = (counts[v.verdict] ?? 0) + 1;
    if (v.verdict !== 'granted' && SEVERITY_ORDER.includes(v.severity) && (!worst || SEVERITY_ORDER.indexOf(v.severity) > SEVERITY_ORDER.indexOf(worst))) worst = v.severity;
  }
  const requiredGranted = !!report.role && !report.analysisError && report.problems.length === 0
    && !report.findings.some((f) => f.severity === 'error')
    && report.verdicts.length > 0
    && report.verdicts.every((v) => v.verdict === 'granted' || v.verdict === 'not-required' || (v.severity !== 'error' && v.rule !== 'not-judged' && v.rule !== 'evaluator'));
  return { requiredGranted, worstSeverity: worst, counts };
}
