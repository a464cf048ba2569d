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
import { Transform } from 'node:stream';
import { AuditFatalError, credentialsProblem, ResponseTooLargeError } from './errors';
import { auditMessagesFor } from '../core/messages/audit';
import { DEFAULT_SETTINGS } from '../core/settings';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './context';
import type { AuditOptions } from './types';

/** The largest response body the audit reads (policies are at most 10 KB, list pages a few hundred KB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * What every SDK client of the audit (and of the runtime picker) is made with: connection and
 * request timeouts that throw (the SDK only warns unless told), and no logger.
 */
export function httpOptions(options: Pick<AuditOptions, 'requestTimeoutMs'> = {}) {
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return { requestHandler: { connectionTimeout: Math.min(timeout, 10_000), requestTimeout: timeout, throwOnRequestTimeout: true } };
}

interface Handler {
  handle(request: unknown, options?: unknown): Promise<{ response: { headers?: Record<string, string>; body?: unknown } }>;
  destroy?(): void;
  updateHttpClientConfig?(key: never, value: never): void;
  httpHandlerConfigs?(): unknown;
  metadata?: unknown;
}

/**
 * Cuts every response body of `client` at `limit` bytes: an answer that announces more, or sends
 * more, fails its call with ResponseTooLargeError, and the connection is closed, so a 200 MB answer
 * costs the audit what it read before the limit.
 */
export function capResponses<C extends { config: { requestHandler: unknown } }>(client: C, limit: number): C {
  const inner = client.config.requestHandler as Handler;
  const capped: Handler = {
    metadata: inner.metadata,
    destroy: () => inner.destroy?.(),
    updateHttpClientConfig: (k, v) => inner.updateHttpClientConfig?.(k, v),
    httpHandlerConfigs: () => inner.httpHandlerConfigs?.() ?? {},
    async handle(request, options) {
      const out = await inner.handle(request, options);
      const body = out.response.body as NodeJS.ReadableStream & { destroy?(e?: Error): void } | undefined;
      if (!body || typeof body.pipe !== 'function') return out;
      const announced = Number(out.response.headers?.['content-length'] ?? out.response.headers?.['Content-Length']);
      if (announced > limit) {
        body.destroy?.();
        throw new ResponseTooLargeError(limit);
      }
      let read = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          read += chunk.length;
          if (read > limit) {
            body.destroy?.();
            done(new ResponseTooLargeError(limit));
          } else done(null, chunk);
        },
      });
      body.on('error', (e: Error) => counter.destroy(e));
      body.pipe(counter);
      out.response.body = counter;
      return out;
    },
  };
  client.config.requestHandler = capped;
  return client;
}

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
    // In the audit's language (its settings', as audit.ts says progress and notes): VS Code shows this as a notification.
    throw new AuditFatalError(credentialsProblem(e, options.profile, options.profile ? !(await profileExists(options.profile)) : false, auditMessagesFor((options.settings ?? DEFAULT_SETTINGS).locale)));
  }
}

/** What one SDK client of the audit is made for: its region, credentials, endpoint and the audit's limits. */
export interface ClientSetup extends Pick<AuditOptions, 'requestTimeoutMs' | 'maxAttempts' | 'maxResponseBytes' | 'profile'> {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** An endpoint from a trusted caller; else the SDK's own (AWS_ENDPOINT_URL...). */
  endpoint?: string;
}

/** The configuration every client constructor of the SDK takes (the part the audit sets). */
interface ClientConfig {
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  requestHandler: ReturnType<typeof httpOptions>['requestHandler'];
  maxAttempts?: number;
  profile?: string;
  endpoint?: string;
}

/**
 * One SDK client of the audit, made one way for the audit's four clients and for the VS Code
 * runtime picker (client/src/audit/aws.ts): the audit's timeouts (httpOptions), its response cap
 * (capResponses), no logger, the endpoint only when one is given.
 */
export function auditClient<C extends { config: { requestHandler: unknown } }>(Client: new (config: ClientConfig) => C, setup: ClientSetup): C {
  return capResponses(new Client({
    region: setup.region,
    ...httpOptions(setup),
    credentials: setup.credentials,
    ...(setup.maxAttempts ? { maxAttempts: setup.maxAttempts } : {}),
    ...(setup.profile ? { profile: setup.profile } : {}),
    ...(setup.endpoint ? { endpoint: setup.endpoint } : {}),
  }), setup.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
}

export function createClients(options: AuditOptions, region: string, credentials: AwsCredentialIdentity): AuditClients {
  const setup = (endpoint: string | undefined): ClientSetup => ({
    region,
    credentials: async () => credentials,
    requestTimeoutMs: options.requestTimeoutMs,
    maxAttempts: options.maxAttempts,
    maxResponseBytes: options.maxResponseBytes,
    profile: options.profile,
    endpoint,
  });
  const ep = options.endpoints ?? {};
  const control = auditClient(BedrockAgentCoreControlClient, setup(ep['bedrock-agentcore-control']));
  const iam = auditClient(IAMClient, setup(ep.iam));
  const logs = auditClient(CloudWatchLogsClient, setup(ep.logs));
  const xray = auditClient(XRayClient, setup(ep.xray));
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
