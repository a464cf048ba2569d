/** Judges requirements against policies. See index.ts and docs/iam-evaluation.md. */
import type {
  Condition,
  EvaluationResult,
  PolicyDocument,
  RequirementCondition,
  Statement,
  SymList,
  SymStr,
} from '../model';
import { absentForServicePrincipal, evaluateAbsentKey, evaluateCondition, evaluateConditions, parseOperator, shortArnValue } from './conditions';
import { ACTION, RESOURCE, contains, dependencies, lit, overlaps, render, type Judged } from './glob';
import { literalText } from '../symstr';
import { keptOn } from '../kept';
import { describeAction, hasActionDetails } from './actions';

const isStar = (r: SymStr): boolean => r.parts.length === 1 && r.parts[0].kind === 'lit' && r.parts[0].text === '*';

export interface RequirementQuery {
  /** Concrete IAM action names, exact spelling (e.g. `logs:PutLogEvents`). */
  actions: string[];
  /** Resource patterns, already instantiated for the role (symbols for partition/region/account). */
  resources: SymStr[];
  /** Known request context: keys the service sends and their values. Other keys are unknown. */
  context?: RequirementCondition[];
}

const NO: Judged = { def: false, pos: false };
const MAYBE: Judged = { def: false, pos: true };
const YES: Judged = { def: true, pos: true };

function and(...xs: Judged[]): Judged {
  return { def: xs.every((x) => x.def), pos: xs.every((x) => x.pos) };
}

/** A judgement of these two values: one of the shared constants when it is one of them. */
const judgedOf = (def: boolean, pos: boolean): Judged => (def ? (pos ? YES : { def, pos }) : pos ? MAYBE : NO);

/** and() of three, without building the list. */
const and3 = (a: Judged, b: Judged, c: Judged): Judged => judgedOf(a.def && b.def && c.def, a.pos && b.pos && c.pos);

/**
 * One action pattern against a concrete action. `*` matches all; otherwise `service:pattern` where
 * the service prefix is compared case-insensitively and the action part is a case-insensitive glob.
 * A wildcard in the service prefix may match (it is not definite: IAM evaluators disagree on it); a
 * literal pattern without `:` is malformed and matches nothing.
 */
const actionCache = new Map<string, Map<string, Judged>>(); // pattern text -> action -> judgement

function actionMatch(it: SymStr, action: string): Judged {
  const text = literalText(it)?.trim();
  if (text === undefined) return contains(it, lit(action), { ...ACTION, requestWildcards: false });
  let byAction = actionCache.get(text);
  if (!byAction) {
    if (actionCache.size > 10_000) actionCache.clear();
    actionCache.set(text, (byAction = new Map()));
  }
  let j = byAction.get(action);
  if (!j) byAction.set(action, (j = literalActionMatch(text, action)));
  return j;
}

function literalActionMatch(text: string, action: string): Judged {
  if (/^\*+$/.test(text)) return YES;
  const i = text.indexOf(':');
  if (i <= 0) return NO;
  const svc = text.slice(0, i).toLowerCase();
  const [rsvc, ract] = [action.slice(0, action.indexOf(':')).toLowerCase(), action.slice(action.indexOf(':') + 1)];
  const rest = text.slice(i + 1);
  // A literal action part is the request's action or not (case-insensitively): the glob only for wildcards.
  const actOk = /[*?]/.test(rest) ? contains(lit(rest), lit(ract), { ...ACTION, requestWildcards: false }) : rest.toLowerCase() === ract.toLowerCase() ? YES : NO;
  if (svc === rsvc) return actOk;
  if (/[*?]/.test(svc) && contains(lit(svc), lit(rsvc), { ...ACTION, requestWildcards: false }).def && actOk.def) return MAYBE;
  return NO;
}

/**
 * Under which a statement keeps its answers of statementAction by action (core/kept.ts): a role's
 * statements are asked about the same actions for each requirement and each resource of it. A
 * probe's copy of a statement (`{ ...st }`) does not copy it (a symbol defined as not enumerable).
 */
const STATEMENT_ACTIONS = Symbol('statementActions');
const STATEMENT_ACTIONS_MAX = 256;
const newActionMap = (): Map<string, Judged> => new Map();

/** Is the concrete action in (or, for NotAction, outside) the statement's action list? */
export function statementAction(st: Statement, action: string): Judged {
  const byAction = keptOn(st, STATEMENT_ACTIONS, newActionMap);
  let j = byAction.get(action);
  if (!j) {
    if (byAction.size >= STATEMENT_ACTIONS_MAX) byAction.clear();
    byAction.set(action, (j = statementActionUncached(st, action)));
  }
  return j;
}

function statementActionUncached(st: Statement, action: string): Judged {
  const list = st.actions ?? st.notActions;
  if (!list || (st.actions && st.notActions)) return MAYBE; // malformed: judged conservatively
  if (list.kind === 'unknown') return MAYBE;
  const ms = list.items.map((it) => actionMatch(it, action));
  if (st.actions) return { def: ms.some((m) => m.def), pos: ms.some((m) => m.pos) };
  return { def: ms.every((m) => !m.pos), pos: ms.every((m) => !m.def) };
}

/**
 * A wildcard inside an ARN's resource-type prefix (the resource part up to its first `/` or `:`,
 * e.g. `lo*-group:...`) is "incorrect wildcard usage" per the IAM ARN reference; IAM evaluators
 * disagree on it (iam-simulate treats the prefix literally). Such an item never counts as a
 * definite match, only as a possible one.
 */
export function wildcardInResourceType(it: SymStr): boolean {
  return keptOn(it, WILDCARD_TYPE, wildcardInType);
}

/** wildcardInResourceType by string object: a statement's items are asked about for every requirement. */
const WILDCARD_TYPE = Symbol('wildcardInResourceType');

function wildcardInType(it: SymStr): boolean {
  // Symbols never hold `:` or `/`; an unknown (\u0000) might, so it is judged conservatively.
  const text = it.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'sym' ? 'x' : '\u0000')).join('');
  const segs = text.split(':');
  if (segs.length < 6) return text.includes('\u0000') && /[*?]/.test(text);
  if (segs.slice(0, 5).some((x) => x.includes('\u0000'))) return /[*?]/.test(text);
  if (segs[2] === 's3' && segs[3] === '' && segs[4] === '') return false;
  const res = segs.slice(5).join(':');
  const cut = [res.indexOf('/'), res.indexOf(':')].filter((i) => i >= 0);
  if (!cut.length) return res.includes('\u0000') && /[*?]/.test(res);
  return /[*?]/.test(res.slice(0, Math.min(...cut) + 1));
}

function itemContains(it: SymStr, r: SymStr): Judged {
  const m = contains(it, r, RESOURCE);
  return wildcardInResourceType(it) ? { def: false, pos: m.pos } : m;
}

function itemOverlaps(it: SymStr, r: SymStr): Judged {
  const m = overlaps(it, r, RESOURCE);
  return wildcardInResourceType(it) ? { def: false, pos: m.pos } : m;
}

/** Does an Allow statement's Resource/NotResource cover every resource of the request pattern? */
function allowResource(st: Statement, r: SymStr): Judged {
  const list = st.resources ?? st.notResources;
  if (!list || (st.resources && st.notResources)) return MAYBE;
  if (list.kind === 'unknown') return MAYBE;
  // Every item is compared (a comparison too long to finish marks its strings: dependencies()).
  let def = false;
  let pos = false;
  if (st.resources) {
    for (const it of list.items) {
      const m = itemContains(it, r);
      def ||= m.def;
      pos ||= m.pos;
    }
    return judgedOf(def, pos);
  }
  // NotResource: allowed = complement of the union; the request must not overlap any item.
  for (const it of list.items) {
    const o = itemOverlaps(it, r);
    def ||= o.pos;
    pos ||= o.def;
  }
  return judgedOf(!def, !pos);
}

/** Does a Deny statement's Resource/NotResource block all (def) / some (pos) of the request pattern? */
function denyResource(st: Statement, r: SymStr): Judged {
  const list = st.resources ?? st.notResources;
  if (!list || (st.resources && st.notResources)) return MAYBE;
  if (list.kind === 'unknown') return MAYBE;
  if (st.resources) {
    const cs = list.items.map((it) => itemContains(it, r));
    const os = list.items.map((it) => itemOverlaps(it, r));
    return { def: cs.some((c) => c.def), pos: os.some((o) => o.pos) };
  }
  const os = list.items.map((it) => itemOverlaps(it, r));
  const cs = list.items.map((it) => itemContains(it, r));
  return { def: os.every((o) => !o.pos), pos: !cs.some((c) => c.def) };
}

// --- actions with no resource type ------------------------------------------------------------

/**
 * An action with no resource type in the Service Authorization Reference (e.g.
 * `ecr:GetAuthorizationToken`, `xray:PutTraceSegments`) is requested on the resource `*` itself
 * (issue #22 item 4): a policy resource of only `*` applies to it, an ARN never does, whatever the
 * ARN is. Other shapes (`?`, `*:*`, a variable; a short `arn:*` under NotResource) are judged
 * possible only: IAM evaluators disagree on them. Known only for the services whose details the snapshot carries
 * (data.ts DETAIL_SERVICES); others keep the general rule.
 */
const starOnly = new Map<string, boolean>();
export function noResourceType(action: string): boolean {
  const key = action.toLowerCase();
  let v = starOnly.get(key);
  if (v === undefined) {
    const d = describeAction(action);
    v = !!d && d.wildcardOnly && hasActionDetails(d.service);
    starOnly.set(key, v);
  }
  return v;
}

/** A Terraform reference to a resource's or data source's `arn` attribute: an ARN, never `*`. */
const ARN_ATTRIBUTE = /^(?:data\.)?(?:aws|awscc)_[a-z0-9_]+\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.arn$/;

/** Does a policy resource item match the request resource `*`? */
export function itemMatchesStar(it: SymStr): Judged {
  if (it.parts.some((p) => p.kind === 'unknown' && ARN_ATTRIBUTE.test(p.expr))) return NO;
  // Written as an ARN (`arn:` first): a glob that cannot match the string `*`.
  if (startsAsArn(it)) return NO;
  if (it.parts.every((p) => p.kind === 'lit') && /^\*+$/.test(it.parts.map((p) => (p as { text: string }).text).join(''))) return YES;
  return MAYBE;
}

const startsAsArn = (it: SymStr): boolean => it.parts[0]?.kind === 'lit' && it.parts[0].text.startsWith('arn:');

/** An ARN without its five colons (`arn:*`): under NotResource, evaluators disagree whether it excludes `*` (iam-simulate pads it to every ARN). */
function shortArn(it: SymStr): boolean {
  return startsAsArn(it) && shortArnValue(it);
}

/** Resource/NotResource of a statement against the request resource `*` (Allow and Deny alike: the request is one string). */
function starResource(st: Statement): Judged {
  const list = st.resources ?? st.notResources;
  if (!list || (st.resources && st.notResources)) return MAYBE;
  // A whole value that is one resource's ARN (`Resource = aws_ecr_repository.x.arn`) is one ARN.
  if (list.kind === 'unknown' && !ARN_ATTRIBUTE.test(list.expr)) return MAYBE;
  if (st.resources) {
    const ms = list.kind === 'unknown' ? [NO] : list.items.map(itemMatchesStar);
    return { def: ms.some((m) => m.def), pos: ms.some((m) => m.pos) };
  }
  const ms = list.kind === 'unknown' ? [NO] : list.items.map((it) => (shortArn(it) ? MAYBE : itemMatchesStar(it)));
  return { def: ms.every((m) => !m.pos), pos: ms.every((m) => !m.def) };
}

function conditionJudged(st: Statement, context: RequirementCondition[], deps: Set<string>): Judged {
  if (!st.conditions.length) return YES;
  const t = evaluateConditions(st.conditions, context, deps);
  return t === 'T' ? YES : t === 'F' ? NO : MAYBE;
}

function listDeps(l: SymList | undefined, out: Set<string>, withSymbols: boolean): void {
  if (!l) return;
  if (l.kind === 'unknown') out.add(l.expr);
  else for (const it of l.items) dependencies(it, out, withSymbols);
}

/** What an uncertain statement verdict depends on. */
function statementDeps(st: Statement, r: SymStr, condDeps: ReadonlySet<string>, out: Set<string>): void {
  if (st.opaque) {
    out.add(st.opaque.expr);
    return;
  }
  const before = out.size;
  if (st.effect === undefined) out.add('the statement\'s Effect');
  listDeps(st.actions, out, false);
  listDeps(st.notActions, out, false);
  listDeps(st.resources, out, false);
  listDeps(st.notResources, out, false);
  dependencies(r, out, false);
  for (const d of condDeps) out.add(d);
  if (out.size === before) {
    // Only symbols left: e.g. a hard-coded region against the provider's region. Name the
    // request's symbols that the statement does not write as symbols.
    const mine = new Set<string>();
    listDeps(st.resources, mine, true);
    listDeps(st.notResources, mine, true);
    const req = new Set<string>();
    dependencies(r, req, true);
    const diff = [...req].filter((x) => !mine.has(x));
    for (const d of diff) out.add(d);
    // The other way round: a symbol of the statement that the request writes as a literal (a grant
    // on the caller's account, `${data.aws_caller_identity.current.account_id}`, against an image's
    // repository in account 123456789012): the statement's symbol decides it.
    if (out.size === before) for (const d of mine) if (!req.has(d)) out.add(d);
    if (out.size === before && st.effect === 'Deny') {
      const list = st.resources ?? st.notResources;
      const what = list?.kind === 'items' ? list.items.map(render).join(', ') : '';
      out.add(`which resource is used (a Deny${st.sid ? ` "${st.sid}"` : ''} covers part of it${what ? `: ${what}` : ''})`);
    }
    if (out.size === before) for (const d of req) out.add(d);
  }
}

interface SetJudgement extends Judged {
  granting: Statement[];
  denying: Statement[];
  /** The Deny statements that certainly deny (a subset of denying). */
  denyingSure: Statement[];
  deps: Set<string>;
}

/** What a statement without conditions depends on through them: nothing (never added to). */
const NO_DEPS: ReadonlySet<string> = new Set<string>();

/** One (action, resource) against a set of documents (identity policies, or the boundary). */
function judgeSet(docs: PolicyDocument[], action: string, r: SymStr, context: RequirementCondition[], extraOpaque: string[], star = false): SetJudgement {
  let allowDef = false;
  let allowPos = extraOpaque.length > 0;
  let denyDef = false;
  let denyPos = extraOpaque.length > 0;
  const deps = new Set<string>(extraOpaque);
  const grantingDef: Statement[] = [];
  const grantingPos: Statement[] = [];
  const denying: Statement[] = [];
  const denyingSure: Statement[] = [];
  for (const doc of docs) {
    if (doc.opaque.length) {
      allowPos = true;
      denyPos = true;
      for (const o of doc.opaque) deps.add(o);
    }
    for (const st of doc.statements) {
      if (st.opaque) {
        allowPos = true;
        denyPos = true;
        deps.add(st.opaque.expr);
        continue;
      }
      const a = statementAction(st, action);
      if (!a.pos) continue;
      const condDeps = st.conditions.length ? new Set<string>() : undefined;
      const c = condDeps ? conditionJudged(st, context, condDeps) : YES;
      if (!c.pos) continue;
      const canAllow = st.effect !== 'Deny';
      const canDeny = st.effect !== 'Allow';
      const sure = st.effect !== undefined;
      if (canAllow) {
        const j = and3(a, star ? starResource(st) : allowResource(st, r), c);
        const def = j.def && sure;
        if (def) {
          allowDef = true;
          grantingDef.push(st);
        } else if (j.pos) {
          allowPos = true;
          grantingPos.push(st);
          statementDeps(st, r, condDeps ?? NO_DEPS, deps);
        }
        if (j.pos) allowPos = true;
      }
      if (canDeny) {
        const j = and3(a, star ? starResource(st) : denyResource(st, r), c);
        if (j.pos) {
          denyPos = true;
          denying.push(st);
          if (j.def && sure) {
            denyDef = true;
            denyingSure.push(st);
          } else statementDeps(st, r, condDeps ?? NO_DEPS, deps);
        }
      }
    }
  }
  return {
    def: allowDef && !denyPos,
    pos: allowPos && !denyDef,
    granting: grantingDef.length ? grantingDef : grantingPos,
    denying,
    denyingSure,
    deps,
  };
}

function describeStatement(st: Statement): string {
  return st.sid ? `statement "${st.sid}"` : 'a statement';
}

/**
 * Is every (action, resource) of the query allowed by the identity policies, with no Deny that
 * could apply, within the permissions boundary if any? Missing only when IAM could not allow it
 * whatever the unknowns are; granted only when it must allow it.
 */
export function evaluateRequirement(
  query: RequirementQuery,
  policies: PolicyDocument[],
  options?: { boundary?: PolicyDocument; opaque?: string[] },
): EvaluationResult {
  const context = query.context ?? [];
  const missing: string[] = [];
  const unknown: string[] = [];
  const dependsOn = new Set<string>();
  const granting = new Set<Statement>();
  const denying = new Set<Statement>();
  /** Deny statements that certainly deny an action that is missing. */
  const deniedBy = new Set<Statement>();
  let firstMissing: { action: string; resource: SymStr; denied?: Statement; boundary: boolean } | undefined;
  const resources = query.resources.length ? query.resources : [lit('*')];
  for (const action of query.actions) {
    let def = true;
    let pos = true;
    const sureDenies: Statement[] = [];
    const deps: string[] = [];
    for (const r of resources) {
      // A requirement on `*` for an action with no resource type: the request's resource is the string `*`.
      const star = isStar(r) && noResourceType(action);
      const id = judgeSet(policies, action, r, context, options?.opaque ?? [], star);
      let j: Judged = id;
      let inBoundary = true;
      if (options?.boundary) {
        const b = judgeSet([options.boundary], action, r, context, [], star);
        j = and(id, b);
        inBoundary = b.pos;
        if (!j.def && j.pos) for (const d of b.deps) if (!id.def || !b.def) deps.push(d);
        for (const s of b.denying) denying.add(s);
        sureDenies.push(...b.denyingSure);
      }
      for (const s of id.granting) granting.add(s);
      for (const s of id.denying) denying.add(s);
      sureDenies.push(...id.denyingSure);
      if (!j.def && j.pos) for (const d of id.deps) deps.push(d);
      if (!j.pos && !firstMissing) {
        firstMissing = { action, resource: r, denied: id.pos ? undefined : id.denying[0], boundary: !inBoundary && id.pos };
      }
      def &&= j.def;
      pos &&= j.pos;
    }
    if (!pos) {
      missing.push(action);
      for (const st of sureDenies) deniedBy.add(st);
    } else if (!def) {
      unknown.push(action);
      // What an unknown action depends on (a missing one depends on nothing: it is missing).
      for (const d of deps) dependsOn.add(d);
    }
  }
  const notGranted = query.actions.filter((a) => missing.includes(a) || unknown.includes(a));
  // Explanations are built when read (the audit's verdict lines, tests): the analysis never reads
  // them, and most evaluations (placement's probes, granted requirements) end in no finding.
  if (!missing.length && !unknown.length) {
    const grantingList = [...granting];
    return {
      verdict: 'granted',
      actions: [],
      dependsOn: [],
      granting: grantingList,
      denying: [],
      get explanation() {
        const g = grantingList[0];
        return `${query.actions.join(', ')} allowed on ${resources.map(render).join(', ')}${g ? ` by ${describeStatement(g)}` : ''}`;
      },
    };
  }
  if (missing.length) {
    const f = firstMissing!;
    return {
      verdict: 'missing',
      actions: notGranted,
      dependsOn: [...dependsOn],
      granting: [...granting],
      denying: [...denying],
      get explanation() {
        const why = f.boundary
          ? 'the permissions boundary does not allow it'
          : f.denied
            ? `${describeStatement(f.denied)} denies it`
            : 'no statement allows it';
        return `${f.action} on ${render(f.resource)}: ${why}`;
      },
      missingActions: missing,
      unknownActions: unknown,
      deniedBy: [...deniedBy],
    };
  }
  const deps = [...dependsOn];
  return {
    verdict: 'unknown',
    actions: notGranted,
    dependsOn: deps,
    granting: [...granting],
    denying: [...denying],
    get explanation() {
      return `${unknown.join(', ')} may or may not be allowed: depends on ${deps.length ? deps.join(', ') : 'values the analysis cannot know'}`;
    },
  };
}

export interface TrustQuery {
  /** e.g. `bedrock-agentcore.amazonaws.com` */
  service: string;
  /** e.g. `sts:AssumeRole` */
  action: string;
  /** Condition keys the official trust policy constrains, e.g. `aws:SourceAccount`, `aws:SourceArn`. */
  conditionKeys: string[];
  /**
   * Keys the service sets when it assumes the role but the requirement does not ask for: a condition
   * on them holds like one on `conditionKeys`, and gets no verdict of its own.
   */
  acceptedKeys?: string[];
  /**
   * The values the service sends when it assumes the role (core/iam/context.ts trustContext):
   * `aws:SourceAccount`, `aws:SourceArn`, `aws:ResourceAccount`. A condition on a key named here is
   * judged by its value (a literal that cannot match makes the statement not apply); a condition on
   * one of `conditionKeys`/`acceptedKeys` not named here holds whatever its value (as without it).
   */
  context?: RequirementCondition[];
}

export interface TrustResult {
  /** Can the service principal assume the role? */
  assumable: EvaluationResult;
  /** Per condition key: is every Allow that lets the service assume the role constrained by it? */
  conditions: {
    key: string;
    verdict: 'granted' | 'missing' | 'unknown';
    /** Allow statements for the principal that lack the condition (where a fix adds it). */
    unconstrained: Statement[];
    dependsOn: string[];
  }[];
  /**
   * Allow statements that would let the service assume the role but for conditions on keys of the
   * query's context that cannot hold with the values the service sends: each with those conditions.
   */
  refused?: { statement: Statement; conditions: Condition[] }[];
}

/** Does a principal list name the service (or everyone)? */
function principalMatches(ps: { type: string; identifiers: SymList }[], service: string, deps: Set<string>): Judged {
  let def = false;
  let pos = false;
  for (const p of ps) {
    const type = p.type.toLowerCase();
    if (type === '*') {
      def = pos = true;
      continue;
    }
    if (type !== 'service' && type !== 'aws') continue;
    if (p.identifiers.kind === 'unknown') {
      pos = true;
      deps.add(p.identifiers.expr);
      continue;
    }
    for (const id of p.identifiers.items) {
      const m =
        type === 'service'
          ? contains(id, lit(service), { arn: false, fold: true, wildcards: true, requestWildcards: false })
          : contains(id, lit('*'), { arn: false, fold: false, wildcards: false, requestWildcards: false }); // AWS: "*" = everyone
      if (m.def) def = pos = true;
      else if (m.pos) {
        pos = true;
        dependencies(id, deps);
      }
    }
  }
  return { def, pos };
}

function statementPrincipal(st: Statement, service: string, deps: Set<string>): Judged {
  if (st.principals && st.notPrincipals) return MAYBE;
  if (st.principals) return principalMatches(st.principals, service, deps);
  if (st.notPrincipals) {
    const m = principalMatches(st.notPrincipals, service, deps);
    return { def: !m.pos, pos: !m.def };
  }
  return MAYBE; // no principal element: malformed in a trust policy
}

/** A condition that constrains `key` for a service principal: a positive operator with a real value. */
function constrains(c: { operator: string; key: string; values: SymList }, key: string): boolean {
  if (c.key.toLowerCase() !== key.toLowerCase()) return false;
  const op = parseOperator(c.operator);
  if (op.negated || op.set === 'all') return false;
  const k = key.toLowerCase();
  const arnKey = k === 'aws:sourcearn' || k.endsWith('arn');
  const okFamily = op.family === 'string' || (arnKey && op.family === 'arn');
  if (!okFamily) return false;
  if (c.values.kind === 'unknown') return true;
  if (!c.values.items.length) return false;
  // A value of only `*` (with a Like operator) constrains nothing.
  const like = op.base === 'stringlike' || op.family === 'arn';
  return !c.values.items.every((v) => like && v.parts.every((p) => p.kind === 'lit' && /^\*+$/.test(p.text)));
}

export function evaluateTrust(trust: PolicyDocument, query: TrustQuery): TrustResult {
  const keys = [...query.conditionKeys, ...(query.acceptedKeys ?? [])].map((k) => k.toLowerCase());
  const context = query.context ?? [];
  const refused: NonNullable<TrustResult['refused']> = [];
  let allowDef = false;
  let allowPos = trust.opaque.length > 0;
  let denyDef = false;
  let denyPos = trust.opaque.length > 0;
  const deps = new Set<string>(trust.opaque);
  const allowing: { st: Statement; def: boolean; deps: Set<string> }[] = [];
  const denying: Statement[] = [];
  for (const st of trust.statements) {
    if (st.opaque) {
      allowPos = denyPos = true;
      deps.add(st.opaque.expr);
      continue;
    }
    const sdeps = new Set<string>();
    const a = statementAction(st, query.action);
    if (!a.pos) continue;
    const p = statementPrincipal(st, query.service, sdeps);
    if (!p.pos) continue;
    // Conditions on a key the service sends (query.context) are judged by their values; other
    // conditions on the confused-deputy keys hold when written (whether they are there is judged
    // separately below); any other condition is unknown (its key is not in the context).
    const sent = (c: Condition) => context.some((k) => k.key.toLowerCase() === c.key.toLowerCase());
    const others = st.conditions.filter((c) => sent(c) || !keys.includes(c.key.toLowerCase()));
    // Keys a service principal never carries (aws:PrincipalTag/…) are absent, whatever the value.
    const absent = others.filter((c) => absentForServicePrincipal(c.key));
    const absentTri = absent.map((cond) => evaluateAbsentKey(cond, sdeps));
    const absentJ: Judged = absentTri.includes('F') ? NO : absentTri.includes('U') ? MAYBE : YES;
    const rest = others.filter((x) => !absentForServicePrincipal(x.key));
    const c = and(absentJ, conditionJudged({ ...st, conditions: rest }, context, sdeps));
    const j = and(a, p, c);
    if (!j.pos) {
      // An Allow the service would use but for the values it sends: which conditions refuse them.
      if (st.effect === 'Allow' && a.def && p.def && absentJ.pos) {
        const failing = rest.filter((x) => sent(x) && evaluateCondition(x, context, new Set()) === 'F');
        if (failing.length && !rest.some((x) => !sent(x) && evaluateCondition(x, context, new Set()) === 'F')) refused.push({ statement: st, conditions: failing });
      }
      continue;
    }
    if (st.effect !== 'Deny') {
      const def = j.def && st.effect === 'Allow';
      allowing.push({ st, def, deps: sdeps });
      if (def) allowDef = true;
      else {
        allowPos = true;
        for (const d of sdeps) deps.add(d);
        if (st.effect === undefined) deps.add('the statement\'s Effect');
      }
      allowPos = true;
    }
    if (st.effect !== 'Allow') {
      denying.push(st);
      denyPos = true;
      if (j.def && st.effect === 'Deny') denyDef = true;
      else for (const d of sdeps) deps.add(d);
    }
  }
  const def = allowDef && !denyPos;
  const pos = allowPos && !denyDef;
  const verdict = def ? 'granted' : pos ? 'unknown' : 'missing';
  const granting = allowing.filter((x) => x.def).map((x) => x.st);
  const assumable: EvaluationResult = {
    verdict,
    actions: verdict === 'granted' ? [] : [query.action],
    dependsOn: verdict === 'unknown' ? [...deps] : [],
    granting: granting.length ? granting : allowing.map((x) => x.st),
    denying,
    explanation:
      verdict === 'granted'
        ? `${query.service} may ${query.action}`
        : verdict === 'missing'
          ? denyDef
            ? `a statement denies ${query.action} to ${query.service}`
            : `no statement lets ${query.service} ${query.action}`
          : `whether ${query.service} may ${query.action} depends on ${[...deps].join(', ') || 'values the analysis cannot know'}`,
  };
  const conditions = query.conditionKeys.map((key) => {
    const unconstrained = allowing.filter((x) => !x.st.conditions.some((c) => constrains(c, key)));
    const cdeps = new Set<string>(trust.opaque);
    for (const x of trust.statements) if (x.opaque) cdeps.add(x.opaque.expr);
    const sure = unconstrained.filter((x) => x.def);
    const unsure = unconstrained.filter((x) => !x.def);
    for (const x of unsure) for (const d of x.deps) cdeps.add(d);
    let v: 'granted' | 'missing' | 'unknown';
    if (sure.length) v = 'missing';
    else if (unsure.length || cdeps.size) v = 'unknown';
    else v = 'granted';
    return { key, verdict: v, unconstrained: unconstrained.map((x) => x.st), dependsOn: v === 'unknown' ? [...cdeps] : [] };
  });
  return { assumable, conditions, refused };
}
