/**
 * Placement of findings: where a finding sits and the ranges it points at (split from analyze.ts,
 * issue #22 item 7). A missing permission sits, in this order (issue #22 item 5):
 *
 * - on the permissions boundary, when it is what blocks: the identity policies grant the request and
 *   the boundary does not (boundaryBlocks). The finding is on the boundary's document, says so, and
 *   its fix writes the statement there when the boundary is in the workspace;
 * - on the statement that almost grants it: an Allow of the role's own policies that has every
 *   missing action, but whose resource or condition leaves the request out (X-Ray on `trace/*`, ECR on
 *   another account's repositories; almostGranting). When the resource is what is wrong, its fix
 *   corrects that statement's resource (fixes/correct.ts) instead of adding another one;
 * - else on a statement the missing actions can be added to (same service and scope), else the policy
 *   document, else the role (pointAt).
 */
import { literalText } from '../symstr';
import { sameData } from '../same';
import type { AgentCoreComponent, EvaluationResult, Finding, Location, PermissionRequirement, PolicyDocument, Range, RequirementCondition, RelatedInformation, Role, Statement, SymList, SymStr } from '../model';
import type { Messages } from '../messages';
import type { Lines } from './findings';
import { engine } from './engine';

type Evaluate = (query: { actions: string[]; resources: SymStr[]; context?: RequirementCondition[] }, policies: PolicyDocument[], options?: { boundary?: PolicyDocument; opaque?: string[] }) => EvaluationResult;

export interface AlmostGrant {
  statement: Statement;
  document: PolicyDocument;
  /** The resource is what leaves the request out (with the requirement's resources the statement grants it). */
  resourceWrong: boolean;
  /**
   * The requirement's resources cover the statement's (`*` over `trace/*`): its fix replaces them;
   * else it adds them (the statement's own resources may serve something else: a fix never narrows a grant).
   */
  covers: boolean;
}

/** Do `docs` grant `actions` on one of the resource variants (each with its context, else `fallback`)? An evaluator that throws grants nothing. */
function granted(
  evaluate: Evaluate,
  actions: string[],
  variants: SymStr[][],
  contexts: RequirementCondition[][],
  docs: PolicyDocument[],
  options?: { opaque?: string[] },
  fallback?: RequirementCondition[],
): boolean {
  let conditioned: boolean | undefined;
  return variants.some((resources, i) => {
    const context = contexts[i] ?? fallback;
    // A variant with the same resources as one judged before is not granted either (some() went on
    // past it): with the same context, or with any when no statement has a condition (the evaluator
    // reads the context only for conditions). Own requests and the documented resources often
    // give the same list twice, each with its spelling's context.
    for (let j = 0; j < i; j++) {
      if (!sameResources(variants[j], resources)) continue;
      if ((contexts[j] ?? fallback) === context) return false;
      conditioned ??= docs.some((d) => d.statements.some((st) => st.conditions.length > 0));
      if (!conditioned) return false;
    }
    try {
      return evaluate({ actions, resources, context }, docs, options).verdict === 'granted';
    } catch {
      return false;
    }
  });
}

/** The same resources, part for part (where they are written aside: the evaluator does not read it). */
function sameResources(a: SymStr[], b: SymStr[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameData(a[i].parts, b[i].parts)) return false;
  return true;
}

/**
 * The requested resources as a statement would write them: a part the analysis does not know inside
 * the resource part, after a `/` (a credential provider's token vault:
 * `token-vault/<vault>/apikeycredentialprovider/<name>`), written `*`, as the fix writes it
 * (own-requests.ts asTemplate). Written as requested, such a statement would grant nothing (an
 * unknown part of a policy matches nothing for sure), and the statement that has the right actions on
 * another resource would not be seen as the one that almost grants them. Other unknown parts stay.
 */
function asWritten(resources: SymStr[]): SymStr[] {
  if (!resources.some((r) => r.parts.some((p) => p.kind === 'unknown'))) return resources;
  return resources.map((r) => {
    let text = '';
    const parts = r.parts.map((p) => {
      if (p.kind === 'unknown' && /:[^:]*\/$/.test(text)) {
        text += '*';
        return { kind: 'lit' as const, text: '*' };
      }
      text += p.kind === 'lit' ? p.text : '\u0000';
      return p;
    });
    return { parts };
  });
}

/**
 * Do the requirement's resources cover a statement's: would a statement of `stActions` on one of
 * the resource variants (no condition) grant `actions` on every item the statement names?
 */
function coversItems(evaluate: Evaluate, doc: PolicyDocument, actions: string[], stActions: SymList, variants: SymStr[][], items: SymStr[]): boolean {
  return variants.some((resources) => {
    const wide: PolicyDocument = {
      id: `${doc.id}#requirement`,
      form: doc.form,
      opaque: [],
      statements: [{ effect: 'Allow', actions: stActions, resources: { kind: 'items', items: asWritten(resources) }, conditions: [] }],
    };
    return granted(evaluate, actions, [items], [], [wide]);
  });
}

/**
 * The first Allow statement of `docs` that has every action of `actions` but does not grant them on
 * the requirement's resources as written, and would with the requirement's resources, or without its
 * conditions. Undefined when there is none.
 */
export function almostGranting(docs: PolicyDocument[], actions: string[], variants: SymStr[][], contexts: RequirementCondition[][], evaluate: Evaluate): AlmostGrant | undefined {
  const services = new Set(actions.map((a) => a.split(':')[0].toLowerCase()));
  for (const doc of docs) {
    for (const st of doc.statements) {
      if (st.effect !== 'Allow' || !st.loc || st.opaque || !st.actions || st.actions.kind !== 'items' || st.notActions) continue;
      // a statement of the same service, written with it (not `*`, not another service's)
      if (!st.actions.items.some((a) => services.has((literalText(a) ?? '').split(':')[0].toLowerCase()))) continue;
      const one = (s: Statement): PolicyDocument => ({ id: `${doc.id}#almost`, form: doc.form, statements: [s], opaque: [] });
      if (granted(evaluate, actions, variants, contexts, [one(st)])) continue;
      const resourceFits = variants.some((resources, i) => {
        const items: SymList = { kind: 'items', items: asWritten(resources) };
        return granted(evaluate, actions, [resources], [contexts[i] ?? []], [one({ ...st, resources: items, notResources: undefined })]);
      });
      // another partition's ARNs name nothing the role can reach: replacing them narrows nothing
      const partitionOf = (s: SymStr) => (s.parts[0]?.kind === 'lit' ? /^arn:([^:]+):/.exec(s.parts[0].text)?.[1] : undefined);
      const otherPartition = () => st.resources?.kind === 'items' && variants.some((resources) => {
        const want = resources.map(partitionOf);
        return want.every((p) => p !== undefined && p === want[0]) && (st.resources as { items: SymStr[] }).items.every((it) => {
          const have = partitionOf(it);
          return have !== undefined && have !== want[0];
        });
      });
      const covers = () => st.resources?.kind === 'items' && !st.notResources && (otherPartition() || coversItems(evaluate, doc, actions, st.actions as SymList, variants, st.resources.items));
      if (resourceFits) return { statement: st, document: doc, resourceWrong: true, covers: covers() };
      const conditionFits = st.conditions?.length && granted(evaluate, actions, variants, contexts, [one({ ...st, conditions: [] })]);
      if (conditionFits) return { statement: st, document: doc, resourceWrong: false, covers: false };
    }
  }
  return undefined;
}

/**
 * Whether the permissions boundary is what blocks: the identity policies grant the request without
 * it, and it is missing with it.
 */
export function boundaryBlocks(role: Role, policies: PolicyDocument[], actions: string[], variants: SymStr[][], contexts: RequirementCondition[][], evaluate: Evaluate): boolean {
  return !!role.boundary && granted(evaluate, actions, variants, contexts, policies, { opaque: role.opaque });
}

/** The first line of a location (a block header line), tight for diagnostics. */
export function headerRange(loc: Location, lines: Lines): Range {
  const { start, end } = loc.range;
  if (end.line === start.line) return loc.range;
  let lineEnd = start.character + 1;
  const found = lines.line(loc.file, start.line);
  if (found !== null) {
    const line = found ?? '';
    lineEnd = line.replace(/\s+$/, '').length;
    if (lineEnd <= start.character) lineEnd = line.length;
  }
  return { start, end: { line: start.line, character: Math.max(lineEnd, start.character) } };
}

export function docAnchor(doc: PolicyDocument | undefined, role: Role, lines: Lines): Location | undefined {
  const l = doc?.loc;
  if (l && doc && (doc.form === 'json-file' || doc.form === 'heredoc-json') && l.range.end.line > l.range.start.line) {
    // A JSON document is pointed at by its Statement array (its header line).
    const count = lines.count(l.file);
    if (count !== null) {
      for (let i = l.range.start.line; i <= Math.min(l.range.end.line, count - 1); i++) {
        const text = lines.line(l.file, i) ?? '';
        const c = text.indexOf('"Statement"');
        if (c >= 0) return { file: l.file, range: { start: { line: i, character: c }, end: { line: i, character: text.trimEnd().length } } };
      }
    }
  }
  return l ?? role.loc ?? role.trust?.document.loc;
}

export function ownDocuments(role: Role): PolicyDocument[] {
  const docs = role.policies
    .filter((p) => p.attachment === 'inline' || p.attachment === 'managed')
    .map((p) => p.document)
    .filter((d) => d.loc);
  return docs;
}

/**
 * The sentence naming the role and its components (`who`: describeRole's text) as a finding's message
 * writes it, when `related` locates the role (its components always have a place).
 */
export function subjectOf(role: Role, who: string, m: Messages): string | undefined {
  return role.loc ? m.subjectSentence(who) : undefined;
}

/**
 * A finding's message for a surface that shows its related locations beside it (VS Code lists them
 * under the problem and in its hover): without the sentence that names the same role and components.
 * A message that names them otherwise (with the AWS managed policies it read) is kept whole.
 */
export function messageBeside(f: Pick<Finding, 'message' | 'subject'>): string {
  return f.subject && f.message.includes(f.subject) ? f.message.replace(f.subject, '') : f.message;
}

export function related(role: Role, comps: AgentCoreComponent[], m: Messages): RelatedInformation[] {
  const r: RelatedInformation[] = [];
  if (role.loc) r.push({ loc: role.loc, message: m.relatedRole(role.address) });
  for (const c of comps) r.push({ loc: c.loc, message: m.relatedComponent(c.address, c.roleAttribute) });
  return r;
}

/** Does a statement's list write one of `exprs` (as a whole unknown value, or an unknown part of an item)? */
function writes(l: SymList | undefined, exprs: string[]): boolean {
  if (!l) return false;
  if (l.kind === 'unknown') return exprs.includes(l.expr);
  for (const it of l.items) for (const p of it.parts) if (p.kind === 'unknown' && exprs.includes(p.expr)) return true;
  return false;
}

/**
 * Where a missing permission should be written: an Allow statement that, with the actions added,
 * would grant the requirement (same service preferred), else the policy document, else the role.
 */
export function pointAt(
  role: Role,
  req: PermissionRequirement,
  resourceVariants: SymStr[][],
  actions: string[],
  policies: PolicyDocument[],
  lines: Lines,
  dependsOn: string[] = [],
  contexts: RequirementCondition[][] = [],
): { loc: Location; range: Range; document?: PolicyDocument } {
  const own = ownDocuments(role);
  // An unknown verdict points at the statement that holds what it depends on.
  if (dependsOn.length) {
    for (const doc of own) {
      for (const st of doc.statements) {
        if (!st.loc) continue;
        if (writes(st.actions, dependsOn) || writes(st.resources, dependsOn) || writes(st.notResources, dependsOn) || (st.opaque && dependsOn.includes(st.opaque.expr))) {
          return { loc: st.loc, range: headerRange(st.loc, lines), document: doc };
        }
      }
    }
  }
  const service = actions[0]?.split(':')[0]?.toLowerCase();
  // One list for every probe: the evaluator's compiled patterns are kept per string object.
  const probeActions: SymList = { kind: 'items', items: actions.map((a) => ({ parts: [{ kind: 'lit', text: a }] })) };
  for (const doc of own) {
    for (const st of doc.statements) {
      if (st.effect !== 'Allow' || !st.loc || st.opaque || !st.actions || st.actions.kind !== 'items' || st.notActions) continue;
      // Only a statement of the same service is ever pointed at: the others are not evaluated.
      const sameService = st.actions.items.some((a) => literalText(a)?.toLowerCase().startsWith(`${service}:`));
      if (!sameService) continue;
      const probe: Statement = { ...st, actions: probeActions };
      const probeDoc: PolicyDocument = { id: `${doc.id}#probe`, form: doc.form, statements: [probe], opaque: [] };
      // With the request context the service sends (a statement conditioned on aws:RequestedRegion can fit).
      if (!granted(engine.evaluateRequirement, actions, resourceVariants, contexts, [probeDoc], undefined, req.context)) continue;
      // Only a statement of the same scope: adding the actions to a broader statement (e.g. R9's
      // workload-identity actions to a `Resource: *` statement) would grant more than AWS documents.
      if (st.resources?.kind !== 'items' || !coversItems(engine.evaluateRequirement, doc, actions, probeActions, resourceVariants, st.resources.items)) continue;
      // The first statement of the same service and scope that the actions fit is pointed at.
      return { loc: st.loc, range: headerRange(st.loc, lines), document: doc };
    }
  }
  const doc = own[0] ?? policies.find((d) => d.loc);
  const anchor = docAnchor(doc, role, lines);
  if (anchor) return { loc: anchor, range: headerRange(anchor, lines), document: doc };
  const c = role.components[0];
  return { loc: c.loc, range: headerRange(c.loc, lines), document: doc };
}
