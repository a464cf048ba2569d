/**
 * What the Terraform/JSON front hands to the analysis: every AgentCore role of a workspace with
 * every policy that reaches it, plus what fixes need to write in each module's own idiom.
 * Produced by `Workspace.model()` (core/workspace.ts); consumed by core/analyze.ts and core/fixes.
 */
import type {
  AgentCoreComponent,
  Location,
  PolicyDocument,
  ProviderContext,
  Range,
  Role,
  Severity,
  SymStr,
} from './model';

/** A problem with a file itself (not an IAM finding): syntax errors, skipped or unreadable files. */
export interface FileProblem {
  rule: 'syntax-error' | 'file-skipped' | 'file-unreadable' | 'unresolved-reference' | 'analysis-failed' | 'module-cycle';
  severity: Severity;
  file: string;
  range: Range;
  message: string;
}

/** How a module already writes partition/region/account, so that fixes write the same. */
export interface ModuleIdiom {
  /** `data "aws_partition" "<name>"` declared in the module, if any. */
  partitionData?: string;
  /** `data "aws_region" "<name>"`, and the attribute the module already uses (`id`, `name` or `region`). */
  regionData?: { name: string; attribute?: 'id' | 'name' | 'region' };
  /** `data "aws_caller_identity" "<name>"`. */
  callerIdentityData?: string;
  /** The hashicorp/aws version constraint in force, e.g. `>= 6.18` (decides `region` vs `name`). */
  awsProviderVersion?: string;
  /** The file where the module declares its data sources (or its main.tf), for fixes that add them. */
  dataSourceFile?: string;
  /**
   * Every `aws_partition`, `aws_region` and `aws_caller_identity` data source of this module instance
   * with where it is placed (its `provider`, its `region` argument): a fix for a role placed elsewhere
   * (`provider = aws.cn`) uses only those that answer for the role's placement.
   */
  placedData?: { type: 'aws_partition' | 'aws_region' | 'aws_caller_identity'; name: string; file: string; place: ProviderContext }[];
  /** The provider configurations this module instance can name (`aws`, `aws.cn`): where each places (its ProviderContext.config says which it is). */
  providerConfigs?: Record<string, ProviderContext>;
}

export interface ModuleInfo {
  /** `''` for the root module, else e.g. `module.iam` (nested: `module.a.module.b`). */
  address: string;
  /** Absolute directory. */
  dir: string;
  files: string[];
  idiom: ModuleIdiom;
  /** Resolved values of `local.X` (what fixes use to write `${local.agent_runtime_name}`). */
  locals: Record<string, SymStr | undefined>;
  /** Resolved values of `var.X` in this instance (from the caller's inputs or defaults). */
  variables: Record<string, SymStr | undefined>;
}

export interface WorkspaceModel {
  /** Every role that an AgentCore component names, or whose trust policy names bedrock-agentcore. */
  roles: Role[];
  /** Every AgentCore component, including those whose role could not be resolved. */
  components: AgentCoreComponent[];
  /** Every policy document found, attached or not (for action checks, hovers and fixes). */
  documents: PolicyDocument[];
  modules: ModuleInfo[];
  problems: FileProblem[];
}

/** Where a document is and which module it belongs to. */
export interface DocumentPlace {
  document: PolicyDocument;
  module?: ModuleInfo;
  loc?: Location;
}
