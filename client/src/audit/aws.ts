/**
 * What the live audit command needs of the AWS SDK, in a module of its own that command.ts loads
 * when the command first runs: activating the extension does not evaluate the SDK.
 */
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { auditClient } from '../../../server/src/audit/clients';
import { listRuntimes, type RuntimeSummary } from '../../../server/src/audit/runtime';

export { auditRuntime } from '../../../server/src/audit/audit';

/** The runtimes of a region, for the picker. */
export async function runtimesIn(profile: string | undefined, region: string, endpoint: string | undefined, signal: AbortSignal): Promise<RuntimeSummary[]> {
  // The audit's own timeouts and response cap: a picker that waits on a stalled endpoint would never fill.
  const client = auditClient(BedrockAgentCoreControlClient, { region, credentials: fromNodeProviderChain(profile ? { profile } : {}), endpoint });
  try {
    return await listRuntimes(client, signal);
  } finally {
    client.destroy();
  }
}
