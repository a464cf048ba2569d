/**
 * Requirements instantiated per component (issue #22 item 1): the resources this component itself
 * requests, read from its facts (terraform/component-requests.ts), in place of the documented
 * pattern where the component determines them.
 *
 * - runtime.R1 (ECR pull): the repository of the runtime's image,
 *   `arn:<partition>:ecr:<image region>:<image account>:repository/<repo>`;
 * - runtime.R3 / R6 (logs): the runtime's own log groups `/aws/bedrock-agentcore/runtimes/<name>-*`
 *   and their streams (a runtime's log group is named after its id, `<name>-<suffix>`);
 * - gateway.G1 (Lambda): the function ARNs of its Lambda targets and interceptors;
 * - browser.B1 (recording): `arn:<partition>:s3:::<bucket>/<prefix>/*` of its recording locations
 *   (`<bucket>/*` without a prefix);
 * - memory.MK1 (record streaming): the ARNs of its Kinesis data streams;
 * - gateway.G3 / G4 (outbound auth): the ARNs of its targets' OAuth / API-key credential providers;
 * - gateway.G14 (runtime targets): each runtime target's runtime ARN and its endpoint
 *   `<runtime ARN>/runtime-endpoint/<qualifier>`; a gap on a runtime whose resource-based policy may
 *   allow the role is unknown (resourcePolicyMayAllow).
 *
 * How the analysis uses them (analyze.ts checkPermission): when the component's own requests are
 * known completely they are what is judged: a role that grants them is granted (with a hint-level
 * `narrow-grant` finding when the documented statement is not granted: a rename can break it), one
 * that does not is missing on the resources not covered, named with what requests them. When they
 * are not known completely (a gateway whose targets may be declared elsewhere), a missing one is
 * still a real gap; otherwise the documented statement is judged as before. The quick fix writes the
 * documented statement either way.
 */
import type { AgentCoreComponent, EvaluationResult, Part, PermissionRequirement, Role, SymStr } from '../model';
import type { AnalysisSettings } from '../settings';
import { lit } from '../iam/glob';
import { symbolSpelling } from './requirements';
import type { RuntimeTarget } from '../terraform/runtime-targets';

export interface OwnRequests {
  /** One resource list per spelling (literal, then symbolic), as checkPermission's variants. */
  variants: SymStr[][];
  /** What requests each resource (same order as each variant): a target's or the component's address. */
  from: string[];
  /** True when these are all the resources the component requests for this requirement. */
  complete: boolean;
  /** The literal account of an image repository that is not the role's. */
  otherAccount?: string;
  /**
   * What else may allow each resource (same order as `from`): a resource-based policy that may grant
   * the role (gateway.G14: the runtime's), so that a gap there is unknown, not missing (resourcePolicyMayAllow).
   */
  resourcePolicies?: (string | undefined)[];
}

type Defaults = NonNullable<AnalysisSettings['defaults']>;

/** A symbolic string in one spelling: the provider's (or defaults') literals for its symbols, or the symbols. */
function spell(s: SymStr, role: Role, d: Defaults, literals: boolean): SymStr {
  const parts = s.parts.map((p): Part => {
    if (p.kind !== 'sym' || (p.sym.kind !== 'partition' && p.sym.kind !== 'region' && p.sym.kind !== 'account')) return p;
    const text = symbolSpelling(p.sym.kind, role, d, literals);
    return text ? { kind: 'lit', text } : p;
  });
  return concat({ parts });
}

function concat(...xs: SymStr[]): SymStr {
  const parts: Part[] = [];
  for (const x of xs) {
    for (const p of x.parts) {
      const last = parts[parts.length - 1];
      if (p.kind === 'lit' && last?.kind === 'lit') parts[parts.length - 1] = { kind: 'lit', text: last.text + p.text };
      else parts.push(p.kind === 'lit' ? { ...p } : p);
    }
  }
  return { parts };
}

/** `s` cut at the first occurrence of `sep` inside a literal part (a separator never spans parts). */
export function cutAt(s: SymStr, sep: string | RegExp): [SymStr, SymStr] | undefined {
  for (let i = 0; i < s.parts.length; i++) {
    const p = s.parts[i];
    if (p.kind !== 'lit') continue;
    let at = -1;
    let len = 0;
    if (typeof sep === 'string') {
      at = p.text.indexOf(sep);
      len = sep.length;
    } else {
      const m = sep.exec(p.text);
      if (m) {
        at = m.index;
        len = m[0].length;
      }
    }
    if (at < 0) continue;
    const before = [...s.parts.slice(0, i), ...(at > 0 ? [{ kind: 'lit' as const, text: p.text.slice(0, at) }] : [])];
    const after = [...(at + len < p.text.length ? [{ kind: 'lit' as const, text: p.text.slice(at + len) }] : []), ...s.parts.slice(i + 1)];
    return [{ parts: before }, { parts: after }];
  }
  return undefined;
}

/** A private ECR image URI split: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]/<repo>[:tag|@digest]`. */
export function parseEcrImage(image: SymStr): { account: SymStr; region: SymStr; repository: SymStr } | undefined {
  const a = cutAt(image, /\.dkr\.ecr(?:-fips)?\./);
  if (!a) return undefined;
  const b = cutAt(a[1], /\.amazonaws\.com(?:\.cn)?\//);
  if (!b) return undefined;
  const [account, region] = [a[0], b[0]];
  const tag = cutAt(b[1], /[:@]/);
  const repository = tag ? tag[0] : b[1];
  if (!account.parts.length || !region.parts.length || !repository.parts.length) return undefined;
  // the region part is one region (no dots, no slashes)
  if (region.parts.some((p) => p.kind === 'lit' && /[./]/.test(p.text))) return undefined;
  return { account, region, repository };
}

/** A prefix without its leading and trailing slashes (where they are literal): `sessions/` and `sessions` name the same objects. */
function trimSlashes(s: SymStr): SymStr {
  const parts = s.parts.map((p) => ({ ...p }));
  const first = parts[0];
  if (first?.kind === 'lit') first.text = first.text.replace(/^\/+/, '');
  const last = parts[parts.length - 1];
  if (last?.kind === 'lit') last.text = last.text.replace(/\/+$/, '');
  return { parts: parts.filter((p) => p.kind !== 'lit' || p.text !== '') };
}

function literalOf(s: SymStr): string | undefined {
  return s.parts.length === 1 && s.parts[0].kind === 'lit' ? s.parts[0].text : undefined;
}

const RUNTIME_LOGS = '/aws/bedrock-agentcore/runtimes/';

/** The component's own requests for this requirement, when it determines them; else undefined. */
export function ownRequests(req: PermissionRequirement, role: Role, comp: AgentCoreComponent | undefined, d: Defaults): OwnRequests | undefined {
  if (!comp) return undefined;
  const f = comp.facts as Record<string, unknown>;
  const both = (build: (literals: boolean) => SymStr[]) => [build(true), build(false)];
  const base = (literals: boolean, service: string, region: SymStr, account: SymStr): SymStr => {
    const partition: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'partition' } }] };
    return spell(concat(lit('arn:'), partition, lit(`:${service}:`), region, lit(':'), account, lit(':')), role, d, literals);
  };
  const region: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'region' } }] };
  const account: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'account' } }] };
  switch (req.id) {
    case 'runtime.R1': {
      const image = (f.image as SymStr | undefined) ?? (comp.facts.ecrRepository && cutAt(comp.facts.ecrRepository, '.dkr.ecr') ? comp.facts.ecrRepository : undefined);
      const parsed = image && parseEcrImage(image);
      if (!parsed) return undefined;
      const variants = both((literals) => [concat(base(literals, 'ecr', parsed.region, parsed.account), lit('repository/'), parsed.repository)]);
      const mine = literalOf(parsed.account);
      const roleAccount = role.provider?.account ?? d.account;
      return { variants, from: [comp.address], complete: true, ...(mine && roleAccount && mine !== roleAccount ? { otherAccount: mine } : {}) };
    }
    case 'runtime.R3':
    case 'runtime.R6': {
      const name = comp.facts.name;
      if (!name || !name.parts.length) return undefined;
      const tail = req.id === 'runtime.R3' ? '-*' : '-*:log-stream:*';
      const variants = both((literals) => [concat(base(literals, 'logs', region, account), lit(`log-group:${RUNTIME_LOGS}`), name, lit(tail))]);
      return { variants, from: [comp.address], complete: true };
    }
    case 'gateway.G1': {
      const fns = f.lambdaFunctions as { arn: SymStr; from: string }[] | undefined;
      if (!fns || !fns.length) return undefined;
      const variants = both((literals) => fns.map((x) => spell(x.arn, role, d, literals)));
      return { variants, from: fns.map((x) => x.from), complete: f.lambdaFunctionsComplete === true };
    }
    case 'gateway.G3':
    case 'gateway.G4': {
      const list = f[req.id === 'gateway.G3' ? 'oauthProviders' : 'apiKeyProviders'] as { arn: SymStr; from: string }[] | undefined;
      if (!list || !list.length) return undefined;
      const variants = both((literals) => list.map((x) => spell(x.arn, role, d, literals)));
      return { variants, from: list.map((x) => x.from), complete: f.lambdaFunctionsComplete === true };
    }
    case 'gateway.G14': {
      // each runtime target: the runtime and the endpoint it calls (InvokeAgentRuntime requires both)
      const targets = f.runtimeTargets as RuntimeTarget[] | undefined;
      if (!targets || !targets.length) return undefined;
      const variants = both((literals) => targets.flatMap((t) => [spell(t.runtime, role, d, literals), spell(concat(t.runtime, lit('/runtime-endpoint/'), t.qualifier), role, d, literals)]));
      const resourcePolicies = targets.flatMap((t) => [t.resourcePolicy, t.resourcePolicy]);
      return {
        variants, from: targets.flatMap((t) => [t.from, t.from]), complete: f.lambdaFunctionsComplete === true && f.runtimeTargetsComplete === true,
        ...(resourcePolicies.some((x) => x) ? { resourcePolicies } : {}),
      };
    }
    case 'browser.B1': {
      const locs = f.recordingLocations as { bucket: SymStr; prefix?: SymStr }[] | undefined;
      if (!locs || !locs.length) return undefined;
      const resource = (l: { bucket: SymStr; prefix?: SymStr }, literals: boolean) => {
        const partition: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'partition' } }] };
        const prefix = l.prefix && l.prefix.parts.length ? trimSlashes(l.prefix) : undefined;
        return spell(concat(lit('arn:'), partition, lit(':s3:::'), l.bucket, lit('/'), ...(prefix && prefix.parts.length ? [prefix, lit('/')] : []), lit('*')), role, d, literals);
      };
      const variants = both((literals) => locs.map((l) => resource(l, literals)));
      return { variants, from: locs.map(() => comp.address), complete: f.recordingComplete === true };
    }
    case 'browser.B1': {
      const locs = f.recordingLocations as { bucket: SymStr; prefix?: SymStr }[] | undefined;
      if (!locs || !locs.length) return undefined;
      const resource = (l: { bucket: SymStr; prefix?: SymStr }, literals: boolean) => {
        const partition: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'partition' } }] };
        const prefix = l.prefix && l.prefix.parts.length ? trimSlashes(l.prefix) : undefined;
        return spell(concat(lit('arn:'), partition, lit(':s3:::'), l.bucket, lit('/'), ...(prefix && prefix.parts.length ? [prefix, lit('/')] : []), lit('*')), role, d, literals);
      };
      const variants = both((literals) => locs.map((l) => resource(l, literals)));
      return { variants, from: locs.map(() => comp.address), complete: f.recordingComplete === true };
    }
    case 'memory.MK1': {
      const streams = f.streams as SymStr[] | undefined;
      if (!streams || !streams.length) return undefined;
      const variants = both((literals) => streams.map((s) => spell(s, role, d, literals)));
      return { variants, from: streams.map(() => comp.address), complete: f.streamsComplete === true };
    }
    default:
      return undefined;
  }
}

/**
 * A resource as a catalog template (`${partition}`, `${region}`, `${account}` for the symbols), for
 * the fix, which uses it only where the documented statement has placeholders of its own: a part the
 * analysis does not know (a credential provider's token vault) is written `*` inside a resource part
 * that names the rest; undefined when it is the whole resource part or more.
 */
export function asTemplate(s: SymStr): string | undefined {
  let out = '';
  for (const p of s.parts) {
    if (p.kind === 'lit') out += p.text;
    else if (p.kind === 'sym' && (p.sym.kind === 'partition' || p.sym.kind === 'region' || p.sym.kind === 'account')) out += `\${${p.sym.kind}}`;
    else if (p.kind === 'unknown' && /:[^:]*\/$/.test(out)) out += '*';
    else return undefined;
  }
  return out;
}

/**
 * IAM in one account allows a request that the identity policy or the resource's own policy allows:
 * a missing verdict on the component's own resources becomes unknown when every resource left
 * ungranted has a resource-based policy that may allow it (`ownReq.resourcePolicies`), naming it.
 * `granted(i)`: whether the role grants the i-th resource on its own.
 */
export function resourcePolicyMayAllow(result: EvaluationResult, ownReq: OwnRequests | undefined, count: number, granted: (i: number) => boolean): EvaluationResult {
  const rp = ownReq?.resourcePolicies;
  // an explicit Deny of the role's own policies overrides any Allow of the resource's policy
  if (result.verdict !== 'missing' || !rp || result.deniedBy?.length) return result;
  const open: string[] = [];
  for (let i = 0; i < count; i++) {
    if (count > 1 && granted(i)) continue;
    const why = rp[i];
    if (!why) return result;
    if (!open.includes(why)) open.push(why);
  }
  if (!open.length) return result;
  return { ...result, verdict: 'unknown', dependsOn: [...new Set([...result.dependsOn, ...open])], unknownActions: undefined, missingActions: undefined };
}
