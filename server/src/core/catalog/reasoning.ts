/**
 * Why each requirement is judged as it is: the reasoning docs/catalog.md prints under it (the data
 * says what is checked; this says why the verdict follows from the sources). Every requirement id
 * has an entry (test/unit/docs/catalog-doc.test.ts).
 */
export const REASONING: Record<string, string> = {
  'runtime.trust':
    'Without a statement that lets bedrock-agentcore.amazonaws.com call sts:AssumeRole the runtime cannot be created ("Role validation failed"): an error. The aws:SourceAccount and aws:SourceArn conditions are the documented confused-deputy protection ("Use the full ARN when possible"); the role works without them, so each missing condition is a warning, not an error.',
  'runtime.R1':
    'Needed only when the runtime runs a container image (container_configuration); a runtime deployed from code (code_configuration) never pulls from ECR, and one whose artifact the Terraform does not show is unknown, never missing. The page scopes it to repository/* (the starter toolkit to the image\'s repository when it knows it).',
  'runtime.R2':
    'ecr:GetAuthorizationToken has no resource type in the Service Authorization Reference: only Resource "*" grants it. Container runtimes only.',
  'runtime.R3':
    'Granted by any statement whose resource contains log-group:/aws/bedrock-agentcore/runtimes/* for both actions (IAM\'s "*" in the resource part spans ":" and "/", so log-group:/aws/bedrock-agentcore/* covers it).',
  'runtime.R4':
    'Since 2026-07-24 new agents deliver X-Ray spans to the spans stream of their own log group (per agent, UNIFIED_TRACES_DESTINATION_ENABLED; Transaction Search and ADOT 0.18.0 or later), and X-Ray writes there only under a resource policy the execution role puts on the group. The action has no resource type (Service Authorization Reference), the CloudWatch guide grants it on "*", and BedrockAgentCoreFullAccess v19 grants it on "*" with aws:ResourceAccount = ${aws:PrincipalAccount}; only the runtime-permissions page scopes it to the runtime\'s log group (conflict C1). So: granted on "*"; a grant on a logs ARN only is unknown (information, naming C1) with a fix that writes "*"; no grant at all is an information note, never an error, because the analysis cannot tell whether the runtime uses span delivery. The fix writes "*" without the managed policy\'s aws:ResourceAccount condition: the analysis does not know the request\'s resource account, so it could not judge the condition it wrote.',
  'runtime.R5':
    'The runtime looks up log groups when it starts writing its logs. The runtime-permissions page and the starter toolkit scope logs:DescribeLogGroups to log-group:*, but the Service Authorization Reference lists no resource type for it (so by IAM\'s rules only Resource "*" grants it), AWS\'s CDK constructs for AgentCore write "*" ("DescribeLogGroups requires * (AWS limitation)"), and AWS\'s troubleshooting for logs missing from Terraform/CDK-deployed runtimes names the scoped form as a cause and "*" as the fix (conflict C10). So: granted on "*" under every reading; a grant on log-group:* or any other logs ARN only is unknown at warning (the checker cannot know which source IAM follows, and AWS names it as a cause of missing logs), at the statement that scopes it, with a fix that writes a statement of its own on "*"; no grant at all is missing (error). Adding the action to a statement scoped to /aws/bedrock-agentcore/* would not cover it.',
  'runtime.R6':
    'Granted by any statement whose resource contains log-group:/aws/bedrock-agentcore/runtimes/*:log-stream:*; a statement on log-group:/aws/bedrock-agentcore/* already covers every log stream below it, because IAM\'s "*" in the resource part spans ":" and "/". A text comparison with the documented policy would call it missing; an IAM-aware check must not.',
  'runtime.R7':
    'None of the four X-Ray actions has a resource type: only "*" grants them. Without the sampling actions the agent\'s OpenTelemetry SDK cannot read sampling rules (an error, as the page lists them for every runtime).',
  'runtime.R8':
    'cloudwatch:PutMetricData is requested with cloudwatch:namespace = bedrock-agentcore; a statement whose condition asks for that namespace grants it, one that asks for another namespace does not, and one that asks for a key the request does not carry is unknown.',
  'runtime.R9':
    'Runtimes created on or after 2025-10-13 get workload access tokens through the service-linked role AWSServiceRoleForBedrockAgentCoreRuntimeIdentity ("No manual IAM policy configuration required"), and the starter toolkit removed the statement (conflict C3). Terraform does not tell when a runtime was created, so the statement\'s absence is information only ("not required for runtimes created on or after 2025-10-13"), an error only when the component\'s facts say it was created before that date. Its fix writes the official statement scoped to workload-identity/<runtime name>-*.',
  'runtime.R10':
    'Needed only if the agent calls Bedrock models itself: optional, checked only when settings.optionalRequirements lists it.',
  'runtime.R11':
    'From AWS\'s CDK constructs, not yet in the developer guide: optional until documented, checked only when settings.optionalRequirements lists it (the Terraform does not show filesystem mounts of a runtime yet).',
  'runtime.R12':
    'From AWS\'s CDK constructs, not yet in the developer guide: optional until documented, checked only when settings.optionalRequirements lists it.',
  'gateway.G0':
    'Without it the gateway cannot be created. The SourceArn condition names the gateway, whose ARN does not exist before the first create: the docs allow leaving the condition out at first and adding it after, so a missing condition is a warning (conflict C6: the policy-permissions page writes a broader SourceArn).',
  'gateway.G1':
    'Only when the gateway has a Lambda target or a Lambda interceptor (the Terraform shows both); a cross-account Lambda also needs the function\'s resource policy, which is not the role\'s.',
  'gateway.G2': 'Only with OAuth or API-key outbound auth, shown by the targets\' credential provider configuration.',
  'gateway.G3':
    'Only with OAuth outbound auth. Judged on the Service Authorization Reference\'s form oauth2credentialprovider/<name>; the hyphenated form of the scope-credential-provider page matches no resource (conflict C2).',
  'gateway.G4': 'Only with API-key outbound auth. Judged on the form apikeycredentialprovider/<name> (conflict C2).',
  'gateway.G5': 'Only with OAuth or API-key outbound auth: the provider\'s secret is read with the gateway\'s role.',
  'gateway.G6':
    'The outbound-auth page asks to "verify" InvokeGateway for IAM (SigV4) outbound auth but gives no resource or example (conflict C9): not granted is an information note, never an error.',
  'gateway.G7':
    'Only when a policy engine is attached. The policy-permissions page says to add G7 and G8 to the gateway\'s "service-linked role"; they belong on the gateway\'s execution role (the role_arn of the gateway), which is where they are checked.',
  'gateway.G8':
    'Only when a policy engine is attached; both the policy engine and the gateway ARN must be granted (both are permission-only actions). Without them attaching fails with "InternalServerException - Policy evaluation failed" and every tool is denied.',
  'gateway.G9':
    'Only for temporal policies, whose policy session id is supplied at invocation time, which Terraform never shows: never judged missing from Terraform alone.',
  'memory.trust':
    'Built-in strategies with overrides add aws:SourceAccount, self-managed strategies document aws:SourceArn …:memory/* only (conflict C6): only the condition both share is required; a trust that also writes aws:SourceAccount may be assumed as well (AgentCore Memory sets the key), not reported as depending on it.',
  'memory.M1':
    'Only when a built-in strategy with overrides makes the service invoke Bedrock in the account. The AWS managed policy AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy grants it; a role that attaches an AWS managed policy gets unknown rather than missing (the policy\'s content is not in the workspace).',
  'memory.M2': 'Newer strategies with overrides; optional. Covered by the managed memory policy since its v4 (2026-07-17).',
  'memory.M3': 'Newer strategies with overrides; optional. Covered by the managed memory policy since its v4 (2026-07-17).',
  'memory.MS1': 'Only for self-managed strategies (payload delivery to the bucket).',
  'memory.MS2': 'Only for self-managed strategies (notifications to the topic).',
  'memory.MS3': 'Only when the payload bucket or the topic is encrypted with a customer managed key the Terraform shows.',
  'tools.T0':
    'Without it the tool cannot be created ("Browser role validation failed", "CodeInterpreter role validation failed"). No permission policy is documented for a Code Interpreter execution role: it is workload-specific, so only the trust policy is judged.',
  'browser.B1': 'Only when session recording is configured. Two pages list different S3 actions (conflict C4); the three actions both pages share are judged.',
  'browser.B2': 'Only the session-recording page lists these (conflict C4): not granted is an information note.',
  'evaluation.trust': 'The evaluations page adds aws:ResourceAccount to the usual conditions and lists evaluator and online-evaluation-config source ARNs (conflict C6).',
  'evaluation.E1': 'DescribeLogGroups, GetQueryResults and StartQuery are documented on "*" for evaluations.',
  'evaluation.E2': 'Evaluation results are written under /aws/bedrock-agentcore/evaluations/.',
  'evaluation.E3': 'The spans log group is aws/spans (no leading slash); both the group and its streams are documented.',
  'evaluation.E4': 'Only for LLM-as-a-judge evaluators, which invoke Bedrock models: an evaluator of the workspace whose evaluator_config is llm_as_a_judge. A custom evaluator id whose evaluator is not in the workspace may as well be code-based (no model call), so it is not checked; a built-in evaluator (Builtin.*) needs neither.',
  'evaluation.E5': 'Only for code-based evaluators: an evaluator of the workspace whose evaluator_config is code_based (lambda_config { lambda_arn }). The function the statement names comes from lambda_arn, which the requirement does not read: a grant on "*" is granted, one on other functions is unknown, never missing.',
  'memory.MK1': 'Only when the memory streams records: stream_delivery_resources with a kinesis data stream (hashicorp/aws blocks or awscc attributes). The stream\'s name is not read into the requirement, so a grant scoped to another stream pattern is unknown, not missing. The trust the streaming page documents (ArnLike aws:SourceArn …:memory/*, no aws:SourceAccount) is the memory role\'s trust, judged by memory.trust.',
  'memory.MK2': 'Only when the streamed-to Kinesis stream is in the workspace and encrypted with a customer managed key (encryption_type = "KMS" with a key of the workspace or a key ARN). A stream outside the workspace, or encrypted with the AWS managed key alias/aws/kinesis (whose key policy is AWS\'s, not the role\'s to grant), is not checked.',
  'gateway.G13': 'KMS allows a request when the key policy allows it, or when the key policy allows the account and an IAM policy of the principal allows it. So the role\'s own policy is required only when the key is in the workspace and its key policy delegates to the account (a statement for the account root covering all four actions, without a condition; also KMS\'s default key policy when none is written) and grants the role none of them itself. A key policy that grants the role all four needs nothing in the role\'s policy; a partial grant, a Deny that may apply, a principal that may be the role, a key outside the workspace or a policy that cannot be read leave the requirement unchecked, never missing. A key policy that grants neither the role nor the account is not reported (the key policy, not the role, would need the fix).',
  'gateway.G14': 'Only when a target of the gateway is an AgentCore Runtime called with the gateway\'s IAM role: target_configuration { http { agentcore_runtime } } with credential_provider_configuration { gateway_iam_role }, or an MCP server target whose endpoint is a runtime\'s invocation URL signed for the service bedrock-agentcore. OAuth, API-key, JWT-passthrough or caller-credential targets do not use the role for the call. The runtime-target page\'s "Outbound authorization" section could not be read, so the severity rests on IAM: a SigV4 request signed by the role is allowed in the same account when the role\'s identity policy or the runtime\'s resource-based policy allows it, and InvokeAgentRuntime requires both the runtime ARN and the endpoint ARN runtime/<id>/runtime-endpoint/<qualifier> (DEFAULT when the target sets none). Judged on the target\'s own runtime: a literal ARN as written; aws_bedrockagentcore_agent_runtime.X.agent_runtime_arn read as runtime/<name>-<generated suffix>, the suffix one symbol per runtime, in the target and in a policy alike: a grant on runtime/*, runtime/<name>-* or the same attribute covers it, one on another runtime of the configuration does not, one on another exact id is unknown. A runtime of the workspace named by an aws_bedrockagentcore_resource_policy (or by one whose resource cannot be told), or a runtime outside the workspace (whose policy may exist there), leaves a gap unknown, never missing; a runtime of the workspace without one gives missing, and so does a runtime whose ARN names another account than the role\'s (across accounts IAM needs the role\'s own policy as well as the runtime\'s).',
  'agentcore.trust': 'A JSON trust policy file, or a role no resource of the configuration names, cannot be tied to one AgentCore kind: only what all their trust requirements share is judged (the service may assume the role; aws:SourceAccount and an aws:SourceArn of AgentCore in that account). A kind-specific scope (a gateway\'s gateway/<name>-*) is judged once a component names the role; its permissions are not judged, since which of them the role needs depends on the kind.',
};
