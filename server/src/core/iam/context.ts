/**
 * The request context an AgentCore service sends when it uses a role for one requirement (issue #22
 * item 3): the global condition keys the component determines, added to the catalog's own
 * (`cloudwatch:namespace`, ...). A policy condition on a key named here is decided; on any other key
 * it stays unknown.
 *
 * - `aws:SecureTransport`: true (the service calls AWS over TLS).
 * - `aws:PrincipalAccount`: the role's account.
 * - `aws:PrincipalArn`: the role's ARN, when it is known whole (the live audit's roles; a Terraform
 *   role's path is not in the model, so its ARN is not told).
 * - `aws:RequestedRegion`: the component's region, when every resource of the requirement is `*` or
 *   in that region (`${region}` in its region segment) and no action belongs to a service whose
 *   requests may go to another region or a global endpoint (IAM, STS, S3 buckets, Bedrock's
 *   cross-region inference, Marketplace).
 * - `aws:ResourceAccount`: the role's account, when every resource is an ARN in that account.
 *
 * The region and account are the provider's literals when the configuration fixes them (or the
 * settings' defaults), else the `region`/`account` symbols, which match only a policy value written
 * with the same symbol (`data.aws_region.current.name`).
 */
import type { Part, PermissionRequirement, RequirementCondition, SymStr } from '../model';
import { keptOn } from '../kept';

/** Services whose requests may name another region than the component's, or a global endpoint. */
const NOT_HOME_REGION = new Set(['iam', 'sts', 's3', 's3files', 'bedrock', 'bedrock-mantle', 'aws-marketplace', 'organizations', 'cloudfront', 'route53']);

export interface ContextValues {
  partition?: string;
  region?: string;
  account?: string;
  /** The role's whole ARN, when known. */
  roleArn?: string;
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

/** The context keys the service sends for this requirement, the catalog's own first (never changed by the caller: shared). */
export function requestContext(req: PermissionRequirement, v: ContextValues): RequirementCondition[] {
  const byValues = keptOn(req, CONTEXTS, () => new Map<string, RequirementCondition[]>());
  const k = `${v.partition ?? ''}\u0000${v.region ?? ''}\u0000${v.account ?? ''}\u0000${v.roleArn ?? ''}`;
  let out = byValues.get(k);
  if (!out) {
    if (byValues.size >= CONTEXTS_MAX) byValues.clear();
    byValues.set(k, (out = makeContext(req, v)));
  }
  return out;
}

function makeContext(req: PermissionRequirement, v: ContextValues): RequirementCondition[] {
  const out: RequirementCondition[] = [...(req.context ?? [])];
  const have = new Set(out.map((c) => c.key.toLowerCase()));
  const add = (c: RequirementCondition) => {
    if (!have.has(c.key.toLowerCase())) out.push(c);
  };
  const account = sym('account', v.account);
  add({ operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] });
  add(key('aws:PrincipalAccount', account));
  if (v.roleArn) add({ operator: 'ArnEquals', key: 'aws:PrincipalArn', values: [v.roleArn] });
  const services = req.actions.map((a) => a.slice(0, a.indexOf(':')).toLowerCase());
  const segs = req.resources.map(segments);
  const homeRegion = services.every((s) => !NOT_HOME_REGION.has(s)) && segs.every((s) => s === undefined || s[3] === '${region}');
  if (homeRegion) add(key('aws:RequestedRegion', sym('region', v.region)));
  if (segs.length && segs.every((s) => s !== undefined && s[4] === '${account}')) add(key('aws:ResourceAccount', account));
  return out;
}
