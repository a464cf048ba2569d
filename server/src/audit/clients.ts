/**
 * SDK clients of the audit, sharing one resolved credential identity. Endpoints: the SDK's own
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> variables (read by the SDK), or `endpoints` from a
 * trusted caller (machine-scoped settings). No logger is passed to the SDK: nothing is logged.
 */
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient } from '@aws-sdk/client-iam';
import { XRayClient } from '@aws-sdk/client-xray';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AuditFatalError, credentialsProblem } from './errors';
import type { AuditOptions } from './types';

export interface AuditClients {
  control: BedrockAgentCoreControlClient;
  iam: IAMClient;
  logs: CloudWatchLogsClient;
  xray: XRayClient;
  destroy(): void;
}

/** Resolves credentials once (so that a credentials problem is one clear error, not one per call). */
export async function resolveCredentials(options: AuditOptions): Promise<AwsCredentialIdentity> {
  try {
    if (options.credentials) {
      return typeof options.credentials === 'function' ? await options.credentials() : options.credentials;
    }
    const provider: AwsCredentialIdentityProvider = fromNodeProviderChain(
      options.profile ? { profile: options.profile } : {},
    );
    return await provider();
  } catch (e) {
    throw new AuditFatalError(credentialsProblem(e, options.profile, options.profile ? !(await profileExists(options.profile)) : false));
  }
}

export function createClients(options: AuditOptions, region: string, credentials: AwsCredentialIdentity): AuditClients {
  const common = {
    region,
    credentials: async () => credentials,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  };
  const ep = options.endpoints ?? {};
  const control = new BedrockAgentCoreControlClient({ ...common, ...(ep['bedrock-agentcore-control'] ? { endpoint: ep['bedrock-agentcore-control'] } : {}) });
  const iam = new IAMClient({ ...common, ...(ep.iam ? { endpoint: ep.iam } : {}) });
  const logs = new CloudWatchLogsClient({ ...common, ...(ep.logs ? { endpoint: ep.logs } : {}) });
  const xray = new XRayClient({ ...common, ...(ep.xray ? { endpoint: ep.xray } : {}) });
  return {
    control, iam, logs, xray,
    destroy() { control.destroy(); iam.destroy(); logs.destroy(); xray.destroy(); },
  };
}

/** The region the SDK would use when none is given (env AWS_REGION or the profile's region). */
export async function defaultRegion(profile: string | undefined): Promise<string | undefined> {
  const c = new IAMClient(profile ? { profile } : {});
  try {
    return await c.config.region();
  } catch {
    return undefined;
  } finally {
    c.destroy();
  }
}

async function profileExists(profile: string): Promise<boolean> {
  try {
    const f = await loadSharedConfigFiles({ ignoreCache: true });
    return profile in (f.configFile ?? {}) || profile in (f.credentialsFile ?? {});
  } catch {
    return true; // cannot tell: say nothing
  }
}
