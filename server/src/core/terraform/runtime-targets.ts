/**
 * A gateway's AgentCore Runtime targets called with its IAM role (catalog gateway.G14, issue #22
 * item 1): what InvokeAgentRuntime is authorized on for each, read from the Terraform.
 *
 * Shapes (hashicorp/terraform-provider-aws `internal/service/bedrockagentcore/gateway_target.go`
 * @00ee2ca6): `target_configuration` holds exactly one of `http` and `mcp`; `http { agentcore_runtime
 * { arn, qualifier } }` (qualifier optional; the endpoint called is DEFAULT without one);
 * `credential_provider_configuration { gateway_iam_role { service, region } }` (both optional; the
 * provider's description says to use `bedrock-agentcore` to call another runtime). An MCP server
 * target (`mcp { mcp_server { endpoint } }`) whose endpoint is a runtime's invocation URL
 * (`https://bedrock-agentcore.<region>.amazonaws.com/runtimes/<url-encoded runtime ARN>/invocations?qualifier=<q>`)
 * signed with `gateway_iam_role { service = "bedrock-agentcore" }` makes the same call.
 *
 * The runtime's ARN: a literal as written; `aws_bedrockagentcore_agent_runtime.X.agent_runtime_arn`
 * (or `awscc_bedrockagentcore_runtime.X.agent_runtime_arn`) read as
 * `arn:<partition>:bedrock-agentcore:<region>:<account>:runtime/<agent_runtime_name>-<generated suffix>`
 * with the suffix unknown (a runtime's id is its name, a hyphen and a generated suffix), and
 * `….agent_runtime_id` as `<agent_runtime_name>-<generated suffix>`; one instance of a runtime under
 * count or for_each (`X[0]`, `X["eu"]`) likewise, with a suffix of its own. Targets and gateways under
 * count or for_each: targetInstances.
 *
 * `resourcePolicy`: what may allow the call besides the role's own policy (IAM in one account: the
 * identity policy or the resource-based policy): an `aws_bedrockagentcore_resource_policy` of the
 * module instance whose `resource_arn` names the runtime or cannot be told, or, for a runtime that is
 * not a resource of the module instance, its resource-based policy outside the workspace.
 */
import type { Part, SymStr } from '../model';
import type { Block, Expr } from './ast';
import { readOther, type XExpr } from './hclexpr';
import { attrOf, kids, RUNTIME_INVOCATION_URL, refersTo, type Node } from './features';
import type { Evaluator, ModuleInstance, Value } from './values';
import { addr, counted, instanceAddress, instanceScopes, keyType, placement, runtimeIdParts, runtimeInstance, toSymStr } from './values';
import { literalText, renderSym } from '../symstr';
import { sameData } from '../same';

export interface RuntimeTarget {
  /** The runtime's ARN. */
  runtime: SymStr;
  /** The endpoint's name (the qualifier; DEFAULT when none is set). */
  qualifier: SymStr;
  /** The gateway target's address. */
  from: string;
  /** What else may allow the call: a resource policy's address, or a sentence for one outside the workspace. */
  resourcePolicy?: string;
}

const RUNTIME_TYPES = ['aws_bedrockagentcore_agent_runtime', 'awscc_bedrockagentcore_runtime'];
const RUNTIME_REF = /^(aws_bedrockagentcore_agent_runtime|awscc_bedrockagentcore_runtime)\.([A-Za-z_][\w-]*)(?:\[(\d+|"(?:[^"\\]|\\.)*")\])?\.(agent_runtime_arn|agent_runtime_id)$/;

/** A literal instance index as written in a reference (`0`, `"eu"`), or undefined. */
function indexOf(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}


/**
 * The runtime targets of the gateway `key` (`type.name` in `inst`) that the gateway calls with its
 * IAM role, and whether they are all of them as far as this reading goes (no dynamic block in the
 * way, no target that may or may not be the gateway's; whether targets are declared elsewhere is
 * `lambdaFunctionsComplete`'s question, which the caller asks too).
 */
export function runtimeTargets(inst: ModuleInstance, key: string, instanceKey: string | number | undefined, ev: Evaluator): { runtimeTargets: RuntimeTarget[]; runtimeTargetsComplete: boolean } {
  const out: RuntimeTarget[] = [];
  let complete = true;
  const bad = () => { complete = false; };
  for (const [k, r] of inst.resources) {
    if (keyType(k) !== 'aws_bedrockagentcore_gateway_target') continue;
    const gi = r.block.body.attributes.get('gateway_identifier');
    const refers = gi ? refersTo(gi.expr, key, inst) : undefined;
    if (refers === false) continue;
    const ones = refers === undefined ? undefined : targetInstances(inst, k, instanceKey, gi?.expr, ev);
    if (!ones) { bad(); continue; }
    for (const one of ones) readTarget(r.block, (e: Expr) => toSymStr(ev.eval(e, inst, r.src, one.scope)), one.from, inst, ev, out, bad);
  }
  return { runtimeTargets: out, runtimeTargetsComplete: complete };
}

/**
 * The instances of the gateway target `k` (`type.name` in `inst`, whose gateway_identifier refers to
 * the gateway) that belong to the gateway's instance `instanceKey`: each with its address and the
 * scope its arguments are read in (count.index, each.key). A gateway under count or for_each owns a
 * target that names it by a literal index (`aws_bedrockagentcore_gateway.rag[0].gateway_id`), not one
 * naming another index, and a target instance whose own index expression gives the gateway's
 * (`aws_bedrockagentcore_gateway.team[count.index].gateway_id`, `[each.key]`); a target under count or
 * for_each is each instance the analysis expands. Undefined when it cannot be told (an index that
 * does not evaluate to a literal, a count that cannot be read).
 */
export function targetInstances(inst: ModuleInstance, k: string, instanceKey: string | number | undefined, gatewayIdentifier: Expr | undefined, ev: Evaluator): { from: string; scope?: Map<string, Value> }[] | undefined {
  const r = inst.resources.get(k);
  if (!r) return undefined;
  const index = instanceKey === undefined ? undefined : gatewayIndex(gatewayIdentifier);
  if (instanceKey !== undefined) {
    if (!index) return undefined;
    if ('key' in index && index.key !== instanceKey) return [];
  }
  let ones: { key?: string | number; scope?: Map<string, Value> }[] = [{}];
  if (counted(r.block)) {
    const ins = ev.instancesOf(inst, 'resource', k, r.block, r.src);
    if (ins.mode !== 'count' && ins.mode !== 'each') return undefined;
    ones = instanceScopes(ins);
  }
  const out: { from: string; scope?: Map<string, Value> }[] = [];
  for (const one of ones) {
    if (index && 'expr' in index) {
      // This target instance's index of the gateway, read in its own scope (count.index, each.key).
      const v = ev.eval(index.expr, inst, r.src, one.scope);
      const at = v.k === 'num' ? v.n : v.k === 'str' ? literalText(v.s) : undefined;
      if (at === undefined) return undefined;
      if (at !== instanceKey) continue;
    }
    out.push({ from: one.key === undefined ? addr(inst, k) : instanceAddress(addr(inst, k), one.key), ...(one.scope ? { scope: one.scope } : {}) });
  }
  return out;
}

/**
 * Which instance of a gateway a target's `gateway_identifier` names: a literal index
 * (`aws_bedrockagentcore_gateway.rag[0].gateway_id`, `["billing"]`), or the expression of one
 * (`[count.index]`, `[each.key]`, `[var.i]`), read in each target instance's scope. Undefined for
 * any other form.
 */
function gatewayIndex(e: Expr | undefined): { key: string | number } | { expr: XExpr } | undefined {
  // "${…}" alone (Terraform JSON writes every expression so): the expression inside
  const only = e?.k === 'str' && e.parts.length === 1 ? e.parts[0] : undefined;
  if (only && 'interp' in only) return gatewayIndex(only.interp);
  if (e?.k === 'ref') return e.path.length === 4 ? { key: e.path[2] } : undefined;
  if (e?.k !== 'other') return undefined;
  const x = readOther(e);
  if (x?.k !== 'getattr' || x.target.k !== 'index') return undefined;
  const gw = x.target.target;
  return gw.k === 'ref' && gw.path.length === 2 ? { expr: x.target.key } : undefined;
}

/** One gateway target instance's runtime calls made with the gateway's role, pushed on `out`. */
function readTarget(block: Block, evalHere: (e: Expr) => SymStr, from: string, inst: ModuleInstance, ev: Evaluator, out: RuntimeTarget[], bad: () => void): void {
  const roles = kids({ block }, 'credential_provider_configuration', bad).flatMap((c) => kids(c, 'gateway_iam_role', bad));
  if (!roles.length) return; // OAuth, API key, JWT passthrough, caller credentials, or none: not the role's call
  const services = roles.map((x) => attrOf(x, 'service')).map((e) => (e && e.k !== 'null' ? literalText(evalHere(e)) : null));
  for (const tc of kids({ block }, 'target_configuration', bad)) {
    for (const http of kids(tc, 'http', bad)) {
      for (const rt of kids(http, 'agentcore_runtime', bad)) {
        const arn = attrOf(rt, 'arn');
        const q = attrOf(rt, 'qualifier');
        if (!arn) { bad(); continue; }
        out.push(target(evalHere(arn), q && q.k !== 'null' ? evalHere(q) : lit('DEFAULT'), from, inst, ev));
      }
    }
    for (const mcp of kids(tc, 'mcp', bad)) {
      for (const srv of kids(mcp, 'mcp_server', bad)) {
        const e = attrOf(srv, 'endpoint');
        const url = e ? invocationUrl(evalHere(e)) : undefined;
        if (!url) continue; // not a runtime's invocation URL (or not readable as one: the feature says not told)
        if (services.some((s) => s === undefined)) bad();
        if (!services.includes('bedrock-agentcore')) continue;
        out.push(target(url.runtime, url.qualifier, from, inst, ev));
      }
    }
  }
}

function lit(text: string): SymStr {
  return { parts: [{ kind: 'lit', text }] };
}

/** One target: its runtime's ARN resolved where it is a runtime of the instance, and what else may allow the call. */
function target(arn: SymStr, qualifier: SymStr, from: string, inst: ModuleInstance, ev: Evaluator): RuntimeTarget {
  const { runtime, key } = resolveRuntime(arn, inst, ev);
  const out: RuntimeTarget = { runtime, qualifier, from };
  if (!key) {
    out.resourcePolicy = `the resource-based policy of ${renderSym(runtime)}, a runtime outside this configuration`;
    return out;
  }
  for (const [k, r] of inst.resources) {
    if (keyType(k) !== 'aws_bedrockagentcore_resource_policy') continue;
    const ra = r.block.body.attributes.get('resource_arn');
    if (ra && refersTo(ra.expr, key, inst) === false) continue;
    out.resourcePolicy = addr(inst, k);
    break;
  }
  return out;
}


/**
 * The runtime an ARN names: `aws_bedrockagentcore_agent_runtime.X.agent_runtime_arn` (or `.agent_runtime_id`
 * inside an ARN) replaced by what it is known to be; `key` when the ARN is that one runtime of the instance.
 */
export function resolveRuntime(s: SymStr, inst: ModuleInstance, ev: Evaluator): { runtime: SymStr; key?: string } {
  const text = literalText(s);
  if (text !== undefined) return { runtime: s, key: runtimeNamed(text, inst, ev) };
  // the runtime's attribute as values.ts reads it (runtimeIdParts: its generated id suffix a named symbol)
  const mark = `the generated id suffix of ${inst.address ? `${inst.address}.` : ''}`;
  const suffixes = s.parts.flatMap((p) => (p.kind === 'sym' && p.sym.kind === 'named' && p.sym.name.startsWith(mark) ? [p.sym.name.slice(mark.length)] : []));
  // `type.name` or one instance of it, `type.name[0]` / `type.name["eu"]`
  const one = suffixes.length === 1 ? /^([^[]+)(?:\[(.+)\])?$/.exec(suffixes[0]) : null;
  if (one && inst.resources.has(one[1]) && RUNTIME_TYPES.includes(keyType(one[1]))) {
    const k = one[1];
    const index = indexOf(one[2]);
    if ((one[2] === undefined || index !== undefined) && sameData(s.parts, runtimeIdParts(inst, k, true, ev, index))) return { runtime: s, key: k };
  }
  const parts: Part[] = [];
  let key: string | undefined;
  let other = false;
  for (const p of s.parts) {
    const m = p.kind === 'unknown' ? RUNTIME_REF.exec(p.expr) : null;
    const r = m ? inst.resources.get(`${m[1]}.${m[2]}`) : undefined;
    const index = indexOf(m?.[3]);
    // a runtime without count or for_each, or one instance of one (`rag[0]`) the analysis expands
    const known = m && r && (m[3] === undefined ? !counted(r.block) : index !== undefined && runtimeInstance(inst, `${m[1]}.${m[2]}`, index, ev));
    if (!m || !known) {
      if (p.kind === 'unknown') other = true;
      parts.push(p);
      continue;
    }
    const k = `${m[1]}.${m[2]}`;
    key = key === undefined || key === k ? k : '';
    parts.push(...runtimeIdParts(inst, k, m[4] === 'agent_runtime_arn', ev, index));
  }
  const joined: Part[] = [];
  for (const p of parts) {
    const last = joined[joined.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') joined[joined.length - 1] = { kind: 'lit', text: last.text + p.text };
    else joined.push(p);
  }
  // a runtime of the instance only when the ARN is built on it alone (no other unknown piece)
  return { runtime: { parts: joined, loc: s.loc }, key: key && !other && RUNTIME_TYPES.includes(keyType(key)) ? key : undefined };
}

/**
 * The runtime of the instance a literal ARN names: a runtime's id is its name (letters, digits and
 * underscores: no hyphen), a hyphen and a generated suffix, and a name is unique in an account and
 * region; so `runtime/<name>-<suffix>` in the region and account of a runtime named `<name>` here is
 * that runtime (its resource-based policy, if Terraform manages one, is declared here too).
 */
function runtimeNamed(arn: string, inst: ModuleInstance, ev: Evaluator): string | undefined {
  const m = /^arn:[^:]+:bedrock-agentcore:([^:]*):([^:]*):runtime\/([A-Za-z][A-Za-z0-9_]*)-[A-Za-z0-9]+$/.exec(arn);
  if (!m) return undefined;
  for (const [k, r] of inst.resources) {
    if (!RUNTIME_TYPES.includes(keyType(k)) || counted(r.block)) continue;
    const n = r.block.body.attributes.get('agent_runtime_name');
    if (!n || literalText(toSymStr(ev.eval(n.expr, inst, r.src))) !== m[3]) continue;
    const at = placement(inst, r.block, r.src, ev);
    if ((at.region && at.region !== m[1]) || (at.account && at.account !== m[2])) continue;
    return k;
  }
  return undefined;
}

/**
 * A runtime's invocation URL read into the runtime ARN and the qualifier: a literal URL (its ARN
 * percent-decoded), or one built as `…/runtimes/${urlencode(<runtime ARN>)}/invocations…`.
 */
export function invocationUrl(url: SymStr): { runtime: SymStr; qualifier: SymStr } | undefined {
  const text = literalText(url);
  if (text !== undefined) {
    const m = RUNTIME_INVOCATION_URL.exec(text);
    if (!m) return undefined;
    let arn: string;
    try {
      arn = decodeURIComponent(m[1]);
    } catch {
      return undefined;
    }
    const q = new URLSearchParams(m[2] ?? '').get('qualifier');
    return { runtime: lit(arn), qualifier: lit(q || 'DEFAULT') };
  }
  // built on expressions: the runtime is what stands between `/runtimes/` and `/invocations`, its
  // literal pieces percent-decoded and an `urlencode(X)` read as X
  const parts = url.parts;
  const at = parts.findIndex((p) => p.kind === 'lit' && p.text.includes('/runtimes/'));
  if (at < 0) return undefined;
  let end = -1;
  for (let k = parts.length - 1; k >= at && end < 0; k--) {
    const p = parts[k];
    if (p.kind === 'lit' && p.text.indexOf('/invocations', k === at ? p.text.indexOf('/runtimes/') : 0) >= 0) end = k;
  }
  if (end < 0) return undefined;
  const textOf = (p: Part) => (p.kind === 'lit' ? p.text : 'x');
  const first = parts[at] as { text: string };
  const host = parts.slice(0, at).map(textOf).join('') + first.text.slice(0, first.text.indexOf('/runtimes/'));
  if (!/^https:\/\/bedrock-agentcore\.[^/]+\.amazonaws\.com(?:\.cn)?$/.test(host)) return undefined;
  const last = parts[end] as { text: string };
  const from = first.text.indexOf('/runtimes/') + '/runtimes/'.length;
  const upto = last.text.lastIndexOf('/invocations');
  const middle: Part[] = at === end
    ? [{ kind: 'lit', text: first.text.slice(from, upto) }]
    : [{ kind: 'lit', text: first.text.slice(from) }, ...parts.slice(at + 1, end), { kind: 'lit', text: last.text.slice(0, upto) }];
  const runtime: Part[] = [];
  for (const p of middle) {
    if (p.kind === 'lit') {
      if (!p.text) continue;
      let t = p.text;
      try {
        t = decodeURIComponent(t);
      } catch {
        // kept as written
      }
      runtime.push({ kind: 'lit', text: t });
    } else if (p.kind === 'unknown' && /^urlencode\(.*\)$/s.test(p.expr)) {
      runtime.push({ kind: 'unknown', expr: p.expr.replace(/^urlencode\(\s*/s, '').replace(/\s*\)$/s, '') });
    } else runtime.push(p);
  }
  if (!runtime.length) return undefined;
  const query = last.text.slice(upto + '/invocations'.length);
  const tail: Part[] = [{ kind: 'lit', text: query }, ...parts.slice(end + 1)];
  const rest = tail.every((p) => p.kind === 'lit') ? tail.map(textOf).join('') : undefined;
  const m = rest === undefined ? null : /^(?:\?(.*))?$/s.exec(rest);
  if (rest !== undefined && !m) return undefined;
  const q = m ? new URLSearchParams(m[1] ?? '').get('qualifier') : undefined;
  // a query built on expressions: the qualifier is what follows `qualifier=` (or what the expressions give)
  const qi = query.indexOf('qualifier=');
  const qualifier: SymStr = m
    ? lit(q || 'DEFAULT')
    : { parts: qi >= 0 ? joinLits([{ kind: 'lit' as const, text: query.slice(qi + 'qualifier='.length) }, ...tail.slice(1)].filter((p) => p.kind !== 'lit' || p.text)) : tail.filter((p) => p.kind !== 'lit') };
  return { runtime: { parts: joinLits(runtime) }, qualifier };
}

function joinLits(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') out[out.length - 1] = { kind: 'lit', text: last.text + p.text };
    else out.push(p);
  }
  return out;
}
