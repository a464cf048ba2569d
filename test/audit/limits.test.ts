/**
 * The live audit against endpoints that do not behave (issue #23 item 9), with the real SDK and the
 * AWS wire-protocol fake on 127.0.0.1:
 * - a 200 MB response is cut at the response cap: the audit goes on, peak RSS grows by tens of MB;
 * - an endpoint that accepts the connection and never answers: the call times out, the audit ends;
 * - a policy nested 100,000 levels deep: `--format json` renders it (iteratively), no crash;
 * - an error message echoing the access key id, the secret key and the session token: scrubbed;
 * - the runtime's environment variable values: in no report (names and a count only).
 * The huge response runs first: the process's peak RSS (maxRSS) is still the test's own then.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditRuntime } from '../../server/src/audit/audit';
import { runAuditCli } from '../../server/src/audit/cli';
import { renderJson, renderMarkdown, renderText } from '../../server/src/audit/render';
import { FAKE_CREDENTIALS, withFakeAws } from './helpers';
import { RawJson } from './fake-aws/server';
import { SEED_ARN, SEED_NAME, SEED_ROLE, seedPolicy, seedState } from './fake-aws/scenarios';

const TIMEOUT = { timeout: 60_000 };
const MB = 1024 * 1024;

/** The CLI reads credentials from the environment (withFakeAws cleared every AWS variable). */
function envCredentials(): void {
  process.env.AWS_ACCESS_KEY_ID = FAKE_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = FAKE_CREDENTIALS.secretAccessKey;
  process.env.AWS_SESSION_TOKEN = FAKE_CREDENTIALS.sessionToken;
}

function outputs(report: Awaited<ReturnType<typeof auditRuntime>>): string[] {
  return [renderText(report), renderMarkdown(report), renderJson(report)];
}

test('a 200 MB response is cut at the cap: the audit goes on and stays small', TIMEOUT, async () => {
  const SIZE = Number(process.env.AUDIT_HUGE_MB ?? 200) * MB;
  const state = seedState();
  let sent = 0;
  state.intercept = (op, res) => {
    if (op !== 'GetAgentRuntime') return false;
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(MB, 'A');
    res.write('{"agentRuntimeArn":"');
    const more = () => {
      while (sent < SIZE) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', more);
      }
      res.end('"}');
    };
    res.on('error', () => {});
    more();
    return true;
  };
  const fake = await withFakeAws(state);
  try {
    const before = process.resourceUsage().maxRSS / 1024;
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    const grew = process.resourceUsage().maxRSS / 1024 - before;
    const p = report.problems.find((x) => x.call.endsWith('GetAgentRuntime'));
    assert.ok(p, JSON.stringify(report.problems));
    assert.match(p.message, /larger than \d+ MB/);
    assert.ok(sent < SIZE, `the fake sent all ${SIZE / MB} MB: the audit read it all`);
    assert.ok(grew < 120, `peak RSS grew by ${Math.round(grew)} MB`);
    console.log(`# 200 MB response: peak RSS grew by ${Math.round(grew)} MB, ${Math.round(sent / MB)} MB sent before the audit hung up`);
  } finally {
    await fake.restore();
  }
});

test('an endpoint that accepts and never answers: the call times out and the audit ends', TIMEOUT, async () => {
  const sockets = new Set<import('node:net').Socket>();
  const stalled = http.createServer(() => { /* never answers */ });
  stalled.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const fake = await withFakeAws(seedState());
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${(stalled.address() as AddressInfo).port}`;
  try {
    const t0 = performance.now();
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 1, requestTimeoutMs: 1000 });
    const ms = performance.now() - t0;
    const p = report.problems.find((x) => x.call.endsWith('GetAgentRuntime'));
    assert.equal(p?.kind, 'network', JSON.stringify(report.problems));
    assert.match(p!.message, /did not answer within 1 s/);
    assert.ok(ms < 20_000, `${Math.round(ms)} ms`);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => stalled.close(() => resolve()));
    await fake.restore();
  }
});

test('a policy nested 100,000 levels deep: every format renders, the JSON parses back', TIMEOUT, async () => {
  const DEPTH = 100_000;
  const deep = `${'['.repeat(DEPTH)}"x"${']'.repeat(DEPTH)}`;
  const state = seedState();
  const doc = JSON.stringify(seedPolicy).replace(/\]\}$/, `,{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/x":${deep}}}}]}`);
  state.roles[SEED_ROLE].inline = { [`${SEED_NAME}-policy`]: new RawJson(doc) };
  const fake = await withFakeAws(state);
  envCredentials();
  try {
    let out = '';
    const code = await runAuditCli(['--runtime-arn', SEED_ARN, '--format', 'json'], { stdout: (s) => { out += s; }, stderr: (s) => { out += s; } });
    assert.ok(code === 0 || code === 1 || code === 2, String(code));
    const parsed = JSON.parse(out) as { role: { policies: { document: { Statement: { Condition?: Record<string, Record<string, unknown>> }[] } }[] } };
    let v = parsed.role.policies[0].document.Statement.at(-1)!.Condition!.StringEquals['aws:PrincipalTag/x'];
    let depth = 0;
    while (Array.isArray(v)) { v = v[0]; depth++; }
    assert.equal(depth, DEPTH);
    assert.equal(v, 'x');
    assert.ok(out.length < 10 * MB, `${out.length} characters`);
  } finally {
    await fake.restore();
  }
});

test('error text that echoes credentials is scrubbed in every format and on stderr', TIMEOUT, async () => {
  const OTHER_KEY = 'ASIAZZZZYYYYXXXXWWWW';
  const OTHER_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const OTHER_TOKEN = 'IQoJb3JpZ2luX2VjE' + 'Ab9'.repeat(60);
  const echo = `The request signature we calculated does not match. Credential=${FAKE_CREDENTIALS.accessKeyId}/20261207/us-east-1/iam, ` +
    `secret ${FAKE_CREDENTIALS.secretAccessKey}, X-Amz-Security-Token: ${FAKE_CREDENTIALS.sessionToken}; also ${OTHER_KEY} ${OTHER_SECRET} ${OTHER_TOKEN}`;
  const state = seedState();
  state.intercept = (op, res) => {
    if (op !== 'GetRolePolicy' && op !== 'GetAgentRuntime') return false;
    const body = op === 'GetRolePolicy'
      ? `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>${echo}</Message></Error><RequestId>1</RequestId></ErrorResponse>`
      : undefined;
    if (!body) return false;
    res.writeHead(400, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return true;
  };
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
    assert.ok(report.problems.length > 0, 'the error was recorded');
    let cli = '';
    envCredentials();
    await runAuditCli(['--runtime-arn', SEED_ARN, '--format', 'json'], { stdout: (s) => { cli += s; }, stderr: (s) => { cli += s; } });
    for (const t of [...outputs(report), cli]) {
      for (const secret of [FAKE_CREDENTIALS.accessKeyId, FAKE_CREDENTIALS.secretAccessKey, FAKE_CREDENTIALS.sessionToken, OTHER_KEY, OTHER_SECRET, OTHER_TOKEN]) {
        assert.ok(!t.includes(secret), `${secret.slice(0, 12)}… in ${t.slice(0, 200)}`);
      }
    }
    assert.match(renderText(report), /SignatureDoesNotMatch/, 'the error itself is still reported');
  } finally {
    await fake.restore();
  }
});

test('environment variable values are in no report: names only, with a count', TIMEOUT, async () => {
  const SECRET = 'sk-live-0123456789-DO-NOT-PRINT';
  const state = seedState();
  state.runtimes[0].environmentVariables = { ...state.runtimes[0].environmentVariables, OPENAI_API_KEY: SECRET, DB_PASSWORD: `${SECRET}-2` };
  const fake = await withFakeAws(state);
  try {
    const report = await auditRuntime({ runtimeArn: SEED_ARN, credentials: FAKE_CREDENTIALS });
    let cli = '';
    envCredentials();
    for (const format of ['text', 'json', 'markdown']) {
      await runAuditCli(['--runtime-arn', SEED_ARN, '--format', format], { stdout: (s) => { cli += s; }, stderr: (s) => { cli += s; } });
    }
    for (const t of [...outputs(report), cli]) assert.ok(!t.includes(SECRET), `the value in ${t.slice(0, 200)}`);
    const json = JSON.parse(renderJson(report)) as { runtime: { environment: { count: number; names: string[] } } };
    assert.equal(json.runtime.environment.count, 10);
    assert.ok(json.runtime.environment.names.includes('OPENAI_API_KEY'));
    // What the values tell is still read: the OTEL log group named in them.
    assert.ok(report.observability.otelLogGroups.length > 0);
  } finally {
    await fake.restore();
  }
});
