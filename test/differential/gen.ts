/**
 * Random IAM policies and concrete requests for the differential test (seeded, reproducible).
 * The oracle (@cloud-copilot/iam-simulate, AGPL) is used in tests only.
 */
import type { PolicyDocument, Statement, SymStr } from '../../server/src/core/model';

/** mulberry32: small, seeded, good enough for test generation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  constructor(readonly rnd: () => number) {}
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
}

/** Concrete (action, resource) requests that iam-simulate accepts (resource types match the action). */
export const REQUESTS: readonly { action: string; resource: string }[] = [
  { action: 'logs:PutLogEvents', resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/bedrock-agentcore/runtimes/agent-a1B2-DEFAULT:log-stream:2025/01/01/[runtime-logs]abc' },
  { action: 'logs:CreateLogStream', resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/bedrock-agentcore/runtimes/agent-a1B2-DEFAULT:log-stream:otel-rt-logs' },
  { action: 'logs:CreateLogGroup', resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/bedrock-agentcore/runtimes/agent-a1B2-DEFAULT' },
  { action: 'ecr:BatchGetImage', resource: 'arn:aws:ecr:eu-west-1:111122223333:repository/my-agent/repo' },
  { action: 'dynamodb:GetItem', resource: 'arn:aws:dynamodb:us-west-2:444455556666:table/Users' },
  { action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/api-key-AbCdEf' },
  { action: 'bedrock-agentcore:GetWorkloadAccessToken', resource: 'arn:aws:bedrock-agentcore:us-east-1:111122223333:workload-identity-directory/default/workload-identity/agent-1' },
  { action: 'bedrock-agentcore:InvokeAgentRuntime', resource: 'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/agent_a1B2-xyz' },
  { action: 's3:GetObject', resource: 'arn:aws:s3:::my-bucket/path/to/key.txt' },
];

const OTHER_ACTIONS = ['logs:DescribeLogGroups', 'xray:PutTraceSegments', 's3:PutObject', 'ecr:GetAuthorizationToken', 'iam:PassRole', 'sts:AssumeRole', 'dynamodb:PutItem'];
const OTHER_RESOURCES = [
  'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/*',
  'arn:aws:s3:::other-bucket/*',
  'arn:aws:ecr:us-east-1:111122223333:repository/*',
  'arn:aws:dynamodb:*:*:table/*',
  'arn:aws:bedrock-agentcore:*:111122223333:*',
  'arn:aws:*:*:*:*',
];

function mixCase(g: Gen, s: string): string {
  return [...s].map((c) => (g.chance(0.3) ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : c)).join('');
}

function sprinkleQ(g: Gen, s: string): string {
  const chars = [...s];
  const n = 1 + g.int(2);
  for (let k = 0; k < n; k++) {
    const i = g.int(chars.length);
    if (chars[i] !== ':') chars[i] = '?';
  }
  return chars.join('');
}

/** An action pattern related to the request's action (often matching, sometimes not). */
export function actionPattern(g: Gen, action: string): string {
  const [svc, name] = action.split(':');
  switch (g.int(10)) {
    case 0:
      return action;
    case 1:
      return mixCase(g, action);
    case 2:
      return `${svc}:*`;
    case 3:
      return '*';
    case 4:
      return `${svc}:${name.slice(0, 1 + g.int(name.length))}*`;
    case 5:
      return sprinkleQ(g, action);
    case 6:
      return g.pick(OTHER_ACTIONS);
    case 7:
      return `${svc}:*${name.slice(g.int(name.length))}`;
    case 8:
      return mixCase(g, `${svc}:${name.slice(0, g.int(name.length))}*${name.slice(g.int(name.length))}`);
    default:
      return `${svc}:${name}x`;
  }
}

/** A resource pattern related to the request's resource. */
export function resourcePattern(g: Gen, resource: string): string {
  const segs = resource.split(':');
  switch (g.int(12)) {
    case 0:
      return resource;
    case 1:
      return '*';
    case 2:
      return resource.slice(0, 1 + g.int(resource.length)) + '*';
    case 3: {
      const i = 1 + g.int(5);
      const s = [...segs];
      s[i] = '*';
      return s.join(':');
    }
    case 4:
      return sprinkleQ(g, resource);
    case 5:
      // case changes in the resource part (iam-simulate compares segments 1-5 case-insensitively, we do not)
      return segs.slice(0, 5).join(':') + ':' + mixCase(g, segs.slice(5).join(':'));
    case 6:
      return g.pick(OTHER_RESOURCES);
    case 7: {
      // a star in the middle of the resource part (may span ':' and '/')
      const head = segs.slice(0, 5).join(':') + ':';
      const tail = segs.slice(5).join(':');
      const i = g.int(tail.length);
      const j = i + g.int(tail.length - i + 1);
      return head + tail.slice(0, i) + '*' + tail.slice(j);
    }
    case 8: {
      const s = [...segs];
      const i = 1 + g.int(4);
      s[i] = s[i].slice(0, g.int(s[i].length + 1)) + '*';
      return s.join(':');
    }
    case 9:
      return resource + (g.chance(0.5) ? '*' : 'x');
    case 10: {
      // a star that swallows segment separators (not an ARN glob IAM honours across ':' in segments 1-5)
      const i = 4 + g.int(resource.length - 4);
      const j = i + g.int(Math.min(20, resource.length - i));
      return resource.slice(0, i) + '*' + resource.slice(j);
    }
    default:
      return segs.slice(0, 5).join(':') + ':*';
  }
}

export interface JsonStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export function randomPolicy(g: Gen, action: string, resource: string): { Version: string; Statement: JsonStatement[] } {
  const n = 1 + g.int(4);
  const st: JsonStatement[] = [];
  for (let k = 0; k < n; k++) {
    const s: JsonStatement = { Effect: g.chance(0.7) ? 'Allow' : 'Deny' };
    const acts = Array.from({ length: 1 + g.int(3) }, () => actionPattern(g, action));
    const ress = Array.from({ length: 1 + g.int(2) }, () => resourcePattern(g, resource));
    const one = <T>(xs: T[]) => (xs.length === 1 && g.chance(0.5) ? xs[0] : xs);
    if (g.chance(0.8)) s.Action = one(acts);
    else s.NotAction = one(acts);
    if (g.chance(0.8)) s.Resource = one(ress);
    else s.NotResource = one(ress);
    st.push(s);
  }
  return { Version: '2012-10-17', Statement: st };
}

const lit = (text: string): SymStr => ({ parts: [{ kind: 'lit', text }] });
const list = (v: string | string[] | undefined) =>
  v === undefined ? undefined : { kind: 'items' as const, items: (Array.isArray(v) ? v : [v]).map(lit) };

/** The same policy in the analysis model. */
export function toDocument(p: { Statement: JsonStatement[] }, id = 'p'): PolicyDocument {
  const statements: Statement[] = p.Statement.map((s) => ({
    effect: s.Effect,
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    conditions: Object.entries(s.Condition ?? {}).flatMap(([operator, kv]) =>
      Object.entries(kv).map(([key, v]) => ({ operator, key, values: list(v)! })),
    ),
  }));
  return { id, form: 'json-file', statements, opaque: [] };
}

/** Policy resources that are not 6-segment ARNs: iam-simulate pads them with `*`, we deliberately do not. */
export function hasShortArn(p: { Statement: JsonStatement[] }): boolean {
  for (const s of p.Statement) {
    const rs = s.Resource ?? s.NotResource;
    for (const r of Array.isArray(rs) ? rs : rs ? [rs] : []) {
      if (r === '*') continue;
      if (r.split(':').length < 6) return true;
    }
  }
  return false;
}

/** Context keys with concrete values that iam-simulate accepts for any action (global keys). */
export const CONTEXT: Record<string, string> = {
  'aws:RequestedRegion': 'us-east-1',
  'aws:PrincipalTag/team': 'Agents',
  'aws:SecureTransport': 'true',
};

const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringEqualsIfExists', 'StringLikeIfExists'];

export type JsonCondition = Record<string, Record<string, string | string[]>>;

function valueLike(g: Gen, v: string): string {
  switch (g.int(7)) {
    case 0:
      return v;
    case 1:
      return mixCase(g, v);
    case 2:
      return v.slice(0, g.int(v.length + 1)) + '*';
    case 3:
      return sprinkleQ(g, v);
    case 4:
      return '*';
    case 5:
      return 'eu-west-1';
    default:
      return v + 'x';
  }
}

/** A random condition block over the keys of CONTEXT. */
export function randomCondition(g: Gen): JsonCondition {
  const out: JsonCondition = {};
  const n = 1 + g.int(2);
  for (let k = 0; k < n; k++) {
    const key = g.pick(Object.keys(CONTEXT));
    if (key === 'aws:SecureTransport') {
      (out.Bool ??= {})[key] = g.pick(['true', 'false', 'TRUE']);
      continue;
    }
    const op = g.pick(STRING_OPS);
    const vals = Array.from({ length: 1 + g.int(2) }, () => valueLike(g, CONTEXT[key]));
    (out[op] ??= {})[mixCase(g, key)] = vals.length === 1 ? vals[0] : vals;
  }
  return out;
}
