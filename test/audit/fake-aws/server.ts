/**
 * A small AWS on 127.0.0.1 speaking each service's real wire protocol, enough for the live audit:
 * - IAM: query protocol (form-encoded POST, Action=...), XML responses, URL-encoded policy
 *   documents, IsTruncated/Marker pagination, XML errors (AccessDenied, NoSuchEntity, Throttling);
 * - bedrock-agentcore-control: REST-JSON (GET /runtimes/{id}/, POST /runtimes/ with nextToken);
 * - CloudWatch Logs: awsJson1_1 (X-Amz-Target Logs_20140328.*), nextToken pagination;
 * - X-Ray: REST-JSON (POST /GetTraceSegmentDestination).
 * The service is told by the SigV4 credential scope of the Authorization header, as AWS's
 * front ends route by host; the scope's region is recorded so tests can check where calls went.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRuntime {
  agentRuntimeId: string;
  agentRuntimeName: string;
  agentRuntimeArn: string;
  roleArn: string;
  createdAt: string; // ISO
  artifact: 'container' | 'code';
  environmentVariables?: Record<string, string>;
  networkMode?: string;
}

export interface FakeRole {
  arn: string;
  trust: unknown;
  inline: Record<string, unknown>;
  attached: string[]; // policy ARNs
  boundary?: string;
  createDate?: string;
}

export interface FakeManagedPolicy {
  arn: string;
  name: string;
  defaultVersion: string;
  versions: Record<string, unknown>;
}

export interface FakeStream { logStreamName: string; lastEventTimestamp?: number; lastIngestionTime?: number; storedBytes?: number }
export interface FakeLogGroup { logGroupName: string; storedBytes: number; creationTime: number; streams: FakeStream[] }

export interface FakeState {
  /** Region the runtimes live in (other regions have none). */
  region: string;
  account: string;
  runtimes: FakeRuntime[];
  roles: Record<string, FakeRole>; // by role name
  managed: Record<string, FakeManagedPolicy>; // by ARN
  logGroups: FakeLogGroup[];
  traceDestination?: { Destination: string; Status: string };
  /** Operations that answer AccessDenied. */
  deny: Set<string>;
  /** Operation -> how many more times to answer with throttling. */
  throttle: Map<string, number>;
  /** Page size for IAM lists and logs (to exercise pagination). */
  pageSize: number;
  /** SimulatePrincipalPolicy: action (lower case) -> decision. */
  simulate?: (action: string, resource: string) => 'allowed' | 'implicitDeny' | 'explicitDeny';
  /**
   * Answers an operation in its own way (a huge body, an error of its own): called first for every
   * signed request; returns true when it has answered (or will: it may never answer).
   */
  intercept?: (op: string, res: http.ServerResponse) => boolean;
}

/** A policy document given as its JSON text (one JSON.stringify could not write, e.g. nested 100,000 levels). */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface RecordedCall { service: string; op: string; region: string; host: string; authorization: string; body: string }

export interface FakeAws {
  url: string;
  state: FakeState;
  calls: RecordedCall[];
  close(): Promise<void>;
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
let reqId = 0;
const rid = () => `00000000-0000-4000-8000-${String(++reqId).padStart(12, '0')}`;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
function encodeDoc(doc: unknown): string {
  return encodeURIComponent(doc instanceof RawJson ? doc.text : JSON.stringify(doc));
}

function scope(auth: string): { service: string; region: string } {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return m ? { region: m[1], service: m[2] } : { region: '', service: '' };
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': rid(), ...headers });
  res.end(body);
}

function iamXml(res: http.ServerResponse, action: string, inner: string): void {
  send(res, 200, { 'content-type': 'text/xml' },
    `<${action}Response xmlns="${IAM_NS}">\n  <${action}Result>${inner}</${action}Result>\n  <ResponseMetadata><RequestId>${rid()}</RequestId></ResponseMetadata>\n</${action}Response>`);
}

function iamError(res: http.ServerResponse, status: number, code: string, message: string): void {
  send(res, status, { 'content-type': 'text/xml' },
    `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>${rid()}</RequestId></ErrorResponse>`);
}

function jsonError(res: http.ServerResponse, status: number, type: string, message: string, rest: boolean): void {
  if (rest) send(res, status, { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.fake/` }, JSON.stringify({ message }));
  else send(res, status, { 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify({ __type: `com.amazonaws.logs#${type}`, message }));
}

function page<T>(items: T[], marker: string | undefined, size: number): { items: T[]; next?: string } {
  const start = marker ? Number(marker.replace(/^m/, '')) : 0;
  const slice = items.slice(start, start + size);
  const next = start + size < items.length ? `m${start + size}` : undefined;
  return { items: slice, next };
}

function roleXml(name: string, r: FakeRole): string {
  return `<Role><Path>/</Path><RoleName>${esc(name)}</RoleName><RoleId>AROAFAKE${name.length}</RoleId><Arn>${esc(r.arn)}</Arn>` +
    `<CreateDate>${r.createDate ?? '2025-10-20T00:00:00Z'}</CreateDate><AssumeRolePolicyDocument>${encodeDoc(r.trust)}</AssumeRolePolicyDocument>` +
    (r.boundary ? `<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType><PermissionsBoundaryArn>${esc(r.boundary)}</PermissionsBoundaryArn></PermissionsBoundary>` : '') +
    `<MaxSessionDuration>3600</MaxSessionDuration></Role>`;
}

function handleIam(state: FakeState, res: http.ServerResponse, form: URLSearchParams): void {
  const action = form.get('Action') ?? '';
  const roleName = form.get('RoleName') ?? '';
  const role = state.roles[roleName];
  const noRole = () => iamError(res, 404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
  switch (action) {
    case 'GetRole':
      if (!role) return noRole();
      return iamXml(res, action, roleXml(roleName, role));
    case 'ListRolePolicies': {
      if (!role) return noRole();
      const p = page(Object.keys(role.inline), form.get('Marker') ?? undefined, state.pageSize);
      return iamXml(res, action, `<PolicyNames>${p.items.map((n) => `<member>${esc(n)}</member>`).join('')}</PolicyNames><IsTruncated>${!!p.next}</IsTruncated>${p.next ? `<Marker>${p.next}</Marker>` : ''}`);
    }
    case 'GetRolePolicy': {
      if (!role) return noRole();
      const name = form.get('PolicyName') ?? '';
      if (!(name in role.inline)) return iamError(res, 404, 'NoSuchEntity', `The role policy with name ${name} cannot be found.`);
      return iamXml(res, action, `<RoleName>${esc(roleName)}</RoleName><PolicyName>${esc(name)}</PolicyName><PolicyDocument>${encodeDoc(role.inline[name])}</PolicyDocument>`);
    }
    case 'ListAttachedRolePolicies': {
      if (!role) return noRole();
      const p = page(role.attached, form.get('Marker') ?? undefined, state.pageSize);
      return iamXml(res, action, `<AttachedPolicies>${p.items.map((a) => `<member><PolicyName>${esc(state.managed[a]?.name ?? a.split('/').pop()!)}</PolicyName><PolicyArn>${esc(a)}</PolicyArn></member>`).join('')}</AttachedPolicies><IsTruncated>${!!p.next}</IsTruncated>${p.next ? `<Marker>${p.next}</Marker>` : ''}`);
    }
    case 'GetPolicy': {
      const m = state.managed[form.get('PolicyArn') ?? ''];
      if (!m) return iamError(res, 404, 'NoSuchEntity', 'Policy not found.');
      return iamXml(res, action, `<Policy><PolicyName>${esc(m.name)}</PolicyName><Arn>${esc(m.arn)}</Arn><DefaultVersionId>${m.defaultVersion}</DefaultVersionId><AttachmentCount>1</AttachmentCount><IsAttachable>true</IsAttachable></Policy>`);
    }
    case 'GetPolicyVersion': {
      const m = state.managed[form.get('PolicyArn') ?? ''];
      const v = form.get('VersionId') ?? '';
      if (!m || !(v in m.versions)) return iamError(res, 404, 'NoSuchEntity', 'Policy version not found.');
      return iamXml(res, action, `<PolicyVersion><Document>${encodeDoc(m.versions[v])}</Document><VersionId>${v}</VersionId><IsDefaultVersion>${v === m.defaultVersion}</IsDefaultVersion></PolicyVersion>`);
    }
    case 'SimulatePrincipalPolicy': {
      const actions = [...form.entries()].filter(([k]) => k.startsWith('ActionNames.member.')).map(([, v]) => v);
      const resources = [...form.entries()].filter(([k]) => k.startsWith('ResourceArns.member.')).map(([, v]) => v);
      const decide = state.simulate ?? (() => 'implicitDeny' as const);
      const members = actions.map((a) => `<member><EvalActionName>${esc(a)}</EvalActionName><EvalResourceName>${esc(resources[0] ?? '*')}</EvalResourceName><EvalDecision>${decide(a.toLowerCase(), resources[0] ?? '*')}</EvalDecision></member>`).join('');
      return iamXml(res, action, `<EvaluationResults>${members}</EvaluationResults><IsTruncated>false</IsTruncated>`);
    }
    default:
      return iamError(res, 400, 'InvalidAction', `Could not find operation ${action}`);
  }
}

function runtimeJson(r: FakeRuntime): Record<string, unknown> {
  return {
    agentRuntimeArn: r.agentRuntimeArn,
    agentRuntimeName: r.agentRuntimeName,
    agentRuntimeId: r.agentRuntimeId,
    agentRuntimeVersion: '1',
    createdAt: r.createdAt,
    lastUpdatedAt: r.createdAt,
    roleArn: r.roleArn,
    status: 'READY',
    networkConfiguration: { networkMode: r.networkMode ?? 'PUBLIC' },
    lifecycleConfiguration: { idleRuntimeSessionTimeout: 900, maxLifetime: 28800 },
    agentRuntimeArtifact: r.artifact === 'container'
      ? { containerConfiguration: { containerUri: `${r.agentRuntimeArn.split(':')[4]}.dkr.ecr.us-east-1.amazonaws.com/agent:latest` } }
      : { codeConfiguration: { code: { s3: { bucket: 'b', prefix: 'agent.zip' } }, runtime: 'PYTHON_3_12', entryPoint: ['main.py'] } },
    protocolConfiguration: { serverProtocol: 'HTTP' },
    environmentVariables: r.environmentVariables ?? {},
    workloadIdentityDetails: { workloadIdentityArn: `arn:aws:bedrock-agentcore:us-east-1:${r.agentRuntimeArn.split(':')[4]}:workload-identity-directory/default/workload-identity/${r.agentRuntimeName}-x` },
  };
}

function handleControl(state: FakeState, region: string, req: http.IncomingMessage, res: http.ServerResponse): string {
  const url = new URL(req.url ?? '/', 'http://x');
  const get = /^\/runtimes\/([^/]+)\/?$/.exec(url.pathname);
  const runtimes = region === state.region ? state.runtimes : [];
  if (req.method === 'GET' && get) {
    const id = decodeURIComponent(get[1]);
    const r = runtimes.find((x) => x.agentRuntimeId === id);
    if (!r) jsonError(res, 404, 'ResourceNotFoundException', `Runtime ${id} not found`, true);
    else send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(runtimeJson(r)));
    return 'GetAgentRuntime';
  }
  if (req.method === 'POST' && /^\/runtimes\/?$/.test(url.pathname)) {
    const p = page(runtimes, url.searchParams.get('nextToken') ?? undefined, Number(url.searchParams.get('maxResults') ?? state.pageSize) > state.pageSize ? state.pageSize : Number(url.searchParams.get('maxResults') ?? state.pageSize));
    send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({
      agentRuntimes: p.items.map((r) => ({ agentRuntimeArn: r.agentRuntimeArn, agentRuntimeId: r.agentRuntimeId, agentRuntimeName: r.agentRuntimeName, agentRuntimeVersion: '1', description: '', lastUpdatedAt: r.createdAt, status: 'READY' })),
      ...(p.next ? { nextToken: p.next } : {}),
    }));
    return 'ListAgentRuntimes';
  }
  jsonError(res, 404, 'UnknownOperationException', `no route ${req.method} ${url.pathname}`, true);
  return 'unknown';
}

function handleLogs(state: FakeState, res: http.ServerResponse, op: string, body: Record<string, unknown>): void {
  const ok = (o: unknown) => send(res, 200, { 'content-type': 'application/x-amz-json-1.1' }, JSON.stringify(o));
  if (op === 'DescribeLogGroups') {
    const prefix = String(body.logGroupNamePrefix ?? '');
    const groups = state.logGroups.filter((g) => g.logGroupName.startsWith(prefix));
    const p = page(groups, body.nextToken as string | undefined, state.pageSize);
    return ok({ logGroups: p.items.map((g) => ({ logGroupName: g.logGroupName, creationTime: g.creationTime, storedBytes: g.storedBytes, metricFilterCount: 0, arn: `arn:aws:logs:${state.region}:${state.account}:log-group:${g.logGroupName}:*`, logGroupClass: 'STANDARD' })), ...(p.next ? { nextToken: p.next } : {}) });
  }
  if (op === 'DescribeLogStreams') {
    const g = state.logGroups.find((x) => x.logGroupName === body.logGroupName);
    if (!g) return jsonError(res, 400, 'ResourceNotFoundException', 'The specified log group does not exist.', false);
    const streams = [...g.streams].sort((a, b) => (b.lastEventTimestamp ?? 0) - (a.lastEventTimestamp ?? 0));
    const p = page(streams, body.nextToken as string | undefined, state.pageSize);
    return ok({ logStreams: p.items.map((s) => ({ ...s, creationTime: g.creationTime, arn: `arn:aws:logs:${state.region}:${state.account}:log-group:${g.logGroupName}:log-stream:${s.logStreamName}` })), ...(p.next ? { nextToken: p.next } : {}) });
  }
  return jsonError(res, 400, 'UnknownOperationException', op, false);
}

export async function startFakeAws(state: FakeState): Promise<FakeAws> {
  const calls: RecordedCall[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const authorization = String(req.headers.authorization ?? '');
      const { service, region } = scope(authorization);
      const target = String(req.headers['x-amz-target'] ?? '');
      const form = service === 'iam' ? new URLSearchParams(body) : undefined;
      const url = new URL(req.url ?? '/', 'http://x');
      const op = service === 'iam' ? form!.get('Action') ?? ''
        : service === 'logs' ? target.split('.').pop() ?? ''
        : service === 'xray' ? url.pathname.replace(/^\//, '')
        : service === 'bedrock-agentcore' ? (req.method === 'GET' ? 'GetAgentRuntime' : 'ListAgentRuntimes')
        : '';
      calls.push({ service, op, region, host: String(req.headers.host ?? ''), authorization, body });
      const rest = service !== 'iam' && service !== 'logs';
      if (!authorization.startsWith('AWS4-HMAC-SHA256')) {
        return rest || service === 'logs' ? jsonError(res, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token', rest) : iamError(res, 403, 'MissingAuthenticationToken', 'Missing Authentication Token');
      }
      if (state.intercept?.(op, res)) return;
      const left = state.throttle.get(op) ?? 0;
      if (left > 0) {
        state.throttle.set(op, left - 1);
        if (service === 'iam') return iamError(res, 400, 'Throttling', 'Rate exceeded');
        return jsonError(res, service === 'logs' ? 400 : 429, 'ThrottlingException', 'Rate exceeded', rest);
      }
      if (state.deny.has(op)) {
        const msg = `User: arn:aws:sts::${state.account}:assumed-role/Auditor/session is not authorized to perform: ${service === 'bedrock-agentcore' ? 'bedrock-agentcore' : service}:${op} because no identity-based policy allows the ${service}:${op} action`;
        if (service === 'iam') return iamError(res, 403, 'AccessDenied', msg);
        return jsonError(res, service === 'logs' ? 400 : 403, 'AccessDeniedException', msg, rest);
      }
      try {
        if (service === 'iam') return handleIam(state, res, form!);
        if (service === 'bedrock-agentcore') return void handleControl(state, region, req, res);
        if (service === 'logs') return handleLogs(state, res, op, body ? JSON.parse(body) : {});
        if (service === 'xray' && op === 'GetTraceSegmentDestination') {
          return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(state.traceDestination ?? { Destination: 'XRay', Status: 'ACTIVE' }));
        }
        jsonError(res, 400, 'UnknownOperationException', `${service} ${op}`, true);
      } catch (e) {
        jsonError(res, 500, 'InternalFailure', (e as Error).message, true);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    calls,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
