/** AgentCore runtime reads: GetAgentRuntime and ListAgentRuntimes (paginated). */
import {
  GetAgentRuntimeCommand,
  ListAgentRuntimesCommand,
  type BedrockAgentCoreControlClient,
  type GetAgentRuntimeCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import type { AuditContext } from './context';
import { isExpected } from './context';
import { withEnvironmentValues, type RuntimeInfo } from './types';

function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function runtimeInfoFrom(out: GetAgentRuntimeCommandOutput): RuntimeInfo {
  const art = out.agentRuntimeArtifact as { containerConfiguration?: { containerUri?: string }; codeConfiguration?: unknown } | undefined;
  const values = { ...(out.environmentVariables ?? {}) };
  return withEnvironmentValues({
    arn: out.agentRuntimeArn ?? '',
    id: out.agentRuntimeId ?? '',
    name: out.agentRuntimeName,
    version: out.agentRuntimeVersion,
    status: out.status,
    roleArn: out.roleArn,
    artifact: art?.containerConfiguration ? 'container' : art?.codeConfiguration ? 'code' : undefined,
    containerUri: art?.containerConfiguration?.containerUri,
    createdAt: iso(out.createdAt),
    networkMode: out.networkConfiguration?.networkMode,
    environment: { count: Object.keys(values).length, names: Object.keys(values).sort() },
  }, values);
}

/** `undefined` when it could not be read (problem recorded); `'not-found'` for a deleted runtime. */
export async function getRuntime(
  ctx: AuditContext,
  client: BedrockAgentCoreControlClient,
  runtimeId: string,
): Promise<RuntimeInfo | 'not-found' | undefined> {
  const out = await ctx.call(
    'GetAgentRuntime',
    (abortSignal) => client.send(new GetAgentRuntimeCommand({ agentRuntimeId: runtimeId }), { abortSignal }),
    ['ResourceNotFoundException'],
  );
  if (out === undefined) return undefined;
  if (isExpected(out)) return 'not-found';
  return runtimeInfoFrom(out);
}

export interface RuntimeSummary {
  arn: string;
  id: string;
  name: string;
  status?: string;
  version?: string;
  lastUpdatedAt?: string;
}

/** Every runtime of the region (for pickers). Throws the SDK error (callers classify it). */
export async function listRuntimes(client: BedrockAgentCoreControlClient, signal?: AbortSignal): Promise<RuntimeSummary[]> {
  const out: RuntimeSummary[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < 100; page++) {
    const r = await client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken }), { abortSignal: signal });
    for (const a of r.agentRuntimes ?? []) {
      out.push({
        arn: a.agentRuntimeArn ?? '',
        id: a.agentRuntimeId ?? '',
        name: a.agentRuntimeName ?? '',
        status: a.status,
        version: a.agentRuntimeVersion,
        lastUpdatedAt: iso(a.lastUpdatedAt),
      });
    }
    nextToken = r.nextToken;
    if (!nextToken) break;
  }
  return out;
}
