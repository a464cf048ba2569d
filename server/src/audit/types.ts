/**
 * Live audit: options and report shapes. Pure Node (no vscode imports).
 */
import type { AnalysisSettings } from '../core/settings';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import type { Finding, Role, Verdict } from '../core/model';
import type { WorkspaceModel } from '../core/workspace-model';
import type { Evaluator } from '../core/analyze';

/** Services whose endpoint may be overridden (besides the SDK's own AWS_ENDPOINT_URL_* variables). */
export type AuditService = 'bedrock-agentcore-control' | 'iam' | 'logs' | 'xray';

export interface AuditOptions {
  /** Runtime ARN (`arn:aws:bedrock-agentcore:REGION:ACCOUNT:runtime/ID`); its region wins. */
  runtimeArn?: string;
  /** Runtime id, with `region` (or the profile's/env's default region). */
  runtimeId?: string;
  region?: string;
  profile?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Endpoint overrides from a trusted source only (machine-scoped settings). The SDK's standard
   * variables AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> are honoured by the SDK itself.
   * Never fill this from workspace settings.
   */
  endpoints?: Partial<Record<AuditService, string>>;
  signal?: AbortSignal;
  /** Ask IAM's SimulatePrincipalPolicy for a second opinion. */
  simulate?: boolean;
  /** The workspace's model, to report drift between the live role and its Terraform definition. */
  workspace?: WorkspaceModel;
  /** SDK max attempts (default: SDK default, 3). */
  maxAttempts?: number;
  /** The IAM evaluator (default core/iam, as the editor); replaceable for tests of the audit alone. */
  evaluator?: Evaluator;
  /**
   * The analysis settings the editor uses (rule severities, rules turned off): the live role's
   * findings get the same severities as the workspace's. Default: every rule at its default.
   */
  settings?: AnalysisSettings;
  /** Progress callback (for a progress notification). */
  onProgress?: (message: string) => void;
  /**
   * How long one API call may take, retries and reading the answer included (default 30 s): an
   * endpoint that accepts the connection and never answers cannot hang the audit.
   */
  requestTimeoutMs?: number;
  /** The largest response body read (default 16 MB): a bigger one is cut off, that call fails. */
  maxResponseBytes?: number;
}

export type NoteLevel = 'error' | 'warning' | 'information';

/** A problem met while reading AWS (the audit continued without it). */
export interface AuditProblem {
  kind:
    | 'no-credentials'
    | 'sso-expired'
    | 'access-denied'
    | 'throttled'
    | 'not-found'
    | 'cancelled'
    | 'network'
    | 'other';
  /** The API call, e.g. `iam:GetRolePolicy`. */
  call: string;
  /** For access-denied: the read permission that is missing, e.g. `iam:GetRolePolicy`. */
  permission?: string;
  message: string;
}

export interface AuditNote {
  level: NoteLevel;
  message: string;
}

export interface RuntimeInfo {
  arn: string;
  id: string;
  name?: string;
  version?: string;
  status?: string;
  roleArn?: string;
  artifact?: 'container' | 'code';
  containerUri?: string;
  createdAt?: string;
  networkMode?: string;
  /**
   * The runtime's environment variables by name, and how many: never their values, which may be
   * API keys or passwords. The values stay out of every report; the audit reads them through
   * environmentValues() (OTEL log group names, AGENT_OBSERVABILITY_ENABLED).
   */
  environment: { count: number; names: string[] };
}

const ENVIRONMENT_VALUES = Symbol('environment values');

/** Attaches the environment's values to a RuntimeInfo, not enumerable: no JSON, spread or renderer sees them. */
export function withEnvironmentValues<T extends RuntimeInfo>(info: T, values: Record<string, string>): T {
  Object.defineProperty(info, ENVIRONMENT_VALUES, { value: values, enumerable: false });
  return info;
}

/** The environment's values of a runtime read from AWS (empty when there are none or they were not kept). */
export function environmentValues(info: RuntimeInfo | undefined): Record<string, string> {
  return (info as (RuntimeInfo & { [ENVIRONMENT_VALUES]?: Record<string, string> }) | undefined)?.[ENVIRONMENT_VALUES] ?? {};
}

export interface LiveStatementSummary {
  sid?: string;
  effect: string;
  actions: string[];
  notActions?: string[];
  resources: string[];
  notResources?: string[];
  conditions?: unknown;
}

export interface LivePolicy {
  attachment: 'inline' | 'managed' | 'aws-managed' | 'boundary' | 'trust';
  name: string;
  arn?: string;
  versionId?: string;
  /** The document's decoded text, as IAM stores it: what the analysis reads (core/json/policy.ts). */
  text?: string;
  /** The same document as plain JSON (for the JSON report; undefined when the text is not JSON). */
  document?: unknown;
}

export interface LogStreamInfo {
  name: string;
  kind: 'runtime-logs' | 'runtime-logs-stdout' | 'otel-rt-logs' | 'other';
  lastEventTime?: string;
  lastIngestionTime?: string;
  /** Deprecated by CloudWatch Logs for streams (reported as 0); kept as read. */
  storedBytes?: number;
}

export interface LogGroupInfo {
  name: string;
  storedBytes?: number;
  createdAt?: string;
  retentionInDays?: number;
  streams: LogStreamInfo[];
  /** True when the stream listing was cut short. */
  streamsTruncated?: boolean;
}

export interface ObservabilityFacts {
  logGroups?: LogGroupInfo[];
  /** X-Ray segment destination (`CloudWatchLogs` = Transaction Search on) and its status. */
  traceDestination?: { destination?: string; status?: string };
  /** Log groups named by OTEL environment variables, and whether each exists. */
  otelLogGroups: { variable: string; logGroup: string; exists?: boolean }[];
  /** Interpretation, one message per fact. */
  notes: AuditNote[];
}

export interface RequirementVerdict {
  requirement?: string;
  rule: string;
  verdict: Verdict;
  severity: string;
  actions: string[];
  conditionKeys?: string[];
  message: string;
  dependsOn?: string[];
  /** Statements that grant (sid/actions/resources), as evidence. */
  evidence: string[];
  docs?: string;
  /** SimulatePrincipalPolicy's second opinion. */
  simulation?: { decision: 'allowed' | 'denied' | 'mixed' | 'error'; agrees?: boolean; detail: string };
}

export interface DriftEntry {
  direction: 'live-only' | 'terraform-only';
  effect: string;
  action: string;
  resource: string;
}

export interface DriftReport {
  terraformRole: string;
  matchedBy: 'name' | 'arn';
  entries: DriftEntry[];
  trustDiffers?: string[];
}

export interface AuditReport {
  generatedAt: string;
  region?: string;
  runtime?: RuntimeInfo;
  role?: {
    arn: string;
    name: string;
    account?: string;
    policies: LivePolicy[];
    boundary?: LivePolicy;
    trust?: unknown;
  };
  serviceLinkedRole?: { name: string; exists?: boolean };
  /** The role as the analysis saw it (the core's model). */
  model?: Role;
  verdicts: RequirementVerdict[];
  /** Raw findings of analyze(), for scripts. */
  findings: Finding[];
  analysisError?: string;
  observability: ObservabilityFacts;
  drift?: DriftReport;
  /** SimulatePrincipalPolicy's raw answers per requirement (with --simulate). */
  simulation?: { requirement: string; decision: 'allowed' | 'denied' | 'mixed' | 'error'; detail: string }[];
  notes: AuditNote[];
  problems: AuditProblem[];
  /** Summary for exit codes and status. */
  summary: { requiredGranted: boolean; worstSeverity?: string; counts: Record<string, number> };
}
