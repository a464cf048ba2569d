/**
 * The analysis core's data model: the contract between the Terraform/JSON fronts, the IAM evaluator,
 * the requirement catalog, the fixes, and every surface (language server, CLI, live audit).
 *
 * Pure types. Nothing in `server/src/core/` may import `vscode` or `vscode-languageserver`.
 * Positions follow LSP conventions (0-based line, UTF-16 code-unit character) so that every surface
 * can use them as they are.
 */

// ---------------------------------------------------------------------------------------------
// Places in files
// ---------------------------------------------------------------------------------------------

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A range in a file. `file` is an absolute path with the platform's separators. */
export interface Location {
  file: string;
  range: Range;
}

// ---------------------------------------------------------------------------------------------
// Symbolic strings: what a policy string is when Terraform cannot be fully evaluated statically
// ---------------------------------------------------------------------------------------------

/**
 * A value the analysis knows to be consistent across the whole configuration without knowing it:
 * the partition, region and account of the provider that deploys the AgentCore resource. A policy
 * written with `data.aws_region.current.id` and a requirement built for the same provider share the
 * symbol `region`, so they compare equal; neither compares equal to a literal such as `us-east-1`.
 * `name` is a named symbol for a value that is consistent but opaque (e.g. a runtime name that
 * comes from an unset variable used both by the runtime and the role's policy).
 */
export type KnownSymbol =
  | { kind: 'partition' }
  | { kind: 'region' }
  | { kind: 'account' }
  | { kind: 'named'; name: string };

/**
 * A part of a symbolic string.
 * - `lit`: literal text (after Terraform escapes `$${` / `%%{` and the policy-document `&{` have
 *   been normalised: an IAM policy variable is never a `lit`, it is a `policyVar`).
 * - `sym`: a consistent unknown (see KnownSymbol).
 * - `unknown`: a value the analysis cannot know (a variable without a value, a resource attribute
 *   known only after apply, a `for_each` element). `expr` is the Terraform source text it came from,
 *   e.g. `var.log_group_arn`; it is what an "unknown" verdict depends on.
 * - `policyVar`: an IAM policy variable such as `${aws:username}`; its value is request-dependent.
 */
export type Part =
  | { kind: 'lit'; text: string }
  | { kind: 'sym'; sym: KnownSymbol }
  | { kind: 'unknown'; expr: string }
  | { kind: 'policyVar'; name: string };

/** A string value of a policy, with the place it was written (for diagnostics and fixes). */
export interface SymStr {
  parts: Part[];
  /** Where the string literal/expression is written, when it is written in the workspace. */
  loc?: Location;
}

/** Either a list whose items are known, or a whole value the analysis cannot expand. */
export type SymList =
  | { kind: 'items'; items: SymStr[]; loc?: Location }
  | { kind: 'unknown'; expr: string; loc?: Location };

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

export type Effect = 'Allow' | 'Deny';

export interface Condition {
  /** Operator as written, e.g. `StringEquals`, `ForAnyValue:StringLike`, `ArnLike`, `Null`, `...IfExists`. */
  operator: string;
  /** Condition key as written, e.g. `cloudwatch:namespace`, `aws:SourceArn` (case-insensitive in IAM). */
  key: string;
  values: SymList;
  loc?: Location;
}

export interface Principal {
  /** `Service`, `AWS`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  type: string;
  identifiers: SymList;
  loc?: Location;
}

/**
 * One IAM statement, whatever form it was written in. Exactly one of actions/notActions is set in a
 * well-formed statement (likewise resources/notResources for identity policies); the evaluator
 * treats malformed combinations conservatively.
 */
export interface Statement {
  sid?: string;
  /** `undefined` when the effect is an expression the analysis cannot evaluate. */
  effect: Effect | undefined;
  actions?: SymList;
  notActions?: SymList;
  resources?: SymList;
  notResources?: SymList;
  principals?: Principal[];
  notPrincipals?: Principal[];
  conditions: Condition[];
  /**
   * The statement cannot be expanded statically (e.g. a `dynamic "statement"` over an unknown
   * collection, or a `Statement` value that is a variable): it may exist with any content.
   * `expr` names what it depends on.
   */
  opaque?: { expr: string };
  /** The whole statement block / object. */
  loc?: Location;
}

/** How a policy document is written in the source; fixes use it to write in the same idiom. */
export type PolicyForm =
  | 'policy-document' // data "aws_iam_policy_document"
  | 'jsonencode' // jsonencode({...}) in HCL
  | 'heredoc-json' // <<EOF { ... } EOF
  | 'json-string' // a quoted JSON string in HCL
  | 'json-file' // a .json file in the workspace (direct, or through file()/templatefile())
  | 'live'; // fetched from AWS by the live audit

export interface PolicyDocument {
  /** Stable id within an analysis, e.g. `module.iam.data.aws_iam_policy_document.agent_runtime` or a file path. */
  id: string;
  form: PolicyForm;
  statements: Statement[];
  /**
   * The document as a whole may hold statements the analysis cannot see (an unknown
   * `source_policy_documents` entry, a policy ARN it cannot resolve, ...). Each entry is what it
   * depends on. A non-empty list turns "missing" verdicts into "unknown".
   */
  opaque: string[];
  /** The document's source: the data block, the jsonencode(...) call, the heredoc, the JSON file. */
  loc?: Location;
  /**
   * An AWS managed policy read from the bundled data (core/iam/managed.ts): its name, the default
   * version id and date the data holds, and the data's package and version. Such a document has no
   * locations (it is not in the workspace).
   */
  awsManaged?: { name: string; version: string; date: string; source: string };
  /**
   * A `.json` file read through templatefile(): `${name}` in its text is a template variable, and a
   * literal `${` is written `$${` (fixes write the file's own variables: fixes/idiom.ts templateIdiom).
   */
  templateFile?: true;
}

/** How a policy reaches a role; used in messages and in related information. */
export type Attachment =
  | 'inline' // aws_iam_role.inline_policy, aws_iam_role_policy, awscc policies
  | 'managed' // aws_iam_policy + attachment, managed_policy_arns
  | 'aws-managed' // an AWS managed policy ARN (content not in the workspace)
  | 'boundary' // permissions boundary
  | 'trust'; // assume-role policy

export interface AttachedPolicy {
  attachment: Attachment;
  document: PolicyDocument;
  /** The resource that attaches it (aws_iam_role_policy, the attachment, the role's attribute). */
  via?: Location;
}

// ---------------------------------------------------------------------------------------------
// Roles and AgentCore components
// ---------------------------------------------------------------------------------------------

export type RoleKind =
  | 'runtime'
  | 'gateway'
  | 'memory'
  | 'code-interpreter'
  | 'browser'
  | 'evaluation'
  | 'harness'
  | 'payment-manager'
  | 'unknown-agentcore'; // trusted by bedrock-agentcore.amazonaws.com but named by no AgentCore resource

/** An AgentCore resource that names a role (the reason a role is an AgentCore role). */
export interface AgentCoreComponent {
  /** Terraform address relative to the root module, e.g. `aws_bedrockagentcore_agent_runtime.my_agent`. */
  address: string;
  /** Resource type, e.g. `aws_bedrockagentcore_agent_runtime`. */
  type: string;
  kind: RoleKind;
  /** The attribute that names the role, e.g. `role_arn`. */
  roleAttribute: string;
  loc: Location;
  /**
   * Facts the requirements depend on. Values are what the analysis could tell; `undefined` when
   * it cannot (which makes conditional requirements "unknown", never "missing").
   */
  facts: ComponentFacts;
}

export interface ComponentFacts {
  /** Runtime: `container` (ECR image) or `code` (direct code deploy); undefined if not known. */
  artifact?: 'container' | 'code';
  /** Runtime/gateway/...: its name, as a symbolic string (for name-scoped requirement ARNs). */
  name?: SymStr;
  /** Runtime: the ECR repository name, when it can be told (the toolkit scopes R1 to it). */
  ecrRepository?: SymStr;
  /** Runtime: environment variables (for observability checks). */
  environment?: Record<string, SymStr>;
  /** Creation date, ISO `YYYY-MM-DD`, when known (live audit only). */
  createdAt?: string;
  /** Gateway: authorizer/outbound/target facts, memory: strategy facts; free-form, documented per kind. */
  [key: string]: unknown;
}

/** The provider context of a role/component: what partition/region/account are, when known. */
export interface ProviderContext {
  /** Literal partition if the configuration fixes it, else undefined (then the `partition` symbol is used). */
  partition?: string;
  region?: string;
  account?: string;
  /**
   * Which provider configuration places it (an id unique in the configuration, e.g. `aws.cn` of the
   * root, `module.net/aws` of a module's own provider block); undefined when not known. Two
   * placements with the same id have the same partition and account (fixes: which data sources
   * answer for this placement).
   */
  config?: string;
  /** The region is the resource's own `region` argument (AWS provider 6), not its provider's. */
  regionArgument?: boolean;
  /**
   * The region's expression as the configuration writes it (`"cn-north-1"`, `var.agent_region`): the
   * provider's `region`, or the resource's own with regionArgument; undefined when the configuration
   * writes none (the settings' default). A region read from a variable's default is the analysis's
   * reading, which apply may set otherwise: a fix writes it as text only when this is a string literal.
   */
  regionWritten?: string;
}

export interface Role {
  /** Terraform address relative to the workspace root module, e.g. `module.iam.aws_iam_role.agent_runtime`;
   *  for the live audit, the role ARN. */
  address: string;
  /** Resource type (`aws_iam_role`, `awscc_iam_role`) or `live`. */
  type: string;
  /** The role block. */
  loc?: Location;
  /** The role's name when known. */
  name?: SymStr;
  /** `name` is a `name_prefix`: the name starts with it, Terraform adds a generated suffix. */
  namePrefix?: boolean;
  /**
   * The role's IAM path (`/` when the configuration writes none, IAM's default), for its ARN
   * `arn:<partition>:iam::<account>:role<path><name>` (`aws:PrincipalArn`); undefined when not read
   * (a live role's address is its ARN, a JSON trust file has none).
   */
  path?: SymStr;
  /** Every component that names this role, and so its kinds. Empty for `unknown-agentcore`. */
  components: AgentCoreComponent[];
  /** The trust (assume-role) policy. Undefined when the role has none the analysis can read. */
  trust?: AttachedPolicy;
  /** Every identity policy that reaches the role (inline, managed, AWS-managed). */
  policies: AttachedPolicy[];
  /** Permissions boundary, if any. */
  boundary?: AttachedPolicy;
  /**
   * The role's set of policies may be incomplete: attachments that the analysis cannot attribute
   * (e.g. an aws_iam_role_policy_attachment whose `role` is an unknown variable). Each entry is
   * what it depends on. Non-empty turns "missing" into "unknown".
   */
  opaque: string[];
  provider: ProviderContext;
}

// ---------------------------------------------------------------------------------------------
// Requirements (the catalog, encoded as data in core/catalog)
// ---------------------------------------------------------------------------------------------

export type SeverityClass =
  | 'required' // the component does not work without it -> error
  | 'security' // recommended protection (confused deputy) -> warning
  | 'legacy' // only needed in older setups (R9 before 2025-10-13) -> information
  | 'conflict' // AWS's own sources disagree -> information
  | 'optional'; // needed only if the agent uses a feature; not reported unless enabled

export interface Source {
  /** Catalog source key, e.g. `S1`. */
  key: string;
  url: string;
  /** The date the source was read, ISO `YYYY-MM-DD`. */
  read: string;
}

/**
 * A resource pattern of a requirement as an ARN template: `${partition}`, `${region}`, `${account}`,
 * `${name}` are substituted per role; `*` is IAM's wildcard.
 */
export type ResourceTemplate = string;

export interface RequirementCondition {
  operator: string;
  key: string;
  values: string[];
  /**
   * The values as symbolic strings when they hold the provider's symbols (its region, account,
   * partition: core/iam/context.ts); used instead of `values` when present. A policy value that
   * writes the same symbol matches; a literal one is unknown.
   */
  symValues?: SymStr[];
}

export interface PermissionRequirement {
  /** Stable catalog id, e.g. `runtime.R5`. */
  id: string;
  kind: 'permission';
  roleKinds: RoleKind[];
  /** Sid as AWS documents it (used by fixes). */
  sid?: string;
  title: string;
  /** Why it is needed, one or two sentences, for messages and hovers. */
  why: string;
  actions: string[];
  resources: ResourceTemplate[];
  /** The request context the service sends; a policy condition on these keys is evaluated against it. */
  context?: RequirementCondition[];
  /** The official statement's own condition block (what the fix writes). */
  statementConditions?: RequirementCondition[];
  /**
   * The service's requests for it carry `aws:ResourceAccount` = the role's account although the
   * resources' ARNs hold no account (memory M1's Bedrock foundation models: AWS's official statement
   * and its managed policy for memory model inference both condition on it). Not for a resource the
   * user owns in an account its ARN does not say (an S3 bucket).
   */
  resourceAccountSent?: true;
  /** Which deployments it applies to; evaluated against ComponentFacts. Undefined = always. */
  appliesWhen?: { artifact?: 'container' | 'code'; createdBefore?: string; feature?: string };
  severityClass: SeverityClass;
  sources: Source[];
  /** Conflict ids from the catalog (C1–C9) that concern this requirement. */
  conflicts?: string[];
  /** Extra text for information-level findings (legacy, conflicts). */
  note?: string;
  /**
   * AWS's sources disagree on the resource the action takes (catalog conflict `conflict`): by IAM's
   * rules only `resources` grant it, another source scopes it to an ARN. A role that grants the
   * actions only on a resource that overlaps `scope` is judged unknown, at `severity`.
   */
  disputedScope?: { scope: ResourceTemplate[]; conflict: string; severity: Severity };
}

export interface TrustRequirement {
  id: string;
  kind: 'trust';
  roleKinds: RoleKind[];
  title: string;
  why: string;
  principalService: string;
  action: string;
  /** Conditions the official trust policy carries; each is judged separately. */
  conditions: (RequirementCondition & { severityClass: SeverityClass })[];
  /**
   * Conditions one documented form of the trust writes and another leaves out (a conflict such as
   * C6), each with the page that writes it. The service sets the key when it assumes the role, so a
   * trust policy that constrains it is judged as for `conditions` (the condition holds); a policy
   * without it gets no finding.
   */
  acceptedConditions?: (RequirementCondition & { source: Source })[];
  severityClass: SeverityClass;
  sources: Source[];
  conflicts?: string[];
  note?: string;
}

export type Requirement = PermissionRequirement | TrustRequirement;

// ---------------------------------------------------------------------------------------------
// Verdicts and findings
// ---------------------------------------------------------------------------------------------

export type Verdict =
  | 'granted'
  | 'missing'
  | 'unknown'
  | 'not-required' // legacy requirement judged unnecessary for this component
  | 'invalid'; // a malformed policy element (unknown action, bad effect, ...)

export interface EvaluationResult {
  verdict: 'granted' | 'missing' | 'unknown';
  /** For missing/unknown: the required actions that are not (known to be) granted. */
  actions: string[];
  /** For unknown: what the verdict depends on (Terraform expressions, condition keys, ...). */
  dependsOn: string[];
  /** Statements that grant (for hovers) or that deny (for messages). */
  granting: Statement[];
  denying: Statement[];
  /** Human-readable explanation, one line. */
  explanation: string;
  /**
   * For missing: `actions` split by verdict (evaluate.ts). `missingActions` IAM cannot allow
   * whatever the unknowns are; `unknownActions` it may allow (they depend on `dependsOn`, which
   * names only what they depend on); `deniedBy`, the Deny statements that certainly deny a missing one.
   */
  missingActions?: string[];
  unknownActions?: string[];
  deniedBy?: Statement[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The preferred fix of its finding (VS Code's isPreferred). */
  preferred?: boolean;
}

export interface RelatedInformation {
  loc: Location;
  message: string;
}

/**
 * One finding. The LSP diagnostic's `code` is `rule`; its `data` is `{ requirement, actions,
 * conditionKeys, fixes | fixesPending }` (see lsp/handlers/diagnostics.ts). Fixes never parse messages.
 */
export interface Finding {
  /** Stable rule id (see core/rules.ts). */
  rule: string;
  severity: Severity;
  verdict: Verdict;
  /** Absolute path of the file it points at. */
  file: string;
  range: Range;
  /** Role address (see Role.address). */
  role?: string;
  roleKind?: RoleKind;
  /** Catalog id. */
  requirement?: string;
  /** Actions concerned, exact IAM spelling. */
  actions: string[];
  /** For trust-policy condition findings, e.g. `["aws:SourceArn"]`. */
  conditionKeys?: string[];
  message: string;
  /**
   * The sentence of `message` that names the role and its components, exactly as written there, when
   * `related` locates them all: left out where they are shown as related locations (messageBeside).
   */
  subject?: string;
  /** AWS documentation URL. */
  docs?: string;
  /** What an unknown verdict depends on. */
  dependsOn?: string[];
  related: RelatedInformation[];
  fixes: Fix[];
}
