/**
 * From parsed files to the WorkspaceModel: module instances (local modules followed through their
 * inputs and outputs), IAM roles with every policy that reaches them, and the AgentCore components
 * that name them.
 */
import * as path from 'node:path';
import type { AgentCoreComponent, AttachedPolicy, Location, PolicyDocument, Role, RoleKind, SymStr } from '../model';
import type { FileProblem, ModuleIdiom, ModuleInfo, WorkspaceModel } from '../workspace-model';
import { sameData } from '../same';
import { keptOn } from '../kept';
import { ownCopy } from '../fixes/text';
import type { AnalysisSettings } from '../settings';
import type { Attribute, Block, Expr, Span } from './ast';
import { isLiteralString } from './ast';
import { componentFeatures, literalOf } from './features';
import { documentFromValue, policyDocumentData, resolveHeredocPlaceholders } from './policies';
import { attachPolicies } from './attachments';
import { moduleDir, moduleKey, type InstalledModule } from './modules';
import type { ModuleInstance, SourceFile, Value } from './values';
import { addr, Evaluator, exprText, keyType, locOf, toSymStr } from './values';
import { literalText } from '../symstr';
import { awsManagedDocument } from '../iam/managed';

export interface ParsedTfFile {
  src: SourceFile;
  blocks: Block[];
}

/** hashicorp/aws and awscc resources that name an AgentCore role. */
const COMPONENT_TYPES: Record<string, { kind: RoleKind; attr: string; nameAttr?: string }> = {
  aws_bedrockagentcore_agent_runtime: { kind: 'runtime', attr: 'role_arn', nameAttr: 'agent_runtime_name' },
  aws_bedrockagentcore_gateway: { kind: 'gateway', attr: 'role_arn', nameAttr: 'name' },
  aws_bedrockagentcore_memory: { kind: 'memory', attr: 'memory_execution_role_arn', nameAttr: 'name' },
  aws_bedrockagentcore_memory_strategy: { kind: 'memory', attr: 'memory_execution_role_arn', nameAttr: 'name' },
  aws_bedrockagentcore_code_interpreter: { kind: 'code-interpreter', attr: 'execution_role_arn', nameAttr: 'name' },
  aws_bedrockagentcore_browser: { kind: 'browser', attr: 'execution_role_arn', nameAttr: 'name' },
  aws_bedrockagentcore_online_evaluation_config: { kind: 'evaluation', attr: 'evaluation_execution_role_arn', nameAttr: 'online_evaluation_config_name' },
  awscc_bedrockagentcore_runtime: { kind: 'runtime', attr: 'role_arn', nameAttr: 'agent_runtime_name' },
  awscc_bedrockagentcore_gateway: { kind: 'gateway', attr: 'role_arn', nameAttr: 'name' },
  awscc_bedrockagentcore_memory: { kind: 'memory', attr: 'memory_execution_role_arn', nameAttr: 'name' },
  awscc_bedrockagentcore_code_interpreter_custom: { kind: 'code-interpreter', attr: 'execution_role_arn', nameAttr: 'name' },
  awscc_bedrockagentcore_browser_custom: { kind: 'browser', attr: 'execution_role_arn', nameAttr: 'name' },
  awscc_bedrockagentcore_online_evaluation_config: { kind: 'evaluation', attr: 'evaluation_execution_role_arn' },
  awscc_bedrockagentcore_harness: { kind: 'harness', attr: 'execution_role_arn', nameAttr: 'name' },
  awscc_bedrockagentcore_payment_manager: { kind: 'payment-manager', attr: 'role_arn', nameAttr: 'name' },
};

function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

function newInstance(address: string, dir: string, files: ParsedTfFile[], parent: ModuleInstance | undefined, inputs: Map<string, import('./ast').Expr>, provider: ModuleInstance['provider']): ModuleInstance {
  const inst: ModuleInstance = {
    address, dir, files: files.map((f) => ({ src: f.src, blocks: f.blocks })), parent, inputs, provider,
    locals: new Map(), variables: new Map(), outputs: new Map(), resources: new Map(), data: new Map(), modules: new Map(),
  };
  for (const f of files) {
    for (const b of f.blocks) {
      const src = f.src;
      if (b.type === 'locals') for (const [n, a] of b.body.attributes) inst.locals.set(n, { expr: a.expr, src });
      else if (b.type === 'variable' && b.labels[0]) inst.variables.set(b.labels[0], { block: b, src });
      else if (b.type === 'output' && b.labels[0]) {
        const v = b.body.attributes.get('value');
        if (v) inst.outputs.set(b.labels[0], { expr: v.expr, src });
      } else if (b.type === 'resource' && b.labels.length >= 2) inst.resources.set(`${b.labels[0]}.${b.labels[1]}`, { block: b, src });
      else if (b.type === 'data' && b.labels.length >= 2) inst.data.set(`${b.labels[0]}.${b.labels[1]}`, { block: b, src });
      else if (b.type === 'module' && b.labels[0]) inst.modules.set(b.labels[0], { block: b, src });
    }
  }
  return inst;
}

/** Under which a parsed file keeps its local module calls (core/kept.ts). */
const CALLS = Symbol('calls');

/** Local module directories a file calls (`source = "./..."`), kept on the parsed file. */
export function localCalls(f: ParsedTfFile): string[] {
  return keptOn(f, CALLS, calls);
}

function calls(f: ParsedTfFile): string[] {
  const out: string[] = [];
  const dir = path.dirname(f.src.file);
  for (const b of f.blocks) {
    if (b.type !== 'module') continue;
    const s = b.body.attributes.get('source');
    const lit = s && isLiteralString(s.expr);
    if (lit && (lit.startsWith('./') || lit.startsWith('../'))) out.push(path.normalize(path.join(dir, lit)));
  }
  return out;
}

/**
 * A root module (a directory no other directory calls) and every parsed file its configuration
 * can read: its own and those of the local modules it calls, transitively. A root's model depends
 * on these files only (plus what file()/templatefile() read), so it can be rebuilt on its own.
 */
export interface RootPlan {
  dir: string;
  files: ParsedTfFile[];
  /** The modules `terraform init` installed for this root (its .terraform/modules/modules.json), by key. */
  installed?: Map<string, InstalledModule>;
}

export function groupByDir(files: Iterable<ParsedTfFile>): Map<string, ParsedTfFile[]> {
  const byDir = new Map<string, ParsedTfFile[]>();
  for (const f of files) {
    const d = path.dirname(f.src.file);
    let list = byDir.get(d);
    if (!list) byDir.set(d, (list = []));
    list.push(f);
  }
  return byDir;
}

/** The root modules of a workspace in a stable order (by directory), each with its files. */
export function planRoots(byDir: Map<string, ParsedTfFile[]>, installedOf?: (dir: string) => Map<string, InstalledModule> | undefined): RootPlan[] {
  const called = new Set<string>();
  for (const fs of byDir.values()) for (const f of fs) for (const c of localCalls(f)) called.add(c);
  // Modules installed by `terraform init` (terraform/modules.ts) are called, never roots.
  const installed = new Map<string, Map<string, InstalledModule>>();
  if (installedOf) for (const dir of byDir.keys()) {
    const m = installedOf(dir);
    if (m) { installed.set(dir, m); for (const x of m.values()) if (x.dir !== dir) called.add(x.dir); }
  }
  const plans: RootPlan[] = [];
  for (const dir of [...byDir.keys()].sort((a, b) => a.localeCompare(b))) {
    if (called.has(dir)) continue;
    const seen = new Set<string>([dir]);
    const queue = [dir];
    for (const x of installed.get(dir)?.values() ?? []) if (byDir.has(x.dir) && !seen.has(x.dir)) { seen.add(x.dir); queue.push(x.dir); }
    const files: ParsedTfFile[] = [];
    while (queue.length) {
      const d = queue.shift()!;
      for (const f of byDir.get(d) ?? []) {
        files.push(f);
        for (const c of localCalls(f)) if (byDir.has(c) && !seen.has(c)) { seen.add(c); queue.push(c); }
      }
    }
    plans.push(installed.has(dir) ? { dir, files, installed: installed.get(dir) } : { dir, files });
  }
  return plans;
}

/** Where a merged model keeps the parts it was made of (mergeModels). */
const PARTS = Symbol('parts');

/**
 * The parts a merged model was made of (JSON policy files, then one per root module), for the
 * analysis to reuse what it found in the parts it has seen (core/analyze.ts); undefined for a model
 * mergeModels did not make.
 */
export function modelParts(model: WorkspaceModel): WorkspaceModel[] | undefined {
  return (model as { [PARTS]?: WorkspaceModel[] })[PARTS];
}

/** Concatenates per-root models (JSON policy files first, as documents). */
export function mergeModels(parts: WorkspaceModel[], jsonDocs: PolicyDocument[]): WorkspaceModel {
  const out: WorkspaceModel = { roles: [], components: [], documents: [...jsonDocs], modules: [], problems: [] };
  // A property of the model, not a WeakMap from models to parts (core/kept.ts): V8's minor
  // collections keep the value of a WeakMap entry whose key is young, dead or not, until a full
  // collection. Every keystroke's model, its parts included, was kept and copied by each minor
  // collection until then: typing in a role name at 2,000 files, 1.08 MB survived the first minor
  // collection after 4 keystrokes and 1.62 MB after 12, against 0.36 MB after 1 (`--trace-gc-nvp`,
  // 2026-12-05).
  Object.defineProperty(out, PARTS, { value: [{ roles: [], components: [], documents: jsonDocs, modules: [], problems: [] }, ...parts] });
  for (const p of parts) {
    for (const x of p.roles) out.roles.push(x);
    for (const x of p.components) out.components.push(x);
    for (const x of p.documents) out.documents.push(x);
    for (const x of p.modules) out.modules.push(x);
    for (const x of p.problems) out.problems.push(x);
  }
  return out;
}

/**
 * `aws_iam_policy_document` data sources evaluated by an earlier build of the same root, each with
 * the references its block resolved (and their values). A block with the same text at the same
 * line and column, whose references resolve to the same values, gives the same document: it is
 * reused instead of evaluated again. Documents whose evaluation read a file, met a cycle or ran
 * out of budget are never reused.
 */
export interface DocMemoEntry {
  doc: PolicyDocument;
  /** Offset of the block when evaluated (its references are re-resolved at the new offset). */
  start: number;
  /** The block's text, line and column when evaluated. */
  text: string;
  line: number;
  character: number;
  deps: { e: Extract<Expr, { k: 'ref' }>; value: Value }[];
  /** Evaluating it read a policy document (a data source's `json`): see MemoInputs.referencesUnchanged. */
  readsDocuments: boolean;
}
export type DocMemo = Map<string, DocMemoEntry>;

/**
 * The documents of the previous build of a root module to reuse (`previous`), and where to put those
 * of this build (`next`). `referencesUnchanged` (sameReferenceInputs): every reference resolves as in
 * the previous build, so a document written with the same text at the same line and column, that
 * read no other policy document, is the same without evaluating its references again.
 */
export interface MemoInputs { previous?: DocMemo; next: DocMemo; referencesUnchanged?: boolean }

/** What a document being evaluated has read so far (see buildRootModel's `memoized`). */
interface Recorder { inst: ModuleInstance; file: string; start: number; end: number; deps: DocMemoEntry['deps']; seen: Set<string>; impure: boolean; documents: boolean }

/**
 * The evaluator's `onRef` hook of one model build: records every reference resolved inside a
 * document being evaluated as one of its dependencies. Made out here, not inside buildRootModel:
 * a closure made there shares buildRootModel's context (the plan and its files' texts, the memo,
 * the evaluator), and with that hook on the evaluator every build's context, one per keystroke,
 * was seen to outlive V8's minor collections until the next full one (why was not established).
 * Typing in a 3,000-line file, with the hook made there: 238 KB promoted per keystroke and 10.6 ms
 * per minor pause on average; made here: 28 KB and 5.0 ms (`--trace-gc-nvp`, Workspace.setFile
 * and model() only, 2026-12-04).
 */
function recordDependencies(recorders: Recorder[]): Evaluator['onRef'] {
  return (e, inst, src, scope, v) => {
    for (const r of recorders) {
      if (r.impure || inst !== r.inst || src.file !== r.file || e.span.start < r.start || e.span.end > r.end) continue;
      if (scope?.has(String(e.path[0]))) continue; // an iterator: derived from the for_each, itself recorded
      // The same reference again (data.aws_caller_identity.current.account_id in every statement):
      // its value differs only in where it is written, the same as before when the block is.
      if (r.seen.has(e.text)) continue;
      r.seen.add(e.text);
      r.deps.push({ e, value: v });
    }
  };
}

/**
 * Whether two values have the same content, locations included (source files and source
 * expressions left out: locations carry them).
 */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  // Strings (most references: data.aws_region.current.name and the like) without the generic walk.
  if (a.k === 'str') return b.k === 'str' && sameStr(a.s, b.s);
  return sameData(a, b, sourceOnly);
}

function sameStr(a: SymStr, b: SymStr): boolean {
  if (a === b) return true;
  if (!sameLoc(a.loc, b.loc) || a.parts.length !== b.parts.length) return false;
  for (let i = 0; i < a.parts.length; i++) {
    const p = a.parts[i];
    const q = b.parts[i];
    if (p === q) continue;
    if (p.kind !== q.kind) return false;
    if (p.kind === 'lit' ? p.text !== (q as typeof p).text : !sameData(p, q)) return false;
  }
  return true;
}

function sameLoc(a: Location | undefined, b: Location | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = a.range;
  const y = b.range;
  return a.file === b.file && x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
}

/**
 * Whether every reference can resolve to the same value in `after` as in `before` (a root module's
 * files at its last build and now, in plan order): the same files, and in each file that changed,
 * the same blocks that resolving a reference reads, each with the same text at the same line and
 * column (values carry where they are written). Those are all top-level blocks but two kinds:
 * - a resource is read only for being declared (`aws_iam_role.x.arn` is the role's address, not
 *   its body), except a log group, whose `name` gives its ARN (Evaluator's refInner);
 * - a policy document (`data.aws_iam_policy_document`) is read through its own memo entry: a
 *   document that read one is checked as before (DocMemoEntry.readsDocuments).
 * Compared without reading a body (a body converted when first read stays so); a file whose blocks
 * were dropped (read again when next used: Workspace.dropBlocks) is not compared (false).
 */
export function sameReferenceInputs(before: readonly ParsedTfFile[], after: readonly ParsedTfFile[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < after.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b) continue;
    if (a.src.file !== b.src.file || blocksDropped(a) || blocksDropped(b)) return false;
    const x = a.blocks;
    const y = b.blocks;
    if (x.length !== y.length) return false;
    for (let j = 0; j < y.length; j++) {
      const p = x[j];
      const q = y[j];
      if (p.type !== q.type || p.labels.length !== q.labels.length || p.labels.some((l, k) => l !== q.labels[k])) return false;
      if (!readByReferences(q)) continue;
      const pa = a.src.toPos(p.span.start);
      const qa = b.src.toPos(q.span.start);
      if (pa.line !== qa.line || pa.character !== qa.character || p.span.end - p.span.start !== q.span.end - q.span.start) return false;
      if (a.src.text.slice(p.span.start, p.span.end) !== b.src.text.slice(q.span.start, q.span.end)) return false;
    }
  }
  return true;
}

/** Whether resolving a reference may read the block's body (sameReferenceInputs). */
function readByReferences(b: Block): boolean {
  if (b.type === 'resource') return b.labels[0] === 'aws_cloudwatch_log_group';
  if (b.type === 'data') return b.labels[0] !== 'aws_iam_policy_document';
  return true;
}

function blocksDropped(f: ParsedTfFile): boolean {
  return typeof Object.getOwnPropertyDescriptor(f, 'blocks')?.get === 'function';
}

const sourceOnly = (k: string, x: unknown): boolean => k === 'src' || (k === 'expr' && typeof x === 'object');

function shiftRef(e: Extract<Expr, { k: 'ref' }>, d: number): Extract<Expr, { k: 'ref' }> {
  return d === 0 ? e : { ...e, span: { start: e.span.start + d, end: e.span.end + d } };
}

/**
 * The model of one root module's configuration. Evaluation state (memo, step budget) is per
 * root: a pathological configuration does not turn other roots' values into unknowns.
 * `memo`: documents of the previous build of this root to reuse (`previous`), and where to put
 * those of this build (`next`).
 */
export function buildRootModel(plan: RootPlan, settings: AnalysisSettings, readFile: (f: string) => import('../gate').GatedText, jsonFileDocument: (f: string, t: string) => PolicyDocument | undefined, memo?: MemoInputs): WorkspaceModel {
  const byDir = groupByDir(plan.files);
  const problems: FileProblem[] = [];
  const documents = new Map<string, PolicyDocument>();
  const roles: Role[] = [];
  const components: AgentCoreComponent[] = [];
  const modules: ModuleInfo[] = [];
  const docStack = new Set<string>();

  const recorders: Recorder[] = [];
  const impure = () => { for (const r of recorders) r.impure = true; };

  /**
   * The document written at `span` of `src`: the one an earlier build evaluated from the same text at
   * the same line and column, when its references resolve to the same values; else `compute()`,
   * recorded for the next build. `cycleId`: the data source being evaluated (a reference back to it
   * while its references are compared is a cycle).
   */
  const memoized = (m: MemoInputs, key: string, inst: ModuleInstance, src: SourceFile, span: Span, compute: () => PolicyDocument | undefined, cycleId?: string): PolicyDocument | undefined => {
    const at = src.toPos(span.start);
    const old = m.next.get(key) ?? m.previous?.get(key);
    // The same text at the same line and column (a slice is not a copy; V8 compares flat strings
    // at memory speed, where startsWith at an offset took ten times as long).
    if (old && old.text.length === span.end - span.start && old.line === at.line && old.character === at.character && src.text.slice(span.start, span.end) === old.text) {
      if (m.referencesUnchanged && !old.readsDocuments && !ev.exhausted) {
        m.next.set(key, old);
        return old.doc;
      }
      const d = span.start - old.start;
      if (cycleId) docStack.add(cycleId);
      let same = true;
      try {
        for (const dep of old.deps) {
          if (!sameValue(ev.eval(shiftRef(dep.e, d), inst, src), dep.value)) { same = false; break; }
        }
      } finally {
        if (cycleId) docStack.delete(cycleId);
      }
      if (same && !ev.exhausted) {
        m.next.set(key, old);
        return old.doc;
      }
    }
    const rec: Recorder = { inst, file: src.file, start: span.start, end: span.end, deps: [], seen: new Set(), impure: false, documents: false };
    recorders.push(rec);
    let doc: PolicyDocument | undefined;
    try {
      doc = compute();
    } finally {
      recorders.splice(recorders.indexOf(rec), 1);
    }
    if (doc && !rec.impure && !ev.exhausted) m.next.set(key, { doc, start: span.start, line: at.line, character: at.character, text: ownCopy(src.text, span.start, span.end), deps: rec.deps, readsDocuments: rec.documents });
    return doc;
  };

  const memoDocument = (inst: ModuleInstance, name: string, m: MemoInputs): PolicyDocument | undefined => {
    const decl = inst.data.get(`aws_iam_policy_document.${name}`);
    const id = addr(inst, `data.aws_iam_policy_document.${name}`);
    if (!decl || docStack.has(id)) {
      if (decl) impure();
      return policyDocumentData(ev, inst, name, docStack);
    }
    const { block, src } = decl;
    return memoized(m, `${inst.address}\u0000${name}\u0000${src.file}`, inst, src, block.span, () => policyDocumentData(ev, inst, name, docStack), id);
  };

  const ev: Evaluator = new Evaluator({
    policyDocument: (inst, name) => {
      for (const r of recorders) r.documents = true;
      const d = memo ? memoDocument(inst, name, memo) : policyDocumentData(ev, inst, name, docStack);
      if (d) documents.set(d.id, d);
      return d;
    },
    readWorkspaceFile: (f) => { impure(); return readFile(f); },
    jsonFileDocument: (f, t) => { impure(); return jsonFileDocument(f, t); },
  });
  if (memo) ev.onRef = recordDependencies(recorders);

  /** The document of a policy attribute (jsonencode, heredoc, string): evaluated, or reused as memoized() says. */
  const evalAttrDocument = (inst: ModuleInstance, src: SourceFile, a: Attribute, id: string): PolicyDocument => {
    const e = a.expr;
    const loc = locOf(src, e.span);
    if (e.k === 'str' && e.heredoc) {
      const interps = e.parts.filter((p): p is { interp: import('./ast').Expr; span: import('./ast').Span } => 'interp' in p);
      const raw = documentFromValue(id, { k: 'str', s: { parts: [] } }, src, loc, { ...e.heredoc, parts: e.parts.map((p) => ({ interp: 'interp' in p, span: p.span })) });
      return resolveHeredocPlaceholders(raw, (i) => (interps[i] ? toSymStr(ev.eval(interps[i].interp, inst, src)).parts : [{ kind: 'unknown', expr: 'interpolation' }]));
    }
    return documentFromValue(id, ev.eval(e, inst, src), src, loc);
  };
  const attrDocument = (inst: ModuleInstance, src: SourceFile, a: Attribute, id: string): PolicyDocument => {
    const compute = () => evalAttrDocument(inst, src, a, id);
    // compute() always gives a document, so memoized() does.
    const doc = memo ? (memoized(memo, `attribute\u0000${inst.address}\u0000${id}\u0000${src.file}`, inst, src, a.span, compute) as PolicyDocument) : compute();
    if ((a.expr.k === 'str' && a.expr.heredoc) || !documents.has(doc.id)) documents.set(doc.id, doc);
    return doc;
  };

  const rootProvider = (fs: ParsedTfFile[]): ModuleInstance['provider'] => {
    const p: ModuleInstance['provider'] = {};
    for (const f of fs) for (const b of f.blocks) {
      if (b.type !== 'provider' || (b.labels[0] !== 'aws' && b.labels[0] !== 'awscc') || b.body.attributes.has('alias')) continue;
      const r = b.body.attributes.get('region');
      const lit = r && isLiteralString(r.expr);
      if (lit) p.region = lit;
    }
    p.region ??= settings.defaults.region;
    p.partition = settings.defaults.partition ?? (p.region ? partitionOf(p.region) : undefined);
    p.account = settings.defaults.account;
    return p;
  };

  const awsVersion = (fs: ParsedTfFile[]): string | undefined => {
    for (const f of fs) for (const b of f.blocks) {
      if (b.type !== 'terraform') continue;
      for (const rp of b.body.blocks.filter((x) => x.type === 'required_providers')) {
        const aws = rp.body.attributes.get('aws');
        if (aws?.expr.k === 'object') {
          const v = aws.expr.entries.find((en) => en.key.k === 'ref' && en.key.path[0] === 'version');
          const lit = v && isLiteralString(v.value);
          if (lit) return lit;
        }
      }
    }
    return undefined;
  };

  /** A module call whose files are not read: said once, on the call, with what would let it be read. */
  const notReadCalls = new Set<string>();
  const notReadModule = (address: string, block: Block, src: SourceFile, why: string): void => {
    const at = `${src.file}:${block.span.start}`;
    if (notReadCalls.has(at)) return;
    notReadCalls.add(at);
    problems.push({ rule: 'unresolved-reference', severity: 'information', file: src.file, range: locOf(src, block.headerSpan).range,
      message: `${address} is not read, so the roles it defines and its outputs (a role_arn it gives) cannot be checked: ${why}.` });
  };

  const instantiate = (address: string, dir: string, parent: ModuleInstance | undefined, inputs: Map<string, import('./ast').Expr>, provider: ModuleInstance['provider'], version: string | undefined, depth: number): void => {
    const fs = byDir.get(dir) ?? [];
    const inst = newInstance(address, dir, fs, parent, inputs, provider);
    instances.push({ inst, version });
    if (depth > 8) return;
    for (const [name, m] of inst.modules) {
      const s = m.block.body.attributes.get('source');
      // A local folder, or what `terraform init` installed (terraform/modules.ts); else said where the call is written.
      const where = moduleDir(dir, (s && isLiteralString(s.expr)) ?? undefined, moduleKey(address, name), plan.installed);
      const childDir = 'dir' in where ? where.dir : undefined;
      if (!childDir || !byDir.has(childDir)) {
        notReadModule(`${address ? address + '.' : ''}module.${name}`, m.block, m.src, 'notRead' in where ? where.notRead : `its folder ${path.relative(plan.dir, childDir!) || '.'} holds no Terraform file that was read`);
        continue;
      }
      const childInputs = new Map<string, import('./ast').Expr>();
      for (const [n, a] of m.block.body.attributes) if (!['source', 'version', 'providers', 'count', 'for_each', 'depends_on'].includes(n)) childInputs.set(n, a.expr);
      const before = instances.length;
      instantiate(`${address ? address + '.' : ''}module.${name}`, childDir, inst, childInputs, m.block.body.attributes.has('providers') ? {} : provider, version, depth + 1);
      m.instance = instances[before]?.inst;
    }
  };

  const instances: { inst: ModuleInstance; version?: string }[] = [];
  const rootFiles = byDir.get(plan.dir) ?? [];
  instantiate('', plan.dir, undefined, new Map(), rootProvider(rootFiles), awsVersion(rootFiles), 0);

  // aws_iam_policy documents, lazily.
  const policyResources = new Map<string, () => PolicyDocument>();
  for (const { inst } of instances) {
    for (const [key, r] of inst.resources) {
      if (!key.startsWith('aws_iam_policy.') && !key.startsWith('awscc_iam_managed_policy.')) continue;
      const a = r.block.body.attributes.get(key.startsWith('aws_') ? 'policy' : 'policy_document');
      const address = addr(inst, key);
      let cached: PolicyDocument | undefined;
      policyResources.set(address, () => (cached ??= a ? attrDocument(inst, r.src, a, `${address}.policy`) : { id: address, form: 'json-string', statements: [], opaque: [`${address} has no policy`] }));
    }
  }
  // Roles of every instance (one root module per build: addresses and role names are unique in it).
  const roleByAddr = new Map<string, Role>();
  const roleNames = new Map<string, Role>();
  for (const { inst } of instances) {
    for (const [key, r] of inst.resources) {
      const type = keyType(key);
      if (type !== 'aws_iam_role' && type !== 'awscc_iam_role') continue;
      const address = addr(inst, key);
      const attrs = r.block.body.attributes;
      const nameAttr = attrs.get(type === 'awscc_iam_role' ? 'role_name' : 'name');
      const role: Role = {
        address, type, loc: locOf(r.src, r.block.headerSpan),
        name: nameAttr ? toSymStr(ev.eval(nameAttr.expr, inst, r.src)) : undefined,
        components: [], policies: [], opaque: [], provider: { ...inst.provider },
      };
      const trustAttr = attrs.get(type === 'awscc_iam_role' ? 'assume_role_policy_document' : 'assume_role_policy');
      if (trustAttr) role.trust = { attachment: 'trust', document: attrDocument(inst, r.src, trustAttr, `${address}.assume_role_policy`), via: locOf(r.src, trustAttr.span) };
      for (const b of r.block.body.blocks.filter((x) => x.type === 'inline_policy')) {
        const p = b.body.attributes.get('policy');
        if (p) role.policies.push({ attachment: 'inline', document: attrDocument(inst, r.src, p, `${address}.inline_policy.${isLiteralString(b.body.attributes.get('name')?.expr ?? { k: 'null', span: { start: 0, end: 0 } }) ?? role.policies.length}`), via: locOf(r.src, b.span) });
      }
      const pol = attrs.get('policies');
      if (pol) {
        const v = ev.eval(pol.expr, inst, r.src);
        if (v.k === 'list') {
          v.items.forEach((it, i) => {
            const pd = it.k === 'obj' ? it.entries.get('policy_document') : undefined;
            if (pd) role.policies.push({ attachment: 'inline', document: pd.k === 'json' || pd.k === 'doc' ? documentFromValue(`${address}.policies[${i}]`, pd, r.src, locOf(r.src, pol.span)) : documentFromValue(`${address}.policies[${i}]`, { k: 'json', v: pd, loc: locOf(r.src, pol.span) }, r.src, locOf(r.src, pol.span)), via: locOf(r.src, pol.span) });
          });
        } else role.opaque.push(exprText(pol.expr, r.src));
      }
      const mpa = attrs.get('managed_policy_arns');
      if (mpa) attachManaged(role, ev.eval(mpa.expr, inst, r.src), locOf(r.src, mpa.span));
      const pb = attrs.get('permissions_boundary');
      if (pb) {
        const tmp: Role = { ...role, policies: [] };
        attachManaged(tmp, { k: 'list', items: [ev.eval(pb.expr, inst, r.src)] }, locOf(r.src, pb.span));
        if (tmp.policies[0]) role.boundary = { ...tmp.policies[0], attachment: 'boundary' };
        else role.opaque.push(...tmp.opaque);
      }
      roleByAddr.set(address, role);
      const lit = role.name && literalText(role.name);
      if (lit) roleNames.set(lit, role);
    }
  }

  function attachManaged(role: Role, v: Value, via: Location): void {
    const items = v.k === 'list' ? v.items : [v];
    if (v.k === 'unknown') { role.opaque.push(v.expr); return; }
    for (const it of items) {
      if (it.k === 'policy') {
        const p = policyResources.get(it.address);
        if (p) role.policies.push({ attachment: 'managed', document: p(), via });
        else role.opaque.push(it.text);
        continue;
      }
      const s = toSymStr(it);
      const lit = literalText(s);
      // An AWS managed policy by its content (core/iam/managed.ts), or opaque when the data does not hold it.
      const aws = awsManagedDocument(s);
      if (aws) role.policies.push({ attachment: 'aws-managed', document: aws, via });
      else role.opaque.push(lit ?? s.parts.map((p) => (p.kind === 'unknown' ? p.expr : p.kind === 'lit' ? p.text : '')).join(''));
    }
  }

  const roleFromValue = (v: Value): Role | undefined | 'unknown' => {
    if (v.k === 'role') return roleByAddr.get(v.address) ?? 'unknown';
    const s = toSymStr(v);
    const lit = literalText(s);
    if (lit === undefined) {
      // an ARN whose role name is literal: `arn:${partition}:iam::${account}:role/NAME`
      const last = s.parts[s.parts.length - 1];
      if (last?.kind === 'lit') {
        const m = /:role\/(?:.*\/)?([^/]+)$/.exec(last.text);
        if (m && roleNames.has(m[1])) return roleNames.get(m[1]);
      }
      return 'unknown';
    }
    const name = /:role\/(?:.*\/)?([^/]+)$/.exec(lit)?.[1] ?? lit;
    return roleNames.get(name) ?? 'unknown';
  };

  // Role policies and attachments (terraform/attachments.ts: which resources attach what to which role).
  const unattributed = attachPolicies(instances.map((x) => x.inst), {
    eval: (e, inst, src) => ev.eval(e, inst, src),
    roleFromValue,
    document: attrDocument,
    managed: (v, via) => {
      const tmp: Role = { address: '', type: '', components: [], policies: [], opaque: [], provider: {} };
      attachManaged(tmp, v, via);
      return { policies: tmp.policies, opaque: tmp.opaque };
    },
  });

  // Attachments whose role cannot be told may reach any role of the same configuration (one entry per role, not one per attachment).
  if (unattributed.length) {
    const note = unattributed.length === 1 ? unattributed[0] : `${unattributed.length} policy attachments whose role cannot be resolved, e.g. ${unattributed[0]}`;
    for (const role of roleByAddr.values()) role.opaque.push(note);
  }

  // AgentCore components.
  const agentRoles = new Set<Role>();
  for (const { inst } of instances) {
    for (const [key, r] of inst.resources) {
      const type = keyType(key);
      const spec = COMPONENT_TYPES[type];
      if (!spec) continue;
      const attrs = r.block.body.attributes;
      const facts: AgentCoreComponent['facts'] = {};
      // Which optional features the component uses (gateway targets, memory strategies, browser recording, …):
      // true / false when the Terraform tells, absent when it cannot.
      Object.assign(facts, componentFeatures(key, inst, { literal: (e, k) => literalOf(ev.eval(e, inst, inst.resources.get(k)?.src ?? r.src)) }));
      const art = r.block.body.blocks.find((b) => b.type === 'agent_runtime_artifact');
      if (art) {
        if (art.body.blocks.some((b) => b.type === 'container_configuration')) facts.artifact = 'container';
        else if (art.body.blocks.some((b) => b.type === 'code_configuration')) facts.artifact = 'code';
      } else if (attrs.get('agent_runtime_artifact')) {
        const v = ev.eval(attrs.get('agent_runtime_artifact')!.expr, inst, r.src);
        if (v.k === 'obj') facts.artifact = v.entries.has('container_configuration') ? 'container' : v.entries.has('code_configuration') ? 'code' : undefined;
      }
      if (spec.nameAttr && attrs.get(spec.nameAttr)) facts.name = toSymStr(ev.eval(attrs.get(spec.nameAttr)!.expr, inst, r.src));
      const env = attrs.get('environment_variables');
      if (env) {
        const v = ev.eval(env.expr, inst, r.src);
        if (v.k === 'obj') facts.environment = Object.fromEntries([...v.entries].map(([k, x]) => [k, toSymStr(x)]));
      }
      const cu = art?.body.blocks.find((b) => b.type === 'container_configuration')?.body.attributes.get('container_uri');
      if (cu) facts.ecrRepository = toSymStr(ev.eval(cu.expr, inst, r.src));
      const comp: AgentCoreComponent = { address: addr(inst, key), type, kind: spec.kind, roleAttribute: spec.attr, loc: locOf(r.src, r.block.headerSpan), facts };
      components.push(comp);
      const ra = attrs.get(spec.attr);
      if (!ra) continue;
      const target = roleFromValue(ev.eval(ra.expr, inst, r.src));
      if (target && target !== 'unknown') {
        target.components.push(comp);
        agentRoles.add(target);
        // the role's provider context is the component's
        target.provider = { ...inst.provider };
      } else {
        problems.push({ rule: 'unresolved-reference', severity: 'information', file: comp.loc.file, range: locOf(r.src, ra.span).range,
          message: `${comp.address}.${spec.attr} (${exprText(ra.expr, r.src)}) does not name a role of this configuration: its role cannot be checked here.` });
      }
    }
  }
  for (const role of roleByAddr.values()) {
    if (agentRoles.has(role)) { roles.push(role); continue; }
    const t = role.trust?.document;
    const trusts = t?.statements.some((s) => s.principals?.some((p) => p.identifiers.kind === 'items' && p.identifiers.items.some((i) => i.parts.some((x) => x.kind === 'lit' && x.text.includes('bedrock-agentcore.amazonaws.com')))));
    if (trusts) roles.push(role);
  }

  // Module information for fixes.
  for (const { inst, version } of instances) {
    const idiom: ModuleIdiom = { awsProviderVersion: version };
    for (const [key, d] of inst.data) {
      const type = keyType(key);
      const name = key.slice(type.length + 1);
      if (type === 'aws_partition') { idiom.partitionData ??= name; idiom.dataSourceFile ??= d.src.file; }
      if (type === 'aws_region') { idiom.regionData ??= { name }; idiom.dataSourceFile ??= d.src.file; }
      if (type === 'aws_caller_identity') { idiom.callerIdentityData ??= name; idiom.dataSourceFile ??= d.src.file; }
    }
    if (idiom.regionData) {
      for (const f of inst.files) {
        const m = new RegExp(`data\\.aws_region\\.${idiom.regionData.name}\\.(id|name|region)\\b`).exec(f.src.text);
        if (m) { idiom.regionData.attribute = m[1] as 'id' | 'name' | 'region'; break; }
      }
    }
    idiom.dataSourceFile ??= inst.files.find((f) => path.basename(f.src.file) === 'main.tf')?.src.file ?? inst.files[0]?.src.file;
    const locals: Record<string, SymStr | undefined> = {};
    for (const [n, l] of inst.locals) { const v = ev.eval(l.expr, inst, l.src); locals[n] = v.k === 'str' ? toSymStr(v) : undefined; }
    const variables: Record<string, SymStr | undefined> = {};
    for (const n of inst.variables.keys()) {
      const fake = { k: 'ref' as const, path: ['var', n], text: `var.${n}`, span: { start: 0, end: 0 } };
      const v = ev.eval(fake, inst, inst.variables.get(n)!.src);
      variables[n] = v.k === 'str' ? toSymStr(v) : undefined;
    }
    modules.push({ address: inst.address, dir: inst.dir, files: inst.files.map((f) => f.src.file), idiom, locals, variables });
    // every policy document data source of the module, attached or not (action checks, hovers)
    for (const key of inst.data.keys()) if (key.startsWith('aws_iam_policy_document.')) ev.hooks.policyDocument(inst, key.slice('aws_iam_policy_document.'.length));
  }

  return { roles, components, documents: [...documents.values()], modules, problems };
}
