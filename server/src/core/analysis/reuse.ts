/**
 * Typing in a policy gives, at each keystroke, a role that differs from the last one only in the
 * statements of one document. Its requirements are checked one by one (analyze.ts analyzeRole); a
 * check whose inputs are the same as last time gives the same findings, so it is replayed from
 * what it added last time instead of being judged again (the evaluations, own requests, placement
 * probes and messages of a permission check cost about 1 ms per keystroke for the bench's roles).
 *
 * A check's inputs are the role (its name only when a policy reads it: nameRead), the source lines it
 * read, and the statements it can read. A permission check reads, of a statement that is not the
 * same: whether it can match one of the requirement's actions (evaluator), whether it is of one of
 * their services (the statement a finding is placed on: placement.ts pointAt, almostGranting), and
 * the unknown values it writes (an unknown verdict points at the statement that writes what it
 * depends on). A statement none of which holds (literal actions of other services, no unknown
 * resource) is not read by the check: it may change freely (the disputed reading of a requirement,
 * permissions.ts judgeDisputed, widens only statements that can match its actions). A trust check
 * reads the trust policy only.
 *
 * Replayed findings are added again (the same calls in the same order: the collector's dedupe and
 * the settings' severities as before); their fix requests name the role, documents and statements
 * of the role they were computed for, and are rewritten to the new role's objects at the same
 * places (a fix is computed from the current objects, as a fresh check's would be). A request of a
 * shape not known here is not replayed.
 */
import type { PolicyDocument, PermissionRequirement, Role, Statement, SymList } from '../model';
import type { FixRequest } from '../fixes';
import { sameData } from '../same';
import { keptOn } from '../kept';
import { literalText } from '../symstr';
import type { Collector, LineRead, Lines } from './findings';

/** One call of Collector.add: what was passed (add copies it; it is never changed). */
export interface Added {
  f: Parameters<Collector['add']>[0];
  fix: FixRequest | undefined;
}

/** What one check of a role added, and the source lines it read. */
export interface CheckRecord {
  /** The check: its kind, requirement and component (the place in the role's components). */
  id: string;
  adds: Added[];
  reads: LineRead[];
}

/** A document of the role whose statements differ from the last role's (same length, same other fields). */
interface ChangedDoc {
  old: PolicyDocument;
  now: PolicyDocument;
  /** At the trust policy's place. */
  trust: boolean;
}

/** The last analysis of a role at this address, and how the role differs from it now. */
export interface Replay {
  role: Role;
  checks: CheckRecord[];
  changed: ChangedDoc[];
  /** The documents of the last role and of this one, place for place (policies, trust, boundary). */
  oldDocs: (PolicyDocument | undefined)[];
  newDocs: (PolicyDocument | undefined)[];
}

/** Top-level fields compared as JSON would (undefined and functions left out), `skip` apart. */
function sameExcept(a: object, b: object, skip: readonly string[]): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let n = 0;
  for (const k in ra) {
    const x = ra[k];
    if (x === undefined || typeof x === 'function' || skip.includes(k)) continue;
    n++;
    if (!sameData(x, rb[k])) return false;
  }
  for (const k in rb) {
    const y = rb[k];
    if (y === undefined || typeof y === 'function' || skip.includes(k)) continue;
    n--;
  }
  return n === 0;
}

const ROLE_PARTS = ['name', 'policies', 'trust', 'boundary'] as const;

const READS_ARN = Symbol('readsPrincipalArn');

/** Has a statement of the document a condition on aws:PrincipalArn (kept on the document)? */
const readsArn = (d: PolicyDocument): boolean =>
  keptOn(d, READS_ARN, (x) => x.statements.some((st) => st.conditions.some((c) => c.key.toLowerCase() === 'aws:principalarn')));

/**
 * Whether the role's checks can read its name: it is in the role's ARN, which the request context
 * sends as aws:PrincipalArn (iam/context.ts roleArnOf), and which only a condition on that key of its
 * policies or boundary reads (the evaluator looks a key up by name; policy variables are not read
 * from the context). Nothing else of the analysis reads a role's name: findings name its address.
 */
export function nameRead(role: Role): boolean {
  return role.policies.some((p) => readsArn(p.document)) || (!!role.boundary && readsArn(role.boundary.document));
}
const ATTACHED_PARTS = ['document'] as const;
const DOCUMENT_PARTS = ['statements'] as const;

const docsOf = (r: Role): (PolicyDocument | undefined)[] => [...r.policies.map((p) => p.document), r.trust?.document, r.boundary?.document];

/**
 * How `now` differs from `old` when the only differences (its name apart) are in statements of
 * documents at the same places, with as many statements: the documents that differ. Undefined
 * when anything else differs.
 */
export function replayOf(old: Role, now: Role, checks: CheckRecord[]): Replay | undefined {
  if (!sameExcept(old, now, ROLE_PARTS) || old.policies.length !== now.policies.length) return undefined;
  if (!sameData(old.name, now.name) && (nameRead(old) || nameRead(now))) return undefined;
  const changed: ChangedDoc[] = [];
  const attached = (x: Role['trust'], y: Role['trust'], trust: boolean): boolean => {
    if (x === y) return true;
    if (!x || !y || !sameExcept(x, y, ATTACHED_PARTS)) return false;
    const d = x.document;
    const e = y.document;
    if (d === e) return true;
    if (d.statements.length !== e.statements.length || !sameExcept(d, e, DOCUMENT_PARTS)) return false;
    changed.push({ old: d, now: e, trust });
    return true;
  };
  for (let i = 0; i < old.policies.length; i++) if (!attached(old.policies[i], now.policies[i], false)) return undefined;
  if (!attached(old.trust, now.trust, true) || !attached(old.boundary, now.boundary, false)) return undefined;
  return { role: old, checks, changed, oldDocs: docsOf(old), newDocs: docsOf(now) };
}

/**
 * Of a statement, what decides whether a permission check can read it: `true` when any check can
 * (an unknown or opaque part, NotAction, an action that is not a plain literal, a wildcard service),
 * else the services of its literal actions, lower case.
 */
type Reach = true | string[];

const REACH = Symbol('reach');

function reachOf(st: Statement): Reach {
  return keptOn(st, REACH, computeReach);
}

const hasUnknown = (l: SymList | undefined): boolean => !!l && (l.kind !== 'items' || l.items.some((it) => it.parts.some((p) => p.kind === 'unknown')));

function computeReach(st: Statement): Reach {
  if (st.opaque || (st.effect !== 'Allow' && st.effect !== 'Deny') || st.notActions || !st.actions || st.actions.kind !== 'items') return true;
  if (hasUnknown(st.resources) || hasUnknown(st.notResources)) return true;
  const services: string[] = [];
  for (const it of st.actions.items) {
    const text = literalText(it);
    if (text === undefined || text !== text.trim()) return true;
    const svc = text.split(':')[0].toLowerCase();
    if (/[*?]/.test(svc)) return true;
    services.push(svc);
  }
  return services;
}

const SERVICES = Symbol('services');

/** The services of a requirement's actions, lower case (kept on the catalog's requirement). */
function servicesOf(req: PermissionRequirement): ReadonlySet<string> {
  return keptOn(req, SERVICES, (r) => new Set(r.actions.map((a) => a.split(':')[0].toLowerCase())));
}

/** Can the check (a permission requirement, undefined for a trust check) read this statement? */
function reads(st: Statement, req: PermissionRequirement | undefined): boolean {
  if (!req) return true;
  const r = reachOf(st);
  if (r === true) return true;
  const s = servicesOf(req);
  return r.some((x) => s.has(x));
}

/** Are the statements the check can read those of the last role (the others changed freely)? */
function sameInputs(replay: Replay, req: PermissionRequirement | undefined): boolean {
  for (const c of replay.changed) {
    if (!req) {
      if (c.trust) return false;
      continue;
    }
    if (c.trust) continue; // a permission check reads the trust policy's place only (a document field)
    for (let i = 0; i < c.old.statements.length; i++) {
      const a = c.old.statements[i];
      const b = c.now.statements[i];
      if (a === b) continue;
      const ra = reads(a, req);
      if (ra !== reads(b, req) || (ra && !sameData(a, b))) return false;
    }
  }
  return true;
}

/** The new role's object at the place of one of the last role's; undefined when there is none (not replayed). */
type Mapper = { doc(d: PolicyDocument): PolicyDocument | undefined; statement(st: Statement): Statement | undefined };

function mapper(replay: Replay, now: Role, req: PermissionRequirement | undefined): Mapper {
  return {
    doc(d) {
      const i = replay.oldDocs.indexOf(d);
      return i < 0 ? undefined : replay.newDocs[i];
    },
    statement(st) {
      for (const c of replay.changed) {
        if (c.trust !== !req) continue;
        const i = c.old.statements.indexOf(st);
        if (i >= 0) return reads(st, req) ? c.now.statements[i] : undefined;
      }
      // Else a statement of a document that did not change (the same object), or none.
      for (let i = 0; i < replay.oldDocs.length; i++) {
        const d = replay.oldDocs[i];
        if (d && d === replay.newDocs[i] && d.statements.includes(st)) return st;
      }
      return undefined;
    },
  };
}

const PERMISSION_KEYS = new Set(['kind', 'role', 'requirement', 'resources', 'result', 'document']);
const RESULT_KEYS = new Set(['verdict', 'actions', 'dependsOn', 'granting', 'denying', 'explanation', 'missingActions', 'unknownActions', 'deniedBy']);
const CORRECT_KEYS = new Set(['kind', 'role', 'resources', 'actions', 'keep', 'statement', 'document', 'otherwise']);
const TRUST_KEYS = new Set(['kind', 'role', 'requirement', 'conditionKeys', 'statements', 'document']);

const onlyKeys = (o: object, keys: ReadonlySet<string>): boolean => Object.keys(o).every((k) => keys.has(k));

/** A fix request rewritten to the new role's objects; undefined when one of them has no place in it. */
function remap(fix: FixRequest, old: Role, now: Role, m: Mapper): FixRequest | undefined {
  if (fix.kind === 'replace-action' || fix.role !== old) return undefined;
  const statements = (l: Statement[] | undefined): Statement[] | undefined | false => {
    if (!l) return l;
    const out: Statement[] = [];
    for (const st of l) {
      const x = m.statement(st);
      if (!x) return false;
      out.push(x);
    }
    return out;
  };
  if (fix.kind === 'permission') {
    if (!onlyKeys(fix, PERMISSION_KEYS) || !onlyKeys(fix.result, RESULT_KEYS)) return undefined;
    const document = fix.document && m.doc(fix.document);
    const granting = statements(fix.result.granting);
    const denying = statements(fix.result.denying);
    const deniedBy = statements(fix.result.deniedBy);
    if ((fix.document && !document) || granting === false || denying === false || deniedBy === false) return undefined;
    return { ...fix, role: now, document, result: { ...fix.result, granting: granting!, denying: denying!, ...(fix.result.deniedBy ? { deniedBy } : {}) } };
  }
  if (fix.kind === 'correct-resource') {
    if (!onlyKeys(fix, CORRECT_KEYS)) return undefined;
    const statement = m.statement(fix.statement);
    const document = m.doc(fix.document);
    const otherwise = fix.otherwise && remap(fix.otherwise, old, now, m);
    if (!statement || !document || (fix.otherwise && !otherwise)) return undefined;
    return { ...fix, role: now, statement, document, otherwise };
  }
  if (fix.kind === 'trust-condition') {
    if (!onlyKeys(fix, TRUST_KEYS)) return undefined;
    const document = m.doc(fix.document);
    const sts = statements(fix.statements);
    if (!document || !sts) return undefined;
    return { ...fix, role: now, document, statements: sts };
  }
  return undefined;
}

/**
 * Runs one check of `now` (`check`), recording what it adds and reads into `record`; or, when the
 * last analysis at the role's address had the same check with the same inputs (`replay`), adds
 * what it added then, with its fix requests on the new role's objects. True when replayed.
 */
export function runCheck(
  id: string,
  req: PermissionRequirement | undefined,
  now: Role,
  out: Collector,
  lines: Lines,
  record: CheckRecord[],
  replay: Replay | undefined,
  check: () => void,
): boolean {
  const prev = replay?.checks[record.length];
  if (replay && prev && prev.id === id && sameInputs(replay, req) && lines.same(prev.reads)) {
    const m = mapper(replay, now, req);
    const adds: Added[] = [];
    let ok = true;
    for (const a of prev.adds) {
      const fix = a.fix && remap(a.fix, replay.role, now, m);
      if (a.fix && !fix) {
        ok = false;
        break;
      }
      adds.push({ f: a.f, fix });
    }
    if (ok) {
      for (const a of adds) out.add(a.f, a.fix);
      for (const r of prev.reads) lines.reads?.push(r);
      record.push({ id, adds, reads: prev.reads });
      return true;
    }
  }
  const rec: CheckRecord = { id, adds: [], reads: [] };
  const outer = lines.reads;
  lines.reads = rec.reads;
  out.record = rec.adds;
  try {
    check();
  } finally {
    lines.reads = outer;
    out.record = undefined;
  }
  for (const r of rec.reads) outer?.push(r);
  record.push(rec);
  return false;
}
