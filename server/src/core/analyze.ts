/**
 * Judges every role of a WorkspaceModel against the catalog: the findings every surface shows.
 * Rules and default severities: rules.ts. Requirements: catalog/.
 */
import { createHash } from 'node:crypto';
import type { EvaluationResult, Finding, PermissionRequirement, PolicyDocument, Role } from './model';
import type { AnalysisSettings } from './settings';
import type { WorkspaceModel } from './workspace-model';
import { sameData } from './same';
import { isRefusal, readGatedText } from './gate';
import { keep, keptOn, keptValue } from './kept';
import { modelParts } from './terraform/model';
import { REQUIREMENTS, sdkOnlyAction } from './catalog';
import { RULES } from './rules';
import * as iam from './iam';
import type { FixContext } from './fixes';
import type { LineStarts } from './fixes/text';
import { literalText } from './symstr';
import { quote } from './quote';
import { applySuppressions, SUPPRESSION_MARKER, type SuppressedFinding } from './suppress';
import { isTerraformFile } from './terraform/json-syntax';
import { resourceTypeMismatches } from './resource-types';
import { type LineRead, type FixHolder, Lines, FINDING_KEY, findingKey, type RequirementCheck, Collector } from './analysis/findings';
import { kindsOf, renderSym } from './analysis/requirements';
import { headerRange, related } from './analysis/placement';
import { checkPermission } from './analysis/permissions';
import { checkTrust } from './analysis/trust';
import { engine, useEvaluator, type Evaluator } from './analysis/engine';
import { nameRead, replayOf, runCheck, type CheckRecord, type Replay } from './analysis/reuse';

export type { Evaluator } from './analysis/engine';
export { fixesPending, type RequirementCheck } from './analysis/findings';
export { instantiate, renderSym } from './analysis/requirements';

export interface AnalysisResult {
  findings: Finding[];
  /**
   * With a cache: the same findings by file, each file's list sorted; a file whose findings did
   * not change keeps the same array from one analysis to the next (the language server republishes
   * nothing for it).
   */
  byFile?: Map<string, Finding[]>;
  /** Findings left out by in-source suppressions (core/suppress.ts), with their reasons. */
  suppressed?: SuppressedFinding[];
}

export interface AnalyzeOptions {
  /** Current text of a file (open editors); defaults to reading the disk. */
  getText?: (file: string) => string | undefined;
  /** Compute fixes (default true). Fixes are computed when first read (`finding.fixes`), not up front. */
  fixes?: boolean;
  /** The evaluator (default: core/iam); replaceable so that the analysis can be tested on its own. */
  evaluator?: Evaluator;
  /**
   * Results of earlier analyses to reuse (the language server keeps one per workspace folder): a
   * role whose model is the same object, or has the same content and the same source lines under
   * its findings, is not evaluated again. Without it, every role is evaluated.
   */
  cache?: AnalysisCache;
  /** Where the lines of a file's text start, when its holder knows (Workspace.lineStartsOf): else found by the analysis. */
  lineStarts?: (file: string, text: string) => LineStarts | undefined;
}

/** An object's JSON, made once (core/kept.ts): for objects never changed once made. */
const JSON_TEXT = Symbol('json');
const jsonOf = (o: object): string => keptOn(o, JSON_TEXT, makeJson);
const makeJson = (o: object): string => JSON.stringify(o);
/** JSON.stringify(context), from each condition's kept JSON (conditions are objects: none is left out or written null). */
const contextJson = (c: readonly object[]): string => `[${c.map(jsonOf).join(',')}]`;

/** A number per policy document object (documents are compared by identity: a reused one is the same object). */
const SERIAL = Symbol('serial');

let lastSerial = 0;

function serialOf(d: PolicyDocument): number {
  return keptOn(d, SERIAL, () => ++lastSerial);
}

/**
 * Verdicts of the last two analyses by their inputs: the same documents (by identity), boundary,
 * opaque attachments, actions, resources and context give the same result. A role analysed again
 * because something else about it changed (its name, a tag, a component's setting) does not
 * evaluate its unchanged policies again.
 */
function rememberEvaluations(evaluate: Evaluator['evaluateRequirement'], memo: AnalysisCache['evaluations']): Evaluator['evaluateRequirement'] {
  memo.previous = memo.current;
  memo.current = new Map();
  return (query, policies, options) => {
    // The actions', the resources' and the context's JSON kept on them (none is changed once made:
    // the catalog's actions, instantiated templates and request contexts are shared between
    // requirements and keystrokes). The context's JSON is its conditions' kept JSON joined, the same
    // text as the array's: a Terraform role's context is a new array on every call (its
    // aws:PrincipalArn put between the requirement's kept conditions, iam/context.ts), whose whole
    // JSON was made again for every evaluation.
    const key = `${policies.map(serialOf).join(',')}|${options?.boundary ? serialOf(options.boundary) : '-'}|${jsonOf(query.actions)}|${query.resources.map(jsonOf).join(',')}|${query.context ? contextJson(query.context) : 'null'}|${JSON.stringify(options?.opaque ?? null)}`;
    let r = memo.current.get(key) ?? memo.previous.get(key);
    if (!r) r = evaluate(query, policies, options);
    memo.current.set(key, r);
    return r;
  };
}

/* Role kinds' names and every message's wording: core/messages (en.ts, ja.ts). */

// --- reuse between analyses ----------------------------------------------------------------

interface RoleEntry {
  key: string;
  /** The role's file and address (byAddress): a content key names one address. */
  at: string;
  reads: LineRead[];
  findings: Finding[];
  /** The role the findings were computed for, and what each of its checks added (analysis/reuse.ts). */
  role?: Role;
  checks?: CheckRecord[];
}

export interface AnalysisCache {
  settings?: AnalysisSettings;
  evaluator?: Evaluator;
  /** Under which a Role object keeps its entry (core/kept.ts; one symbol per cache). */
  roleSlot: symbol;
  byKey: Map<string, RoleEntry>;
  /**
   * Entries an address had before its role changed (typing in a role's policy makes one per
   * keystroke) and that are not in use again, newest last: the oldest leaves byKey once there are
   * more than STALE_KEPT. Kept longer, each keystroke's findings outlived V8's minor collections
   * and filled the old generation, so that every scavenge copied them and full collections came
   * sooner.
   */
  stale: Set<RoleEntry>;
  /** The last role analysed at each address (and file): an equal role there reuses its entry without computing its content key. */
  byAddress: Map<string, { role: Role; entry: RoleEntry }>;
  /** Under which a policy document keeps its unknown-action findings (core/kept.ts; one symbol per cache). */
  docSlot: symbol;
  /** Answers of checkAction by the text as written: emptied past ACTIONS_KEPT (typing an action adds a text per keystroke). */
  actions: Map<string, ReturnType<typeof iam.checkAction> | null>;
  fix: FixHolder;
  /** Lists of findings of each part of a model (a root module's), and by file: an unchanged root gives them again. */
  /**
   * The findings of each part of the last analysis, by the part's model (an unchanged root keeps
   * its model): a Map of the last analysis' parts only, not a WeakMap, whose values V8's minor
   * collections keep while the key is young (every keystroke's part, dead or not).
   */
  byPart: Map<WorkspaceModel, { chunks: Finding[][]; files: Map<string, Finding[][]> }>;
  /** Roles evaluated by the last analysis (the others were reused): for tests and logs. */
  evaluated: number;
  /** Checks of those roles replayed from the role's last analysis (analysis/reuse.ts): for tests and logs. */
  replayed?: number;
  /** Permission verdicts of the last two analyses by their inputs (rememberEvaluations). */
  evaluations: { current: Map<string, EvaluationResult>; previous: Map<string, EvaluationResult> };
  /** Files with findings, in order, and each file's sorted findings with the lists they came from. */
  fileOrder?: string[];
  byFile: Map<string, { chunks: Finding[][]; sorted: Finding[] }>;
  /** Each file with suppressions: its findings and text as last seen, and the result (withSuppressions). */
  suppressions?: Map<string, { input: Finding[]; text: string; findings: Finding[]; suppressed: SuppressedFinding[] }>;
}

export function createAnalysisCache(): AnalysisCache {
  return { roleSlot: Symbol('role entry'), byKey: new Map(), stale: new Set(), byAddress: new Map(), docSlot: Symbol('unknown actions'), actions: new Map(), fix: { ctx: undefined as unknown as FixContext, gen: 0 }, evaluated: 0, evaluations: { current: new Map(), previous: new Map() }, byFile: new Map(), byPart: new Map() };
}

export function analyze(model: WorkspaceModel, settings: AnalysisSettings, options: AnalyzeOptions = {}): AnalysisResult {
  const ev = options.evaluator ?? iam;
  useEvaluator(ev);
  const getText = textReader(options.getText, settings.maxFileBytes);
  const ctx: FixContext = { model, settings, getText };
  let cache = options.cache;
  if (cache && (cache.settings !== settings || cache.evaluator !== ev)) {
    Object.assign(cache, createAnalysisCache());
  }
  engine.evaluatePermission = cache ? rememberEvaluations(ev.evaluateRequirement, cache.evaluations) : ev.evaluateRequirement;
  if (cache) {
    cache.settings = settings;
    cache.evaluator = ev;
    cache.fix.ctx = ctx;
    cache.fix.gen++;
  }
  const holder: FixHolder | undefined = options.fixes === false ? undefined : cache ? cache.fix : { ctx, gen: 0 };
  const lines = new Lines(getText, options.lineStarts);
  /** Findings in the order found, as the lists they were found in (reused lists are the same arrays). */
  const chunks: Finding[][] = [];

  // The evaluator does not throw on bad input; an exception here is a defect and surfaces as one
  // (an analysis that silently reports nothing would read as "all granted").
  let evaluated = 0;
  let replayed = 0;
  const analyseRole = (role: Role): Finding[] => {
    if (!cache) {
      const out = new Collector(settings, holder);
      analyzeRole(role, settings, out, lines);
      evaluated++;
      return out.findings;
    }
    let entry = keptValue<RoleEntry>(role, cache.roleSlot);
    if (!entry) {
      const at = `${role.loc?.file ?? ''}\u0000${role.address}`;
      const last = cache.byAddress.get(at);
      if (last && sameForAnalysis(last.role, role) && lines.same(last.entry.reads)) entry = last.entry;
      else {
        const key = roleKey(role);
        const hit = cache.byKey.get(key);
        if (hit && lines.same(hit.reads)) {
          entry = hit;
          cache.stale.delete(hit); // in use again (an undo)
        }
        else {
          entry = { key, at, reads: [], findings: [], role, checks: [] };
          // The last analysis at this address, when only statements of its documents changed since:
          // its checks whose statements did not change are replayed (analysis/reuse.ts).
          const from = last?.entry;
          // Only with core/iam's evaluator, whose reading of a statement the replay's rule follows.
          const replay = from?.role && from.checks && ev === iam ? replayOf(from.role, role, from.checks) : undefined;
          const out = new Collector(settings, holder);
          lines.reads = entry.reads;
          try {
            replayed += analyzeRole(role, settings, out, lines, { record: entry.checks!, replay });
          } finally {
            lines.reads = undefined;
          }
          entry.findings = out.findings;
          cache.byKey.set(key, entry);
          evaluated++;
        }
        if (last && last.entry !== entry) forgetStale(cache, last.entry);
      }
      cache.byAddress.set(at, { role, entry });
      keep(role, cache.roleSlot, entry);
    }
    return entry.findings;
  };
  // A workspace's model is made of one part per root module (plus its JSON policy files): a part
  // the cache has seen (an unchanged root) gives its lists of findings again without a look inside.
  const parts = modelParts(model) ?? [model];
  const partFiles: Map<string, Finding[][]>[] = [];
  const byPart: AnalysisCache['byPart'] = new Map();
  for (const part of parts) {
    let found = cache?.byPart.get(part);
    if (!found) {
      const mine: Finding[][] = [];
      for (const role of part.roles) mine.push(analyseRole(role));
      for (const c of unknownActions(part, () => new Collector(settings, holder), cache)) mine.push(c);
      const rest = new Collector(settings, holder);
      unresolvedRoles(part, rest, lines);
      mine.push(rest.findings);
      found = { chunks: mine, files: filesOf(mine) };
    }
    byPart.set(part, found);
    for (const c of found.chunks) chunks.push(c);
    partFiles.push(found.files);
  }
  if (cache) {
    cache.byPart = byPart;
    cache.evaluated = evaluated;
    cache.replayed = replayed;
    // Content keys of roles no longer in the model are dropped now and then.
    if (cache.byKey.size > 2 * model.roles.length + 100) {
      const keep = new Map<string, RoleEntry>();
      for (const r of model.roles) {
        const e = keptValue<RoleEntry>(r, cache.roleSlot);
        if (e) keep.set(e.key, e);
      }
      cache.byKey = keep;
    }
    if (cache.byAddress.size > 2 * model.roles.length + 100) {
      const live = new Set(model.roles);
      for (const [at, { role }] of cache.byAddress) if (!live.has(role)) cache.byAddress.delete(at);
    }
  }
  const sorted = cache && sortByFile(partFiles, cache);
  return withSuppressions(sorted ?? { findings: dedupeAndSort(chunks.flat()) }, model, getText, settings, cache);
}

const NO_FINDINGS: Finding[] = [];

/** How many texts AnalysisCache.actions keeps before it is emptied. */
export const ACTIONS_KEPT = 10_000;

/** How many entries replaced at their address stay in byKey (an undo finds them): the newest. */
export const STALE_KEPT = 8;

/** `entry` was replaced at its address (AnalysisCache.stale): the oldest of those beyond STALE_KEPT leaves byKey. */
function forgetStale(cache: AnalysisCache, entry: RoleEntry): void {
  cache.stale.delete(entry);
  cache.stale.add(entry);
  if (cache.stale.size <= STALE_KEPT) return;
  const old = cache.stale.values().next().value as RoleEntry;
  cache.stale.delete(old);
  // Unless its address uses it again, or its key names another entry now.
  if (cache.byKey.get(old.key) === old && cache.byAddress.get(old.at)?.entry !== old) cache.byKey.delete(old.key);
}

/**
 * Every requirement of a role's AgentCore components as the analysis judges it, granted ones
 * included, with the statements that grant each (for a hover on the role): in catalog order.
 */
export function roleVerdicts(role: Role, settings: AnalysisSettings, getText?: (file: string) => string | undefined): RequirementCheck[] {
  useEvaluator(iam);
  const out = new Collector(settings, undefined);
  out.checks = new Map();
  analyzeRole(role, settings, out, new Lines(textReader(getText, settings.maxFileBytes)));
  const order = new Map(REQUIREMENTS.map((r, i) => [r.id, i]));
  return [...out.checks.values()].sort((a, b) => (order.get(a.requirement) ?? 0) - (order.get(b.requirement) ?? 0));
}

/**
 * The result with the suppressions written in the model's `.tf` files applied (core/suppress.ts):
 * suppressed findings left out, the suppressions' own findings added. A file whose findings and
 * text are those of the last analysis keeps the same list (nothing to republish).
 */
function withSuppressions(result: AnalysisResult, model: WorkspaceModel, getText: (file: string) => string | undefined, settings: AnalysisSettings, cache: AnalysisCache | undefined): AnalysisResult {
  // The Terraform files that hold the marker: most hold none (one native search each).
  const marked = new Map<string, string>();
  for (const m of model.modules) {
    for (const f of m.files) {
      if (!isTerraformFile(f) || marked.has(f)) continue;
      const t = getText(f);
      if (t !== undefined && t.includes(SUPPRESSION_MARKER)) marked.set(f, t);
    }
  }
  if (cache) cache.suppressions = marked.size ? cache.suppressions : undefined;
  if (!marked.size) return result;
  let byFile = result.byFile;
  if (!byFile) {
    byFile = new Map();
    for (const f of result.findings) {
      let list = byFile.get(f.file);
      if (!list) byFile.set(f.file, (list = []));
      list.push(f);
    }
  }
  const memo = cache?.suppressions;
  const next = new Map<string, { input: Finding[]; text: string; findings: Finding[]; suppressed: SuppressedFinding[] }>();
  const replaced = new Map<string, Finding[]>();
  const suppressed: SuppressedFinding[] = [];
  for (const [file, text] of marked) {
    const input = byFile.get(file) ?? NO_FINDINGS;
    let done = memo?.get(file);
    if (!done || done.input !== input || done.text !== text) {
      const r = applySuppressions(file, text, input, settings);
      const findings = r.problems.length ? dedupeAndSort([...r.kept, ...r.problems]) : r.suppressed.length ? r.kept : input;
      done = { input, text, findings, suppressed: r.suppressed };
    }
    next.set(file, done);
    if (done.findings !== input) replaced.set(file, done.findings);
    for (const s of done.suppressed) suppressed.push(s);
  }
  if (cache) cache.suppressions = next;
  if (!replaced.size) return { ...result, suppressed };
  // The same order of files (a file with only a suppression's finding takes its place among them).
  const files = [...byFile.keys()];
  const added = [...replaced.keys()].filter((f) => !byFile!.has(f));
  if (added.length) {
    files.push(...added);
    files.sort(collator.compare);
  }
  const outByFile = new Map<string, Finding[]>();
  const findings: Finding[] = [];
  for (const file of files) {
    const list = replaced.get(file) ?? byFile.get(file)!;
    if (!list.length) continue;
    outByFile.set(file, list);
    for (const f of list) findings.push(f);
  }
  return result.byFile ? { findings, byFile: outByFile, suppressed } : { findings, suppressed };
}

/** The lists of findings that have findings in each file, in the order found. */
function filesOf(chunks: Finding[][]): Map<string, Finding[][]> {
  const perFile = new Map<string, Finding[][]>();
  for (const chunk of chunks) {
    let last: string | undefined;
    for (const f of chunk) {
      if (f.file === last) continue;
      last = f.file;
      let list = perFile.get(f.file);
      if (!list) perFile.set(f.file, (list = []));
      if (list[list.length - 1] !== chunk) list.push(chunk);
    }
  }
  return perFile;
}

/**
 * dedupeAndSort for the language server, file by file: a file whose findings come from the same
 * lists as last time keeps its sorted list (identical findings never span files, and the order is
 * by file first). Undefined when two different paths compare equal (the global sort decides then).
 */
function sortByFile(partFiles: Map<string, Finding[][]>[], cache: AnalysisCache): AnalysisResult | undefined {
  const perFile = new Map<string, Finding[][]>();
  for (const files of partFiles) {
    for (const [file, lists] of files) {
      const had = perFile.get(file);
      perFile.set(file, had ? [...had, ...lists] : lists); // a file of one root keeps that root's array
    }
  }
  let order = cache.fileOrder;
  if (!order || order.length !== perFile.size || order.some((f) => !perFile.has(f))) {
    order = [...perFile.keys()].sort(collator.compare);
    for (let i = 1; i < order.length; i++) if (collator.compare(order[i - 1], order[i]) === 0) return undefined;
    cache.fileOrder = order;
  }
  const byFile = new Map<string, { chunks: Finding[][]; sorted: Finding[] }>();
  const result = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const file of order) {
    const lists = perFile.get(file)!;
    let done = cache.byFile.get(file);
    if (!done || (done.chunks !== lists && (done.chunks.length !== lists.length || done.chunks.some((c, i) => c !== lists[i])))) {
      const mine: Finding[] = [];
      for (const c of lists) for (const f of c) if (f.file === file) mine.push(f);
      done = { chunks: lists, sorted: dedupeAndSort(mine) };
    }
    byFile.set(file, done);
    result.set(file, done.sorted);
    for (const f of done.sorted) out.push(f);
  }
  cache.byFile = byFile;
  return { findings: out, byFile: result };
}

/**
 * Texts by file, read once (open editors' first, else the disk). A function of its own: lazily
 * computed fixes keep it, and with it nothing else of the analysis. The disk only through the
 * gate (core/gate.ts: a regular file, at most maxBytes; the files are the model's, listed inside its root).
 */
function textReader(read: ((file: string) => string | undefined) | undefined, maxBytes: number): (file: string) => string | undefined {
  const texts = new Map<string, string | undefined>();
  return (file) => {
    if (!texts.has(file)) {
      let t = read?.(file);
      if (t === undefined) {
        try {
          const r = readGatedText(undefined, file, maxBytes);
          t = isRefusal(r) ? undefined : r;
        } catch {
          t = undefined;
        }
      }
      texts.set(file, t);
    }
    return texts.get(file);
  };
}

/** A digest of content (keys are kept for every role and document: digests, not the JSON itself). */
function digest(s: string): string {
  return createHash('sha256').update(s).digest('base64');
}

const DOC_KEY = Symbol('docKey');

function docKey(d: PolicyDocument): string {
  return keptOn(d, DOC_KEY, (x) => digest(JSON.stringify(x)));
}

/**
 * What the analysis of a role does not read: its name (findings name the role by its address;
 * requirements, fixes and messages never read `name`), unless a policy of the role reads its ARN
 * (aws:PrincipalArn: analysis/reuse.ts nameRead). Renaming a role, or typing its name, gives the
 * findings of the role as it was.
 */
function sameForAnalysis(a: Role, b: Role): boolean {
  return sameData({ ...a, name: undefined }, { ...b, name: undefined }) && (sameData(a.name, b.name) || !nameRead(b));
}

/**
 * The content of a role that its findings are computed from (every location; its name only when read: see sameForAnalysis). A document's
 * JSON is computed once per document object (an unchanged document keeps its object).
 */
function roleKey(role: Role): string {
  const attached = (p: Role['policies'][number] | undefined) => (p ? { ...p, document: docKey(p.document) } : undefined);
  return digest(JSON.stringify({ ...role, name: nameRead(role) ? role.name : undefined, policies: role.policies.map(attached), trust: attached(role.trust), boundary: attached(role.boundary) }));
}

const collator = new Intl.Collator();

/** The first of identical findings (same rule, place, role, requirement, actions), sorted by file, position and rule; ties in the order found. */
export function dedupeAndSort(all: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of all) {
    const k = keptOn(f, FINDING_KEY, findingKey);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  // The order of files and rules by the collator (as localeCompare), computed once per distinct string.
  const rank = (values: Set<string>) => {
    const m = new Map<string, number>();
    let last: string | undefined;
    let r = 0;
    for (const [i, v] of [...values].sort(collator.compare).entries()) {
      if (last === undefined || collator.compare(last, v) !== 0) r = i; // collator-equal strings tie, as with localeCompare
      m.set(v, r);
      last = v;
    }
    return m;
  };
  const files = rank(new Set(out.map((f) => f.file)));
  const rules = rank(new Set(out.map((f) => f.rule)));
  return out.sort(
    (a, b) => files.get(a.file)! - files.get(b.file)! || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || rules.get(a.rule)! - rules.get(b.rule)!,
  );
}

// ---------------------------------------------------------------------------------------------

/**
 * Every check of a role. With `reuse` (the analysis cache), what each check adds and reads is
 * recorded, and the checks of the last role at its address whose inputs did not change are replayed
 * (analysis/reuse.ts).
 */
function analyzeRole(role: Role, settings: AnalysisSettings, out: Collector, lines: Lines, reuse?: { record: CheckRecord[]; replay: Replay | undefined }): number {
  let replayed = 0;
  /** One check: run, or with `reuse` recorded or replayed (runCheck). */
  const run = (id: string, req: PermissionRequirement | undefined, check: () => void): void => {
    if (!reuse) check();
    else if (runCheck(id, req, role, out, lines, reuse.record, reuse.replay, check)) replayed++;
  };
  const kinds = kindsOf(role);
  const policies = role.policies.map((p) => p.document);
  const doneTrust = new Set<string>();
  for (const kind of kinds) {
    const comps = role.components.filter((c) => c.kind === kind);
    for (const req of REQUIREMENTS) {
      if (!req.roleKinds.includes(kind)) continue;
      if (req.kind === 'trust') {
        if (doneTrust.has(req.id)) continue;
        doneTrust.add(req.id);
        run(`${kind}|${req.id}`, undefined, () => checkTrust(role, kind, comps, req, out, lines, settings));
        continue;
      }
      const targets = comps.length ? comps : [undefined];
      for (const comp of targets) run(`${kind}|${req.id}|${comp ? role.components.indexOf(comp) : -1}`, req, () => checkPermission(role, kind, comps, comp, req, policies, settings, out, lines));
    }
  }
  return replayed;
}

/**
 * Every literal action of every document that is not an action of the Service Authorization
 * Reference. Documents are told apart by identity (several root modules may use the same
 * addresses, hence the same document ids); identical findings are merged afterwards.
 */
function unknownActions(model: WorkspaceModel, collector: () => Collector, cache: AnalysisCache | undefined): Finding[][] {
  const out: Finding[][] = [];
  const docs = new Set<PolicyDocument>(model.documents);
  for (const r of model.roles) {
    for (const p of r.policies) docs.add(p.document);
    if (r.trust) docs.add(r.trust.document);
    if (r.boundary) docs.add(r.boundary.document);
  }
  const check = (text: string): ReturnType<typeof iam.checkAction> | null => {
    let c = cache?.actions.get(text);
    if (c !== undefined) return c;
    try {
      c = engine.checkAction(text);
    } catch {
      c = null;
    }
    if (cache) {
      if (cache.actions.size >= ACTIONS_KEPT) cache.actions.clear();
      cache.actions.set(text, c);
    }
    return c;
  };
  for (const doc of docs) {
    let found = cache ? keptValue<Finding[]>(doc, cache.docSlot) : undefined;
    if (!found) {
      const c = collector();
      unknownActionsOf(doc, c, check);
      resourceTypesOf(doc, c);
      found = c.findings;
      if (cache) keep(doc, cache.docSlot, found);
    }
    if (found.length) out.push(found);
  }
  return out;
}

function unknownActionsOf(doc: PolicyDocument, out: Collector, checkAction: (text: string) => ReturnType<typeof iam.checkAction> | null): void {
  for (const st of doc.statements) {
    for (const list of [st.actions, st.notActions]) {
      if (!list || list.kind !== 'items') continue;
      for (const item of list.items) {
        const text = literalText(item);
        if (text === undefined || !item.loc) continue;
        const check = checkAction(text);
        if (!check || check.ok) continue;
        const sdk = check.reason === 'unknown-action' ? sdkOnlyAction(text) : undefined;
        if (sdk) {
          // Newer than the bundled Service Authorization Reference: not certainly unknown (catalog SDK_ONLY_ACTIONS).
          out.add({
            rule: 'unknown-action', severity: 'information', verdict: 'unknown', file: item.loc.file, range: item.loc.range, actions: [sdk.action],
            message: out.m.sdkOnlyAction({ action: quote(text), id: sdk.action, version: iam.iamDataVersion(), seen: sdk.seen }),
            docs: RULES['unknown-action'].helpUri, related: [],
          });
          continue;
        }
        out.add(
          {
            rule: 'unknown-action', verdict: 'invalid', file: item.loc.file, range: item.loc.range, actions: [text],
            message: out.m.unknownAction({ action: quote(text), reason: check.reason, suggestion: check.suggestion }),
            docs: RULES['unknown-action'].helpUri, related: [],
          },
          check.suggestion ? { kind: 'replace-action', loc: item.loc, suggestion: check.suggestion } : undefined,
        );
      }
    }
  }
}

/** Resources that match no resource type of their statement's actions (core/resource-types.ts). */
function resourceTypesOf(doc: PolicyDocument, out: Collector): void {
  for (const st of doc.statements) {
    for (const m of resourceTypeMismatches(st)) {
      const loc = m.item.loc!;
      const allow = st.effect === 'Allow';
      const shown = quote(renderSym(m.item));
      const types = m.templates.map((t) => t.replace(/^arn:\$\{Partition\}:[^:]*:[^:]*:[^:]*:/, '')).join(', ');
      out.add({
        rule: 'resource-type-mismatch', verdict: 'invalid', file: loc.file, range: loc.range, actions: m.actions,
        ...(allow ? {} : { severity: 'error' as const }),
        message: out.m.resourceTypeMismatch({ resource: shown, actions: m.actions, types, allow, suggestion: m.suggestion ? quote(m.suggestion) : undefined }),
        docs: RULES['resource-type-mismatch'].helpUri, related: [],
      });
    }
  }
}

function unresolvedRoles(model: WorkspaceModel, out: Collector, lines: Lines): void {
  const resolved = new Set<string>();
  for (const r of model.roles) for (const c of r.components) resolved.add(c.address);
  for (const c of model.components) {
    // a memory strategy that writes no role of its own uses its memory's (terraform/model.ts roleOfParent)
    if (resolved.has(c.address) || c.facts.roleOfParent === true) continue;
    out.add({
      rule: 'role-unresolved', verdict: 'unknown', file: c.loc.file, range: headerRange(c.loc, lines), actions: [],
      roleKind: c.kind,
      message: out.m.roleUnresolved({ component: c.address, attribute: c.roleAttribute }),
      related: [],
    });
  }
}
