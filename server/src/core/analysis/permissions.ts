/**
 * Permission checks: one permission requirement of the catalog judged for a role and a component,
 * and the finding it gives (missing, unknown, legacy, source conflict; one verdict per finding).
 * Split from analyze.ts (issue #22 item 7).
 */
import type { AgentCoreComponent, EvaluationResult, PermissionRequirement, PolicyDocument, RequirementCondition, Role, RoleKind, Statement, SymList, SymStr } from '../model';
import type { AnalysisSettings } from '../settings';
import { docsUrl } from '../catalog';
import type { FixRequest } from '../fixes';
import { RESOURCE, overlaps } from '../iam/glob';
import { statementAction } from '../iam/evaluate';
import { requestContext, roleArnOf } from '../iam/context';
import { asTemplate, incompleteOwnMayAllow, otherAccountNote, ownRequests, resourcePolicyMayAllow } from './own-requests';
import { ownRequestMessagesFor } from '../messages/own-requests';
import { type Lines, VERDICT_RANK, type Collector } from './findings';
import { awsManagedNote, describeRole, applicability, instantiate, renderSym } from './requirements';
import { almostGranting, boundaryBlocks, headerRange, docAnchor, ownDocuments, related, pointAt, subjectOf } from './placement';
import { engine } from './engine';
import { placementDeps } from './trust';

export function checkPermission(
  role: Role,
  kind: RoleKind,
  comps: AgentCoreComponent[],
  comp: AgentCoreComponent | undefined,
  req: PermissionRequirement,
  policies: PolicyDocument[],
  settings: AnalysisSettings,
  out: Collector,
  lines: Lines,
): void {
  const app = applicability(req, comp, settings);
  if (app.applies === 'no') {
    out.check(req.id, 'not-applicable');
    return;
  }
  // The provider's literal region/account and the `region`/`account` symbols are the same value:
  // a policy may write either (`us-east-1` or data.aws_region.current.id). Judge both spellings
  // and keep the better verdict (granted > unknown > missing).
  // settings.defaults fill in what the configuration leaves open (the user says what it is).
  const d = settings.defaults ?? {};
  const hasLiterals = !!(role.provider?.partition || role.provider?.region || role.provider?.account || d.partition || d.region || d.account);
  const docVariants = [req.resources.map((t) => instantiate(t, role, comp, true, d))];
  if (hasLiterals) docVariants.push(req.resources.map((t) => instantiate(t, role, comp, false)));
  // The request context the service sends (core/iam/context.ts): the provider's region and account
  // (the settings' defaults in the first spelling), else their symbols. In the symbolic spelling too a
  // region the provider fixes is that literal: a symbol there would leave a guard rail on it unknown.
  const roleArn = role.type === 'live' ? role.address : undefined;
  // The component's own requests (below): one in another account than the role's is not in aws:ResourceAccount = the role's.
  const ownReq = ownRequests(req, role, comp, d);
  const otherAccounts = ownReq?.foreign ? ownReq.foreign.single ?? true : undefined;
  // Made when first judged with (a requirement granted in the first spelling never needs the second).
  const made: RequirementCondition[][] = [];
  const contextOf = (i: number): RequirementCondition[] =>
    (made[i] ??= i === 0
      ? requestContext(req, { partition: role.provider?.partition ?? d.partition, region: role.provider?.region ?? d.region, account: role.provider?.account ?? d.account, roleArn,
        roleArnSym: roleArnOf(role, { partition: role.provider?.partition ?? d.partition, account: role.provider?.account ?? d.account }), otherAccounts })
      : requestContext(req, { partition: role.provider?.partition, region: role.provider?.region, account: role.provider?.account, roleArn, roleArnSym: roleArnOf(role, role.provider ?? {}), otherAccounts }));
  // Each resource list judged once per spelling (the own requests are judged to choose them, then as the first spelling; narrow judges the documented ones).
  const judgedBy = [new Map<SymStr[], { resources: SymStr[]; result: EvaluationResult }>(), new Map<SymStr[], { resources: SymStr[]; result: EvaluationResult }>()];
  const judge = (resources: SymStr[], i: number) => {
    let j = judgedBy[i].get(resources);
    if (!j) {
      j = { resources, result: engine.evaluatePermission({ actions: req.actions, resources, context: contextOf(i) }, policies, { boundary: role.boundary?.document, opaque: role.opaque }) };
      judgedBy[i].set(resources, j);
    }
    return j;
  };
  // The component's own requests (analysis/own-requests.ts: its image's repository, its log groups,
  // its Lambda functions) are judged in place of the documented pattern when they are all known, or
  // when they are certainly not granted (a known target the role cannot invoke).
  const ownVariants = ownReq?.variants.slice(0, docVariants.length);
  const variants = ownReq && ownVariants && (ownReq.complete || ownVariants.every((v, i) => judge(v, i).result.verdict === 'missing')) ? ownVariants : docVariants;
  const narrow = (granting: Statement[]) => {
    if (variants === docVariants || !ownReq) return;
    const documented = docVariants.some((v, i) => judge(v, i).result.verdict === 'granted');
    const om = ownRequestMessagesFor(settings.locale);
    const elsewhere = otherAccountNote(ownReq, om, req.actions);
    if (documented && !elsewhere) return;
    const at = granting.find((st) => st.loc);
    const loc = at?.loc ?? role.loc ?? comp?.loc;
    if (!loc) return;
    const who = describeRole(role, kind, comp ? [comp] : comps, out.m);
    const ownOn = variants[0].map(renderSym).join(', ');
    // The role hover says it too (roleVerdicts: the granted check's note).
    const check = out.checks?.get(req.id);
    if (check && check.verdict === 'granted' && !check.note && !documented) check.note = om.narrowNote(ownOn);
    const message = (documented ? '' : om.narrowGrant({ actions: req.actions, own: ownOn, documented: docVariants[0].map(renderSym).join(', '), statement: req.sid ?? req.id, who }))
      + (elsewhere ? `${documented ? '' : ' '}${elsewhere}` : '');
    out.add({
      rule: 'narrow-grant', verdict: 'granted', severity: elsewhere ? 'information' : undefined, file: loc.file, range: headerRange(loc, lines), role: role.address, roleKind: kind,
      requirement: req.id, actions: req.actions, docs: docsUrl(req), related: related(role, comp ? [comp] : comps, out.m), message, subject: subjectOf(role, who, out.m),
    });
  };
  // Granted in the first spelling: nothing to report, whatever the other gives (not evaluated).
  const first = judge(variants[0], 0);
  if (first.result.verdict === 'granted') {
    out.check(req.id, 'granted', first.result.granting);
    narrow(first.result.granting);
    return;
  }
  const contexts = [contextOf(0), contextOf(1)];
  const judged = [first, ...variants.slice(1).map((v) => judge(v, 1))];
  const rank = VERDICT_RANK;
  const better = (a: (typeof judged)[number], b: (typeof judged)[number]) =>
    rank[b.result.verdict] < rank[a.result.verdict] || (rank[b.result.verdict] === rank[a.result.verdict] && b.result.actions.length < a.result.actions.length);
  const best = judged.reduce((a, b) => (better(a, b) ? b : a));
  const { resources } = best;
  // A resource-based policy that may allow what the role does not (a runtime target's, gateway.G14): unknown, not missing.
  // Own requests not all known, every known one granted but not the documented statement: unknown, naming what the rest depends on.
  const result = variants !== docVariants ? resourcePolicyMayAllow(best.result, ownReq, resources.length, (i) => judge([resources[i]], Math.max(0, variants.indexOf(resources))).result.verdict === 'granted')
    : incompleteOwnMayAllow(best.result, ownReq, () => ownVariants?.map((v, i) => judge(v, i).result) ?? []);
  // AWS's sources disagree on the resource (req.disputedScope): a grant only on the scoped form is unknown.
  const disputed = result.verdict === 'missing' && req.disputedScope ? judgeDisputed(req, variants, policies, role, contexts) : undefined;
  out.check(req.id, disputed ? 'unknown' : result.verdict, disputed?.granting ?? result.granting);
  if (result.verdict === 'granted') {
    narrow(result.granting);
    return;
  }
  // Fixes write symbols (the module's own data sources); messages show the provider's literals.
  // The fix writes the documented statement, also when the component's own requests were judged.
  // Unless the documented statement cannot cover them: a placeholder the component fills in (G1's
  // function name), another account's repository (R1).
  const docLast = docVariants[docVariants.length - 1];
  const symbolic = variants !== docVariants && ownReq && (ownReq.otherAccount || docLast.some((r) => r.parts.some((p) => p.kind === 'unknown'))) ? variants[variants.length - 1] : docLast;

  const m = out.m;
  // The AWS managed policies judged by their bundled content, with the version and date read (core/iam/managed.ts).
  const roleText = describeRole(role, kind, comp ? [comp] : comps, m);
  const who = roleText + awsManagedNote(role, m);
  const missingActions = result.actions.length ? result.actions : req.actions;
  // The component's own resources: only those not granted, each with what requests it (a gateway target).
  const spelling = Math.max(0, variants.indexOf(resources));
  const om = ownRequestMessagesFor(settings.locale);
  const on = variants !== docVariants && ownReq
    ? resources.flatMap((r, i) => (resources.length > 1 && judge([r], spelling).result.verdict === 'granted' ? [] : [om.requestedBy(renderSym(r), ownReq.from[i] ?? '')])).join(', ')
    : resources.map(renderSym).join(', ');
  const docs = docsUrl(req);
  const page = m.page(docs ? docs.replace(/^.*\//, '').replace(/\.html$/, '') : undefined);
  // A grant only under the disputed reading points at the statement that scopes it.
  const own = disputed ? ownDocuments(role) : [];
  const at = disputed?.granting.find((st) => st.loc && own.some((d) => d.statements.includes(st)));
  // Where the finding sits (analysis/placement.ts): on the permissions boundary when it is what
  // blocks, else on the statement that almost grants it (the actions, the wrong resource or condition).
  const sureActions = result.missingActions?.length ? result.missingActions : missingActions;
  const placed = !at && result.verdict === 'missing' && req.severityClass !== 'legacy' && req.severityClass !== 'conflict';
  const boundary = placed && boundaryBlocks(role, policies, sureActions, variants, contexts, engine.evaluateRequirement) ? role.boundary : undefined;
  const almost = placed ? almostGranting(boundary ? (boundary.document.loc ? [boundary.document] : []) : ownDocuments(role), sureActions, variants, contexts, engine.evaluateRequirement) : undefined;
  const boundaryAt = boundary && !almost ? (boundary.document.loc ? docAnchor(boundary.document, role, lines) : boundary.via) : undefined;
  const place = at?.loc
    ? { loc: at.loc, range: headerRange(at.loc, lines), document: own.find((d) => d.statements.includes(at)) }
    : almost?.statement.loc
    ? { loc: almost.statement.loc, range: headerRange(almost.statement.loc, lines), document: almost.document }
    : boundaryAt
    ? { loc: boundaryAt, range: headerRange(boundaryAt, lines), document: boundary?.document.loc ? boundary.document : undefined }
    : pointAt(role, req, variants === docVariants ? variants : [...variants, ...docVariants], missingActions, policies, lines, result.verdict === 'unknown' ? result.dependsOn : [], contexts);
  const base = {
    file: place.loc.file,
    range: place.range,
    role: role.address,
    roleKind: kind,
    requirement: req.id,
    actions: missingActions,
    docs,
    related: related(role, comp ? [comp] : comps, m),
    subject: subjectOf(role, roleText, m),
  };
  // What the fix needs of the verdict (kept until the fix is asked for: not the evaluator's whole result).
  const slim: EvaluationResult = { verdict: result.verdict, actions: result.actions, dependsOn: result.dependsOn, granting: [], denying: result.denying, explanation: '' };
  // The fix's statement on the component's own resources when the documented one cannot cover them.
  const ownTemplates = symbolic !== docLast ? symbolic.map(asTemplate) : [];
  const fixReq = ownTemplates.length && ownTemplates.every((t) => t !== undefined) ? { ...req, resources: ownTemplates as string[] } : req;
  const fix: FixRequest = { kind: 'permission', role, requirement: fixReq, resources: symbolic, result: slim, document: place.document };

  if (disputed && req.disputedScope) {
    const { conflict, severity } = req.disputedScope;
    const grants = disputed.granting.map((st) => m.disputedGrant(st.sid, st.resources?.kind === 'items' ? st.resources.items.map(renderSym) : undefined));
    out.add({
      ...base,
      rule: 'source-conflict',
      verdict: 'unknown',
      severity,
      dependsOn: [m.dependsOnSources(conflict)],
      message: m.disputed({ actions: missingActions, grants, conflict, page, who }),
    }, fix);
    return;
  }
  if (req.severityClass === 'legacy') {
    if (app.legacyRequired && result.verdict === 'missing') {
      out.add({ ...base, rule: 'missing-permission', verdict: 'missing', message: m.legacyMissing({ actions: missingActions, on, kind, createdBefore: req.appliesWhen?.createdBefore, why: m.why(req), page, who }) }, fix);
      return;
    }
    out.add({
      ...base,
      rule: 'legacy-permission',
      verdict: 'not-required',
      message: m.legacyNotRequired({ verdict: result.verdict === 'missing' ? 'missing' : 'unknown', actions: missingActions, statement: req.sid ?? req.id, createdBefore: req.appliesWhen?.createdBefore ?? '2025-10-13', page, who }),
    }, fix);
    return;
  }
  if (req.severityClass === 'conflict') {
    if (result.verdict !== 'missing') return;
    const conflicts = (req.conflicts ?? []).map((c) => `${c}: ${m.conflict(c)}`.trim()).join(' ');
    out.add({
      ...base,
      rule: 'source-conflict',
      verdict: 'missing',
      message: m.conflictMissing({ actions: missingActions, on, text: m.note(req) ?? conflicts, page, who }),
    }, fix);
    return;
  }
  // One verdict per finding (issue #22 item 2): of a missing result, the actions the evaluator rates
  // unknown get a finding of their own (information, with what they depend on), never the missing one.
  const unsure = result.verdict === 'missing' ? result.unknownActions ?? [] : [];
  const sure = unsure.length ? result.missingActions ?? missingActions : missingActions;
  if (unsure.length) {
    const dependsOn = placementDeps([...app.dependsOn, ...result.dependsOn], m);
    out.add({
      ...base,
      actions: unsure,
      rule: 'unknown-permission',
      verdict: 'unknown',
      dependsOn,
      message: m.unknownPermission({ missing: false, conditional: false, actions: unsure, on, kind, why: m.why(req), dependsOn, page, who }),
    });
  }
  const mine = unsure.length ? { ...base, actions: sure } : base;
  const ownFix: FixRequest = unsure.length ? { ...fix, result: { ...slim, actions: sure, denying: result.deniedBy ?? [] } } : fix;
  // The statement that almost grants it corrected in place, rather than a second statement.
  const correct: FixRequest | undefined = almost?.resourceWrong ? { kind: 'correct-resource', role, resources: fixReq.resources, actions: req.actions, keep: !almost.covers, statement: almost.statement, document: almost.document, otherwise: ownFix } : undefined;
  if (result.verdict === 'unknown' || app.applies === 'unknown') {
    const dependsOn = placementDeps([...app.dependsOn, ...(result.verdict === 'unknown' ? result.dependsOn : [])], m);
    out.add({
      ...mine,
      rule: 'unknown-permission',
      verdict: 'unknown',
      dependsOn,
      message: m.unknownPermission({
        missing: result.verdict === 'missing', conditional: app.applies === 'unknown' && result.verdict === 'missing',
        actions: sure, on, kind, why: m.why(req), dependsOn, page, who,
      }),
    }, result.verdict === 'missing' ? ownFix : undefined);
    return;
  }
  out.add({
    ...mine,
    rule: 'missing-permission',
    verdict: 'missing',
    // Only the Deny statements that certainly deny a missing action (one that may deny makes an action unknown).
    message: (boundary
      ? om.boundaryBlocks({ actions: sure, on, boundary: boundary.document.awsManaged?.name ?? boundary.document.id, who })
      : m.missingPermission({ actions: sure, on, deniedBy: (result.deniedBy ?? result.denying).map((s) => s.sid), kind, why: m.why(req), page, who }))
      + (almost ? ` ${om.almostGrants(almost.statement.sid)}` : '')
      + (variants !== docVariants && otherAccountNote(ownReq, om, sure) ? ` ${otherAccountNote(ownReq, om, sure)}` : ''),
  }, correct ?? ownFix);
}

/** A resource list of `*` (one object: the evaluator keeps what it compiles on it). */
export const STAR_RESOURCES: SymList = { kind: 'items', items: [{ parts: [{ kind: 'lit', text: '*' }] }] };

/**
 * The disputed reading of a requirement (catalog conflict, `req.disputedScope`): an Allow whose
 * resources overlap the scope is read as if it named `*`. Returns the verdict under that reading
 * when it is not missing (the role grants the actions only on a scoped resource), else undefined.
 */
export function judgeDisputed(req: PermissionRequirement, variants: SymStr[][], policies: PolicyDocument[], role: Role, contexts: RequirementCondition[][]): EvaluationResult | undefined {
  const scopes = (req.disputedScope?.scope ?? []).map((t) => instantiate(t, role, undefined, false));
  const widen = (doc: PolicyDocument): PolicyDocument => {
    let touched = false;
    const statements = doc.statements.map((st) => {
      if (st.effect !== 'Allow' || st.opaque || st.notResources || st.resources?.kind !== 'items') return st;
      // One that cannot match the actions grants nothing, widened or not (the evaluator passes it by):
      // left as written, so that the reading is judged only when it widens a statement that counts.
      if (!req.actions.some((a) => statementAction(st, a).pos)) return st;
      // Each pair compared once per shape (core/iam/glob.ts remembers overlaps by the strings' shapes).
      const hit = st.resources.items.some((it) => scopes.some((sc) => overlaps(it, sc, RESOURCE).pos));
      if (!hit) return st;
      touched = true;
      return { ...st, resources: STAR_RESOURCES };
    });
    return touched ? { ...doc, statements } : doc;
  };
  const docs = policies.map(widen);
  const boundary = role.boundary?.document ? widen(role.boundary.document) : undefined;
  if (docs.every((d, i) => d === policies[i]) && boundary === role.boundary?.document) return undefined;
  for (const [i, resources] of variants.entries()) {
    const r = engine.evaluateRequirement({ actions: req.actions, resources, context: contexts[i] }, docs, { boundary, opaque: role.opaque });
    if (r.verdict !== 'missing') {
      // The statements that grant it under the disputed reading, as the role writes them.
      const originals = r.granting.map((st) => {
        for (let d = 0; d < docs.length; d++) {
          const i = docs[d].statements.indexOf(st);
          if (i >= 0) return policies[d].statements[i];
        }
        return st;
      });
      return { ...r, granting: originals };
    }
  }
  return undefined;
}
