/**
 * The runtime's log groups and streams, X-Ray Transaction Search, and the OTEL environment
 * variables' log groups; with what each fact means.
 */
import { DescribeLogGroupsCommand, DescribeLogStreamsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GetTraceSegmentDestinationCommand, type XRayClient } from '@aws-sdk/client-xray';
import type { AuditContext } from './context';
import { isExpected } from './context';
import { auditEn, type AuditMessages } from '../core/messages/audit';
import type { AuditNote, LogGroupInfo, LogStreamInfo, ObservabilityFacts } from './types';

const MAX_STREAM_PAGES = 5;

function iso(ms: number | undefined): string | undefined {
  return typeof ms === 'number' ? new Date(ms).toISOString() : undefined;
}

export function streamKind(name: string): LogStreamInfo['kind'] {
  if (name === 'otel-rt-logs') return 'otel-rt-logs';
  if (/\[runtime-logs\]/.test(name)) return 'runtime-logs-stdout';
  if (name === 'runtime-logs' || /(^|\/)runtime-logs$/.test(name)) return 'runtime-logs';
  return 'other';
}

/** Log group names from OTEL_EXPORTER_OTLP_LOGS_HEADERS (x-aws-log-group) and OTEL_RESOURCE_ATTRIBUTES (aws.log.group.names). */
export function otelLogGroups(env: Record<string, string>): { variable: string; logGroup: string }[] {
  const out: { variable: string; logGroup: string }[] = [];
  const kv = (s: string) => s.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
    const i = p.indexOf('=');
    return i < 0 ? [p, ''] : [p.slice(0, i).trim(), decodeURIComponentSafe(p.slice(i + 1).trim())];
  });
  const headers = env.OTEL_EXPORTER_OTLP_LOGS_HEADERS;
  if (headers) for (const [k, v] of kv(headers)) if (k.toLowerCase() === 'x-aws-log-group' && v) out.push({ variable: 'OTEL_EXPORTER_OTLP_LOGS_HEADERS', logGroup: v });
  const attrs = env.OTEL_RESOURCE_ATTRIBUTES;
  if (attrs) for (const [k, v] of kv(attrs)) if (k === 'aws.log.group.names' && v) {
    for (const g of v.split('&')) if (g) out.push({ variable: 'OTEL_RESOURCE_ATTRIBUTES', logGroup: g });
  }
  return out;
}

function decodeURIComponentSafe(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

async function describeGroups(ctx: AuditContext, logs: CloudWatchLogsClient, prefix: string): Promise<LogGroupInfo[] | undefined> {
  const groups: LogGroupInfo[] = [];
  let nextToken: string | undefined;
  for (let i = 0; i < 20; i++) {
    const r = await ctx.call('DescribeLogGroups', (abortSignal) => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }), { abortSignal }));
    if (!r || isExpected(r)) return r === undefined && groups.length === 0 ? undefined : groups;
    for (const g of r.logGroups ?? []) {
      groups.push({ name: g.logGroupName ?? '', storedBytes: g.storedBytes, createdAt: iso(g.creationTime), retentionInDays: g.retentionInDays, streams: [] });
    }
    nextToken = r.nextToken;
    if (!nextToken) break;
  }
  return groups;
}

async function describeStreams(ctx: AuditContext, logs: CloudWatchLogsClient, group: LogGroupInfo): Promise<boolean> {
  let nextToken: string | undefined;
  for (let i = 0; i < MAX_STREAM_PAGES; i++) {
    const r = await ctx.call('DescribeLogStreams', (abortSignal) => logs.send(new DescribeLogStreamsCommand({ logGroupName: group.name, orderBy: 'LastEventTime', descending: true, nextToken }), { abortSignal }));
    if (!r || isExpected(r)) return false;
    for (const s of r.logStreams ?? []) {
      const name = s.logStreamName ?? '';
      group.streams.push({ name, kind: streamKind(name), lastEventTime: iso(s.lastEventTimestamp), lastIngestionTime: iso(s.lastIngestionTime), storedBytes: s.storedBytes });
    }
    nextToken = r.nextToken;
    if (!nextToken) return true;
  }
  group.streamsTruncated = true;
  return true;
}

export async function readObservability(
  ctx: AuditContext,
  logs: CloudWatchLogsClient,
  xray: XRayClient,
  runtimeId: string,
  environment: Record<string, string> | undefined,
): Promise<ObservabilityFacts> {
  const facts: ObservabilityFacts = { otelLogGroups: [], notes: [] };
  const prefix = `/aws/bedrock-agentcore/runtimes/${runtimeId}-`;
  const named = otelLogGroups(environment ?? {});
  const [groups, dest, namedGroups] = await Promise.all([
    describeGroups(ctx, logs, prefix),
    ctx.call('GetTraceSegmentDestination', (abortSignal) => xray.send(new GetTraceSegmentDestinationCommand({}), { abortSignal })),
    // OTEL-named groups outside the runtime's prefix need their own look-up.
    Promise.all([...new Set(named.map((n) => n.logGroup))].filter((g) => !g.startsWith(prefix)).map(async (g) => {
      const r = await ctx.call('DescribeLogGroups', (abortSignal) => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: g }), { abortSignal }));
      if (!r || isExpected(r)) return [g, undefined] as const;
      return [g, (r.logGroups ?? []).some((x) => x.logGroupName === g)] as const;
    })),
  ]);
  if (groups) {
    facts.logGroups = groups;
    await Promise.all(groups.map((g) => describeStreams(ctx, logs, g)));
  }
  if (dest && !isExpected(dest)) facts.traceDestination = { destination: dest.Destination, status: dest.Status };
  const namedMap = new Map<string, boolean | undefined>(namedGroups);
  for (const n of named) {
    const exists = n.logGroup.startsWith(prefix) ? (groups ? groups.some((g) => g.name === n.logGroup) : undefined) : namedMap.get(n.logGroup);
    facts.otelLogGroups.push({ ...n, exists });
  }
  facts.notes = interpret(facts, runtimeId, environment, ctx.say);
  return facts;
}

/** What the facts mean, in plain sentences. */
export function interpret(facts: ObservabilityFacts, runtimeId: string, environment: Record<string, string> | undefined, m: AuditMessages = auditEn): AuditNote[] {
  const notes: AuditNote[] = [];
  const groups = facts.logGroups;
  if (groups) {
    if (groups.length === 0) {
      notes.push({ level: 'warning', message: m.obsNoLogGroup(runtimeId) });
    }
    for (const g of groups) {
      const stdout = g.streams.filter((s) => s.kind === 'runtime-logs-stdout');
      const otel = g.streams.filter((s) => s.kind === 'runtime-logs');
      const rt = g.streams.filter((s) => s.kind === 'otel-rt-logs');
      const withEvents = g.streams.filter((s) => s.lastEventTime);
      const size = g.storedBytes !== undefined ? m.obsGroupSize(g.storedBytes) : '';
      if (g.streams.length === 0) {
        notes.push({ level: 'warning', message: m.obsNoStreams(g.name, size) });
        continue;
      }
      if (stdout.length === 0 && otel.length === 0) {
        const empty = rt.length > 0 && rt.every((s) => !s.lastEventTime);
        notes.push({ level: 'warning', message: m.obsNoRuntimeLogs(g.name, empty, size) });
      } else {
        const last = withEvents.map((s) => s.lastEventTime!).sort().pop();
        notes.push({ level: 'information', message: m.obsStreams(g.name, stdout.length, otel.length, size, last) });
      }
      if (g.streamsTruncated) notes.push({ level: 'information', message: m.obsTruncated(g.name, g.streams.length) });
    }
    if (groups.some((g) => g.streams.length > 0)) {
      notes.push({ level: 'information', message: m.obsStoredBytes });
    }
  }
  for (const n of facts.otelLogGroups) {
    if (n.exists === false) {
      notes.push({ level: 'warning', message: m.obsOtelMissing(n.variable, n.logGroup, (groups ?? []).map((g) => g.name)) });
    }
  }
  if (environment && environment.AGENT_OBSERVABILITY_ENABLED !== undefined && environment.AGENT_OBSERVABILITY_ENABLED !== 'true') {
    // The variable's value is not quoted: no report shows an environment variable's value.
    notes.push({ level: 'information', message: m.obsObservabilityFlag });
  }
  const td = facts.traceDestination;
  if (td) {
    if (td.destination === 'CloudWatchLogs' && td.status === 'ACTIVE') {
      notes.push({ level: 'information', message: m.obsTransactionSearchOn });
    } else if (td.destination === 'CloudWatchLogs') {
      notes.push({ level: 'information', message: m.obsTransactionSearchPending(td.status ?? 'unknown') });
    } else {
      notes.push({ level: 'warning', message: m.obsTransactionSearchOff(td.destination ?? 'X-Ray') });
    }
  }
  return notes;
}
