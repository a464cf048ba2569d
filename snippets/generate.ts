/**
 * Writes snippets/terraform.code-snippets and snippets/json.code-snippets from the core catalog
 * (the same data the analysis checks against). Run: `node --import tsx snippets/generate.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIREMENTS } from '../server/src/core/catalog';
import { RULES } from '../server/src/core/rules';
import { SUPPRESSION_MARKER } from '../server/src/core/suppress';
import type { PermissionRequirement, TrustRequirement } from '../server/src/core/model';

const TF_SUBST: Record<string, string> = {
  partition: '${data.aws_partition.current.partition}',
  region: '${data.aws_region.current.region}',
  account: '${data.aws_caller_identity.current.account_id}',
};
const JSON_SUBST: Record<string, string> = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

/** Snippet-escapes `$` and substitutes the template variables; `${name}` becomes a placeholder. */
function tfArn(t: string): string {
  return t.replace(/\$\{(\w+)\}/g, (_m, v: string) => (v in TF_SUBST ? TF_SUBST[v] : '${var.agent_name}')).replace(/\$/g, '\\$');
}
function jsonArn(t: string, n: { i: number }): string {
  return t.replace(/\$\{(\w+)\}/g, (_m, v: string) => (v in JSON_SUBST ? `\${${n.i++}:${JSON_SUBST[v]}}` : `\${${n.i++}:my_agent}`));
}
const q = (s: string) => JSON.stringify(s);

function pdStatement(r: PermissionRequirement, indent = '  '): string {
  const lines = [`${indent}statement {`];
  if (r.sid) lines.push(`${indent}  sid       = ${q(r.sid)}`);
  lines.push(`${indent}  effect    = "Allow"`);
  lines.push(`${indent}  actions   = [${r.actions.map(q).join(', ')}]`);
  lines.push(`${indent}  resources = [${r.resources.map((x) => `"${tfArn(x)}"`).join(', ')}]`);
  for (const c of r.statementConditions ?? []) {
    lines.push(`${indent}  condition {`, `${indent}    test     = ${q(c.operator)}`, `${indent}    variable = ${q(c.key)}`, `${indent}    values   = [${c.values.map((v) => `"${tfArn(v)}"`).join(', ')}]`, `${indent}  }`);
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

function jsonencodeStatement(r: PermissionRequirement): string {
  const lines = ['{'];
  if (r.sid) lines.push(`  Sid      = ${q(r.sid)}`);
  lines.push('  Effect   = "Allow"', `  Action   = [${r.actions.map(q).join(', ')}]`, `  Resource = [${r.resources.map((x) => `"${tfArn(x)}"`).join(', ')}]`);
  if (r.statementConditions?.length) {
    const byOp = new Map<string, string[]>();
    const v = (x: string) => `"${tfArn(x)}"`;
    for (const c of r.statementConditions) byOp.set(c.operator, [...(byOp.get(c.operator) ?? []), `${q(c.key)} = ${c.values.length === 1 ? v(c.values[0]) : `[${c.values.map(v).join(', ')}]`}`]);
    lines.push('  Condition = {');
    for (const [op, kv] of byOp) lines.push(`    ${op} = { ${kv.join(', ')} }`);
    lines.push('  }');
  }
  lines.push('},');
  return lines.join('\n');
}

function jsonStatement(r: PermissionRequirement): string {
  const n = { i: 1 };
  const st: Record<string, unknown> = {};
  if (r.sid) st.Sid = r.sid;
  st.Effect = 'Allow';
  st.Action = r.actions;
  st.Resource = r.resources.map((x) => jsonArn(x, n));
  if (r.statementConditions?.length) {
    const cond: Record<string, Record<string, string | string[]>> = {};
    for (const c of r.statementConditions) {
      const values = c.values.map((x) => jsonArn(x, n));
      (cond[c.operator] ??= {})[c.key] = values.length === 1 ? values[0] : values;
    }
    st.Condition = cond;
  }
  return JSON.stringify(st, null, 2);
}

function trustDoc(t: TrustRequirement): string {
  const lines = ['data "aws_iam_policy_document" "${1:agent_runtime}_trust" {', '  statement {', '    sid     = "AssumeRolePolicy"', '    effect  = "Allow"', `    actions = [${q(t.action)}]`, '    principals {', '      type        = "Service"', `      identifiers = [${q(t.principalService)}]`, '    }'];
  for (const c of t.conditions) {
    lines.push('    condition {', `      test     = ${q(c.operator)}`, `      variable = ${q(c.key)}`, `      values   = [${c.values.map((v) => `"${tfArn(v)}"`).join(', ')}]`, '    }');
  }
  lines.push('  }', '}');
  return lines.join('\n');
}

const perms = REQUIREMENTS.filter((r): r is PermissionRequirement => r.kind === 'permission');
const slug = (id: string) => id.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase();
const tf: Record<string, { prefix: string; body: string[]; description: string; scope?: string }> = {};
const json: Record<string, { prefix: string; body: string[]; description: string }> = {};

const runtimeTrust = REQUIREMENTS.find((r): r is TrustRequirement => r.kind === 'trust' && r.id === 'runtime.trust');
const runtimePerms = perms.filter((r) => r.roleKinds.includes('runtime') && r.severityClass !== 'optional');
if (runtimeTrust) {
  const body = [
    'data "aws_partition" "current" {}',
    'data "aws_region" "current" {}',
    'data "aws_caller_identity" "current" {}',
    '',
    'variable "agent_name" {',
    '  type    = string',
    '  default = "${2:my_agent}"',
    '}',
    '',
    trustDoc(runtimeTrust),
    '',
    'data "aws_iam_policy_document" "${1:agent_runtime}_permissions" {',
    runtimePerms.map((r) => pdStatement(r)).join('\n'),
    '}',
    '',
    'resource "aws_iam_role" "${1:agent_runtime}" {',
    '  name               = "\\${var.agent_name}-runtime"',
    '  assume_role_policy = data.aws_iam_policy_document.${1:agent_runtime}_trust.json',
    '}',
    '',
    'resource "aws_iam_role_policy" "${1:agent_runtime}" {',
    '  name   = "\\${var.agent_name}-runtime"',
    '  role   = aws_iam_role.${1:agent_runtime}.id',
    '  policy = data.aws_iam_policy_document.${1:agent_runtime}_permissions.json',
    '}',
  ].join('\n');
  tf['AgentCore runtime execution role (module)'] = {
    prefix: 'agentcore-runtime-role',
    description: 'The official AgentCore Runtime execution role: trust policy, permissions R1-R9, role and inline policy, with aws_partition/aws_region/aws_caller_identity data sources.',
    body: body.split('\n'),
  };
}
for (const r of perms) {
  const label = `${r.id} ${r.title}`;
  tf[`${label} (statement)`] = { prefix: `agentcore-${slug(r.id)}-statement`, description: `aws_iam_policy_document statement: ${r.why}`, body: pdStatement(r, '').split('\n') };
  tf[`${label} (jsonencode)`] = { prefix: `agentcore-${slug(r.id)}-jsonencode`, description: `jsonencode statement object: ${r.why}`, body: jsonencodeStatement(r).split('\n') };
  json[label] = { prefix: `agentcore-${slug(r.id)}`, description: `IAM JSON statement: ${r.why}`, body: jsonStatement(r).split('\n') };
}

// An in-source suppression (core/suppress.ts): a requirement or rule to choose, and the reason to write.
{
  const ids = [...REQUIREMENTS.map((r) => r.id), ...Object.keys(RULES).filter((id) => !id.startsWith('suppression'))];
  tf['Ignore an AgentCore IAM finding, with a reason'] = {
    prefix: 'agentcore-ignore',
    description: 'A comment that suppresses the named finding in the line or block below it; it needs the reason after --.',
    body: [`# ${SUPPRESSION_MARKER} \${1|${ids.join(',')}|} -- \${2:why this does not apply here}`],
  };
}

const dir = import.meta.dirname ?? __dirname;
writeFileSync(join(dir, 'terraform.code-snippets'), JSON.stringify(tf, null, 2) + '\n');
writeFileSync(join(dir, 'json.code-snippets'), JSON.stringify(json, null, 2) + '\n');
console.log(`${Object.keys(tf).length} terraform snippets, ${Object.keys(json).length} json snippets`);
