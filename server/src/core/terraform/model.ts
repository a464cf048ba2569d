/**
 * From parsed files to the WorkspaceModel: module instances (local modules followed through their
 * inputs and outputs), IAM roles with every policy that reaches them, and the AgentCore components
 * that name them.
 */
import * as path from 'node:path';
import type { AgentCoreComponent, AttachedPolicy, Location, PolicyDocument, Position, Role, RoleKind, SymStr } from '../model';
import type { FileProblem, ModuleIdiom, ModuleInfo, WorkspaceModel } from '../workspace-model';
import { sameData } from '../same';
import { keptOn } from '../kept';
import { ownCopy } from '../fixes/text';
import type { AnalysisSettings } from '../settings';
import type { Attribute, Block, Expr, Span } from './ast';
import { isLiteralString } from './ast';
import { componentFeatures, literalOf } from './features';
import { documentFromValue, policyDocumentData, resolveHeredocPlaceholders } from './policies';
import { ATTACHMENT_TYPES, attachPolicies, type AttachEffects } from './attachments';
import { isLocalSource, moduleDir, moduleKey, type InstalledModule } from './modules';
import type { Alt, Instances, ModuleInstance, Placement, SourceFile, Value } from './values';
import { addr, counted, Evaluator, refReadsBody, exprText, instanceAddress, instanceScopes, keyType, locOf, partitionOf, placement, toSymStr } from './values';
import { literalText } from '../symstr';
import { awsManagedDocument } from '../iam/managed';
import { componentRequests } from './component-requests';

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

/** A value in words, for a message: the expression it depends on, or its text. */
function describeValue(v: Value): string {
  if (v.k === 'unknown') return v.expr;
  if (v.k === 'role' || v.k === 'policy') return v.text;
  if (v.k === 'null') return 'null';
  const s = toSymStr(v);
  return s.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'unknown' ? `\${${p.expr}}` : p.kind === 'sym' ? `\${${p.sym.kind}}` : `\${${p.name}}`)).join('');
}

/** At most this many module instances in one root module's configuration (module calls with count or for_each, nested). */
const MAX_MODULE_INSTANCES = 1024;

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
    if (lit && isLocalSource(lit)) out.push(path.normalize(path.join(dir, lit)));
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

/**
 * JSON policy files that let bedrock-agentcore.amazonaws.com assume a role, in any folder, with or
 * without Terraform beside them: each is a role of kind `unknown-agentcore` (catalog/agentcore.ts:
 * only its trust is judged), named by its path from `root`, unless a role of these parts reads the
 * file as its trust policy (file("trust.json")), which judges it as that role's.
 */
export function jsonTrustRoles(jsonDocs: PolicyDocument[], parts: WorkspaceModel[], root: string | undefined, provider: Role['provider'] = {}): Role[] {
  const out: Role[] = [];
  let read: Set<string> | undefined;
  for (const doc of jsonDocs) {
    // Kept on the document (core/kept.ts): a keystroke in a Terraform file reuses the role of a JSON file that did not change.
    const trust = keptOn(doc, TRUST_ROLE, (d) => ({ is: d.form === 'json-file' && trustsAgentCore(d), key: '', role: undefined as Role | undefined }));
    if (!trust.is) continue;
    const key = `${root}\u0000${provider.partition}\u0000${provider.region}\u0000${provider.account}`;
    if (trust.key !== key || !trust.role) { trust.key = key; trust.role = trustRole(doc, root, provider); }
    const role = trust.role;
    read ??= new Set(parts.flatMap((p) => p.roles.map((r) => r.trust?.document.loc?.file).filter((f): f is string => !!f)));
    if (!read.has(role.loc!.file)) out.push(role);
  }
  return out;
}

/** Where a JSON policy document keeps whether it is an AgentCore trust policy, and the role jsonTrustRoles made of it (for that root and provider). */
const TRUST_ROLE = Symbol('trustRole');

function trustRole(doc: PolicyDocument, root: string | undefined, provider: Role['provider']): Role {
  const file = doc.loc?.file ?? doc.id;
  const address = root ? jsonTrustAddress(root, file) : file.split(path.sep).join('/');
  const loc = doc.loc ?? { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  return { address, type: 'json-trust-policy', loc, components: [], trust: { attachment: 'trust', document: doc, via: loc }, policies: [], opaque: [], provider: { ...provider } };
}

/**
 * Whether a finding is about a JSON trust policy file judged on its own (jsonTrustRoles): dropped
 * where another part of the workspace reads that file as a role's trust policy through file(), which
 * judges it as that role's (a part cannot see the reads of another: cold/index.ts, workspace-index.ts).
 */
export function isJsonTrustFinding(root: string, f: { requirement?: string; role?: string; file: string }): boolean {
  return f.requirement === 'agentcore.trust' && f.role === jsonTrustAddress(root, f.file);
}

/** The address of a JSON trust policy file judged as a role: its path from the root, with `/` (its name when it is the root). */
function jsonTrustAddress(root: string, file: string): string {
  return (path.relative(root, file) || path.basename(file)).split(path.sep).join('/');
}

/** The files of the JSON trust policies a model judged on their own as roles (jsonTrustRoles). */
export function jsonTrustFiles(model: WorkspaceModel): string[] {
  return model.roles.filter((x) => x.type === 'json-trust-policy').map((x) => x.loc?.file ?? x.address);
}

/** Whether a trust document names bedrock-agentcore.amazonaws.com as a principal. */
export function trustsAgentCore(t: PolicyDocument | undefined): boolean {
  return !!t?.statements.some((s) => s.principals?.some((p) => p.identifiers.kind === 'items' && p.identifiers.items.some((i) => i.parts.some((x) => x.kind === 'lit' && x.text.includes('bedrock-agentcore.amazonaws.com')))));
}

/** Concatenates per-root models (JSON policy files first, as documents; JSON trust policies as roles: jsonTrustRoles). */
export function mergeModels(parts: WorkspaceModel[], jsonDocs: PolicyDocument[], root?: string, provider?: Role['provider']): WorkspaceModel {
  const jsonRoles = jsonTrustRoles(jsonDocs, parts, root, provider);
  const out: WorkspaceModel = { roles: [...jsonRoles], components: [], documents: [...jsonDocs], modules: [], problems: [] };
  // A property of the model, not a WeakMap from models to parts (core/kept.ts): V8's minor
  // collections keep the value of a WeakMap entry whose key is young, dead or not, until a full
  // collection. Every keystroke's model, its parts included, was kept and copied by each minor
  // collection until then: typing in a role name at 2,000 files, 1.08 MB survived the first minor
  // collection after 4 keystrokes and 1.62 MB after 12, against 0.36 MB after 1 (`--trace-gc-nvp`,
  // 2026-12-05).
  Object.defineProperty(out, PARTS, { value: [{ roles: jsonRoles, components: [], documents: jsonDocs, modules: [], problems: [] }, ...parts] });
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
  /**
   * The document sources (documentSourceId) of the documents its evaluation read, memo hits and
   * documents held by values evaluated before included: when one changes, so may this document
   * (buildRootModel's taint), though its own text did not.
   */
  reads?: string[];
}
export type DocMemo = Map<string, DocMemoEntry>;

/**
 * The documents of the previous build of a root module to reuse (`previous`), and where to put those
 * of this build (`next`). `referencesUnchanged` (compareBuildInputs' references): every reference resolves as in
 * the previous build, so a document written with the same text at the same line and column, that
 * read no other policy document, is the same without evaluating its references again.
 */
export interface MemoInputs {
  previous?: DocMemo;
  next: DocMemo;
  referencesUnchanged?: boolean;
  /**
   * Blocks of the previous build to reuse (`previous`), and where to put those of this build (`next`):
   * see BlockMemo. `documentsUnchanged` (compareBuildInputs' documents): no policy document's source changed.
   */
  blocks?: { previous?: BlockMemo; next: BlockMemo };
  documentsUnchanged?: boolean;
  /** compareBuildInputs' others: AgentCore components may be reused too (with documents changed, as any block: see changedDocuments). */
  othersUnchanged?: boolean;
  /**
   * compareBuildInputs' changedDocuments (with references unchanged and documents not): the document
   * sources that changed. A block is then reused only when no document it used came from one of them
   * or read one (transitively, over the last build's DocMemo entries: buildRootModel's taint).
   */
  changedDocuments?: ReadonlySet<string>;
}

/**
 * What one top-level block gave at a build of a root module, to be reused by the next build when
 * the block has the same text at the same line and column and nothing else it reads can differ:
 * every reference resolves as before (MemoInputs.referencesUnchanged), no document it used may differ
 * (no policy document's source changed: MemoInputs.documentsUnchanged, then every document is the
 * very object of the last build, reused from the DocMemo; or none it registered or whose memo entry it
 * carried came from a source that changed or read one, transitively: MemoInputs.changedDocuments),
 * the previous build read no file and had step budget to spare, and the settings are the same object.
 * Blocks with count or for_each are not kept.
 * - `aws_iam_role` / `awscc_iam_role`: the role as the block alone makes it (before attachments and
 *   components add to it; copied on reuse, for those push onto it);
 * - the documents it registered and the DocMemo entries it used, in order: replayed on reuse, so the
 *   model's documents keep their order and the next build still has the entries.
 */
export interface BlockUnit {
  text: string;
  line: number;
  character: number;
  registered: Registered[];
  carried: [string, DocMemoEntry][];
  /** Roles looked up by name (the address found, if any) and by address (whether found): found alike, or the block is evaluated again. */
  names: [string, string | undefined][];
  addresses: [string, boolean][];
  roles?: Role[];
  /** What an attachment block attached (attachments.ts), in order, roles by address. */
  attached?: AttachOp[];
  /** What an AgentCore component block gave: its components, the roles that run them (with its placement), its problems, in order. */
  placed?: PlaceOp[];
  /** A module instance's information (the last loop of buildRootModel: MODULE_UNIT). */
  module?: ModuleInfo;
}
type PlaceOp = { k: 'component'; comp: AgentCoreComponent } | { k: 'target'; role: string; comp: AgentCoreComponent; place: Placement } | { k: 'problem'; problem: FileProblem };
/** A document a block registered: `always` set again (a policy data source, a heredoc), else set when its id is new. */
export interface Registered { doc: PolicyDocument; always: boolean }
type AttachOp = { k: 'unattributed'; s: string } | { k: 'opaque'; role: string; s: string } | { k: 'policies'; role: string; ps: AttachedPolicy[] } | { k: 'inline'; role: string; name: string | undefined; ap: AttachedPolicy };
/** A block of this build and, when the last build's is reused, that (buildRootModel's blockUnit). */
interface BlockAt { inst: ModuleInstance; key: string; src: SourceFile; span: Span; reused?: BlockUnit }
/** The block being evaluated for the BlockMemo (buildRootModel). */
interface Trace { registered: Registered[]; carried: [string, DocMemoEntry][]; names: [string, string | undefined][]; addresses: [string, boolean][] }
export interface BlockMemo {
  settings: AnalysisSettings;
  /** Evaluation steps the build took (with what it reused, a fresh build takes at most this many more). */
  steps: number;
  /** False when the build read a file or ran out of steps: nothing of it is reused. */
  valid: boolean;
  /** By file, module instance address and resource key (strings whose hashes V8 keeps: no key is made per look-up). */
  units: Map<string, Map<string, Map<string, BlockUnit>>>;
}

/** Where a BlockMemo keeps a module instance's information (under file '' and the instance's address). */
const MODULE_UNIT = '\u0000module';

/** The attribute of `data.aws_region.<name>` the files of an instance use first (`id`, `name`, `region`), if any. */
function regionAttribute(inst: ModuleInstance, name: string): 'id' | 'name' | 'region' | undefined {
  const re = new RegExp(`data\\.aws_region\\.${name}\\.(id|name|region)\\b`);
  for (const f of inst.files) {
    const m = re.exec(f.src.text);
    if (m) return m[1] as 'id' | 'name' | 'region';
  }
  return undefined;
}

/** Whether a module's file list is the instance's files, in order. */
function sameStrings(files: string[], now: { src: SourceFile }[]): boolean {
  return files.length === now.length && files.every((f, i) => f === now[i].src.file);
}

/** Evaluation steps of one build past which blocks are not reused (values.ts Evaluator's budget). */
const STEP_BUDGET = 5_000_000;

/** What a document being evaluated has read so far (see buildRootModel's `memoized`). */
interface Recorder { inst: ModuleInstance; file: string; start: number; end: number; deps: DocMemoEntry['deps']; seen: Set<string>; impure: boolean; documents: boolean; reads: string[] }

/**
 * The document source (documentSourceId) each policy document given by a policy document data source
 * or an aws_iam_policy / awscc_iam_managed_policy resource came from; set when the model build first
 * meets the document, kept as long as the document is (a document object never changes source).
 */
const docSources = new WeakMap<PolicyDocument, string>();

/**
 * The source of a document evaluated again at every build (an instance of a data source or policy
 * with count or for_each: not memoized, so what it read is not recorded): tainted by any change.
 */
const UNRECORDED_SOURCE = '\u0000unrecorded';

/** A policy document source: its file, type and name (compareBuildInputs names the changed ones so). */
export function documentSourceId(file: string, type: string, name: string): string {
  return `${file}\u0000${type}\u0000${name}`;
}

/** Notes that a recorder's document read `d` (by its source, once). */
function noteRead(r: Recorder, d: PolicyDocument): void {
  const s = docSources.get(d);
  if (s !== undefined && !r.reads.includes(s)) r.reads.push(s);
}

/**
 * The document sources tainted at a build where `changed` ones changed: those, and (transitively) the
 * source of every document of the last build's entries that read a tainted one.
 */
function taintedSources(previous: DocMemo | undefined, changed: ReadonlySet<string>): Set<string> {
  const out = new Set(changed);
  out.add(UNRECORDED_SOURCE);
  if (!previous) return out;
  for (let more = true; more; ) {
    more = false;
    for (const e of previous.values()) {
      if (!e.reads) continue;
      const s = docSources.get(e.doc);
      if (s === undefined || out.has(s)) continue;
      if (e.reads.some((x) => out.has(x))) { out.add(s); more = true; }
    }
  }
  return out;
}

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
function recordDependencies(recorders: Recorder[], tracing: { trace?: Trace }): Evaluator['onRef'] {
  return (e, inst, src, scope, v) => {
    if (v.k === 'doc' || v.k === 'obj' || v.k === 'list' || v.k === 'unknown') {
      // A value evaluated before (a local, an output, a variable) may hold documents whose registration
      // this block did not make: the block that made it may not when it changes (BlockUnit). Each as
      // registrations if new, after those it was made of (withReads).
      const t = tracing.trace;
      if (t) eachDocument(v, (d, depth) => withReads(d, t.registered, depth));
      // A document read through a value evaluated before (a local that holds data.x.json): read as
      // through the policyDocument hook (DocMemoEntry.readsDocuments), though the hook is not called.
      if (recorders.length) eachDocument(v, (d) => { for (const r of recorders) { r.documents = true; noteRead(r, d); } });
    }
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

/** A document as registrations, after the documents it read (docReads), as the first block to read it registers them. */
function withReads(d: PolicyDocument, out: Registered[], depth: number): void {
  if (depth > 64) return;
  const read = docReads.get(d);
  if (read) for (const x of read) withReads(x, out, depth + 1);
  out.push({ doc: d, always: false });
}

/**
 * The documents each policy document data source's document asked for through the policyDocument
 * hook while it was evaluated, in order (source_policy_documents and the like): a block that reads
 * the document through a value evaluated before would, were it the first to read it, register those
 * before it (withReads). Kept as long as the document is.
 */
const docReads = new WeakMap<PolicyDocument, PolicyDocument[]>();

/**
 * Visits the policy documents a value holds (a reference's: a document, objects and lists of them,
 * a value's alternatives), in order, with the depth it was found at; stops when `visit` returns true
 * (then true).
 */
function eachDocument(v: Value, visit: (d: PolicyDocument, depth: number) => boolean | void, depth = 0): boolean {
  if (depth > 64) return false;
  switch (v.k) {
    case 'doc': return visit(v.doc, depth) === true;
    case 'obj': for (const x of v.entries.values()) if (eachDocument(x, visit, depth + 1)) return true; return false;
    case 'list': for (const x of v.items) if (eachDocument(x, visit, depth + 1)) return true; return false;
    case 'unknown':
      for (const a of v.alts ?? []) if (eachDocument(a.v, visit, depth + 1)) return true;
      return !!v.each && eachDocument(v.each.v, visit, depth + 1);
    default: return false;
  }
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
 * What a root module's files at its last build (`before`) and now (`after`, in plan order) leave as
 * it was, for what a build may reuse; every block compared at most once (same text at the same line
 * and column):
 * - `references`: every reference resolves as before: the same files, and in each file that changed,
 *   the same blocks that resolving a reference reads (readByReferences: all top-level blocks but
 *   resources, which a reference reads only for being declared, `aws_iam_role.x.arn` being the
 *   role's address, except those whose body it reads, and policy documents, read through their own
 *   memo entries), each with the same text at the same line and column (values carry where they are
 *   written); a file whose blocks were dropped (read again when next used: Workspace.dropBlocks) is
 *   not compared (false);
 * - `documents`: with references, no policy document's source changed: the policy document data
 *   sources and the aws_iam_policy / awscc_iam_managed_policy resources, which any block may read
 *   (BlockUnit). Typing in a role's name leaves them; typing in an action does not, and
 *   `changedDocuments` names the sources that changed (documentSourceId);
 * - `others`: every block but IAM roles, policy attachments and document sources is as it was: what an
 *   AgentCore component reads besides references (its features, its requests: other resources of its
 *   module read by their bodies, such as ECR repositories, KMS keys, gateway targets) is as before.
 */
export function compareBuildInputs(before: readonly ParsedTfFile[], after: readonly ParsedTfFile[]): { references: boolean; documents: boolean; others: boolean; changedDocuments?: Set<string> } {
  const none = { references: false, documents: false, others: false };
  if (before.length !== after.length) return none;
  let documents = true;
  let others = true;
  let changedDocuments: Set<string> | undefined;
  for (let i = 0; i < after.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b) continue;
    if (a.src.file !== b.src.file || blocksDropped(a) || blocksDropped(b)) return none;
    const x = a.blocks;
    const y = b.blocks;
    if (x.length !== y.length) return none;
    for (let j = 0; j < y.length; j++) {
      const p = x[j];
      const q = y[j];
      if (p.type !== q.type || p.labels.length !== q.labels.length) return none;
      for (let k = 0; k < q.labels.length; k++) if (p.labels[k] !== q.labels[k]) return none;
      const doc = documentSource(q);
      const other = !doc && !roleOrAttachment(q);
      // whether references may read it, without reading its body (for count): a role or policy is compared whether counted or not
      if (!readByReferences(q, true) && !doc && !(others && other)) continue;
      const pa = a.src.toPos(p.span.start);
      const qa = b.src.toPos(q.span.start);
      const same = pa.line === qa.line && pa.character === qa.character && p.span.end - p.span.start === q.span.end - q.span.start && a.src.text.slice(p.span.start, p.span.end) === b.src.text.slice(q.span.start, q.span.end);
      if (same) continue;
      // a block read by references in either build (a role that gained or lost its count)
      if (readByReferences(q) || readByReferences(p)) return none;
      // a reference to a role tells whether its ARN has a path (values.ts: arnPath)
      if ((q.labels[0] === 'aws_iam_role' || q.labels[0] === 'awscc_iam_role') && rolePathOf(p) !== rolePathOf(q)) return none;
      if (doc) { documents = false; (changedDocuments ??= new Set()).add(documentSourceId(b.src.file, q.labels[0], q.labels[1])); }
      if (other) others = false;
    }
  }
  return { references: true, documents, others, changedDocuments };
}

/** An IAM role or a policy attachment (compareBuildInputs: what a component does not read by its body). */
function roleOrAttachment(b: Block): boolean {
  return b.type === 'resource' && (b.labels[0] === 'aws_iam_role' || b.labels[0] === 'awscc_iam_role' || ATTACHMENT_TYPES.has(b.labels[0]));
}

/** A block that gives a policy document any other block may read (compareBuildInputs). */
function documentSource(b: Block): boolean {
  if (b.type === 'data') return b.labels[0] === 'aws_iam_policy_document';
  return b.type === 'resource' && (b.labels[0] === 'aws_iam_policy' || b.labels[0] === 'awscc_iam_managed_policy');
}

/** An empty BlockMemo for a build to fill (MemoInputs.blocks.next). */
export function newBlockMemo(settings: AnalysisSettings): BlockMemo {
  return { settings, steps: 0, valid: true, units: new Map() };
}

/** Resource types a reference resolves by instance (values.ts resourceRef). */
const INSTANCED_REFS = new Set(['aws_iam_role', 'awscc_iam_role', 'aws_iam_policy', 'awscc_iam_managed_policy']);

/**
 * Whether resolving a reference may read the block's body (compareBuildInputs; an IAM role's path:
 * rolePathOf). `ifCounted`: a role or policy is taken as counted without reading its body.
 */
function readByReferences(b: Block, ifCounted = false): boolean {
  // a role or policy with count or for_each: a reference names one of its instances, or none
  if (b.type === 'resource') return refReadsBody(b.labels[0]) || (INSTANCED_REFS.has(b.labels[0]) && (ifCounted || counted(b)));
  if (b.type === 'data') return b.labels[0] !== 'aws_iam_policy_document';
  return true;
}

/** What a reference to a role reads of its body besides count: whether its path is other than "/" (values.ts refInner). */
function rolePathOf(b: Block): boolean {
  const path = b.body.attributes.get('path');
  return !!path && isLiteralString(path.expr) !== '/';
}

function blocksDropped(f: ParsedTfFile): boolean {
  return typeof Object.getOwnPropertyDescriptor(f, 'blocks')?.get === 'function';
}

const sourceOnly = (k: string, x: unknown): boolean => k === 'src' || (k === 'expr' && typeof x === 'object');

/**
 * Whether what was kept of a block or an attribute (a BlockUnit, a DocMemoEntry) was written with the
 * same text at the same line and column as `span` of `src` now (`at`: its start's position). A slice
 * is not a copy; V8 compares flat strings at memory speed, where startsWith at an offset took ten
 * times as long.
 */
function writtenAsBefore(old: { text: string; line: number; character: number }, src: SourceFile, span: Span, at?: Position): boolean {
  if (old.text.length !== span.end - span.start) return false;
  const p = at ?? src.toPos(span.start);
  return old.line === p.line && old.character === p.character && src.text.slice(span.start, span.end) === old.text;
}

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
  /** The documents asked for through the policyDocument hook by each document being evaluated (docReads). */
  const hookReads: PolicyDocument[][] = [];
  /** Whether this build read no file (else nothing of it is reused by the next: BlockMemo.valid). */
  let pure = true;
  const impure = () => { pure = false; for (const r of recorders) r.impure = true; };

  // Blocks of the previous build this one may reuse (BlockUnit says when), and where this build keeps its own.
  const blocks = memo?.blocks;
  const reusable = memo?.referencesUnchanged && (memo.documentsUnchanged || memo.changedDocuments) && blocks?.previous?.valid && blocks.previous.settings === settings ? blocks.previous : undefined;
  // When documents changed (an action typed), the sources of documents a reused block may not have used.
  const tainted = reusable && !memo!.documentsUnchanged ? taintedSources(memo!.previous, memo!.changedDocuments!) : undefined;
  /** Whether a block kept by the last build used a document that may differ now (registered it, or carried an entry that read one). */
  const taints = (u: BlockUnit): boolean => {
    if (!tainted) return false;
    for (const r of u.registered) { const s = docSources.get(r.doc); if (s !== undefined && tainted.has(s)) return true; }
    for (const [, e] of u.carried) {
      const s = docSources.get(e.doc);
      if (s !== undefined && tainted.has(s)) return true;
      if (e.reads) for (const x of e.reads) if (tainted.has(x)) return true;
    }
    return false;
  };
  // Blocks are traced and kept for the next build when this one found every reference resolving as
  // before (a role's name or an action typed), or when the root kept no blocks yet (its first build
  // with an open file). A build after a change that references read (a module's output changed on
  // disk, a local typed) reuses no block, and neither does the next one while such changes go on:
  // tracing every block cost that build about a quarter of its time at 2,000 files. The price: the
  // first build after it that finds the references unchanged (a role's name typed) evaluates every
  // block, as this one did, and traces them; the one after reuses.
  const recording = !!blocks && (!!memo?.referencesUnchanged || !blocks.previous);
  let reusedBlocks = false;
  /** The block being evaluated for the BlockMemo: the documents it registers and the memo entries it uses, in order. */
  const tracing: { trace?: Trace } = {};
  /** Registers a document of the model (the first registration of an id sets its place in the model's documents). */
  const register = (d: PolicyDocument, always: boolean): void => {
    documents.set(d.id, d);
    tracing.trace?.registered.push({ doc: d, always });
  };
  /**
   * A top-level block of this build: the one the previous build kept (`reused`) when it has the same
   * text at the same line and column and this build may reuse it (its registered documents and memo
   * entries are replayed here); else the block is traced from here to keepUnit.
   */
  const blockUnit = (inst: ModuleInstance, key: string, src: SourceFile, block: Block, mayReuse = true): BlockAt | undefined => {
    const span = block.span;
    const old = mayReuse ? reusable?.units.get(src.file)?.get(inst.address)?.get(key) : undefined;
    if (old && writtenAsBefore(old, src, span) && sameLookups(old) && !taints(old)) {
      for (const r of old.registered) if (r.always || !documents.has(r.doc.id)) documents.set(r.doc.id, r.doc);
      for (const [k, e] of old.carried) memo!.next.set(k, e);
      keepIn(src.file, inst.address, key, old);
      reusedBlocks = true;
      return { inst, key, src, span, reused: old };
    }
    // the same text as a block kept is not counted either: asked only now (a body shifted lazily is not read for it)
    if (!recording || counted(block)) return undefined;
    tracing.trace = { registered: [], carried: [], names: [], addresses: [] };
    return { inst, key, src, span };
  };
  const keepIn = (file: string, address: string, key: string, u: BlockUnit): void => {
    const units = blocks!.next.units;
    let byInst = units.get(file);
    if (!byInst) units.set(file, (byInst = new Map()));
    let byKey = byInst.get(address);
    if (!byKey) byInst.set(address, (byKey = new Map()));
    byKey.set(key, u);
  };
  /** Whether the roles a block looked up by name and by address are found as when it was evaluated. */
  const sameLookups = (u: BlockUnit): boolean => {
    for (const [n, a] of u.names) if (roleNames.get(n)?.address !== a) return false;
    for (const [a, found] of u.addresses) if (roleByAddr.has(a) !== found) return false;
    return true;
  };
  /** Keeps what a traced block gave for the next build. */
  const keepUnit = (u: BlockAt, made: Pick<BlockUnit, 'roles' | 'attached' | 'placed'>): void => {
    const t = tracing.trace;
    tracing.trace = undefined;
    if (!t) return;
    const at = u.src.toPos(u.span.start);
    // each document once (a later registration of the same document changes nothing but to set it always)
    const once = new Map<PolicyDocument, Registered>();
    for (const r of t.registered) {
      const x = once.get(r.doc);
      if (!x) once.set(r.doc, { ...r });
      else if (r.always) x.always = true;
    }
    const carried = new Map(t.carried);
    keepIn(u.src.file, u.inst.address, u.key, { text: ownCopy(u.src.text, u.span.start, u.span.end), line: at.line, character: at.character, registered: [...once.values()], carried: [...carried], names: t.names, addresses: t.addresses, ...made });
  };
  /** Puts a memo entry into this build's memo. */
  const carry = (m: MemoInputs, key: string, e: DocMemoEntry): void => {
    m.next.set(key, e);
    tracing.trace?.carried.push([key, e]);
  };

  /**
   * The document written at `span` of `src`: the one an earlier build evaluated from the same text at
   * the same line and column, when its references resolve to the same values; else `compute()`,
   * recorded for the next build. `cycleId`: the data source being evaluated (a reference back to it
   * while its references are compared is a cycle).
   */
  const memoized = (m: MemoInputs, key: string, inst: ModuleInstance, src: SourceFile, span: Span, compute: () => PolicyDocument | undefined, cycleId?: string): PolicyDocument | undefined => {
    const at = src.toPos(span.start);
    const now = m.next.get(key);
    const old = now ?? m.previous?.get(key);
    if (old && writtenAsBefore(old, src, span, at)) {
      // Evaluated (or found the same) by this build already: its references resolve as they did then
      // (a second role attaching it, the module's documents listed at the end of the build).
      if ((now || (m.referencesUnchanged && !old.readsDocuments)) && !ev.exhausted) {
        carry(m, key, old);
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
        carry(m, key, old);
        return old.doc;
      }
    }
    const rec: Recorder = { inst, file: src.file, start: span.start, end: span.end, deps: [], seen: new Set(), impure: false, documents: false, reads: [] };
    recorders.push(rec);
    let doc: PolicyDocument | undefined;
    try {
      doc = compute();
    } finally {
      recorders.splice(recorders.indexOf(rec), 1);
    }
    if (doc && !rec.impure && !ev.exhausted) carry(m, key, { doc, start: span.start, line: at.line, character: at.character, text: ownCopy(src.text, span.start, span.end), deps: rec.deps, readsDocuments: rec.documents, ...(rec.reads.length ? { reads: rec.reads } : {}) });
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

  /** One instance of a policy document data source with count or for_each (null: the symbolic one); not memoized. */
  const documentInstance = (inst: ModuleInstance, name: string, key: string | number | null): PolicyDocument | undefined => {
    const decl = inst.data.get(`aws_iam_policy_document.${name}`);
    if (!decl) return undefined;
    const ins = ev.instancesOf(inst, 'data', `aws_iam_policy_document.${name}`, decl.block, decl.src);
    const one = instanceScopes(ins).find((x) => key === null || x.key === key);
    if (!one) return undefined;
    const base = addr(inst, `data.aws_iam_policy_document.${name}`);
    return policyDocumentData(ev, inst, name, docStack, { address: one.key === undefined ? base : instanceAddress(base, one.key), scope: one.scope });
  };

  const ev: Evaluator = new Evaluator({
    policyDocument: (inst, name, key) => {
      for (const r of recorders) r.documents = true;
      if (memo) hookReads.push([]);
      const d = key === undefined ? (memo ? memoDocument(inst, name, memo) : policyDocumentData(ev, inst, name, docStack)) : documentInstance(inst, name, key);
      const read = memo ? hookReads.pop()! : undefined;
      if (d) {
        if (memo) {
          if (read!.length && !docReads.has(d)) docReads.set(d, read!);
          if (hookReads.length) hookReads[hookReads.length - 1].push(d);
          if (!docSources.has(d)) {
            const decl = inst.data.get(`aws_iam_policy_document.${name}`);
            if (decl) docSources.set(d, key === undefined ? documentSourceId(decl.src.file, 'aws_iam_policy_document', name) : UNRECORDED_SOURCE);
          }
          for (const r of recorders) noteRead(r, d);
        }
        register(d, true);
      }
      return d;
    },
    readWorkspaceFile: (f) => { impure(); return readFile(f); },
    jsonFileDocument: (f, t) => { impure(); return jsonFileDocument(f, t); },
  });
  if (memo) ev.onRef = recordDependencies(recorders, tracing);

  /** The document of a policy attribute (jsonencode, heredoc, string): evaluated, or reused as memoized() says. */
  const evalAttrDocument = (inst: ModuleInstance, src: SourceFile, a: Attribute, id: string, scope?: Map<string, Value>): PolicyDocument => {
    const e = a.expr;
    const loc = locOf(src, e.span);
    if (e.k === 'str' && e.heredoc) {
      const interps = e.parts.filter((p): p is { interp: import('./ast').Expr; span: import('./ast').Span } => 'interp' in p);
      const raw = documentFromValue(id, { k: 'str', s: { parts: [] } }, src, loc, { ...e.heredoc, parts: e.parts.map((p) => ({ interp: 'interp' in p, span: p.span })) });
      return resolveHeredocPlaceholders(raw, (i) => (interps[i] ? toSymStr(ev.eval(interps[i].interp, inst, src, scope)).parts : [{ kind: 'unknown', expr: 'interpolation' }]));
    }
    return documentFromValue(id, ev.eval(e, inst, src, scope), src, loc);
  };
  /** `scope`: an instance's each/count (a resource with for_each or count); such a document is not memoized (its each.value is not among its references). */
  const attrDocument = (inst: ModuleInstance, src: SourceFile, a: Attribute, id: string, scope?: Map<string, Value>): PolicyDocument => {
    const compute = () => evalAttrDocument(inst, src, a, id, scope);
    // compute() always gives a document, so memoized() does.
    const doc = memo && !scope ? (memoized(memo, `attribute\u0000${inst.address}\u0000${id}\u0000${src.file}`, inst, src, a.span, compute) as PolicyDocument) : compute();
    const heredoc = a.expr.k === 'str' && !!a.expr.heredoc;
    if (heredoc || !documents.has(doc.id)) documents.set(doc.id, doc);
    // a traced block registers it as it would with no document registered yet
    tracing.trace?.registered.push({ doc, always: heredoc });
    return doc;
  };

  /** The provider configurations of an instance: those it is given (`inherited`), then its own provider blocks, whose `region` is evaluated (a variable's default). */
  const readProviders = (inst: ModuleInstance, inherited: Map<string, Placement>): void => {
    const out = new Map(inherited);
    for (const f of inst.files) for (const b of f.blocks) {
      if (b.type !== 'provider' || (b.labels[0] !== 'aws' && b.labels[0] !== 'awscc')) continue;
      const alias = b.body.attributes.get('alias');
      const an = alias && isLiteralString(alias.expr);
      if (alias && !an) continue;
      const r = b.body.attributes.get('region');
      const v = r && ev.eval(r.expr, inst, f.src);
      const p: Placement = {};
      p.region = (v?.k === 'str' ? literalText(v.s) : undefined) ?? settings.defaults.region;
      if (r) p.regionWritten = exprText(r.expr, f.src);
      p.partition = settings.defaults.partition ?? (p.region ? partitionOf(p.region) : undefined);
      // hashicorp/aws `allowed_account_ids` with one account: Terraform refuses to apply in any other.
      const ids = b.labels[0] === 'aws' ? b.body.attributes.get('allowed_account_ids') : undefined;
      const iv = ids && ev.eval(ids.expr, inst, f.src);
      const one = iv?.k === 'list' && iv.items.length === 1 && iv.items[0].k === 'str' ? literalText(iv.items[0].s) : undefined;
      p.account = (one !== undefined && /^\d{12}$/.test(one) ? one : undefined) ?? settings.defaults.account;
      const key = an ? `${b.labels[0]}.${an}` : b.labels[0];
      p.config = inst.address ? `${inst.address}/${key}` : key;
      out.set(key, p);
    }
    if (!inst.parent && !out.has('aws')) out.set('aws', out.get('awscc') ?? defaultPlacement());
    inst.providers = out;
    inst.provider = out.get('aws') ?? out.get('awscc') ?? inst.provider;
  };
  const defaultPlacement = (): Placement => {
    const region = settings.defaults.region;
    return { region, partition: settings.defaults.partition ?? (region ? partitionOf(region) : undefined), account: settings.defaults.account, config: 'aws' };
  };
  /** What a module call passes to its module: the caller's default providers, or those `providers = { aws = aws.eu }` names. */
  const passedProviders = (parent: ModuleInstance, call: Block): Map<string, Placement> => {
    const given = call.body.attributes.get('providers');
    const from = parent.providers ?? new Map<string, Placement>();
    if (!given) return new Map([...from].filter(([k]) => !k.includes('.')));
    const out = new Map<string, Placement>();
    if (given.expr.k !== 'object') return out;
    for (const en of given.expr.entries) {
      const k = en.key.k === 'ref' ? en.key.path.join('.') : isLiteralString(en.key);
      const v = en.value.k === 'ref' ? en.value.path.join('.') : undefined;
      if (k) out.set(k, (v && from.get(v)) || {});
    }
    return out;
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

  const instantiate = (address: string, dir: string, parent: ModuleInstance | undefined, inputs: Map<string, import('./ast').Expr>, providers: Map<string, Placement>, version: string | undefined, depth: number, caller?: { src: SourceFile; scope?: Map<string, Value> }): void => {
    const fs = byDir.get(dir) ?? [];
    const inst = newInstance(address, dir, fs, parent, inputs, providers.get('aws') ?? providers.get('awscc') ?? {});
    if (caller) { inst.callerSrc = caller.src; inst.callerScope = caller.scope; }
    instances.push({ inst, version });
    readProviders(inst, providers);
    if (depth > 8) {
      // Fail closed (core/incomplete.ts): calls nested deeper are not followed, and each says so
      // (unless the folder is its own ancestor: a cycle, reported as module-cycle).
      let cycle = false;
      for (let up = inst.parent; up && !cycle; up = up.parent) cycle = up.dir === inst.dir;
      if (!cycle) {
        for (const [name, m] of inst.modules) {
          problems.push({ rule: 'analysis-failed', severity: 'error', file: m.src.file, range: locOf(m.src, m.block.headerSpan).range,
            message: `module.${name} is called more than 8 module calls deep: the analysis follows no deeper, so what it defines is not checked. This is not a clean result.` });
        }
      }
      return;
    }
    // calls without count or for_each first: a count may read another module's output
    const calls = [...inst.modules].sort(([, a], [, b]) => Number(counted(a.block)) - Number(counted(b.block)));
    for (const [name, m] of calls) {
      const s = m.block.body.attributes.get('source');
      // A local folder, or what `terraform init` installed (terraform/modules.ts); else said where the call is written.
      const where = moduleDir(dir, (s && isLiteralString(s.expr)) ?? undefined, () => moduleKey(address, name), plan.installed);
      const childDir = 'dir' in where ? where.dir : undefined;
      if (!childDir || !byDir.has(childDir)) {
        notReadModule(`${address ? address + '.' : ''}module.${name}`, m.block, m.src, 'notRead' in where ? where.notRead : `its folder ${path.relative(plan.dir, childDir!) || '.'} holds no Terraform file that was read`);
        continue;
      }
      const childInputs = new Map<string, import('./ast').Expr>();
      for (const [n, a] of m.block.body.attributes) if (!['source', 'version', 'providers', 'count', 'for_each', 'depends_on'].includes(n)) childInputs.set(n, a.expr);
      const ins = ev.instancesOf(inst, 'module', name, m.block, m.src);
      m.ins = ins;
      const base = `${address ? address + '.' : ''}module.${name}`;
      noteBound(ins, base, m.block, m.src);
      const passed = passedProviders(inst, m.block);
      for (const { key, scope } of instanceScopes(ins)) {
        if (instances.length >= MAX_MODULE_INSTANCES) {
          problems.push({ rule: 'unresolved-reference', severity: 'information', file: m.src.file, range: locOf(m.src, m.block.headerSpan).range,
            message: `${base}: more than ${MAX_MODULE_INSTANCES} module instances in this configuration; the analysis expands no more, and what they define is not checked.` });
          break;
        }
        const before = instances.length;
        instantiate(key === undefined ? base : instanceAddress(base, key), childDir, inst, childInputs, passed, version, depth + 1, { src: m.src, scope });
        const child = instances[before]?.inst;
        m.instance ??= child;
        if (key !== undefined && child) (m.instances ??= new Map()).set(key, child);
      }
    }
  };

  /** A module call whose files are not read: said once, on the call, with what would let it be read. */
  const notReadCalls = new Set<string>();
  /** The addresses of those calls, with why (a role_arn given by one of their outputs says it: notReadOutput). */
  const notReadWhy = new Map<string, string>();
  const notReadModule = (address: string, block: Block, src: SourceFile, why: string): void => {
    const at = `${src.file}:${block.span.start}`;
    notReadWhy.set(address, why);
    if (notReadCalls.has(at)) return;
    notReadCalls.add(at);
    problems.push({ rule: 'unresolved-reference', severity: 'information', file: src.file, range: locOf(src, block.headerSpan).range,
      message: `${address} is not read, so the roles it defines and its outputs (a role_arn it gives) cannot be checked: ${why}.` });
  };

  /** For an expression that reads an output of a module call that is not read: which call, and why (else ''). */
  const notReadOutput = (callerAddress: string, text: string): string => {
    for (const m of text.matchAll(/\bmodule\.([A-Za-z0-9_-]+)/g)) {
      const address = `${callerAddress ? callerAddress + '.' : ''}module.${m[1]}`;
      const why = notReadWhy.get(address) ?? [...notReadWhy].find(([a]) => a.startsWith(`${address}[`))?.[1];
      if (why) return ` ${address} is not read: ${why}.`;
    }
    return '';
  };

  /** A count or for_each past MAX_INSTANCES: said once, where it is written. */
  const noted = new Set<string>();
  const noteBound = (ins: Instances, address: string, block: Block, src: SourceFile): void => {
    if (ins.mode !== 'symbolic' || !ins.over || noted.has(address)) return;
    noted.add(address);
    const a = block.body.attributes.get(ins.meta) ?? { span: block.headerSpan };
    problems.push({ rule: 'unresolved-reference', severity: 'information', file: src.file, range: locOf(src, a.span).range, message: `${address}: ${ins.over}.` });
  };

  const instances: { inst: ModuleInstance; version?: string }[] = [];
  const rootFiles = byDir.get(plan.dir) ?? [];
  instantiate('', plan.dir, undefined, new Map(), new Map(), awsVersion(rootFiles), 0);

  // The long steps below are functions of their own, so that buildRootModel's own bytecode stays under
  // the language server's --max-optimized-bytecode-size (client/src/server-flags.ts: 16 KB), above
  // which V8 never optimizes a function: with them inline it was 21 KB and ran unoptimized at every
  // build; now 1.7 KB, each step 1 to 4.5 KB.

  // aws_iam_policy documents, lazily.
  const policyResources = new Map<string, () => PolicyDocument>();
  const readPolicyResources = (): void => {
    for (const { inst } of instances) {
      for (const [key, r] of inst.resources) {
        if (!key.startsWith('aws_iam_policy.') && !key.startsWith('awscc_iam_managed_policy.')) continue;
        const a = r.block.body.attributes.get(key.startsWith('aws_') ? 'policy' : 'policy_document');
        const ins = ev.instancesOf(inst, 'resource', key, r.block, r.src);
        noteBound(ins, addr(inst, key), r.block, r.src);
        for (const { key: k, scope } of instanceScopes(ins)) {
          const address = k === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), k);
          let cached: PolicyDocument | undefined;
          const id = `${address}.policy`;
          policyResources.set(address, () => {
            if (!cached) {
              cached = a ? attrDocument(inst, r.src, a, id, scope) : { id: address, form: 'json-string', statements: [], opaque: [`${address} has no policy`] };
              if (memo && !docSources.has(cached)) docSources.set(cached, scope ? UNRECORDED_SOURCE : documentSourceId(r.src.file, keyType(key), key.slice(keyType(key).length + 1)));
              return cached;
            }
            // read again (a second role attaches it): a traced block uses it as if it were the first (BlockUnit)
            const t = tracing.trace;
            if (t && a) {
              t.registered.push({ doc: cached, always: false });
              const key = `attribute\u0000${inst.address}\u0000${id}\u0000${r.src.file}`;
              const e = memo?.next.get(key);
              if (e) t.carried.push([key, e]);
            }
            return cached;
          });
        }
      }
    }
  };
  readPolicyResources();
  // Roles of every instance (one root module per build: addresses and role names are unique in it).
  const roleByAddr = new Map<string, Role>();
  /** The condition under which a role that stands for a count not known exists (Instances.when). */
  const roleWhen = new Map<Role, string>();
  const roleNames = new Map<string, Role>();
  const addRole = (role: Role, when: string | undefined): void => {
    roleByAddr.set(role.address, role);
    if (when) roleWhen.set(role, when);
    const lit = role.name && !role.namePrefix && literalText(role.name);
    if (lit) roleNames.set(lit, role);
  };
  const readRoles = (): void => {
    for (const { inst } of instances) {
      for (const [key, r] of inst.resources) {
        const type = keyType(key);
        if (type !== 'aws_iam_role' && type !== 'awscc_iam_role') continue;
        // The role as its block alone makes it, kept for the next build (BlockUnit) and copied when reused: attachments and components add to it.
        const unit = blocks ? blockUnit(inst, key, r.src, r.block) : undefined;
        if (unit?.reused) {
          for (const s of unit.reused.roles ?? []) addRole({ ...s, components: [], policies: [...s.policies], opaque: [...s.opaque], provider: { ...inst.provider } }, undefined);
          continue;
        }
        const made: Role[] = [];
        const ins = ev.instancesOf(inst, 'resource', key, r.block, r.src);
        noteBound(ins, addr(inst, key), r.block, r.src);
        // one role per instance (count, for_each), each evaluated with its count.index / each.key / each.value
        for (const { key: k, scope } of instanceScopes(ins)) {
          const address = k === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), k);
          const attrs = r.block.body.attributes;
          const nameAttr = attrs.get(type === 'awscc_iam_role' ? 'role_name' : 'name');
          // hashicorp/aws name_prefix: the name starts with it (name and name_prefix conflict)
          const prefixAttr = type === 'aws_iam_role' && !nameAttr ? attrs.get('name_prefix') : undefined;
          const pathAttr = attrs.get('path');
          const role: Role = {
            address, type, loc: locOf(r.src, r.block.headerSpan),
            name: nameAttr ? toSymStr(ev.eval(nameAttr.expr, inst, r.src, scope)) : prefixAttr ? toSymStr(ev.eval(prefixAttr.expr, inst, r.src, scope)) : undefined,
            ...(prefixAttr ? { namePrefix: true } : {}),
            path: pathAttr ? toSymStr(ev.eval(pathAttr.expr, inst, r.src, scope)) : { parts: [{ kind: 'lit', text: '/' }] },
            components: [], policies: [], opaque: [], provider: { ...inst.provider },
          };
          const trustAttr = attrs.get(type === 'awscc_iam_role' ? 'assume_role_policy_document' : 'assume_role_policy');
          if (trustAttr) role.trust = { attachment: 'trust', document: attrDocument(inst, r.src, trustAttr, `${address}.assume_role_policy`, scope), via: locOf(r.src, trustAttr.span) };
          for (const b of r.block.body.blocks.filter((x) => x.type === 'inline_policy')) {
            const p = b.body.attributes.get('policy');
            if (p) role.policies.push({ attachment: 'inline', document: attrDocument(inst, r.src, p, `${address}.inline_policy.${isLiteralString(b.body.attributes.get('name')?.expr ?? { k: 'null', span: { start: 0, end: 0 } }) ?? role.policies.length}`, scope), via: locOf(r.src, b.span) });
          }
          const pol = attrs.get('policies');
          if (pol) {
            const v = ev.eval(pol.expr, inst, r.src, scope);
            if (v.k === 'list') {
              v.items.forEach((it, i) => {
                const pd = it.k === 'obj' ? it.entries.get('policy_document') : undefined;
                if (pd) role.policies.push({ attachment: 'inline', document: pd.k === 'json' || pd.k === 'doc' ? documentFromValue(`${address}.policies[${i}]`, pd, r.src, locOf(r.src, pol.span)) : documentFromValue(`${address}.policies[${i}]`, { k: 'json', v: pd, loc: locOf(r.src, pol.span) }, r.src, locOf(r.src, pol.span)), via: locOf(r.src, pol.span) });
              });
            } else role.opaque.push(exprText(pol.expr, r.src));
          }
          const mpa = attrs.get('managed_policy_arns');
          if (mpa) attachManaged(role, ev.eval(mpa.expr, inst, r.src, scope), locOf(r.src, mpa.span));
          const pb = attrs.get('permissions_boundary');
          if (pb) {
            const tmp: Role = { ...role, policies: [] };
            attachManaged(tmp, { k: 'list', items: [ev.eval(pb.expr, inst, r.src, scope)] }, locOf(r.src, pb.span));
            if (tmp.policies[0]) role.boundary = { ...tmp.policies[0], attachment: 'boundary' };
            else role.opaque.push(...tmp.opaque);
          }
          addRole(role, ins.mode === 'symbolic' && ins.meta === 'count' && ins.when ? ins.when : undefined);
          if (unit) made.push({ ...role, components: [], policies: [...role.policies], opaque: [...role.opaque] });
        }
        if (unit) keepUnit(unit, { roles: made });
      }
    }
  };
  readRoles();

  function attachManaged(role: Role, v: Value, via: Location): void {
    const items = v.k === 'list' ? v.items : [v];
    if (v.k === 'unknown') { role.opaque.push(v.expr); return; }
    for (const it of items) {
      // null is "not set" (permissions_boundary = var.boundary_arn, null by default): nothing attached
      if (it.k === 'null') continue;
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

  /**
   * The roles a value may name, each with the condition under which it does (a conditional, `try`,
   * `coalesce`, an instance that exists only when created), and the values it may take that name no
   * role of this configuration (`var.role_arn` of "create the role or bring your own").
   */
  const rolesFromValue = (v: Value): { roles: { role: Role; when?: string }[]; others: Alt[] } => {
    const out: { roles: { role: Role; when?: string }[]; others: Alt[] } = { roles: [], others: [] };
    const alts: Alt[] = v.k === 'unknown' && (v.alts || v.each) ? (v.alts ?? [v.each!]) : [{ when: '', v }];
    for (const a of alts) {
      const r = roleFromValue(a.v);
      if (r instanceof Object) {
        const when = a.when || (a.v.k === 'role' ? a.v.when : undefined);
        if (!out.roles.some((x) => x.role === r)) out.roles.push({ role: r, when: when || undefined });
      } else out.others.push(a);
    }
    return out;
  };

  const roleNamed = (name: string): Role | undefined => {
    const r = roleNames.get(name);
    tracing.trace?.names.push([name, r?.address]);
    return r;
  };

  /** The one role a value names; one of several it may name (rolesFromValue) when it names no other kind of value. */
  const roleFromValue = (v: Value): Role | undefined | 'unknown' => {
    if (v.k === 'unknown' && (v.alts || v.each)) {
      const { roles, others } = rolesFromValue(v);
      return roles.length === 1 && others.length === 0 ? roles[0].role : 'unknown';
    }
    if (v.k === 'role') {
      const r = roleByAddr.get(v.address);
      tracing.trace?.addresses.push([v.address, !!r]);
      return r ?? 'unknown';
    }
    const s = toSymStr(v);
    const lit = literalText(s);
    if (lit === undefined) {
      // an ARN whose role name is literal: `arn:${partition}:iam::${account}:role/NAME`
      const last = s.parts[s.parts.length - 1];
      if (last?.kind === 'lit') {
        const m = /:role\/(?:.*\/)?([^/]+)$/.exec(last.text);
        const r = m ? roleNamed(m[1]) : undefined;
        if (r) return r;
      }
      return 'unknown';
    }
    const name = /:role\/(?:.*\/)?([^/]+)$/.exec(lit)?.[1] ?? lit;
    return roleNamed(name) ?? 'unknown';
  };

  /**
   * One attachment block (BlockUnit): what it attached at the last build, replayed onto the roles at
   * the same addresses, when it may be reused; else attached, recorded on the way.
   */
  function attachmentUnit(inst: ModuleInstance, key: string, block: Block, src: SourceFile, fx: AttachEffects, attach: (fx: AttachEffects) => void): void {
    const unit = blockUnit(inst, key, src, block);
    if (!unit) { attach(fx); return; }
    if (unit.reused) {
      for (const op of unit.reused.attached ?? []) {
        if (op.k === 'unattributed') fx.unattributed(op.s);
        else {
          // every role it attached to was found by a look-up that finds the same address (sameLookups)
          const role = roleByAddr.get(op.role)!;
          if (op.k === 'opaque') fx.opaque(role, op.s);
          else if (op.k === 'policies') fx.policies(role, op.ps);
          else fx.inline(role, op.name, op.ap);
        }
      }
      return;
    }
    const ops: AttachOp[] = [];
    attach({
      unattributed: (s) => { ops.push({ k: 'unattributed', s }); fx.unattributed(s); },
      opaque: (role, s) => { ops.push({ k: 'opaque', role: role.address, s }); fx.opaque(role, s); },
      policies: (role, ps) => { ops.push({ k: 'policies', role: role.address, ps }); fx.policies(role, ps); },
      inline: (role, name, ap) => { ops.push({ k: 'inline', role: role.address, name, ap }); fx.inline(role, name, ap); },
    });
    keepUnit(unit, { attached: ops });
  }

  // Role policies and attachments (terraform/attachments.ts: which resources attach what to which role).
  const unattributed = attachPolicies(instances.map((x) => x.inst), {
    eval: (e, inst, src, scope) => ev.eval(e, inst, src, scope),
    instances: (inst, key, block, src) => {
      const ins = ev.instancesOf(inst, 'resource', key, block, src);
      noteBound(ins, addr(inst, key), block, src);
      // a count not known: the attachment may not exist (for_each over keys not known pairs with the role's instances as before)
      const when = ins.mode === 'symbolic' && ins.meta === 'count' && ins.when ? ins.when : undefined;
      return instanceScopes(ins).map(({ key: k, scope }) => ({ address: k === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), k), scope, when }));
    },
    existsWhen: (role, when) => roleWhen.get(role) === when,
    roleFromValue,
    document: attrDocument,
    managed: (v, via) => {
      const tmp: Role = { address: '', type: '', components: [], policies: [], opaque: [], provider: {} };
      attachManaged(tmp, v, via);
      return { policies: tmp.policies, opaque: tmp.opaque };
    },
    block: blocks ? attachmentUnit : undefined,
  });

  // Attachments whose role cannot be told may reach any role of the same configuration (one entry per role, not one per attachment).
  if (unattributed.length) {
    const note = unattributed.length === 1 ? unattributed[0] : `${unattributed.length} policy attachments whose role cannot be resolved, e.g. ${unattributed[0]}`;
    for (const role of roleByAddr.values()) role.opaque.push(note);
  }

  // AgentCore components.
  const agentRoles = new Set<Role>();
  const placeComponents = (): void => {
    for (const { inst } of instances) {
      for (const [key, r] of inst.resources) {
        const type = keyType(key);
        const spec = COMPONENT_TYPES[type];
        if (!spec) continue;
        // The component block as the last build read it (BlockUnit), when nothing but roles and attachments changed.
        const unit = blocks ? blockUnit(inst, key, r.src, r.block, !!memo?.othersUnchanged) : undefined;
        if (unit?.reused) {
          for (const op of unit.reused.placed ?? []) {
            if (op.k === 'component') components.push(op.comp);
            else if (op.k === 'problem') problems.push(op.problem);
            else {
              const role = roleByAddr.get(op.role)!;
              role.components.push(op.comp);
              agentRoles.add(role);
              role.provider = { ...op.place };
            }
          }
          continue;
        }
        const ops: PlaceOp[] | undefined = unit ? [] : undefined;
        // Which optional features the component uses (gateway targets, memory strategies, browser recording, …):
        // true / false when the Terraform tells, absent when it cannot (read once for every instance).
        const features = componentFeatures(key, inst, { literal: (e, k) => literalOf(ev.eval(e, inst, inst.resources.get(k)?.src ?? r.src)) });
        const ins = ev.instancesOf(inst, 'resource', key, r.block, r.src);
        noteBound(ins, addr(inst, key), r.block, r.src);
        for (const { key: k, scope } of instanceScopes(ins)) {
          const attrs = r.block.body.attributes;
          const facts: AgentCoreComponent['facts'] = {};
          Object.assign(facts, features);
          const art = r.block.body.blocks.find((b) => b.type === 'agent_runtime_artifact');
          if (art) {
            if (art.body.blocks.some((b) => b.type === 'container_configuration')) facts.artifact = 'container';
            else if (art.body.blocks.some((b) => b.type === 'code_configuration')) facts.artifact = 'code';
          } else if (attrs.get('agent_runtime_artifact')) {
            const v = ev.eval(attrs.get('agent_runtime_artifact')!.expr, inst, r.src, scope);
            if (v.k === 'obj') facts.artifact = v.entries.has('container_configuration') ? 'container' : v.entries.has('code_configuration') ? 'code' : undefined;
          }
          if (spec.nameAttr && attrs.get(spec.nameAttr)) facts.name = toSymStr(ev.eval(attrs.get(spec.nameAttr)!.expr, inst, r.src, scope));
          const env = attrs.get('environment_variables');
          if (env) {
            const v = ev.eval(env.expr, inst, r.src, scope);
            if (v.k === 'obj') facts.environment = Object.fromEntries([...v.entries].map(([n, x]) => [n, toSymStr(x)]));
          }
          const cu = art?.body.blocks.find((b) => b.type === 'container_configuration')?.body.attributes.get('container_uri');
          if (cu) facts.ecrRepository = toSymStr(ev.eval(cu.expr, inst, r.src, scope));
          // What the component itself requests: its image, its Lambda functions (terraform/component-requests.ts).
          Object.assign(facts, componentRequests(inst, key, r.block, r.src, ev, scope, k));
          const comp: AgentCoreComponent = { address: k === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), k), type, kind: spec.kind, roleAttribute: spec.attr, loc: locOf(r.src, r.block.headerSpan), facts };
          components.push(comp);
          ops?.push({ k: 'component', comp });
          const ra = attrs.get(spec.attr);
          // a memory strategy without its own (deprecated, optional) memory_execution_role_arn runs with its
          // memory's role: there is no role of its own to resolve (analyze.ts unresolvedRoles)
          if (!ra && type === 'aws_bedrockagentcore_memory_strategy') facts.roleOfParent = true;
          if (!ra) continue;
          const { roles: targets, others } = rolesFromValue(ev.eval(ra.expr, inst, r.src, scope));
          const place = placement(inst, r.block, r.src, ev, scope);
          for (const { role } of targets) {
            role.components.push(comp);
            agentRoles.add(role);
            // the role's provider context is the component's (its `provider`, its own `region`)
            role.provider = { ...place };
            ops?.push({ k: 'target', role: role.address, comp, place });
          }
          if (!targets.length) {
            problems.push({ rule: 'unresolved-reference', severity: 'information', file: comp.loc.file, range: locOf(r.src, ra.span).range,
              message: `${comp.address}.${spec.attr} (${exprText(ra.expr, r.src)}) does not name a role of this configuration: its role cannot be checked here.${notReadOutput(inst.address, exprText(ra.expr, r.src))}` });
            ops?.push({ k: 'problem', problem: problems[problems.length - 1] });
          } else if (others.length || targets.some((t) => t.when)) {
            // "create the role or bring your own": the created role is judged; the condition and the other role are said
            const judged = targets.map((t) => `${t.role.address}${t.when ? ` ${t.when}` : ''}`).join('; ');
            const rest = others.map((o) => `${o.when ? `${o.when}: ` : ''}${o.text ?? describeValue(o.v)}`).join('; ');
            problems.push({ rule: 'unresolved-reference', severity: 'information', file: comp.loc.file, range: locOf(r.src, ra.span).range,
              message: `${comp.address}.${spec.attr} names ${judged}: that role is checked here.` + (others.length ? ` Otherwise (${rest}) the role comes from outside this configuration and is not checked: make sure it grants what a ${spec.kind} role needs and trusts bedrock-agentcore.amazonaws.com.` : '') });
            ops?.push({ k: 'problem', problem: problems[problems.length - 1] });
          }
        }
        if (unit) keepUnit(unit, { placed: ops });
      }
    }
  };
  placeComponents();
  for (const role of roleByAddr.values()) {
    if (agentRoles.has(role)) { roles.push(role); continue; }
    const t = role.trust?.document;
    const trusts = t?.statements.some((s) => s.principals?.some((p) => p.identifiers.kind === 'items' && p.identifiers.items.some((i) => i.parts.some((x) => x.kind === 'lit' && x.text.includes('bedrock-agentcore.amazonaws.com')))));
    if (trusts) roles.push(role);
  }

  // Module information for fixes.
  const describeModules = (): void => {
    for (const { inst, version } of instances) {
      // As the last build gave it (BlockUnit.module) when what it reads is as it was: the data sources,
      // providers, locals and variables (references unchanged), the documents (unchanged), the files;
      // only the region attribute the files already use is looked for again (any text may write it).
      const kept = reusable?.units.get('')?.get(inst.address)?.get(MODULE_UNIT);
      if (kept?.module && sameStrings(kept.module.files, inst.files) && !taints(kept)) {
        for (const r of kept.registered) if (r.always || !documents.has(r.doc.id)) documents.set(r.doc.id, r.doc);
        for (const [k, e] of kept.carried) memo!.next.set(k, e);
        const m = kept.module;
        const rd = m.idiom.regionData;
        const attribute = rd && regionAttribute(inst, rd.name);
        if (rd && attribute !== rd.attribute) {
          const module: ModuleInfo = { ...m, idiom: { ...m.idiom, regionData: attribute ? { name: rd.name, attribute } : { name: rd.name } } };
          keepIn('', inst.address, MODULE_UNIT, { ...kept, module });
          modules.push(module);
        } else {
          keepIn('', inst.address, MODULE_UNIT, kept);
          modules.push(m);
        }
        reusedBlocks = true;
        continue;
      }
      if (recording) tracing.trace = { registered: [], carried: [], names: [], addresses: [] };
      const idiom: ModuleIdiom = { awsProviderVersion: version };
      for (const [key, d] of inst.data) {
        const type = keyType(key);
        const name = key.slice(type.length + 1);
        if (type === 'aws_partition') { idiom.partitionData ??= name; idiom.dataSourceFile ??= d.src.file; }
        if (type === 'aws_region') { idiom.regionData ??= { name }; idiom.dataSourceFile ??= d.src.file; }
        if (type === 'aws_caller_identity') { idiom.callerIdentityData ??= name; idiom.dataSourceFile ??= d.src.file; }
        if (type === 'aws_partition' || type === 'aws_region' || type === 'aws_caller_identity') {
          (idiom.placedData ??= []).push({ type, name, file: d.src.file, place: { ...placement(inst, d.block, d.src, ev) } });
        }
      }
      idiom.providerConfigs = {};
      for (const [k, p] of inst.providers ?? []) if (p.config) idiom.providerConfigs[k] = { ...p };
      if (idiom.regionData) {
        const attribute = regionAttribute(inst, idiom.regionData.name);
        if (attribute) idiom.regionData.attribute = attribute;
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
      const module: ModuleInfo = { address: inst.address, dir: inst.dir, files: inst.files.map((f) => f.src.file), idiom, locals, variables };
      modules.push(module);
      // every policy document data source of the module, attached or not (action checks, hovers)
      for (const [key, d] of inst.data) {
        if (!key.startsWith('aws_iam_policy_document.')) continue;
        const name = key.slice('aws_iam_policy_document.'.length);
        if (!counted(d.block)) { ev.hooks.policyDocument(inst, name); continue; }
        for (const one of instanceScopes(ev.instancesOf(inst, 'data', key, d.block, d.src))) ev.hooks.policyDocument(inst, name, one.key ?? null);
      }
      const t = tracing.trace;
      tracing.trace = undefined;
      if (t) keepIn('', inst.address, MODULE_UNIT, { text: '', line: 0, character: 0, ...t, module });
    }
  };
  describeModules();

  if (blocks) {
    blocks.next.steps = ev.steps;
    blocks.next.valid = pure && !ev.exhausted;
    // A fresh build takes at most the steps of this one and those of the blocks it reused (at most the
    // last build's): when that could run out, where this build did not, build again without reusing.
    if (reusedBlocks && ev.steps + reusable!.steps >= STEP_BUDGET) {
      blocks.next.units = new Map();
      return buildRootModel(plan, settings, readFile, jsonFileDocument, { ...memo!, blocks: { next: blocks.next } });
    }
  }
  return { roles, components, documents: [...documents.values()], modules, problems };
}
