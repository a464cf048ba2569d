/**
 * Turns SDK errors into clear messages that say what to do. Never includes credentials: messages
 * are built from the error's name/code and our own text; the SDK's message is kept only for
 * codes whose messages carry no secrets (AWS service errors), truncated.
 */
import type { AuditProblem } from './types';

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

export function credentialsProblem(e: unknown, profile: string | undefined, profileMissing = false): AuditProblem {
  if (isSsoError(e)) {
    const p = profile ?? process.env.AWS_PROFILE ?? 'default';
    return {
      kind: 'sso-expired',
      call: 'credentials',
      message:
        `The AWS SSO session of profile "${p}" has expired or is invalid. ` +
        `Run \`aws sso login --profile ${p}\` and run the audit again.`,
    };
  }
  const which = profile ? `profile "${profile}"` : 'the default credential chain';
  const msg = String((e as SdkLikeError)?.message ?? '');
  const notFound = profile && (profileMissing || /Profile \S+ (was not found|could not be found)/.test(msg)) ? ` (no profile named "${profile}" in the AWS config or credentials file)` : '';
  return {
    kind: 'no-credentials',
    call: 'credentials',
    message:
      `No AWS credentials could be loaded from ${which}${notFound}. Configure them with ` +
      '`aws configure` (access keys) or `aws configure sso` then `aws sso login --profile <name>`, ' +
      'or set AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then choose the profile ' +
      '(--profile, or the profile picker in VS Code).',
  };
}

/** Classifies an error of one API call. `call` is the operation name, e.g. `GetRolePolicy`. */
export function classify(e: unknown, call: string, profile?: string): AuditProblem {
  const err = e as SdkLikeError;
  const code = codeOf(err);
  const service = (CALL_PERMISSION[call] ?? call).split(':')[0];
  const label = CALL_PERMISSION[call] ?? call;
  if (e instanceof AuditAbortError || code === 'AbortError') {
    return { kind: 'cancelled', call: label, message: 'The audit was cancelled.' };
  }
  if (isCredentialsError(e)) return { ...credentialsProblem(e, profile), call: label };
  const big = tooLarge(e);
  if (big) return { kind: 'other', call: label, message: `${label}: ${big.message}; that part of the audit was skipped.` };
  if (/^(ExpiredToken|ExpiredTokenException|InvalidClientTokenId|UnrecognizedClientException)$/.test(code)) {
    return {
      kind: 'no-credentials',
      call: label,
      message:
        `AWS rejected the credentials (${code}) on ${label}. Refresh them ` +
        (profile ? `(for an SSO profile: \`aws sso login --profile ${profile}\`)` : '(or pick another profile)') +
        ' and run the audit again.',
    };
  }
  if (/AccessDenied|UnauthorizedOperation|^Forbidden/i.test(code) || err?.$metadata?.httpStatusCode === 403) {
    const perm = CALL_PERMISSION[call] ?? call;
    return {
      kind: 'access-denied',
      call: label,
      permission: perm,
      message: `Access denied: the audit's credentials lack \`${perm}\`; that part of the audit was skipped. ` +
        'See PERMISSIONS.md for the read-only policy the audit needs.',
    };
  }
  if (/Throttl|TooManyRequests|RequestLimitExceeded|SlowDown/i.test(code) || err?.$metadata?.httpStatusCode === 429) {
    return {
      kind: 'throttled',
      call: label,
      message: `${service} throttled ${label} and the SDK's retries did not get through; ` +
        'that part of the audit was skipped. Run the audit again in a minute.',
    };
  }
  if (/NotFound|NoSuchEntity/i.test(code)) {
    return { kind: 'not-found', call: label, message: `${label}: not found (${code}). ${serviceMessage(err)}`.trim() };
  }
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|TimeoutError|NetworkingError/i.test(code + ' ' + String(err?.message))) {
    return { kind: 'network', call: label, message: `${label}: could not reach AWS (${code}).` };
  }
  return { kind: 'other', call: label, message: `${label} failed: ${code}: ${serviceMessage(err)}` };
}

/** The audit was asked something it cannot do (a bad ARN, a region it cannot tell): the user's to fix. */
export class AuditUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditUsageError';
  }
}
