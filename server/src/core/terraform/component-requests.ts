/**
 * The resources an AgentCore component itself requests (issue #22 item 1), read from its Terraform:
 * the analysis judges a role against these as well as against the documented statement
 * (core/analysis/own-requests.ts).
 *
 * Facts written on the component (ComponentFacts is free-form; these keys are documented here):
 * - `image` (runtime): the container image URI as a symbolic string. A literal URI
 *   (`<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`), or one built on
 *   `aws_ecr_repository.X.repository_url` / `awscc_ecr_repository.X.repository_uri`, whose URL is
 *   `<account>.dkr.ecr.<region>.amazonaws.com/<name>` with the repository's provider placement. Read
 *   from the hashicorp/aws `agent_runtime_artifact { container_configuration { container_uri } }`
 *   blocks and the awscc attribute `agent_runtime_artifact = { container_configuration = { container_uri } }`.
 * - `lambdaFunctions` (gateway): `{ arn, from }[]`, the Lambda function ARNs it invokes: its Lambda
 *   interceptors (`interceptor_configuration { interceptor { lambda { arn } } }`, awscc
 *   `interceptor_configurations = [{ interceptor = { lambda = { arn } } }]`) and the Lambda targets
 *   (`aws_bedrockagentcore_gateway_target` of the same module instance whose `gateway_identifier`
 *   refers to it: `target_configuration { mcp { lambda { lambda_arn } } }`). `from` is the address
 *   that names it. `aws_lambda_function.X.arn` and `awscc_lambda_function.X.arn` read as
 *   `arn:<partition>:lambda:<region>:<account>:function:<function_name>`.
 * - `recordingLocations` (browser): `{ bucket, prefix? }[]` of its recording configurations that are
 *   enabled or may be (`recording { enabled, s3_location { bucket, prefix } }`, awscc `recording_config =
 *   { enabled, s3_location = { bucket_name | bucket, prefix } }`); `aws_s3_bucket.X.id` / `.bucket`
 *   read as the bucket's name. Complete when none is a dynamic block or a reference.
 * - `streams` (memory): the Kinesis data stream ARNs of its record streaming
 *   (`stream_delivery_resources` → `resource` | `resources` → `kinesis` { `data_stream_arn` });
 *   `aws_kinesis_stream.X.arn` read as `arn:<partition>:kinesis:<region>:<account>:stream/<name>`.
 * - `oauthProviders` / `apiKeyProviders` (gateway): `{ arn, from }[]`, the credential providers of its
 *   targets (`credential_provider_configuration { oauth { provider_arn } }`, `{ api_key { provider_arn } }`);
 *   `aws_bedrockagentcore_oauth2_credential_provider.X.credential_provider_arn` (and the API-key one)
 *   read as `arn:<partition>:bedrock-agentcore:<region>:<account>:token-vault/<vault>/oauth2credentialprovider/<name>`
 *   with the vault left unknown (the analysis does not assume it is `default`). Complete as the Lambda
 *   functions are.
 * - `models` (memory, memory strategy): `{ id, from }[]`, the literal `model_id`s of its strategies'
 *   override steps (hashicorp/aws `aws_bedrockagentcore_memory_strategy` whose `memory_id` refers to it:
 *   `configuration { consolidation | extraction | reflection { model_id } }`; awscc inline
 *   `memory_strategies = [{ custom_memory_strategy = { configuration = { semantic_override |
 *   summary_override | user_preference_override | episodic_override = { consolidation | extraction |
 *   reflection = { model_id } } } } }]`); `from` is the strategy's address (awscc:
 *   `<memory>.memory_strategies[i]`). `modelsComplete`: no model id that is not a literal, no override
 *   without a model, no strategy that may or may not be its own, none declared elsewhere (the memory's
 *   address handed to an output, a module call or a local), no dynamic block or reference in the way.
 * - `payloadBuckets` / `topics` (memory, memory strategy): `{ bucket | arn, from }[]` of its self-managed
 *   strategies' `self_managed_configuration { invocation_configuration { payload_delivery_bucket_name,
 *   topic_arn } }` (both providers, same shapes as above); `aws_s3_bucket.X.id` / `.bucket` read as the
 *   bucket's name, `aws_sns_topic.X.arn` as `arn:<partition>:sns:<region>:<account>:<name>`.
 *   `selfManagedComplete` as `modelsComplete`.
 * - `lambdaFunctionsComplete` (gateway): true when these are all the functions it can invoke as far
 *   as the Terraform tells (no target that may or may not belong to it, no dynamic block, no target
 *   list built elsewhere: the gateway's address is not handed to an output or a module call).
 */
import type { Part, SymStr } from '../model';
import type { Block, Expr } from './ast';
import { attrOf, kids, refersTo, type Node } from './features';
import { runtimeTargets, targetInstances, type RuntimeTarget } from './runtime-targets';
import type { Evaluator, ModuleInstance, SourceFile, Value } from './values';
import { addr, counted, exprText, instanceAddress, instanceName, keyType, nameOwner, placement, toSymStr } from './values';
import { joinLiterals, literalText } from '../symstr';

export interface ComponentRequests {
  image?: SymStr;
  /** `owner`: the account of a bucket of the configuration placed in a known account (bucketOwner). */
  recordingLocations?: { bucket: SymStr; prefix?: SymStr; owner?: string }[];
  recordingComplete?: boolean;
  streams?: SymStr[];
  streamsComplete?: boolean;
  models?: { id: string; from: string }[];
  modelsComplete?: boolean;
  payloadBuckets?: { bucket: SymStr; from: string; owner?: string }[];
  topics?: { arn: SymStr; from: string }[];
  selfManagedComplete?: boolean;
  lambdaFunctions?: { arn: SymStr; from: string }[];
  lambdaFunctionsComplete?: boolean;
  oauthProviders?: { arn: SymStr; from: string }[];
  apiKeyProviders?: { arn: SymStr; from: string }[];
  /** gateway.G14: its AgentCore Runtime targets called with its IAM role (terraform/runtime-targets.ts). */
  runtimeTargets?: RuntimeTarget[];
  runtimeTargetsComplete?: boolean;
  /**
   * What a flag above that is false depends on, by the flag's name (`modelsComplete`: the model id's
   * expression, `var.model_id`; `lambdaFunctionsComplete`: targets declared outside this module, a
   * target that may or may not be the gateway's), where the reading can name it (own-requests.ts).
   */
  openBecause?: Record<string, string[]>;
}

type Eval = (e: Expr, scope?: Map<string, Value>) => Value;

/** The facts above for one component instance (`key` is `type.name` in `inst`). */
export function componentRequests(
  inst: ModuleInstance,
  key: string,
  block: Block,
  src: SourceFile,
  ev: Evaluator,
  scope: Map<string, Value> | undefined,
  instanceKey: string | number | undefined,
): ComponentRequests {
  const evalHere: Eval = (e, s) => ev.eval(e, inst, src, s ?? scope);
  const out: ComponentRequests = {};
  const type = keyType(key);
  if (type === 'aws_bedrockagentcore_agent_runtime' || type === 'awscc_bedrockagentcore_runtime') {
    const uri = containerUri(block, evalHere, src);
    if (uri) out.image = resolveRefs(uri, inst, ev);
  }
  if (type === 'aws_bedrockagentcore_browser' || type === 'awscc_bedrockagentcore_browser_custom') {
    const locs: { bucket: SymStr; prefix?: SymStr; owner?: string }[] = [];
    let complete = true;
    const bad = () => { complete = false; };
    for (const rec of [...kids({ block }, 'recording', bad), ...kids({ block }, 'recording_config', bad)]) {
      const enabled = attrOf(rec, 'enabled');
      if (!enabled || (enabled.k === 'bool' && !enabled.value) || enabled.k === 'null') continue; // enabled defaults to false
      for (const s3 of kids(rec, 's3_location', bad)) {
        const b = attrOf(s3, 'bucket') ?? attrOf(s3, 'bucket_name');
        const p = attrOf(s3, 'prefix');
        if (!b) { bad(); continue; }
        const owner = bucketOwner(b, inst, ev);
        locs.push({ bucket: resolveRefs(toSymStr(evalHere(b)), inst, ev), ...(p && p.k !== 'null' ? { prefix: toSymStr(evalHere(p)) } : {}), ...(owner ? { owner } : {}) });
      }
    }
    out.recordingLocations = locs;
    out.recordingComplete = complete;
  }
  if (type === 'aws_bedrockagentcore_memory' || type === 'awscc_bedrockagentcore_memory') {
    const streams: SymStr[] = [];
    let complete = true;
    const bad = () => { complete = false; };
    for (const sdr of kids({ block }, 'stream_delivery_resources', bad)) {
      for (const r of [...kids(sdr, 'resource', bad), ...kids(sdr, 'resources', bad)]) {
        for (const k of kids(r, 'kinesis', bad)) {
          const a = attrOf(k, 'data_stream_arn');
          if (a) streams.push(resolveRefs(toSymStr(evalHere(a)), inst, ev));
          else bad();
        }
      }
    }
    out.streams = streams;
    out.streamsComplete = complete;
    Object.assign(out, memoryStrategies(inst, key, block, ev, evalHere, instanceKey));
  }
  if (type === 'aws_bedrockagentcore_memory_strategy') {
    // a strategy that names a role of its own (memory_execution_role_arn): its own models, bucket, topic
    const self = instanceKey === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), instanceKey);
    const acc = new StrategyRequests();
    acc.strategy({ block }, evalHere, self, inst, ev);
    Object.assign(out, acc.facts());
  }
  if (type === 'aws_bedrockagentcore_gateway' || type === 'awscc_bedrockagentcore_gateway') {
    const fns: { arn: SymStr; from: string }[] = [];
    const oauth: { arn: SymStr; from: string }[] = [];
    const apiKey: { arn: SymStr; from: string }[] = [];
    const open: string[] = [];
    let complete = true;
    const bad = () => { complete = false; };
    const self = instanceKey === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), instanceKey);
    // Lambda interceptors: blocks (hashicorp/aws), a list attribute (awscc), objects in Terraform JSON
    const gw: Node = { block };
    const configs = [...kids(gw, 'interceptor_configuration', bad), ...kids(gw, 'interceptor_configurations', bad)];
    for (const c of configs) {
      for (const i of kids(c, 'interceptor', bad)) {
        for (const l of kids(i, 'lambda', bad)) {
          const a = attrOf(l, 'arn');
          if (a) fns.push({ arn: resolveRefs(toSymStr(evalHere(a)), inst, ev), from: self });
          else bad();
        }
      }
    }
    // targets of the same module instance
    for (const [k, r] of inst.resources) {
      if (keyType(k) !== 'aws_bedrockagentcore_gateway_target') continue;
      const gi = r.block.body.attributes.get('gateway_identifier');
      const refers = gi ? refersTo(gi.expr, key, inst) : undefined;
      if (refers === false) continue;
      // under count or for_each (the target or the gateway): the instances that are this gateway's (runtime-targets.ts)
      const ones = refers === undefined ? undefined : targetInstances(inst, k, instanceKey, gi?.expr, ev);
      if (!ones) { complete = false; open.push(`whether ${addr(inst, k)} is a target of ${self}`); continue; }
      for (const { from, scope: at } of ones) {
        for (const cpc of kids({ block: r.block }, 'credential_provider_configuration', bad)) {
          for (const [name, list] of [['oauth', oauth], ['api_key', apiKey]] as const) {
            for (const c of kids(cpc, name, bad)) {
              const a = attrOf(c, 'provider_arn');
              if (a) list.push({ arn: resolveRefs(toSymStr(ev.eval(a, inst, r.src, at)), inst, ev), from });
              else bad();
            }
          }
        }
        for (const tc of kids({ block: r.block }, 'target_configuration', bad)) {
          for (const mcp of kids(tc, 'mcp', bad)) {
            for (const l of kids(mcp, 'lambda', bad)) {
              const a = attrOf(l, 'lambda_arn');
              if (a) fns.push({ arn: resolveRefs(toSymStr(ev.eval(a, inst, r.src, at)), inst, ev), from });
              else bad();
            }
          }
        }
      }
    }
    // the gateway's address handed on: targets may be declared elsewhere
    if (handedOn(inst, key)) complete = false;
    if (!complete && !open.length) open.push(`the targets of ${self} declared outside this module`);
    if (open.length) out.openBecause = { lambdaFunctionsComplete: open };
    out.lambdaFunctions = fns;
    out.lambdaFunctionsComplete = complete;
    out.oauthProviders = oauth;
    out.apiKeyProviders = apiKey;
    Object.assign(out, runtimeTargets(inst, key, instanceKey, ev));
  }
  return out;
}

/** The override configurations of an awscc custom strategy (each holds consolidation / extraction / reflection steps). */
const AWSCC_OVERRIDES = ['semantic_override', 'summary_override', 'user_preference_override', 'episodic_override'];
const OVERRIDE_TYPES = ['SEMANTIC_OVERRIDE', 'SUMMARY_OVERRIDE', 'USER_PREFERENCE_OVERRIDE', 'EPISODIC_OVERRIDE'];
const STEPS = ['consolidation', 'extraction', 'reflection'];

/** The models, payload buckets and topics of memory strategies, gathered with whether they are all known. */
class StrategyRequests {
  models: { id: string; from: string }[] = [];
  buckets: { bucket: SymStr; from: string; owner?: string }[] = [];
  topics: { arn: SymStr; from: string }[] = [];
  modelsComplete = true;
  selfComplete = true;
  /** What model ids not known depend on (their expressions). */
  modelsOpen: string[] = [];
  /** What strategies not known depend on (one that may be the memory's, strategies declared elsewhere). */
  open: string[] = [];

  /** Both: a strategy that may be the memory's cannot be read. */
  unknownStrategy(): void {
    this.modelsComplete = false;
    this.selfComplete = false;
  }

  /** Override steps (consolidation, extraction, reflection) of one override configuration. */
  override(o: Node, evalFn: Eval, from: string): void {
    const bad = () => { this.modelsComplete = false; };
    let seen = false;
    for (const step of STEPS) {
      for (const n of kids(o, step, bad)) {
        seen = true;
        const a = attrOf(n, 'model_id');
        const v = a ? toSymStr(evalFn(a)) : undefined;
        const id = v ? literalText(v) : undefined;
        for (const p of v?.parts ?? []) if (p.kind === 'unknown' && !this.modelsOpen.includes(p.expr)) this.modelsOpen.push(p.expr);
        if (id === undefined || id === '') bad();
        else if (!this.models.some((m) => m.id === id && m.from === from)) this.models.push({ id, from });
      }
    }
    // an override without a model of its own: which model the service invokes is not told
    if (!seen) bad();
  }

  /** A self-managed configuration: where the payloads go and which topic is notified. */
  selfManaged(sm: Node, evalFn: Eval, from: string, inst: ModuleInstance, ev: Evaluator): void {
    const bad = () => { this.selfComplete = false; };
    const invs = kids(sm, 'invocation_configuration', bad);
    if (!invs.length) bad();
    for (const i of invs) {
      const b = attrOf(i, 'payload_delivery_bucket_name');
      const t = attrOf(i, 'topic_arn');
      const owner = b ? bucketOwner(b, inst, ev) : undefined;
      if (b && b.k !== 'null') this.buckets.push({ bucket: resolveRefs(toSymStr(evalFn(b)), inst, ev), from, ...(owner ? { owner } : {}) });
      else bad();
      if (t && t.k !== 'null') this.topics.push({ arn: resolveRefs(toSymStr(evalFn(t)), inst, ev), from });
      else bad();
    }
  }

  /** A hashicorp/aws aws_bedrockagentcore_memory_strategy: `configuration` blocks. */
  strategy(s: Node, evalFn: Eval, from: string, inst: ModuleInstance, ev: Evaluator): void {
    const bad = () => this.unknownStrategy();
    for (const c of kids(s, 'configuration', bad)) {
      const t = attrOf(c, 'type');
      const type = t ? literalText(toSymStr(evalFn(t))) : undefined;
      const hasSteps = STEPS.some((x) => kids(c, x, bad).length > 0);
      const sms = kids(c, 'self_managed_configuration', bad);
      if (hasSteps || (type !== undefined && OVERRIDE_TYPES.includes(type))) this.override(c, evalFn, from);
      else if (type === undefined && !sms.length) this.modelsComplete = false; // may be an override without steps
      for (const sm of sms) this.selfManaged(sm, evalFn, from, inst, ev);
      if (type === 'SELF_MANAGED' && !sms.length) this.selfComplete = false;
    }
  }

  /** An awscc inline strategy: `custom_memory_strategy = { configuration = { *_override | self_managed_configuration } }`. */
  awscc(s: Node, evalFn: Eval, from: string, inst: ModuleInstance, ev: Evaluator): void {
    const bad = () => this.unknownStrategy();
    for (const c of kids(s, 'custom_memory_strategy', bad)) {
      for (const conf of kids(c, 'configuration', bad)) {
        for (const name of AWSCC_OVERRIDES) for (const o of kids(conf, name, bad)) this.override(o, evalFn, from);
        for (const sm of kids(conf, 'self_managed_configuration', bad)) this.selfManaged(sm, evalFn, from, inst, ev);
      }
    }
  }

  facts(): ComponentRequests {
    return {
      models: this.models, modelsComplete: this.modelsComplete, payloadBuckets: this.buckets, topics: this.topics, selfManagedComplete: this.selfComplete,
      // modelIds: the model id expressions alone (a model the memory invokes, whatever it is)
      ...(this.modelsOpen.length || this.open.length ? { openBecause: { modelsComplete: [...this.modelsOpen, ...this.open], selfManagedComplete: this.open, modelIds: this.modelsOpen } } : {}),
    };
  }
}

/** A memory's strategies: inline (awscc) and the aws_bedrockagentcore_memory_strategy resources of the same module instance naming it. */
function memoryStrategies(inst: ModuleInstance, key: string, block: Block, ev: Evaluator, evalHere: Eval, instanceKey: string | number | undefined): ComponentRequests {
  const acc = new StrategyRequests();
  const self = instanceKey === undefined ? addr(inst, key) : instanceAddress(addr(inst, key), instanceKey);
  // awscc: a list attribute of objects (a reference or a dynamic block: not told)
  const inline = block.body.attributes.get('memory_strategies')?.expr;
  if (inline && inline.k !== 'null') {
    if (inline.k !== 'tuple') acc.unknownStrategy();
    else {
      inline.items.forEach((item, i) => {
        if (item.k === 'object') acc.awscc({ obj: item }, evalHere, `${self}.memory_strategies[${i}]`, inst, ev);
        else if (item.k !== 'null') acc.unknownStrategy();
      });
    }
  }
  if (block.body.blocks.some((b) => b.type === 'dynamic' && b.labels[0] === 'memory_strategies')) acc.unknownStrategy();
  // hashicorp/aws: strategies are resources naming the memory
  for (const [k, r] of inst.resources) {
    if (keyType(k) !== 'aws_bedrockagentcore_memory_strategy') continue;
    const mi = r.block.body.attributes.get('memory_id');
    const refers = mi ? refersTo(mi.expr, key, inst) : undefined;
    if (refers === false) continue;
    if (refers === undefined || counted(r.block) || instanceKey !== undefined) { acc.unknownStrategy(); acc.open.push(`whether ${addr(inst, k)} is a strategy of ${self}`); continue; }
    acc.strategy({ block: r.block }, (e) => ev.eval(e, inst, r.src), addr(inst, k), inst, ev);
  }
  // the memory's address handed on: strategies may be declared elsewhere (hashicorp/aws)
  if (keyType(key) === 'aws_bedrockagentcore_memory') {
    if (handedOn(inst, key)) {
      acc.unknownStrategy();
      acc.open.push(`the strategies of ${self} declared outside this module`);
    }
  }
  return acc.facts();
}

/**
 * Whether the resource `key`'s address leaves the module instance: an output, a local or a module
 * call's argument may name it, so what refers to it (gateway targets, memory strategies) may be
 * declared elsewhere.
 */
function handedOn(inst: ModuleInstance, key: string): boolean {
  const named = (e: Expr) => refersTo(e, key, inst) !== false && mentions(e, key);
  return [...inst.outputs.values(), ...inst.locals.values()].some((o) => named(o.expr))
    || [...inst.modules.values()].some((m) => [...m.block.body.attributes.values()].some((a) => named(a.expr)));
}

/** Whether an expression's text may name the resource `key` (a cheap syntactic test before refersTo). */
function mentions(e: Expr, key: string): boolean {
  const walk = (x: Expr): boolean => {
    switch (x.k) {
      case 'ref': return x.text.startsWith(`${key}.`) || x.text.startsWith(`${key}[`) || x.text === key;
      case 'other': return x.text.includes(key);
      case 'str': return x.parts.some((p) => 'interp' in p && walk(p.interp));
      case 'tuple': return x.items.some(walk);
      case 'object': return x.entries.some((en) => walk(en.value));
      case 'call': return x.args.some(walk);
      default: return false;
    }
  };
  return walk(e);
}

function containerUri(block: Block, evalHere: Eval, src: SourceFile): SymStr | undefined {
  const ignore = () => undefined;
  for (const art of kids({ block }, 'agent_runtime_artifact', ignore)) {
    for (const cc of kids(art, 'container_configuration', ignore)) {
      const cu = attrOf(cc, 'container_uri');
      if (!cu) continue;
      const uri = toSymStr(evalHere(cu));
      // an empty image cannot be deployed: a variable whose default is "" is given its value elsewhere (tfvars, -var)
      const empty = uri.parts.every((p) => p.kind === 'lit' && p.text === '');
      return empty && cu.k === 'ref' ? { parts: [{ kind: 'unknown', expr: exprText(cu, src) }], loc: uri.loc } : uri;
    }
  }
  // the whole artifact a reference (a variable of object type): its value
  const a = block.body.attributes.get('agent_runtime_artifact');
  if (!a || a.expr.k === 'object') return undefined;
  const v = evalHere(a.expr);
  const cc = v.k === 'obj' ? v.entries.get('container_configuration') : undefined;
  const uri = cc?.k === 'obj' ? cc.entries.get('container_uri') : undefined;
  return uri ? toSymStr(uri) : undefined;
}

const RESOLVABLE = /^(aws_ecr_repository|awscc_ecr_repository|aws_lambda_function|awscc_lambda_function|aws_s3_bucket|aws_kinesis_stream|aws_sns_topic|aws_bedrockagentcore_oauth2_credential_provider|aws_bedrockagentcore_api_key_credential_provider)\.([A-Za-z_][\w-]*)\.(repository_url|repository_uri|arn|id|bucket|credential_provider_arn)$/;

/**
 * Unknown parts that are attributes of resources of the instance whose value is a function of their
 * name and placement (an ECR repository's URL, a Lambda function's ARN) replaced by that value.
 */
/**
 * The account that owns a bucket named by `aws_s3_bucket.X.id` / `.bucket` (X without count or
 * for_each): its placement's account, when the configuration fixes it (the provider's
 * allowed_account_ids with one account); an S3 ARN names no account, so this is how the analysis is
 * told that a bucket is another account's.
 */
function bucketOwner(e: Expr, inst: ModuleInstance, ev: Evaluator): string | undefined {
  if (e.k !== 'ref' || e.path.length !== 3 || e.path[0] !== 'aws_s3_bucket' || (e.path[2] !== 'id' && e.path[2] !== 'bucket')) return undefined;
  const r = inst.resources.get(`aws_s3_bucket.${e.path[1]}`);
  return r && !counted(r.block) ? placement(inst, r.block, r.src, ev).account : undefined;
}

export function resolveRefs(s: SymStr, inst: ModuleInstance, ev: Evaluator): SymStr {
  if (!s.parts.some((p) => p.kind === 'unknown' && RESOLVABLE.test(p.expr))) return s;
  const parts: Part[] = [];
  for (const p of s.parts) {
    const m = p.kind === 'unknown' ? RESOLVABLE.exec(p.expr) : null;
    const r = m ? inst.resources.get(`${m[1]}.${m[2]}`) : undefined;
    if (!m || !r || counted(r.block)) { parts.push(p); continue; }
    const type = m[1];
    const ecr = type.endsWith('ecr_repository');
    const provider = type.endsWith('_credential_provider');
    const valid = ecr ? m[3] === (type === 'aws_ecr_repository' ? 'repository_url' : 'repository_uri') : type === 'aws_s3_bucket' ? m[3] === 'id' || m[3] === 'bucket' : provider ? m[3] === 'credential_provider_arn' : m[3] === 'arn';
    const nameAttr = r.block.body.attributes.get(ecr ? (type === 'aws_ecr_repository' ? 'name' : 'repository_name') : type === 'aws_s3_bucket' ? 'bucket' : type === 'aws_kinesis_stream' || type === 'aws_sns_topic' || provider ? 'name' : 'function_name');
    if (!valid || !nameAttr) { parts.push(p); continue; }
    const name: SymStr = { parts: instanceName(toSymStr(ev.eval(nameAttr.expr, inst, r.src)), nameOwner(inst, m[1], m[2])) };
    const at = placement(inst, r.block, r.src, ev);
    const part = (lit: string | undefined, kind: 'partition' | 'region' | 'account'): Part => (lit ? { kind: 'lit', text: lit } : { kind: 'sym', sym: { kind } });
    if (provider) {
      const kind = type === 'aws_bedrockagentcore_oauth2_credential_provider' ? 'oauth2credentialprovider' : 'apikeycredentialprovider';
      parts.push({ kind: 'lit', text: 'arn:' }, part(at.partition, 'partition'), { kind: 'lit', text: ':bedrock-agentcore:' }, part(at.region, 'region'), { kind: 'lit', text: ':' }, part(at.account, 'account'),
        { kind: 'lit', text: ':token-vault/' }, { kind: 'unknown', expr: `the token vault of ${m[1]}.${m[2]}` }, { kind: 'lit', text: `/${kind}/` }, ...name.parts);
    } else if (type === 'aws_s3_bucket') {
      parts.push(...name.parts);
    } else if (type === 'aws_kinesis_stream') {
      parts.push({ kind: 'lit', text: 'arn:' }, part(at.partition, 'partition'), { kind: 'lit', text: ':kinesis:' }, part(at.region, 'region'), { kind: 'lit', text: ':' }, part(at.account, 'account'), { kind: 'lit', text: ':stream/' }, ...name.parts);
    } else if (type === 'aws_sns_topic') {
      parts.push({ kind: 'lit', text: 'arn:' }, part(at.partition, 'partition'), { kind: 'lit', text: ':sns:' }, part(at.region, 'region'), { kind: 'lit', text: ':' }, part(at.account, 'account'), { kind: 'lit', text: ':' }, ...name.parts);
    } else if (ecr) {
      parts.push(part(at.account, 'account'), { kind: 'lit', text: '.dkr.ecr.' }, part(at.region, 'region'), { kind: 'lit', text: `.amazonaws.com${at.partition === 'aws-cn' ? '.cn' : ''}/` }, ...name.parts);
    } else {
      parts.push({ kind: 'lit', text: 'arn:' }, part(at.partition, 'partition'), { kind: 'lit', text: ':lambda:' }, part(at.region, 'region'), { kind: 'lit', text: ':' }, part(at.account, 'account'), { kind: 'lit', text: ':function:' }, ...name.parts);
    }
  }
  return { parts: joinLiterals(parts), loc: s.loc };
}
