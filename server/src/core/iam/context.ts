/**
 * The request context an AgentCore service sends when it uses a role for one requirement (issue #22
 * item 3): the global condition keys the component determines, added to the catalog's own
 * (`cloudwatch:namespace`, ...). A policy condition on a key named here is decided; on any other key
 * it stays unknown.
 *
 * - `aws:SecureTransport`: true (the service calls AWS over TLS).
 * - `aws:PrincipalAccount`: the role's account.
 * - `aws:PrincipalArn`: the role's ARN: the live audit's, or a Terraform role's
 *   `arn:<partition>:iam::<account>:role<path><name>` (roleArnOf: its `path`, `/` by default; a name
 *   from a variable without a value, a name_prefix's generated suffix or a generated name unknown).
 * - `aws:RequestedRegion`: the component's region, when every resource of the requirement is `*` or
 *   in that region (`${region}` in its region segment) and no action belongs to a service whose
 *   requests may go to another region or a global endpoint (IAM, STS, S3 buckets, Bedrock's
 *   cross-region inference, Marketplace).
 * - `aws:ResourceAccount`: the role's account, when every resource is an ARN in that account, or when
 *   the catalog says the service sends it (PermissionRequirement.resourceAccountSent: memory M1); not when
 *   a component's own resource is in another literal account: `otherAccounts`, that account when
 *   every resource requested is in it.
 *
 * The region and account are the provider's literals when the configuration fixes them (or the
 * settings' defaults), else the `region`/`account` symbols, which match only a policy value written
 * with the same symbol (`data.aws_region.current.name`).
 */
import type { Part, PermissionRequirement, RequirementCondition, Role, RoleKind, SymStr } from '../model';
import { keptOn } from '../kept';

/** Services whose requests may name another region than the component's, or a global endpoint. */
const NOT_HOME_REGION = new Set(['iam', 'sts', 's3', 's3files', 'bedrock', 'bedrock-mantle', 'aws-marketplace', 'organizations', 'cloudfront', 'route53']);

export interface ContextValues {
  partition?: string;
  region?: string;
  account?: string;
  /** The role's whole ARN, when known. */
  roleArn?: string;
  /** The role's ARN with the parts the analysis does not know (roleArnOf), when roleArn is not given. */
  roleArnSym?: SymStr;
  /**
   * Some resource requested is in another account than the role's (a component's own resource): no
   * aws:ResourceAccount, or this one account when every resource requested is in it.
   */
  otherAccounts?: boolean | string;
}

/**
 * A Terraform role's ARN, `arn:<partition>:iam::<account>:role<path><name>`: the partition and account
 * the literals given (the provider's, the settings') or their symbols; the name unknown after a
 * name_prefix (Terraform's suffix) or when the configuration writes none (Terraform generates it).
 * Undefined for a role whose path is not read (live roles: their address is the ARN).
 */
export function roleArnOf(role: Role, v: { partition?: string; account?: string }): SymStr | undefined {
  if (!role.path) return undefined;
  // Kept on the role by the two values (core/kept.ts): asked for each requirement, in both spellings.
  const byValues = keptOn(role, ROLE_ARNS, newRoleArns);
  const k = `${v.partition ?? ''}\u0000${v.account ?? ''}`;
  let arn = byValues.get(k);
  if (!arn) {
    if (byValues.size >= 8) byValues.clear();
    byValues.set(k, (arn = makeRoleArn(role, role.path, v)));
  }
  return arn;
}

const ROLE_ARNS = Symbol('role ARNs');
const newRoleArns = () => new Map<string, SymStr>();

function makeRoleArn(role: Role, path: SymStr, v: { partition?: string; account?: string }): SymStr {
  const parts: Part[] = [];
  const push = (p: Part) => {
    const last = parts[parts.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') parts[parts.length - 1] = { kind: 'lit', text: last.text + p.text };
    else parts.push(p);
  };
  push({ kind: 'lit', text: 'arn:' });
  push(sym('partition', v.partition).parts[0]);
  push({ kind: 'lit', text: ':iam::' });
  push(sym('account', v.account).parts[0]);
  push({ kind: 'lit', text: ':role' });
  for (const p of path.parts) push(p);
  for (const p of role.name?.parts ?? []) push(p);
  if (!role.name || role.namePrefix) push({ kind: 'unknown', expr: `${role.address}.name` });
  return { parts };
}

const sym = (kind: 'partition' | 'region' | 'account', literal: string | undefined): SymStr =>
  ({ parts: [literal ? { kind: 'lit', text: literal } : { kind: 'sym', sym: { kind } }] as Part[] });

const key = (k: string, v: SymStr, operator = 'StringEquals'): RequirementCondition => {
  const text = v.parts.length === 1 && v.parts[0].kind === 'lit' ? v.parts[0].text : undefined;
  return text !== undefined ? { operator, key: k, values: [text] } : { operator, key: k, values: [], symValues: [v] };
};

/** The ARN segments of a catalog resource template (`arn:${partition}:logs:${region}:${account}:...`), or undefined for `*`. */
function segments(template: string): string[] | undefined {
  if (template === '*') return undefined;
  return template.split(':');
}

/**
 * Under which a requirement keeps its contexts by their values (core/kept.ts): the catalog's
 * requirements live as long as the server, and the same few provider values come for every role.
 * The same array (and symbolic values) each time lets the evaluator's compiled patterns be reused.
 * Emptied past CONTEXTS_MAX value sets (a region typed letter by letter makes one per keystroke).
 */
const CONTEXTS = Symbol('request contexts');
const CONTEXTS_MAX = 64;

/**
 * The context keys the service sends for this requirement, the catalog's own first (never changed by
 * the caller: shared). A Terraform role's aws:PrincipalArn (roleArnSym) is its own: the keys before
 * and after it are kept per requirement and values, and the role's key put between them.
 */
export function requestContext(req: PermissionRequirement, v: ContextValues): RequirementCondition[] {
  const byValues = keptOn(req, CONTEXTS, newContexts);
  const k = `${v.partition ?? ''}\u0000${v.region ?? ''}\u0000${v.account ?? ''}\u0000${v.roleArn ?? ''}${v.otherAccounts ? `\u0000other:${v.otherAccounts}` : ''}`;
  let made = byValues.get(k);
  if (!made) {
    if (byValues.size >= CONTEXTS_MAX) byValues.clear();
    byValues.set(k, (made = makeContext(req, v)));
  }
  if (v.roleArn || !v.roleArnSym || !made.arnAt) return made.whole;
  return [...made.before, principalArnOf(v.roleArnSym), ...made.after];
}

const newContexts = () => new Map<string, MadeContext>();

/** A context without a Terraform role's ARN (whole), and where that ARN goes when the catalog's keys do not name aws:PrincipalArn (arnAt). */
interface MadeContext {
  whole: RequirementCondition[];
  arnAt: boolean;
  before: RequirementCondition[];
  after: RequirementCondition[];
}

/** The aws:PrincipalArn a role's ARN sends, one per ARN object (roleArnOf keeps them on the role). */
const PRINCIPAL_ARN = Symbol('aws:PrincipalArn');

function principalArnOf(arn: SymStr): RequirementCondition {
  return keptOn(arn, PRINCIPAL_ARN, makePrincipalArn);
}

function makePrincipalArn(arn: SymStr): RequirementCondition {
  return arn.parts.every((p) => p.kind === 'lit')
    ? { operator: 'ArnEquals', key: 'aws:PrincipalArn', values: [arn.parts.map((p) => (p as { text: string }).text).join('')] }
    : { operator: 'ArnEquals', key: 'aws:PrincipalArn', values: [], symValues: [arn] };
}

function makeContext(req: PermissionRequirement, v: ContextValues): MadeContext {
  const out: RequirementCondition[] = [...(req.context ?? [])];
  const have = new Set(out.map((c) => c.key.toLowerCase()));
  const add = (c: RequirementCondition) => {
    if (!have.has(c.key.toLowerCase())) out.push(c);
  };
  const account = sym('account', v.account);
  add({ operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] });
  add(key('aws:PrincipalAccount', account));
  if (v.roleArn) add({ operator: 'ArnEquals', key: 'aws:PrincipalArn', values: [v.roleArn] });
  // A Terraform role's ARN goes here (requestContext), unless the catalog's keys name it.
  const arnAt = !v.roleArn && !have.has('aws:principalarn');
  const split = out.length;
  const services = req.actions.map((a) => a.slice(0, a.indexOf(':')).toLowerCase());
  const segs = req.resources.map(segments);
  const homeRegion = services.every((s) => !NOT_HOME_REGION.has(s)) && segs.every((s) => s === undefined || s[3] === '${region}');
  if (homeRegion) add(key('aws:RequestedRegion', sym('region', v.region)));
  if (typeof v.otherAccounts === 'string') add({ operator: 'StringEquals', key: 'aws:ResourceAccount', values: [v.otherAccounts] });
  // The catalog's resourceAccountSent (memory M1's foundation models: their ARNs hold no account), not
  // an official statement's condition alone (a recording bucket's account is not in its ARN).
  else if (!v.otherAccounts && ((segs.length && segs.every((s) => s !== undefined && s[4] === '${account}')) || req.resourceAccountSent)) add(key('aws:ResourceAccount', account));
  return { whole: out, arnAt, before: out.slice(0, split), after: out.slice(split) };
}

// --- what the service sends when it assumes the role ---------------------------------------------

/**
 * The resource part of the ARN AgentCore sends as `aws:SourceArn` when it assumes a role for a
 * component of this kind, before its generated id: `runtime/<id>`, `memory/<id>`, a gateway's
 * `gateway/<name>-<id>` (its id starts with its name, as the catalog's trust writes it); an
 * evaluation's `evaluator/<id>` or `online-evaluation-config/<id>` (the evaluations page lists both:
 * which one a request sends is not known). Kinds whose ARN form AWS's pages do not agree on (browsers
 * and code interpreters: conflict C5) or do not say have no entry: their whole resource part is unknown.
 */
const SOURCE_RESOURCE: Partial<Record<RoleKind, string[]>> = {
  runtime: ['runtime/'], gateway: ['gateway/'], memory: ['memory/'], evaluation: ['evaluator/', 'online-evaluation-config/'],
};

export interface TrustContextValues {
  /** Literals when known, else the symbols are used. */
  partition?: string;
  account?: string;
  /** The component's region; undefined: the `region` symbol, unless `regionUnknown` says it is not even that. */
  region?: string;
  /** No component of the configuration uses the role: its region is unknown (what it depends on). */
  regionUnknown?: string;
  kind: RoleKind;
  /** The component's name (a gateway's id starts with it), when known. */
  name?: SymStr;
  /** What the component's generated id (or its whole resource part) depends on, e.g. `aws_bedrockagentcore_agent_runtime.agent.id`. */
  id: string;
  /** The id as this literal instead (to ask whether a verdict depends on the id at all). */
  idLiteral?: string;
}

/** The component's ARN as the service sends it in `aws:SourceArn` (its possible forms): the generated id an unknown part. */
export function sourceArns(v: TrustContextValues): SymStr[] {
  return (SOURCE_RESOURCE[v.kind] ?? ['']).map((type) => sourceArn(v, type));
}

function sourceArn(v: TrustContextValues, type: string): SymStr {
  const parts: Part[] = [];
  const push = (p: Part) => {
    const last = parts[parts.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') last.text += p.text;
    else parts.push(p.kind === 'lit' ? { kind: 'lit', text: p.text } : p);
  };
  push({ kind: 'lit', text: 'arn:' });
  push(sym('partition', v.partition).parts[0]);
  push({ kind: 'lit', text: ':bedrock-agentcore:' });
  push(v.regionUnknown !== undefined ? { kind: 'unknown', expr: v.regionUnknown } : sym('region', v.region).parts[0]);
  push({ kind: 'lit', text: ':' });
  push(sym('account', v.account).parts[0]);
  push({ kind: 'lit', text: ':' });
  if (type) {
    push({ kind: 'lit', text: type });
    // A name with capitals is left out: whether the id keeps them is not documented.
    if (v.kind === 'gateway' && v.name?.parts.length && v.name.parts.every((p) => p.kind !== 'lit' || p.text === p.text.toLowerCase())) {
      for (const p of v.name.parts) push(p);
      push({ kind: 'lit', text: '-' });
    }
  }
  push(v.idLiteral !== undefined ? { kind: 'lit', text: v.idLiteral } : { kind: 'unknown', expr: v.id });
  return { parts };
}

/**
 * The keys AgentCore sends when it assumes a role (sts:AssumeRole by bedrock-agentcore.amazonaws.com
 * for one component): `aws:SourceAccount`, the component's account; `aws:SourceArn`, its ARN (the
 * generated id unknown: `...:runtime/*` matches whatever it is, a literal id is unknown);
 * `aws:ResourceAccount`, the role's account, the same (a role is passed to AgentCore in its own
 * account). A trust condition on them is judged by value (evaluate.ts evaluateTrust). One context
 * per form the ARN may take (an evaluation's two).
 */
export function trustContext(v: TrustContextValues): RequirementCondition[][] {
  const account = sym('account', v.account);
  return sourceArns(v).map((arn) => [
    key('aws:SourceAccount', account),
    { operator: 'ArnEquals', key: 'aws:SourceArn', values: [], symValues: [arn] },
    key('aws:ResourceAccount', account),
  ]);
}
