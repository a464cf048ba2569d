/**
 * What the analysis of a role writes into: source lines read (and recorded for reuse), findings with
 * their lazily computed fixes, and each requirement's verdict for the role hover. Split from
 * analyze.ts (issue #22 item 7).
 */
import type { Fix, Finding, Severity, Statement } from '../model';
import type { AnalysisSettings } from '../settings';
import { keep } from '../kept';
import { severityFor } from '../rules';
import { computeFixes, type FixContext, type FixRequest } from '../fixes';
import { lineStarts, ownCopy, type LineStarts } from '../fixes/text';
import { messagesFor, type Messages } from '../messages';
import { TF_JSON_SUFFIX } from '../terraform/json-syntax';
import type { Added } from './reuse';

/** A read of a source line (or, line -1, of a file's line count): what a finding's range was computed from. */
export type LineRead = [file: string, line: number, value: string | number | null | undefined];

/** Where lazily computed fixes find the analysis they belong to (its model, settings and texts). */
export interface FixHolder {
  ctx: FixContext;
  /** Bumped by every analysis: fixes computed for an earlier one are computed again. */
  gen: number;
}

/** Source lines, split once per file per analysis; reads are recorded while a role is analysed. */
export class Lines {
  /** Per file: its text and where each line starts (lines as `text.split(/\r?\n/)` has them, sliced on demand). */
  private readonly files = new Map<string, { text: string; starts: LineStarts } | null>();
  reads: LineRead[] | undefined;
  /**
   * `startsOf`: where the lines of a file's text start when they are known already (the Workspace
   * keeps them with the text: Workspace.lineStartsOf), else undefined and they are found here. A
   * 3,000-line file was searched at every analysis, a module's file changed on disk included.
   */
  constructor(
    private readonly getText: (file: string) => string | undefined,
    private readonly startsOf?: (file: string, text: string) => LineStarts | undefined,
  ) {}

  private of(file: string): { text: string; starts: LineStarts } | null {
    let l = this.files.get(file);
    if (l === undefined) {
      const text = this.getText(file);
      if (text === undefined) l = null;
      else {
        l = { text, starts: this.startsOf?.(file, text) ?? lineStarts(text) };
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
export const PENDING = Symbol('fixesPending');

/** True when a finding's fixes have not been computed for its analysis yet (reading `fixes` computes them). */
export function fixesPending(f: Finding): boolean {
  return (f as { [PENDING]?: () => boolean })[PENDING]?.() ?? false;
}

export function withFixes(f: Omit<Finding, 'fixes'>, fix: FixRequest | undefined, holder: FixHolder | undefined): Finding {
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

export const FINDING_KEY = Symbol('findingKey');

export function findingKey(f: Pick<Finding, 'rule' | 'file' | 'range' | 'role' | 'requirement' | 'actions' | 'conditionKeys'>): string {
  return [f.rule, f.file, f.range.start.line, f.range.start.character, f.role, f.requirement, f.actions.join(','), (f.conditionKeys ?? []).join(',')].join('|');
}

/** One requirement as judged for a role (roleVerdicts): its verdict and the statements that grant it. */
export interface RequirementCheck {
  requirement: string;
  verdict: 'granted' | 'missing' | 'unknown' | 'not-applicable';
  granting: Statement[];
  /** What the verdict is about when not the whole requirement (a trust policy's condition keys). */
  note?: string;
}

export const VERDICT_RANK = { 'not-applicable': 0, granted: 1, unknown: 2, missing: 3 } as const;

export class Collector {
  private readonly seen = new Set<string>();
  readonly findings: Finding[] = [];
  /** Every call of add() while set, in order (analysis/reuse.ts replays them). */
  record?: Added[];
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
    this.record?.push({ f, fix });
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
