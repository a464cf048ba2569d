/**
 * Which catalog features (requirements' `appliesWhen.feature`) an AgentCore component uses, read
 * from the Terraform syntax of its resource block and of the other resource blocks of the same
 * module instance. Pure: no evaluator; the caller may pass callbacks for what only it can resolve.
 *
 * Each feature is `true` (the Terraform shows it in use), `false` (the Terraform shows it is not)
 * or absent (cannot be told: a reference, a `dynamic` block, a `count`/`for_each` that cannot be
 * read, a resource outside this module instance).
 *
 * Terraform shapes, as read in the provider sources and docs (stored copies):
 * - hashicorp/terraform-provider-aws `internal/service/bedrockagentcore/gateway_target.go`
 *   @00ee2ca6 (schema: `gateway_identifier`; `target_configuration` → `mcp` → `lambda` |
 *   `api_gateway` | `mcp_server` | `open_api_schema` | `smithy_model`, or `http` →
 *   `agentcore_runtime`; `credential_provider_configuration` → `api_key` | `oauth` |
 *   `gateway_iam_role` | `caller_iam_credentials` | `jwt_passthrough`, all nested blocks).
 * - `internal/service/bedrockagentcore/gateway.go` @53e740ca and
 *   `website/docs/r/bedrockagentcore_gateway.html.markdown`: `interceptor_configuration` →
 *   `interceptor` → `lambda` { arn }; no policy-engine argument in the hashicorp/aws gateway.
 * - `internal/service/bedrockagentcore/memory_strategy.go` @2317e6f4 and
 *   `website/docs/r/bedrockagentcore_memory_strategy.html.markdown`: `memory_id`, `type`
 *   (`SEMANTIC` | `SUMMARIZATION` | `USER_PREFERENCE` | `CUSTOM`), `configuration` { `type`
 *   (`SEMANTIC_OVERRIDE` | `SUMMARY_OVERRIDE` | `USER_PREFERENCE_OVERRIDE`), `consolidation`,
 *   `extraction` }; newer releases (registry docs of hashicorp/aws 6.63, as generated into
 *   cdktn/pulumi bindings) add `EPISODIC_OVERRIDE` with `reflection`, and `SELF_MANAGED` with
 *   `self_managed_configuration` { `invocation_configuration` { `payload_delivery_bucket_name`,
 *   `topic_arn` }, `trigger_conditions`, `historical_context_window_size` }.
 * - `internal/service/bedrockagentcore/browser.go` @c53765f2: `recording` { `enabled`,
 *   `s3_location` { `bucket`, `prefix` } } (nested blocks; an older doc wrote them as objects).
 * - `website/docs/r/bedrockagentcore_online_evaluation_config.html.markdown` @070da266:
 *   `evaluator` { `evaluator_id` } — "builtin evaluators (e.g. `Builtin.Helpfulness`) or custom
 *   evaluator IDs".
 * - hashicorp/terraform-provider-awscc `docs/resources/bedrockagentcore_gateway.md`
 *   (`interceptor_configurations[].interceptor.lambda.arn`, `policy_engine_configuration = { arn,
 *   mode }`), `bedrockagentcore_memory.md` (`memory_strategies[]` of `semantic_memory_strategy` |
 *   `summary_memory_strategy` | `user_preference_memory_strategy` | `episodic_memory_strategy` |
 *   `custom_memory_strategy` { `configuration` { `semantic_override` | `summary_override` |
 *   `user_preference_override` | `episodic_override` | `self_managed_configuration` } }),
 *   `bedrockagentcore_browser_custom.md` (`recording_config = { enabled, s3_location }`),
 *   `bedrockagentcore_online_evaluation_config.md` (`evaluators = [{ evaluator_id }]`). awscc has
 *   no gateway-target resource (its bedrockagentcore resources list none).
 * - `internal/service/bedrockagentcore/memory.go` @a1178b1c: `stream_delivery_resources` → `resource`
 *   → `kinesis` { `data_stream_arn`, `content_configuration` } (nested blocks); awscc
 *   `docs/resources/bedrockagentcore_memory.md` @3553a301: `stream_delivery_resources = { resources =
 *   [{ kinesis = { data_stream_arn, content_configurations } }] }`.
 * - `internal/service/bedrockagentcore/evaluator.go` @15c19083: `evaluator_config` → exactly one of
 *   `llm_as_a_judge` | `code_based` → `lambda_config` { `lambda_arn` }; awscc
 *   `bedrockagentcore_evaluator.md` @22de44a6: the same as attributes.
 * - `website/docs/r/bedrockagentcore_gateway.html.markdown` @0273a635 and awscc
 *   `bedrockagentcore_gateway.md` @0ffd47c5: `kms_key_arn` on the gateway.
 * - hashicorp/aws `aws_sns_topic.kms_master_key_id`, `aws_s3_bucket_server_side_encryption_configuration`
 *   (`bucket`, `rule` → `apply_server_side_encryption_by_default` { `sse_algorithm`,
 *   `kms_master_key_id` }) and the legacy inline `server_side_encryption_configuration` of `aws_s3_bucket`.
 *
 * Meanings, from the catalog (docs/catalog.md: gateway, memory, browser and evaluation roles):
 * - `lambda-target` (G1): a Lambda target of the gateway, or a Lambda interceptor on it.
 * - `oauth-outbound` (G3) / `api-key-outbound` (G4): a target with that credential provider;
 *   `credential-outbound` (G2, G5): either of them.
 * - `iam-outbound` (G6): a target using the gateway service role (`gateway_iam_role`, the API's
 *   GATEWAY_IAM_ROLE: "IAM-based outbound authorization ... with SigV4").
 * - `runtime-target-iam` (G14): a target that is an AgentCore Runtime called with the gateway
 *   service role: `target_configuration { http { agentcore_runtime { arn, qualifier } } }` with
 *   `gateway_iam_role`, or `mcp { mcp_server { endpoint } }` whose endpoint is a runtime's invocation
 *   URL (`https://bedrock-agentcore.<region>.amazonaws.com/runtimes/<url-encoded ARN>/invocations…`)
 *   with `gateway_iam_role { service = "bedrock-agentcore" }` (the service SigV4 signs for; gateway_target.go:
 *   "use `bedrock-agentcore`" for another runtime). A runtime target without a credential provider
 *   configuration, or an endpoint or service that cannot be read, is not told.
 * - `policy-engine` (G7, G8): a policy engine attached to the gateway.
 * - `policy-session` (G9): temporal policies — a policy session id is supplied at invocation time,
 *   which Terraform never shows; so false without an engine, else not told.
 * - `model-processing` (M1–M3): a built-in strategy with overrides (a CUSTOM strategy whose
 *   configuration is one of the *_OVERRIDE types): the service invokes Bedrock in the account.
 * - `self-managed` (MS1, MS2): a self-managed strategy (payload delivery to S3 + SNS).
 * - `self-managed-kms` (MS3): the payload bucket or the notification topic is encrypted with a
 *   customer managed KMS key.
 * - `recording` (B1, B2): browser session recording enabled.
 * - `custom-evaluator` (E4): an LLM-as-a-judge evaluator of the workspace (`evaluator_config` →
 *   `llm_as_a_judge`), which invokes Bedrock models; a custom id whose evaluator is not in the
 *   workspace cannot be told (it may be code-based).
 * - `code-evaluator` (E5): a code-based evaluator of the workspace (`evaluator_config` → `code_based`
 *   → `lambda_config` { `lambda_arn` }): the service invokes and reads its Lambda function.
 * - `record-streaming` (MK1): memory record streaming to a Kinesis data stream (hashicorp/aws
 *   `stream_delivery_resources` → `resource` → `kinesis` { `data_stream_arn` } blocks, awscc
 *   `stream_delivery_resources = { resources = [{ kinesis = { data_stream_arn } }] }`).
 * - `record-streaming-kms` (MK2): that stream is encrypted with a customer managed key
 *   (`aws_kinesis_stream` `encryption_type = "KMS"` + `kms_key_id`, awscc_kinesis_stream
 *   `stream_encryption = { encryption_type, key_id }`); the AWS managed key (alias/aws/kinesis) is not told.
 * - `cmk-via-iam` (G13): the gateway's `kms_key_arn` names a key of the workspace (aws_kms_key
 *   `policy`, an aws_kms_key_policy naming it, awscc_kms_key `key_policy`) whose key policy leaves
 *   the gateway role's use of the key to IAM policies: it allows the account (`:root`) every KMS
 *   action the gateway needs, and grants the role none of them itself. A key policy that grants the
 *   role all of them is false (the role's own policy need not); one that grants neither, a key
 *   outside the workspace, or a policy that cannot be read is not told. No `policy` = the default
 *   key policy, which delegates to the account.
 *
 * Gateway features come from the `aws_bedrockagentcore_gateway_target` resources of the same module
 * instance whose `gateway_identifier` refers to the gateway; memory features of a hashicorp/aws
 * memory from the `aws_bedrockagentcore_memory_strategy` resources whose `memory_id` refers to it.
 * Targets/strategies may also be declared elsewhere (another module, outside Terraform): a feature
 * none of the declared ones uses is false only when the component's address does not leave the
 * module instance (no output, module argument or local that an output/module argument reads names it).
 */
import type { Block, Expr } from './ast';
import { isLiteralString } from './ast';
import { keyType, type Value } from './values';
import { literalText } from '../symstr';

export type FeatureName =
  | 'lambda-target' | 'credential-outbound' | 'oauth-outbound' | 'api-key-outbound' | 'iam-outbound'
  | 'policy-engine' | 'policy-session'
  | 'model-processing' | 'self-managed' | 'self-managed-kms'
  | 'recording'
  | 'custom-evaluator' | 'code-evaluator'
  | 'record-streaming' | 'record-streaming-kms'
  | 'cmk-via-iam'
  | 'runtime-target-iam';

/** Feature name → in use (true) / not in use (false); a feature that cannot be told is absent. */
export type FeatureFacts = Partial<Record<FeatureName, boolean>>;

/** What the features are read from: a module instance (`ModuleInstance` fits). */
export interface FeatureScope {
  /** Resources of the module instance, keyed `type.name`. */
  resources: ReadonlyMap<string, { block: Block }>;
  locals?: ReadonlyMap<string, { expr: Expr }>;
  outputs?: ReadonlyMap<string, { expr: Expr }>;
  modules?: ReadonlyMap<string, { block: Block }>;
}

export interface FeatureOptions {
  /**
   * Whether `expr` (a target's `gateway_identifier`, a strategy's `memory_id`, a topic ARN, a bucket
   * name) designates the resource `key` (`type.name`) of the scope; undefined when it cannot tell.
   * Asked first; when it answers undefined, the syntactic reading (`refersTo` below) is used.
   */
  refersTo?(expr: Expr, key: string): boolean | undefined;
  /**
   * A literal for an expression that is not one in the syntax (a variable, a local), e.g. from the
   * evaluator; `resourceKey` is the resource whose body holds the expression. Undefined = unknown.
   */
  literal?(expr: Expr, resourceKey: string): string | number | boolean | null | undefined;
}

type Tri = boolean | undefined;

/** Kleene or. */
function or(...vs: Tri[]): Tri {
  if (vs.some((v) => v === true)) return true;
  if (vs.some((v) => v === undefined)) return undefined;
  return false;
}

/** Kleene and. */
function and(...vs: Tri[]): Tri {
  if (vs.some((v) => v === false)) return false;
  if (vs.some((v) => v === undefined)) return undefined;
  return true;
}

// --- a block or an object value, read alike ----------------------------------------------------

type ObjExpr = Extract<Expr, { k: 'object' }>;
/** A nested configuration: a block, or an object written as an attribute (awscc, Terraform JSON). */
export type Node = { block: Block } | { obj: ObjExpr };

/** Nested configuration `name` of a node: blocks, `dynamic` blocks, or an object/list attribute. */
interface Children {
  nodes: Node[];
  /** Some may exist that cannot be read (a dynamic block, a reference). */
  unknown: boolean;
}

function objKey(e: Expr): string | undefined {
  if (e.k === 'ref' && e.path.length === 1) return String(e.path[0]);
  return isLiteralString(e);
}

/** The nested configurations `name` of a node (blocks, or object attributes and tuples of them); `bad` is called when some cannot be read (a dynamic block, a reference). */
export function kids(n: Node, name: string, bad: () => void): Node[] {
  const out: Node[] = [];
  if ('block' in n) {
    for (const b of n.block.body.blocks) {
      if (b.type === name) out.push({ block: b });
      else if (b.type === 'dynamic' && b.labels[0] === name) bad();
    }
  }
  const a = attrOf(n, name);
  if (a && a.k !== 'null') {
    if (a.k === 'object') out.push({ obj: a });
    else if (a.k === 'tuple') {
      for (const i of a.items) {
        if (i.k === 'object') out.push({ obj: i });
        else if (i.k !== 'null') bad();
      }
    } else bad();
  }
  return out;
}

/** An attribute of a node, written in a block or as an object's key. */
export function attrOf(n: Node, name: string): Expr | undefined {
  if ('block' in n) return n.block.body.attributes.get(name)?.expr;
  return n.obj.entries.find((en) => objKey(en.key) === name)?.value;
}

function fromExpr(e: Expr, out: Children): void {
  if (e.k === 'null') return;
  if (e.k === 'object') out.nodes.push({ obj: e });
  else if (e.k === 'tuple') {
    for (const i of e.items) {
      if (i.k === 'object') out.nodes.push({ obj: i });
      else if (i.k !== 'null') out.unknown = true;
    }
  } else out.unknown = true;
}

function children(n: Node, name: string): Children {
  const out: Children = { nodes: [], unknown: false };
  if ('block' in n) {
    for (const b of n.block.body.blocks) {
      if (b.type === name) out.nodes.push({ block: b });
      else if (b.type === 'dynamic' && b.labels[0] === name) {
        const fe = b.body.attributes.get('for_each')?.expr;
        const content = b.body.blocks.find((x) => x.type === 'content');
        // A literal for_each tells whether it yields anything; the content's values stay unread.
        if (fe && (fe.k === 'tuple' || fe.k === 'object')) {
          const count = fe.k === 'tuple' ? fe.items.length : fe.entries.length;
          if (count > 0 && content) out.nodes.push({ block: content });
        } else out.unknown = true;
      }
    }
  }
  const a = attrOf(n, name);
  if (a) fromExpr(a, out);
  return out;
}

/** Whether a nested configuration `name` is present. */
function has(n: Node, name: string): Tri {
  const c = children(n, name);
  if (c.nodes.length) return true;
  return c.unknown ? undefined : false;
}

/** `has` over several parents (each may or may not be there). */
function hasIn(parents: Children, name: string): Tri {
  const vs: Tri[] = parents.nodes.map((p) => has(p, name));
  if (parents.unknown) vs.push(undefined);
  return or(...vs, false);
}

// --- references ---------------------------------------------------------------------------------

const MAX_DEPTH = 8;

/** Resource keys (`type.name`) an expression names, and whether it also reads var/local/module/data. */
function named(e: Expr, scope: FeatureScope, acc: { keys: Set<string>; opaque: boolean }, depth = 0): void {
  switch (e.k) {
    case 'ref': {
      const root = String(e.path[0]);
      if (root === 'local' && e.path.length >= 2 && depth < MAX_DEPTH) {
        const l = scope.locals?.get(String(e.path[1]));
        if (l) named(l.expr, scope, acc, depth + 1);
        else acc.opaque = true;
      } else if (['var', 'local', 'module', 'data', 'each', 'count', 'self', 'path', 'terraform'].includes(root)) acc.opaque = true;
      else if (e.path.length >= 2) acc.keys.add(`${root}.${e.path[1]}`);
      else acc.opaque = true;
      return;
    }
    case 'other': {
      // Conditionals, splats, for expressions: the resource addresses their text names. Index
      // brackets (`x.main[count.index].id`) select an instance of the same resource: dropped.
      let text = e.text;
      for (let prev = ''; prev !== text;) { prev = text; text = text.replace(/(?<=[\w\]])\[[^[\]]*\]/g, ''); }
      for (const m of text.matchAll(/(?<![\w.])([a-z][a-z0-9_]*)\.([A-Za-z_][\w-]*)/g)) {
        const root = m[1];
        if (root === 'local' && depth < MAX_DEPTH) {
          const l = scope.locals?.get(m[2]);
          if (l) named(l.expr, scope, acc, depth + 1);
          else acc.opaque = true;
        } else if (['var', 'module', 'data', 'each', 'count', 'self', 'path', 'terraform', 'local'].includes(root)) acc.opaque = true;
        else if (scope.resources.has(`${root}.${m[2]}`)) acc.keys.add(`${root}.${m[2]}`);
      }
      return;
    }
    case 'str': for (const p of e.parts) if ('interp' in p) named(p.interp, scope, acc, depth); return;
    case 'tuple': for (const i of e.items) named(i, scope, acc, depth); return;
    case 'object': for (const en of e.entries) named(en.value, scope, acc, depth); return;
    case 'call': for (const a of e.args) named(a, scope, acc, depth); return;
    default: return;
  }
}

/**
 * The syntactic reading: `expr` refers to the resource `key` when the resources it names are that
 * one alone (through locals of the scope too), does not when it names other resources only, and
 * cannot be told when it reads a variable, a module output, a data source or a literal id.
 */
export function refersTo(expr: Expr, key: string, scope: FeatureScope): boolean | undefined {
  const acc = { keys: new Set<string>(), opaque: false };
  named(expr, scope, acc);
  if (acc.opaque || acc.keys.size === 0) return undefined; // a variable, a module output, a literal id
  if (acc.keys.has(key)) return acc.keys.size === 1 ? true : undefined;
  return false;
}

/** A runtime's invocation URL: `https://bedrock-agentcore.<region>.amazonaws.com[.cn]/runtimes/<ARN>/invocations…`. */
export const RUNTIME_INVOCATION_URL = /^https:\/\/bedrock-agentcore\.[^/]+\.amazonaws\.com(?:\.cn)?\/runtimes\/(.+)\/invocations(?:\?(.*))?$/;

/**
 * Whether an MCP server endpoint is a runtime's invocation URL: its literal text (or the caller's
 * literal for it) matched; a template whose literal parts alone already say so (an interpolated region
 * or ARN) is one too; undefined when it cannot be read.
 */
export function runtimeInvocationUrl(e: Expr | undefined, literal: (e: Expr) => unknown): Tri {
  if (!e || e.k === 'null') return false;
  const s = e.k === 'str' ? isLiteralString(e) : undefined;
  const v = s ?? literal(e);
  if (typeof v === 'string') return RUNTIME_INVOCATION_URL.test(v);
  if (e.k === 'str') {
    const text = e.parts.map((p) => ('interp' in p ? 'x' : p.lit)).join('');
    if (RUNTIME_INVOCATION_URL.test(text)) return true;
    // another host written out in full: not a runtime
    const head = e.parts[0];
    if (head && !('interp' in head) && /^https:\/\/[^/]+\//.test(head.lit) && !head.lit.startsWith('https://bedrock-agentcore.')) return false;
  }
  return undefined;
}

/** Whether the resource `key` is named by an output, a module call or (through them) a local. */
function escapes(key: string, scope: FeatureScope): boolean {
  const names = (e: Expr): boolean => {
    const acc = { keys: new Set<string>(), opaque: false };
    named(e, scope, acc);
    return acc.keys.has(key);
  };
  for (const o of scope.outputs?.values() ?? []) if (names(o.expr)) return true;
  for (const m of scope.modules?.values() ?? []) {
    for (const a of m.block.body.attributes.values()) if (names(a.expr)) return true;
  }
  return false;
}

// --- the reader ---------------------------------------------------------------------------------

class Reader {
  constructor(readonly scope: FeatureScope, readonly opts: FeatureOptions) {}

  refers(expr: Expr | undefined, key: string): Tri {
    if (!expr) return undefined;
    const r = this.opts.refersTo?.(expr, key);
    return r ?? refersTo(expr, key, this.scope);
  }

  literal(expr: Expr | undefined, resourceKey: string): string | number | boolean | null | undefined {
    if (!expr) return undefined;
    switch (expr.k) {
      case 'str': {
        const s = isLiteralString(expr);
        if (s !== undefined) return s;
        break;
      }
      case 'bool': return expr.value;
      case 'num': return expr.value;
      case 'null': return null;
      default: break;
    }
    return this.opts.literal?.(expr, resourceKey);
  }

  /** Whether a resource exists: `count` / `for_each` read literally when they are literals. */
  exists(key: string, block: Block): Tri {
    const c = block.body.attributes.get('count')?.expr;
    if (c) {
      const v = this.literal(c, key);
      return typeof v === 'number' ? v > 0 : undefined;
    }
    const fe = block.body.attributes.get('for_each')?.expr;
    if (fe) {
      if (fe.k === 'tuple') return fe.items.length > 0;
      if (fe.k === 'object') return fe.entries.length > 0;
      return undefined;
    }
    return true;
  }

  /** Resources of `types` whose attribute `attr` refers to `key`: with membership (refers ∧ exists). */
  related(types: string[], attr: string, key: string): { key: string; block: Block; member: Tri }[] {
    const out: { key: string; block: Block; member: Tri }[] = [];
    for (const [k, r] of this.scope.resources) {
      if (!types.includes(keyType(k))) continue;
      const member = and(this.refers(r.block.body.attributes.get(attr)?.expr, key), this.exists(k, r.block));
      if (member !== false) out.push({ key: k, block: r.block, member });
    }
    return out;
  }

  /** A feature over related resources: or of (member ∧ value); false turned unknown when the component escapes. */
  aggregate(rel: { member: Tri }[], value: (i: number) => Tri, escaped: boolean): Tri {
    const v = or(...rel.map((r, i) => and(r.member, value(i))), false);
    return v === false && escaped ? undefined : v;
  }

  // --- gateway ---

  gateway(key: string, block: Block): FeatureFacts {
    const node: Node = { block };
    const targets = this.related(['aws_bedrockagentcore_gateway_target'], 'gateway_identifier', key);
    const escaped = escapes(key, this.scope);
    const per = targets.map((t) => this.target({ block: t.block }, t.key));
    const agg = (f: (t: ReturnType<Reader['target']>) => Tri): Tri => this.aggregate(targets, (i) => f(per[i]), escaped);

    // Lambda interceptors: hashicorp/aws `interceptor_configuration` blocks, awscc `interceptor_configurations`.
    const ic = children(node, 'interceptor_configuration');
    const icc = children(node, 'interceptor_configurations');
    const interceptors: Children = { nodes: [...ic.nodes, ...icc.nodes], unknown: ic.unknown || icc.unknown };
    const lambdaInterceptor = hasIn(flat(interceptors, 'interceptor'), 'lambda');

    const oauth = agg((t) => t.oauth);
    const apiKey = agg((t) => t.apiKey);
    const engine = has(node, 'policy_engine_configuration');
    return facts({
      'lambda-target': or(lambdaInterceptor, agg((t) => t.lambda)),
      'oauth-outbound': oauth,
      'api-key-outbound': apiKey,
      'credential-outbound': or(oauth, apiKey),
      'iam-outbound': agg((t) => t.iam),
      'runtime-target-iam': agg((t) => t.runtimeIam),
      'policy-engine': engine,
      'policy-session': engine === false ? false : undefined,
      'cmk-via-iam': this.gatewayKey(block),
    });
  }

  /** `cmk-via-iam`: whether the gateway's customer managed key leaves the role's access to IAM policies. */
  gatewayKey(block: Block): Tri {
    const kms = block.body.attributes.get('kms_key_arn')?.expr;
    if (!kms || kms.k === 'null') return false;
    const k = this.target1(kms, ['aws_kms_key', 'awscc_kms_key']);
    if (!k) return undefined; // a literal ARN, a variable, an alias: the key policy is not in the workspace
    let policy: Expr | undefined;
    if (keyType(k) === 'aws_kms_key') {
      // An aws_kms_key_policy naming the key replaces the key's own policy.
      const attached = this.related(['aws_kms_key_policy'], 'key_id', k);
      if (attached.length > 1 || attached.some((a) => a.member !== true)) return undefined;
      policy = attached.length ? attached[0].block.body.attributes.get('policy')?.expr : this.scope.resources.get(k)!.block.body.attributes.get('policy')?.expr;
    } else policy = this.scope.resources.get(k)!.block.body.attributes.get('key_policy')?.expr;
    // No policy: KMS gives the key its default policy, which allows the account (root) kms:*.
    if (!policy || policy.k === 'null') return true;
    const doc = policyJson(policy, this.scope);
    if (doc === undefined) return undefined;
    // The role the gateway names (it need not be declared in this module instance).
    const acc = { keys: new Set<string>(), opaque: false };
    const roleArn = block.body.attributes.get('role_arn')?.expr;
    if (roleArn) named(roleArn, this.scope, acc);
    const role = !acc.opaque && acc.keys.size === 1 ? [...acc.keys][0] : undefined;
    return keyPolicyLeavesToIam(doc, (e) => (role ? this.refers(e, role) : undefined));
  }

  target(t: Node, key: string): { lambda: Tri; oauth: Tri; apiKey: Tri; iam: Tri; runtimeIam: Tri } {
    const tc = children(t, 'target_configuration');
    const mcp = flat(tc, 'mcp');
    const cpc = children(t, 'credential_provider_configuration');
    const none = cpc.nodes.length === 0 && !cpc.unknown;
    // Without a credential provider configuration the service's default cannot be told.
    const iam: Tri = none ? undefined : hasIn(cpc, 'gateway_iam_role');
    return {
      lambda: hasIn(mcp, 'lambda'),
      oauth: hasIn(cpc, 'oauth'),
      apiKey: hasIn(cpc, 'api_key'),
      iam,
      runtimeIam: this.runtimeTargetIam(tc, mcp, cpc, iam, key),
    };
  }

  /**
   * `runtime-target-iam`: an AgentCore Runtime target (http → agentcore_runtime) with the gateway IAM
   * role, or an MCP server target whose endpoint is a runtime's invocation URL, signed with the gateway
   * IAM role for the service `bedrock-agentcore`.
   */
  runtimeTargetIam(tc: Children, mcp: Children, cpc: Children, iam: Tri, key: string): Tri {
    const http = and(hasIn(flat(tc, 'http'), 'agentcore_runtime'), iam);
    const servers = flat(mcp, 'mcp_server');
    const roles = flat(cpc, 'gateway_iam_role');
    const sigv4: Tri = or(...roles.nodes.map((r) => {
      const s = this.literal(attrOf(r, 'service'), key);
      return s === 'bedrock-agentcore' ? true : s === undefined && attrOf(r, 'service') ? undefined : false;
    }), roles.unknown ? undefined : false);
    const url: Tri = or(...servers.nodes.map((n) => runtimeInvocationUrl(attrOf(n, 'endpoint'), (e) => this.literal(e, key))), servers.unknown ? undefined : false);
    return or(http, and(url, iam, sigv4));
  }

  // --- memory ---

  memory(key: string, block: Block): FeatureFacts {
    const node: Node = { block };
    const parts: { member: Tri; v: StrategyFacts }[] = [];
    // awscc: strategies inline.
    const inline = children(node, 'memory_strategies');
    for (const s of inline.nodes) parts.push({ member: true, v: this.awsccStrategy(s) });
    if (inline.unknown) parts.push({ member: undefined, v: { model: undefined, self: undefined, kms: undefined } });
    // hashicorp/aws: strategies are resources naming the memory.
    const rel = this.related(['aws_bedrockagentcore_memory_strategy'], 'memory_id', key);
    for (const r of rel) parts.push({ member: r.member, v: this.awsStrategy({ block: r.block }, r.key) });
    const escaped = key.startsWith('aws_') && escapes(key, this.scope);
    const agg = (f: (s: StrategyFacts) => Tri): Tri => this.aggregate(parts, (i) => f(parts[i].v), escaped);
    // Record streaming is configured on the memory itself (both providers).
    const sdr = children(node, 'stream_delivery_resources');
    const res = flat(sdr, 'resource');
    const resc = flat(sdr, 'resources');
    const kinesis = flat({ nodes: [...res.nodes, ...resc.nodes], unknown: res.unknown || resc.unknown }, 'kinesis');
    const streaming: Tri = kinesis.nodes.length ? true : kinesis.unknown ? undefined : false;
    const streamKms: Tri = streaming === false ? false : or(...kinesis.nodes.map((n) => this.streamKms(attrOf(n, 'data_stream_arn'))), kinesis.unknown ? undefined : false);
    return facts({
      'model-processing': agg((s) => s.model), 'self-managed': agg((s) => s.self), 'self-managed-kms': agg((s) => s.kms),
      'record-streaming': streaming, 'record-streaming-kms': streamKms,
    });
  }

  /** Whether the Kinesis stream an expression names is encrypted with a customer managed key. */
  streamKms(expr: Expr | undefined): Tri {
    const k = this.target1(expr, ['aws_kinesis_stream', 'awscc_kinesis_stream']);
    if (!k) return undefined;
    const b = this.scope.resources.get(k)!.block;
    const one = (type: Expr | undefined, key: Expr | undefined): Tri => {
      if (!type) return false; // encryption_type defaults to NONE
      const t = this.literal(type, k);
      if (t === 'NONE' || t === null) return false;
      if (t !== 'KMS') return undefined;
      return key ? this.customerKey(key, k, undefined) : undefined;
    };
    if (keyType(k) === 'aws_kinesis_stream') return one(b.body.attributes.get('encryption_type')?.expr, b.body.attributes.get('kms_key_id')?.expr);
    const se = children({ block: b }, 'stream_encryption');
    return or(...se.nodes.map((n) => one(attrOf(n, 'encryption_type'), attrOf(n, 'key_id'))), se.unknown ? undefined : false);
  }

  /** An aws_bedrockagentcore_memory_strategy on its own (it names the memory's role too). */
  memoryStrategy(key: string, block: Block): FeatureFacts {
    const s = this.awsStrategy({ block }, key);
    return facts({ 'model-processing': s.model, 'self-managed': s.self, 'self-managed-kms': s.kms });
  }

  awsStrategy(n: Node, key: string): StrategyFacts {
    const type = this.literal(attrOf(n, 'type'), key);
    const conf = children(n, 'configuration');
    // CUSTOM requires the configuration block, every other type forbids it (memory_strategy.go ValidateConfig).
    if ((typeof type === 'string' && type !== 'CUSTOM') || (conf.nodes.length === 0 && !conf.unknown)) {
      return { model: false, self: false, kms: false };
    }
    if (conf.unknown || conf.nodes.length !== 1) return { model: undefined, self: undefined, kms: undefined };
    const c = conf.nodes[0];
    const ctype = this.literal(attrOf(c, 'type'), key);
    const sm = children(c, 'self_managed_configuration');
    let self: Tri;
    let model: Tri;
    if (typeof ctype === 'string') {
      self = ctype === 'SELF_MANAGED';
      model = OVERRIDE_TYPES.includes(ctype) ? true : self ? false : undefined;
    } else {
      self = sm.nodes.length ? true : undefined;
      // consolidation / extraction / reflection are only valid with the *_OVERRIDE types.
      model = or(has(c, 'consolidation'), has(c, 'extraction'), has(c, 'reflection')) === true ? true : self ? false : undefined;
    }
    return { model, self, kms: self === false ? false : self === undefined ? undefined : this.payloadKms(sm) };
  }

  awsccStrategy(s: Node): StrategyFacts {
    const builtin = ['semantic_memory_strategy', 'summary_memory_strategy', 'user_preference_memory_strategy', 'episodic_memory_strategy'];
    const custom = children(s, 'custom_memory_strategy');
    if (custom.nodes.length === 0 && !custom.unknown) {
      const known = builtin.some((b) => has(s, b) === true);
      return known ? { model: false, self: false, kms: false } : { model: undefined, self: undefined, kms: undefined };
    }
    const conf = flat(custom, 'configuration');
    const overrides = ['semantic_override', 'summary_override', 'user_preference_override', 'episodic_override'];
    const model = or(...overrides.map((o) => hasIn(conf, o)));
    const sm = flat(conf, 'self_managed_configuration');
    const self: Tri = sm.nodes.length ? true : sm.unknown ? undefined : false;
    return { model, self, kms: self === false ? false : self === undefined ? undefined : this.payloadKms(sm) };
  }

  /** Whether the self-managed payload bucket or topic is encrypted with a customer managed KMS key. */
  payloadKms(sm: Children): Tri {
    const inv = flat(sm, 'invocation_configuration');
    const vs: Tri[] = [];
    if (inv.unknown || inv.nodes.length === 0) vs.push(undefined);
    for (const i of inv.nodes) {
      vs.push(this.topicKms(attrOf(i, 'topic_arn')), this.bucketKms(attrOf(i, 'payload_delivery_bucket_name')));
    }
    return or(...vs);
  }

  /** The single resource of `types` an expression names (through the syntactic reading). */
  target1(expr: Expr | undefined, types: string[]): string | undefined {
    if (!expr) return undefined;
    const acc = { keys: new Set<string>(), opaque: false };
    named(expr, this.scope, acc);
    const ks = [...acc.keys].filter((k) => types.includes(keyType(k)));
    return !acc.opaque && ks.length === 1 && acc.keys.size === 1 && this.scope.resources.has(ks[0]) ? ks[0] : undefined;
  }

  topicKms(expr: Expr | undefined): Tri {
    const k = this.target1(expr, ['aws_sns_topic']);
    if (!k) return undefined;
    const kms = this.scope.resources.get(k)!.block.body.attributes.get('kms_master_key_id')?.expr;
    return kms ? this.customerKey(kms, k, false) : false;
  }

  /**
   * Whether a `kms_master_key_id` names a customer managed key: a literal other than an AWS managed
   * alias, or a reference to an aws_kms_key / aws_kms_alias of the scope. `ifNull`: what null means.
   */
  customerKey(kms: Expr, resourceKey: string, ifNull: Tri): Tri {
    const v = this.literal(kms, resourceKey);
    if (v === null) return ifNull;
    // The AWS managed key's policy is not the role's to grant: whether MS3 is needed is not told.
    if (typeof v === 'string') return v.startsWith('alias/aws/') ? undefined : true;
    return this.target1(kms, ['aws_kms_key', 'aws_kms_alias']) ? true : undefined;
  }

  bucketKms(expr: Expr | undefined): Tri {
    const k = this.target1(expr, ['aws_s3_bucket']);
    if (!k) return undefined;
    const vs: Tri[] = [];
    const rule = (n: Node, rk: string): Tri => {
      const d = flat(children(n, 'rule'), 'apply_server_side_encryption_by_default');
      const ds: Tri[] = d.unknown ? [undefined] : [];
      for (const x of d.nodes) {
        const alg = this.literal(attrOf(x, 'sse_algorithm'), rk);
        const key = attrOf(x, 'kms_master_key_id');
        if (typeof alg === 'string' && !alg.startsWith('aws:kms')) ds.push(false); // AES256: SSE-S3
        // aws:kms without a key id uses the AWS managed key aws/s3: not told (as for SNS).
        else if (typeof alg === 'string') ds.push(key ? this.customerKey(key, rk, undefined) : undefined);
        else ds.push(undefined);
      }
      return or(...ds, false);
    };
    // Legacy inline configuration on the bucket.
    const inline = children({ block: this.scope.resources.get(k)!.block }, 'server_side_encryption_configuration');
    for (const n of inline.nodes) vs.push(rule(n, k));
    if (inline.unknown) vs.push(undefined);
    for (const [rk, r] of this.scope.resources) {
      if (!rk.startsWith('aws_s3_bucket_server_side_encryption_configuration.')) continue;
      const m = and(this.refers(r.block.body.attributes.get('bucket')?.expr, k), this.exists(rk, r.block));
      if (m !== false) vs.push(and(m, rule({ block: r.block }, rk)));
    }
    // No configuration: S3's default encryption (SSE-S3), no KMS key.
    return or(...vs, false);
  }

  // --- browser, evaluation ---

  browser(block: Block, key: string): FeatureFacts {
    const node: Node = { block };
    const rec = children(node, 'recording');
    const recc = children(node, 'recording_config');
    const all: Children = { nodes: [...rec.nodes, ...recc.nodes], unknown: rec.unknown || recc.unknown };
    const vs: Tri[] = all.unknown ? [undefined] : [];
    for (const r of all.nodes) {
      const e = attrOf(r, 'enabled');
      const v = e ? this.literal(e, key) : false; // `enabled` defaults to false
      vs.push(v === true ? true : v === false || v === null ? false : undefined);
    }
    return facts({ recording: or(...vs, false) });
  }

  evaluation(block: Block, key: string): FeatureFacts {
    const node: Node = { block };
    const ev = children(node, 'evaluator');
    const evs = children(node, 'evaluators');
    const llm: Tri[] = ev.unknown || evs.unknown ? [undefined] : [];
    const code: Tri[] = [...llm];
    for (const n of [...ev.nodes, ...evs.nodes]) {
      const id = attrOf(n, 'evaluator_id');
      const ek = this.target1(id, ['aws_bedrockagentcore_evaluator', 'awscc_bedrockagentcore_evaluator']);
      if (ek) {
        // Exactly one of llm_as_a_judge | code_based (evaluator.go); without a readable config, not told.
        const conf = children({ block: this.scope.resources.get(ek)!.block }, 'evaluator_config');
        const none = conf.unknown || conf.nodes.length === 0;
        llm.push(none ? undefined : hasIn(conf, 'llm_as_a_judge'));
        code.push(none ? undefined : hasIn(conf, 'code_based'));
        continue;
      }
      const v = id ? this.literal(id, key) : undefined;
      // A built-in evaluator is neither; a custom id whose evaluator is elsewhere may be either.
      const builtin = typeof v === 'string' && v.startsWith('Builtin.');
      llm.push(builtin ? false : undefined);
      code.push(builtin ? false : undefined);
    }
    return facts({ 'custom-evaluator': or(...llm, false), 'code-evaluator': or(...code, false) });
  }
}

interface StrategyFacts { model: Tri; self: Tri; kms: Tri }

// --- key policies (cmk-via-iam) -------------------------------------------------------------------

/** A policy document read loosely: JSON values, with the Terraform expressions it holds kept as they are. */
type Loose = string | number | boolean | null | Loose[] | { [k: string]: Loose } | { $expr: Expr };

function isExprRef(v: Loose): v is { $expr: Expr } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '$expr' in v;
}

/** `e` read loosely; a `local.x` of the scope is read through (a statement kept in a local). */
function loose(e: Expr, scope: FeatureScope, depth = 0): Loose {
  switch (e.k) {
    case 'object': {
      const o: { [k: string]: Loose } = {};
      for (const en of e.entries) {
        const k = objKey(en.key);
        if (k === undefined) return { $expr: e };
        o[k] = loose(en.value, scope, depth);
      }
      return o;
    }
    case 'tuple': return e.items.map((i) => loose(i, scope, depth));
    case 'ref': {
      const l = e.path[0] === 'local' && e.path.length === 2 && depth < MAX_DEPTH ? scope.locals?.get(String(e.path[1])) : undefined;
      return l ? loose(l.expr, scope, depth + 1) : { $expr: e };
    }
    case 'str': return isLiteralString(e) ?? { $expr: e };
    case 'num': return e.value;
    case 'bool': return e.value;
    case 'null': return null;
    default: return { $expr: e };
  }
}

/** A key policy written as `jsonencode({...})` or a literal JSON string; undefined otherwise. */
function policyJson(e: Expr, scope: FeatureScope): Loose | undefined {
  if (e.k === 'call' && e.name === 'jsonencode' && e.args.length === 1) return loose(e.args[0], scope);
  const s = isLiteralString(e);
  if (s === undefined) return undefined;
  try {
    return JSON.parse(s) as Loose;
  } catch {
    return undefined;
  }
}

/** What the gateway service role needs on its key (gateway-encryption page). */
export const GATEWAY_KMS_ACTIONS = ['kms:CreateGrant', 'kms:DescribeKey', 'kms:Decrypt', 'kms:GenerateDataKey'];

function list(v: Loose | undefined): Loose[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function actionMatches(pattern: string, action: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(action);
}

/**
 * The key policy's answer for the gateway role: true = it allows the account (root) every action of
 * GATEWAY_KMS_ACTIONS without a condition and grants the role none of them (IAM policies decide);
 * false = it grants the role all of them itself; undefined = anything else (a Deny that may apply,
 * NotPrincipal/NotAction, a principal that may be the role, a partial grant, an unreadable part).
 * `isRole(expr)`: whether a principal expression names the gateway role.
 */
function keyPolicyLeavesToIam(doc: Loose, isRole: (e: Expr) => boolean | undefined): Tri {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || isExprRef(doc)) return undefined;
  const direct = new Set<string>();
  let delegated = false;
  for (const st of list(doc.Statement)) {
    if (typeof st !== 'object' || st === null || Array.isArray(st) || isExprRef(st)) return undefined;
    if ('NotPrincipal' in st || 'NotAction' in st || 'NotResource' in st) return undefined;
    const actions = list(st.Action);
    if (actions.some((a) => typeof a !== 'string')) return undefined;
    const covered = GATEWAY_KMS_ACTIONS.filter((a) => actions.some((p) => actionMatches(p as string, a)));
    if (covered.length === 0) continue;
    if (st.Effect === 'Deny') return undefined; // a Deny on these actions may reach the role
    if (st.Effect !== 'Allow') return undefined;
    const resources = list(st.Resource);
    if (resources.length !== 1 || resources[0] !== '*') return undefined;
    const principal = st.Principal;
    if (principal === '*' || principal === undefined) return undefined;
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal) || isExprRef(principal)) return undefined;
    for (const [type, vals] of Object.entries(principal)) {
      if (type !== 'AWS') continue; // service principals are not the role
      for (const p of list(vals)) {
        let root: boolean | undefined;
        let role: boolean | undefined;
        if (typeof p === 'string') {
          root = /^\d{12}$/.test(p) || /:root$/.test(p);
          role = root || p === '*' ? false : undefined; // a literal role ARN may be the gateway role
          if (p === '*') return undefined;
        } else if (isExprRef(p)) {
          const e = p.$expr;
          const last = e.k === 'str' ? e.parts[e.parts.length - 1] : undefined;
          root = !!last && !('interp' in last) && /:root$/.test(last.lit);
          role = root ? false : isRole(e);
        } else return undefined;
        if (role === undefined) return undefined;
        if (role) for (const a of covered) direct.add(a);
        else if (root) {
          if (st.Condition !== undefined) return undefined; // a condition on the delegation: not told
          if (covered.length === GATEWAY_KMS_ACTIONS.length) delegated = true;
        }
      }
    }
  }
  if (direct.size === GATEWAY_KMS_ACTIONS.length) return false;
  if (direct.size > 0) return undefined;
  return delegated ? true : undefined;
}

const OVERRIDE_TYPES = ['SEMANTIC_OVERRIDE', 'SUMMARY_OVERRIDE', 'USER_PREFERENCE_OVERRIDE', 'EPISODIC_OVERRIDE'];

/** The children `name` of every node of `c`. */
function flat(c: Children, name: string): Children {
  const out: Children = { nodes: [], unknown: c.unknown };
  for (const n of c.nodes) {
    const x = children(n, name);
    out.nodes.push(...x.nodes);
    out.unknown ||= x.unknown;
  }
  return out;
}

function facts(m: Partial<Record<FeatureName, Tri>>): FeatureFacts {
  const out: FeatureFacts = {};
  for (const [k, v] of Object.entries(m)) if (v !== undefined) out[k as FeatureName] = v;
  return out;
}

/**
 * The features of the component `key` (`type.name`, a resource of `scope`): for model.ts, at the
 * loop that builds a component's facts: `Object.assign(facts, componentFeatures(key, inst))`.
 * Component types without features (runtimes, code interpreters, …) give `{}`.
 */
export function componentFeatures(key: string, scope: FeatureScope, opts: FeatureOptions = {}): FeatureFacts {
  const r = scope.resources.get(key);
  if (!r) return {};
  const type = keyType(key);
  const reader = new Reader(scope, opts);
  switch (type) {
    case 'aws_bedrockagentcore_gateway':
    case 'awscc_bedrockagentcore_gateway':
      return reader.gateway(key, r.block);
    case 'aws_bedrockagentcore_memory':
    case 'awscc_bedrockagentcore_memory':
      return reader.memory(key, r.block);
    case 'aws_bedrockagentcore_memory_strategy':
      return reader.memoryStrategy(key, r.block);
    case 'aws_bedrockagentcore_browser':
    case 'awscc_bedrockagentcore_browser_custom':
      return reader.browser(r.block, key);
    case 'aws_bedrockagentcore_online_evaluation_config':
    case 'awscc_bedrockagentcore_online_evaluation_config':
      return reader.evaluation(r.block, key);
    default:
      return {};
  }
}

/** A literal from an evaluated value (for `FeatureOptions.literal`); undefined unless fully known. */
export function literalOf(v: Value): string | number | boolean | null | undefined {
  switch (v.k) {
    case 'str': return literalText(v.s);
    case 'num': return v.n;
    case 'bool': return v.b;
    case 'null': return null;
    default: return undefined;
  }
}
