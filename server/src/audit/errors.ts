/**
 * Turns SDK errors into clear messages that say what to do. Never includes credentials: messages
 * are built from the error's name/code and our own text; the SDK's message is kept only for
 * codes whose messages carry no secrets (AWS service errors), truncated.
 */
import type { AuditProblem } from './types';
import { auditMessagesFor, type AuditMessages } from '../core/messages/audit';
import { DEFAULT_SETTINGS } from '../core/settings';

/** The read permission each audit call needs (the exact IAM action). */
export const CALL_PERMISSION: Record<string, string> = {
  GetAgentRuntime: 'bedrock-agentcore:GetAgentRuntime',
  ListAgentRuntimes: 'bedrock-agentcore:ListAgentRuntimes',
  GetRole: 'iam:GetRole',
  ListRolePolicies: 'iam:ListRolePolicies',
  GetRolePolicy: 'iam:GetRolePolicy',
  ListAttachedRolePolicies: 'iam:ListAttachedRolePolicies',
  GetPolicy: 'iam:GetPolicy',
  GetPolicyVersion: 'iam:GetPolicyVersion',
  SimulatePrincipalPolicy: 'iam:SimulatePrincipalPolicy',
  DescribeLogGroups: 'logs:DescribeLogGroups',
  DescribeLogStreams: 'logs:DescribeLogStreams',
  GetTraceSegmentDestination: 'xray:GetTraceSegmentDestination',
};

export class AuditAbortError extends Error {
  constructor() {
    super('The audit was cancelled.');
    this.name = 'AuditAbortError';
  }
}

/** An error the audit cannot continue after (no credentials, expired SSO token, cancelled). */
export class AuditFatalError extends Error {
  constructor(readonly problem: AuditProblem) {
    super(problem.message);
    this.name = 'AuditFatalError';
  }
}

interface SdkLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

function codeOf(e: SdkLikeError): string {
  return String(e?.name ?? e?.code ?? e?.Code ?? 'Error');
}

const SECRETISH = /(aws_secret_access_key|aws_session_token|secret|token)\s*[=:]\s*\S+/gi;
/** An access key id: AKIA (long-term) or ASIA (temporary) and 16 upper-case letters or digits. */
const ACCESS_KEY_ID = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;
/** Shaped like a secret access key: 40 characters of base64 without padding. */
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** Shaped like a session token (or any long credential blob): 100 or more characters of base64. */
const SESSION_TOKEN = /[A-Za-z0-9/+=_-]{100,}/g;

/**
 * Text with anything shaped like an AWS credential taken out: access key ids, secret access keys,
 * session tokens, `secret=...`/`token: ...` pairs, and the exact values in `known` (the audit's own
 * credentials, whatever their shape). For every error text that reaches a report or stderr.
 */
export function scrubSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let t = text;
  for (const k of known) if (k && k.length >= 8) t = t.split(k).join('<redacted>');
  return t
    .replace(SESSION_TOKEN, '<redacted token>')
    .replace(ACCESS_KEY_ID, '<redacted access key id>')
    .replace(SECRET_KEY, '<redacted secret>')
    .replace(SECRETISH, '$1=<redacted>');
}

/** A service error message, scrubbed and shortened. */
function serviceMessage(e: SdkLikeError): string {
  const m = scrubSecrets(String(e?.message ?? ''));
  return m.length > 300 ? m.slice(0, 300) + '…' : m;
}

/** Thrown by the response cap (clients.ts) when an answer is larger than the audit reads. */
export class ResponseTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the response was larger than ${Math.round(limit / (1024 * 1024))} MB`);
    this.name = 'ResponseTooLargeError';
  }
}

function tooLarge(e: unknown): ResponseTooLargeError | undefined {
  for (let x = e as { cause?: unknown } | undefined, i = 0; x && i < 5; x = x.cause as typeof x, i++) if (x instanceof ResponseTooLargeError) return x;
  return undefined;
}

export function isSsoError(e: unknown): boolean {
  const err = e as SdkLikeError;
  const msg = String(err?.message ?? '');
  return /SSO/i.test(msg) && /(expired|invalid|not found|refresh)/i.test(msg);
}

export function isCredentialsError(e: unknown): boolean {
  const name = codeOf(e as SdkLikeError);
  return name === 'CredentialsProviderError' || name === 'TokenProviderError';
}

/** The words: core/messages/audit.ts, in the process's language (the CLI's --lang or LANG) unless given. */
const say = (): AuditMessages => auditMessagesFor(DEFAULT_SETTINGS.locale);

export function credentialsProblem(e: unknown, profile: string | undefined, profileMissing = false, m: AuditMessages = say()): AuditProblem {
  if (isSsoError(e)) {
    const p = profile ?? process.env.AWS_PROFILE ?? 'default';
    return { kind: 'sso-expired', call: 'credentials', message: m.ssoExpired(p) };
  }
  const msg = String((e as SdkLikeError)?.message ?? '');
  const missing = !!profile && (profileMissing || /Profile \S+ (was not found|could not be found)/.test(msg));
  return { kind: 'no-credentials', call: 'credentials', message: m.noCredentials(profile, missing) };
}

/** Classifies an error of one API call. `call` is the operation name, e.g. `GetRolePolicy`. */
export function classify(e: unknown, call: string, profile?: string, m: AuditMessages = say()): AuditProblem {
  const err = e as SdkLikeError;
  const code = codeOf(err);
  const service = (CALL_PERMISSION[call] ?? call).split(':')[0];
  const label = CALL_PERMISSION[call] ?? call;
  if (e instanceof AuditAbortError || code === 'AbortError') {
    return { kind: 'cancelled', call: label, message: m.cancelled };
  }
  if (isCredentialsError(e)) return { ...credentialsProblem(e, profile, false, m), call: label };
  const big = tooLarge(e);
  if (big) return { kind: 'other', call: label, message: m.tooLarge(label, big.message) };
  if (/^(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|UnrecognizedClientException)$/.test(code)) {
    return {
      kind: 'no-credentials',
      call: label,
      message: m.rejected(code, label, profile),
    };
  }
  if (/AccessDenied|UnauthorizedOperation|^Forbidden/i.test(code) || err?.$metadata?.httpStatusCode === 403) {
    const perm = CALL_PERMISSION[call] ?? call;
    return {
      kind: 'access-denied',
      call: label,
      permission: perm,
      message: m.accessDenied(perm),
    };
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(code) || err?.$metadata?.httpStatusCode === 429) {
    return {
      kind: 'throttled',
      call: label,
      message: m.throttled(service, label),
    };
  }
  if (/NotFound|NoSuchEntity/i.test(code)) {
    return { kind: 'not-found', call: label, message: m.notFound(label, code, serviceMessage(err)) };
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|TimeoutError|NetworkingError/i.test(code + ' ' + String(err?.message))) {
    return { kind: 'network', call: label, message: m.unreachable(label, code) };
  }
  return { kind: 'other', call: label, message: m.failed(label, code, serviceMessage(err)) };
}

/** The audit was asked something it cannot do (a bad ARN, a region it cannot tell): the user's to fix. */
export class AuditUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUsageError';
  }
}
