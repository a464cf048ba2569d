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
 * - memory.M1 (model invocation): the models of its strategies' overrides (modelResources below);
 * - memory.MS1 / MS2 (self-managed strategies): `arn:<partition>:s3:::<bucket>` and its objects, and
 *   the topic ARN, of each strategy's invocation configuration.
 *
 * How the analysis uses them (analyze.ts checkPermission): when the component's own requests are
 * known completely they are what is judged: a role that grants them is granted (with a hint-level
 * `narrow-grant` finding when the documented statement is not granted: a rename can break it), one
 * that does not is missing on the resources not covered, named with what requests them. When they
 * are not known completely (a gateway whose targets may be declared elsewhere, a model id from a
 * variable), a missing one is still a real gap; otherwise the documented statement is judged, and
 * where it is missing while every known own request is granted the verdict is unknown, naming what
 * the requests not known depend on (incompleteOwnMayAllow). The quick fix writes the documented
 * statement either way.
 *
 * Across accounts: an own resource whose ARN names another literal account than the role's, or an S3
 * bucket of the configuration placed in another account (`owners`: an S3 ARN names none) (`foreign`)
 * needs its resource-based policy to allow the role as well (IAM across accounts); a granted or
 * missing verdict on it says so (otherAccountNote: information, as runtime.R1's image repository),
 * and the request context then has aws:ResourceAccount = that account (or none when they differ),
 * never the role's.
 */
import type { AgentCoreComponent, EvaluationResult, Part, PermissionRequirement, Role, SymStr } from '../model';
import type { AnalysisSettings } from '../settings';
import { lit } from '../iam/glob';
import { sameData } from '../same';
import { renderSym, symbolSpelling } from './requirements';
import type { RuntimeTarget } from '../terraform/runtime-targets';
import type { OwnRequestMessages } from '../messages/own-requests';

export interface OwnRequests {
  /** One resource list per spelling (literal, then symbolic), as checkPermission's variants. */
  variants: SymStr[][];
  /** What requests each resource (same order as each variant): a target's or the component's address. */
  from: string[];
  /** True when these are all the resources the component requests for this requirement. */
  complete: boolean;
  /** When not complete: what the requests not known depend on (incompleteOwnMayAllow names them). */
  openBecause?: string[];
  /** The literal account of an image repository that is not the role's. */
  otherAccount?: string;
  /**
   * Own resources in another literal account than the role's (also known): IAM needs their
   * resource-based policy to allow the role as well as the role's own policy, and the request
   * context's aws:ResourceAccount is not the role's account. `note`: the resources whose resource-based
   * policy the findings name (R1 has its own sentence, otherAccount).
   */
  foreign?: { accounts: string[]; note: { account: string; resources: string[] }[]; single?: string };
  /** The account of each resource (same order as `from`) where its ARN does not name it (an S3 bucket of a known account). */
  owners?: (string | undefined)[];
  /**
   * What else may allow each resource (same order as `from`): a resource-based policy that may grant
   * the role (gateway.G14: the runtime's), so that a gap there is unknown, not missing (resourcePolicyMayAllow).
   */
  resourcePolicies?: (string | undefined)[];
}

type Defaults = NonNullable<AnalysisSettings['defaults']>;

/** The partition, region and account symbols, spelled per role later (`spell`); never mutated. */
const PARTITION: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'partition' } }] };
const REGION: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'region' } }] };
const ACCOUNT: SymStr = { parts: [{ kind: 'sym', sym: { kind: 'account' } }] };

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

/** The facts' flags each requirement's completeness rests on (component-requests.ts openBecause). */
const OPEN_FLAGS: Record<string, string[]> = {
  'gateway.G1': ['lambdaFunctionsComplete'], 'gateway.G3': ['lambdaFunctionsComplete'], 'gateway.G4': ['lambdaFunctionsComplete'],
  'gateway.G14': ['lambdaFunctionsComplete', 'runtimeTargetsComplete'], 'browser.B1': ['recordingComplete'], 'memory.M1': ['modelsComplete'],
  'memory.MS1': ['selfManagedComplete'], 'memory.MS2': ['selfManagedComplete'], 'memory.MK1': ['streamsComplete'],
};

/** The component's own requests for this requirement, when it determines them; else undefined. */
export function ownRequests(req: PermissionRequirement, role: Role, comp: AgentCoreComponent | undefined, d: Defaults): OwnRequests | undefined {
  const read = readOwnRequests(req, role, comp, d);
  const own = read && foreignOf(read, req, role.provider?.account ?? d.account);
  if (!own || own.complete || !comp) return own;
  // what the requests not known depend on, as the reading names it, else in general
  const named = (comp.facts as { openBecause?: Record<string, string[]> }).openBecause ?? {};
  const open = [...new Set([...(own.openBecause ?? []), ...(OPEN_FLAGS[req.id] ?? []).flatMap((k) => named[k] ?? [])])];
  return { ...own, openBecause: open.length ? open : [`resources of ${comp.address} that the configuration does not tell`] };
}

/** Requirements whose resources have a resource-based policy that can let a role of another account in. */
const RESOURCE_POLICY_NOTE = new Set(['gateway.G1', 'gateway.G14', 'memory.MK1', 'memory.MS1', 'memory.MS2', 'browser.B1']);

/** The literal account of an ARN (its fifth segment, twelve digits), or undefined. */
export function arnAccount(s: SymStr): string | undefined {
  const text = s.parts.map((p) => (p.kind === 'lit' ? p.text : '\u0000')).join('');
  const segs = text.split(':');
  return segs[0] === 'arn' && segs.length >= 6 && /^\d{12}$/.test(segs[4]) ? segs[4] : undefined;
}

/** `own` with the resources in another literal account than the role's (`roleAccount`, when known). */
function foreignOf(own: OwnRequests, req: PermissionRequirement, roleAccount: string | undefined): OwnRequests {
  if (!roleAccount || !/^\d{12}$/.test(roleAccount)) return own;
  const byAccount = new Map<string, string[]>();
  let mixed = false;
  for (const [i, r] of (own.variants[0] ?? []).entries()) {
    const a = own.owners?.[i] ?? arnAccount(r);
    if (!a || a === roleAccount) {
      mixed = true;
      continue;
    }
    const text = renderSym(r);
    const list = byAccount.get(a) ?? [];
    if (!list.includes(text)) list.push(text);
    byAccount.set(a, list);
  }
  if (!byAccount.size) return own;
  const note = RESOURCE_POLICY_NOTE.has(req.id) ? [...byAccount].map(([account, resources]) => ({ account, resources })) : [];
  // aws:ResourceAccount: that account when every resource requested is in it
  const single = !mixed && byAccount.size === 1 ? [...byAccount.keys()][0] : undefined;
  return { ...own, foreign: { accounts: [...byAccount.keys()], note, ...(single ? { single } : {}) } };
}

function readOwnRequests(req: PermissionRequirement, role: Role, comp: AgentCoreComponent | undefined, d: Defaults): OwnRequests | undefined {
  if (!comp) return undefined;
  const f = comp.facts as Record<string, unknown>;
  const both = (build: (literals: boolean) => SymStr[]) => [build(true), build(false)];
  const base = (literals: boolean, service: string, region: SymStr, account: SymStr): SymStr =>
    spell(concat(lit('arn:'), PARTITION, lit(`:${service}:`), region, lit(':'), account, lit(':')), role, d, literals);
  switch (req.id) {
    case 'runtime.R1': {
      const image = (f.image as SymStr | undefined) ?? (comp.facts.ecrRepository && cutAt(comp.facts.ecrRepository, '.dkr.ecr') ? comp.facts.ecrRepository : undefined);
      const parsed = image && parseEcrImage(image);
      if (!parsed) {
        // an image the analysis cannot read (from a variable): some ECR repository, named by the expression;
        // granting no repository is missing, granting some is unknown (incompleteOwnMayAllow)
        const exprs = [...new Set((image?.parts ?? []).flatMap((p) => (p.kind === 'unknown' ? [p.expr] : [])))];
        if (!exprs.length) return undefined;
        const some = exprs.map((expr) => concat(lit('arn:'), PARTITION, lit(':ecr:'), { parts: [{ kind: 'unknown', expr }] }));
        const variants = both((literals) => some.map((r) => spell(r, role, d, literals)));
        return { variants, from: some.map(() => comp.address), complete: false, openBecause: exprs.map((e) => `the repository of the image ${e}`) };
      }
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
      const variants = both((literals) => [concat(base(literals, 'logs', REGION, ACCOUNT), lit(`log-group:${RUNTIME_LOGS}`), name, lit(tail))]);
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
      // In another account the role's own policy is needed whatever the runtime's policy says (IAM: both must allow).
      const roleAccount = role.provider?.account ?? d.account;
      const policyOf = (t: RuntimeTarget) => {
        const other = arnAccount(t.runtime);
        return roleAccount && other && other !== roleAccount ? undefined : t.resourcePolicy;
      };
      const resourcePolicies = targets.flatMap((t) => [policyOf(t), policyOf(t)]);
      return {
        variants, from: targets.flatMap((t) => [t.from, t.from]), complete: f.lambdaFunctionsComplete === true && f.runtimeTargetsComplete === true,
        ...(resourcePolicies.some((x) => x) ? { resourcePolicies } : {}),
      };
    }
    case 'browser.B1': {
      const locs = f.recordingLocations as { bucket: SymStr; prefix?: SymStr; owner?: string }[] | undefined;
      if (!locs || !locs.length) return undefined;
      const resource = (l: { bucket: SymStr; prefix?: SymStr }, literals: boolean) => {
        const prefix = l.prefix && l.prefix.parts.length ? trimSlashes(l.prefix) : undefined;
        return spell(concat(lit('arn:'), PARTITION, lit(':s3:::'), l.bucket, lit('/'), ...(prefix && prefix.parts.length ? [prefix, lit('/')] : []), lit('*')), role, d, literals);
      };
      const variants = both((literals) => locs.map((l) => resource(l, literals)));
      const owners = locs.map((l) => l.owner);
      return { variants, from: locs.map(() => comp.address), complete: f.recordingComplete === true, ...(owners.some((o) => o) ? { owners } : {}) };
    }
    case 'memory.M1': {
      const models = (f.models as { id: string; from: string }[] | undefined) ?? [];
      const list: { r: SymStr; from: string }[] = [];
      let complete = f.modelsComplete === true;
      const behind: string[] = [];
      for (const m of models) {
        const read = modelResources(m.id);
        if (!read.complete) {
          complete = false;
          behind.push(`the models behind ${m.id}`);
        }
        for (const r of read.resources) {
          const same = list.find((x) => sameData(x.r, r));
          if (!same) list.push({ r, from: m.from });
          else if (!same.from.split(', ').includes(m.from)) same.from += `, ${m.from}`;
        }
      }
      // a model id from an expression the analysis cannot read: some Bedrock model, named by it
      const ids = (f.openBecause as Record<string, string[]> | undefined)?.modelIds ?? [];
      if (!list.length) {
        for (const expr of ids) list.push({ r: concat(lit('arn:'), PARTITION, lit(':bedrock:'), { parts: [{ kind: 'unknown', expr }] }), from: comp.address });
      }
      if (!list.length) return undefined;
      const variants = both((literals) => list.map((x) => spell(x.r, role, d, literals)));
      return { variants, from: list.map((x) => x.from), complete, ...(behind.length ? { openBecause: behind } : {}) };
    }
    case 'memory.MS1':
    case 'memory.MS2': {
      const list = req.id === 'memory.MS1'
        ? ((f.payloadBuckets as { bucket: SymStr; from: string; owner?: string }[] | undefined) ?? []).flatMap((b) => [
          { r: concat(lit('arn:'), PARTITION, lit(':s3:::'), b.bucket), from: b.from, owner: b.owner },
          { r: concat(lit('arn:'), PARTITION, lit(':s3:::'), b.bucket, lit('/*')), from: b.from, owner: b.owner },
        ])
        : ((f.topics as { arn: SymStr; from: string }[] | undefined) ?? []).map((t) => ({ r: t.arn, from: t.from, owner: undefined as string | undefined }));
      if (!list.length) return undefined;
      const variants = both((literals) => list.map((x) => spell(x.r, role, d, literals)));
      const owners = list.map((x) => x.owner);
      return { variants, from: list.map((x) => x.from), complete: f.selfManagedComplete === true, ...(owners.some((o) => o) ? { owners } : {}) };
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

/** Prefixes of Bedrock's cross-region (system-defined) inference profile ids: `<geo>.<model id>`. */
const GEO_PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'];


/**
 * What a memory strategy's `model_id` makes the service invoke (bedrock:InvokeModel*), its partition,
 * region and account symbols spelled later (the memory's provider):
 * - a foundation model id (`anthropic.claude-…`): `arn:<partition>:bedrock:<region>::foundation-model/<id>`;
 * - a cross-region inference profile id (`us.`, `eu.`, `apac.`, `global.`, … then a foundation model
 *   id): `arn:<partition>:bedrock:<region>:<account>:inference-profile/<id>` and the foundation model
 *   in every region it routes to, written with a named symbol for the region: a grant on `*` there
 *   (or a pattern that covers every region) covers it, one that names some regions is unknown (the
 *   regions a profile routes to are not in the configuration), one on another model is missing;
 * - an ARN: itself (a system-defined inference profile's with its foundation models as above); an
 *   application inference profile, a provisioned or custom model: the models behind it are not
 *   known (not complete);
 * - anything else (no provider prefix, an unknown geography): nothing, not complete.
 */
export function modelResources(id: string): { resources: SymStr[]; complete: boolean } {
  const routed = (p: SymStr, profile: string, model: string): SymStr =>
    concat(lit('arn:'), p, lit(':bedrock:'), { parts: [{ kind: 'sym', sym: { kind: 'named', name: `${profile} regions` } }] }, lit(`::foundation-model/${model}`));
  const profileModel = (profile: string): string | undefined => {
    const dot = profile.indexOf('.');
    const rest = profile.slice(dot + 1);
    return dot > 0 && GEO_PREFIXES.includes(profile.slice(0, dot)) && /^[a-z0-9-]+\.[^.]/.test(rest) ? rest : undefined;
  };
  if (id.startsWith('arn:')) {
    const segs = id.split(':');
    if (segs.length < 6 || segs[2] !== 'bedrock') return { resources: [lit(id)], complete: false };
    const resource = segs.slice(5).join(':');
    if (resource.startsWith('foundation-model/')) return { resources: [lit(id)], complete: true };
    if (resource.startsWith('inference-profile/')) {
      const profile = resource.slice('inference-profile/'.length);
      const model = profileModel(profile);
      return model ? { resources: [lit(id), routed(lit(segs[1]), profile, model)], complete: true } : { resources: [lit(id)], complete: false };
    }
    return { resources: [lit(id)], complete: false };
  }
  const model = profileModel(id);
  if (model) return { resources: [concat(lit('arn:'), PARTITION, lit(':bedrock:'), REGION, lit(':'), ACCOUNT, lit(`:inference-profile/${id}`)), routed(PARTITION, id, model)], complete: true };
  const dot = id.indexOf('.');
  // a foundation model id: `<provider>.<model>` (one dot; a geography prefix alone is no provider)
  if (dot > 0 && !GEO_PREFIXES.includes(id.slice(0, dot)) && !id.includes('.', dot + 1) && /^[a-z0-9-]+$/.test(id.slice(0, dot))) {
    return { resources: [concat(lit('arn:'), PARTITION, lit(':bedrock:'), REGION, lit(`::foundation-model/${id}`))], complete: true };
  }
  return { resources: [], complete: false };
}

/**
 * A resource as a catalog template (`${partition}`, `${region}`, `${account}` for the symbols), for
 * the fix, which uses it only where the documented statement has placeholders of its own: a part the
 * analysis does not know (a credential provider's token vault) is written `*` inside a resource part
 * that names the rest, and so is a named symbol after a slash there (a runtime's generated id suffix:
 * `runtime/<name>-*`); undefined when it is the whole resource part or more.
 */
export function asTemplate(s: SymStr): string | undefined {
  let out = '';
  for (const p of s.parts) {
    if (p.kind === 'lit') out += p.text;
    else if (p.kind === 'sym' && (p.sym.kind === 'partition' || p.sym.kind === 'region' || p.sym.kind === 'account')) out += `\${${p.sym.kind}}`;
    else if (p.kind === 'unknown' && /:[^:]*\/$/.test(out)) out += '*';
    // a named symbol after a slash of the resource part (a runtime's generated id suffix): any value there
    else if (p.kind === 'sym' && p.sym.kind === 'named' && /:[^:]*\/[^:]*$/.test(out)) out += '*';
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

/**
 * Own requests not all known (a model id from a variable, targets that may be declared outside this
 * module) judged on the documented statement: when that is missing but every known own request is
 * granted (or unknown), the requests not known may be granted too, so the verdict is unknown, naming
 * what they depend on (`ownReq.openBecause`). A known own request that is not granted keeps it
 * missing, and so does a Deny that certainly denies the documented statement. `judgeOwn`: the
 * verdicts of the own requests in each spelling (asked only when needed).
 */
export function incompleteOwnMayAllow(result: EvaluationResult, ownReq: OwnRequests | undefined, judgeOwn: () => EvaluationResult[]): EvaluationResult {
  if (!ownReq || ownReq.complete || result.verdict === 'granted' || result.deniedBy?.length) return result;
  const own = judgeOwn();
  const best = own.find((r) => r.verdict === 'granted') ?? own.find((r) => r.verdict === 'unknown');
  if (!best) return result;
  const open = ownReq.openBecause ?? [];
  // unknown already (the documented statement's placeholder): the requests not known come first in what it depends on
  if (result.verdict === 'unknown') return best.verdict === 'granted' ? { ...result, dependsOn: [...new Set([...open, ...result.dependsOn])] } : result;
  const dependsOn = [...new Set([...(best.verdict === 'unknown' ? best.dependsOn : []), ...open, ...result.dependsOn])];
  return { ...result, verdict: 'unknown', dependsOn, unknownActions: undefined, missingActions: undefined };
}

/**
 * The sentence that says another account's resource policy must allow the role too: the image
 * repository's (runtime.R1, `otherAccount`), or each other account's resources (`foreign.note`);
 * undefined when every own resource is in the role's account (or that is not known).
 */
export function otherAccountNote(ownReq: OwnRequests | undefined, om: OwnRequestMessages, actions: string[]): string | undefined {
  if (!ownReq) return undefined;
  if (ownReq.otherAccount) return om.otherAccountRepository(ownReq.otherAccount);
  const notes = (ownReq.foreign?.note ?? []).map((n) => om.otherAccountResource({ resources: n.resources, account: n.account, actions }));
  return notes.length ? notes.join(' ') : undefined;
}
