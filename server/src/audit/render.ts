/**
 * Renderers of an AuditReport: Markdown (VS Code preview), text (terminal), JSON (scripts).
 *
 * What AWS or the workspace wrote (names, ARNs, actions, resources, messages that quote them) is
 * escaped for each output (core/quote.ts): in Markdown, text is escaped and code spans are fenced
 * so that their content cannot close them (no link, image or HTML from data); in text, control
 * characters are shown escaped and no line starts a CI command; JSON is written without recursion
 * (json.ts), whatever the depth of a policy.
 */
import { clip, escapeControls, inertLine, markdownCode, markdownMessage, markdownText, MESSAGE_MAX } from '../core/quote';
import { stringifyJson } from './json';
import type { AuditReport, RequirementVerdict } from './types';

/** Markdown text, and code: inline (`code`) or in a table cell (`cell`, which escapes `|`). */
const md = (s: string | number | undefined) => markdownText(String(s ?? ''));
const code = (s: string | undefined) => markdownCode(s ?? '');
const cellCode = (s: string | undefined) => markdownCode(s ?? '', { inTable: true });
/** A message of ours, with its `code` parts as code spans and the data in it escaped. */
const msg = (s: string) => markdownMessage(s);

const ICON: Record<string, string> = { granted: '✅', missing: '❌', unknown: '❔', 'not-required': '➖', invalid: '⚠️' };

function cell(s: string): string {
  return md(s);
}

function verdictLine(v: RequirementVerdict): string {
  return `${v.requirement ?? v.rule} ${v.verdict}${v.actions.length ? ` (${v.actions.join(', ')})` : ''}`;
}

export function renderJson(report: AuditReport): string {
  const { model: _model, ...rest } = report;
  void _model;
  // Each policy once, as JSON (`document`); its decoded text is what the analysis read.
  const strip = <T extends { text?: string }>(p: T): Omit<T, 'text'> => { const { text: _t, ...o } = p; void _t; return o; };
  const role = rest.role && { ...rest.role, policies: rest.role.policies.map(strip), ...(rest.role.boundary ? { boundary: strip(rest.role.boundary) } : {}) };
  return stringifyJson({ ...rest, ...(role ? { role } : {}) });
}

export function renderMarkdown(r: AuditReport): string {
  const out: string[] = [];
  const rt = r.runtime;
  out.push(`# AgentCore live audit: ${md(rt?.name ?? rt?.id ?? 'runtime')}`, '');
  out.push(`_${md(r.generatedAt)} · region ${md(r.region ?? '?')}_`, '');
  if (rt) {
    out.push('| | |', '|---|---|');
    out.push(`| Runtime | ${cellCode(rt.arn)} |`);
    if (rt.status) out.push(`| Status | ${md(rt.status)} |`);
    out.push(`| Artifact | ${md(rt.artifact ?? 'unknown')}${rt.containerUri ? ` (${cellCode(rt.containerUri)})` : ''} |`);
    if (rt.createdAt) out.push(`| Created | ${md(rt.createdAt)} |`);
    if (rt.networkMode) out.push(`| Network | ${md(rt.networkMode)} |`);
    out.push(`| Role | ${cellCode(rt.roleArn ?? '?')} |`);
    if (rt.environment.count) out.push(`| Environment | ${rt.environment.count} variable(s), values not shown: ${md(rt.environment.names.join(', '))} |`);
    if (r.serviceLinkedRole) out.push(`| ${md(r.serviceLinkedRole.name)} | ${r.serviceLinkedRole.exists === undefined ? 'unknown' : r.serviceLinkedRole.exists ? 'exists' : 'does not exist'} |`);
    out.push('');
  }
  const msgs = r.notes;
  const c = r.summary.counts;
  if (r.verdicts.length) {
    out.push(`**${r.summary.requiredGranted ? 'Every required permission is granted.' : 'Not every required permission is known to be granted.'}** ` +
      ['granted', 'missing', 'unknown', 'not-required', 'invalid'].filter((k) => c[k]).map((k) => `${c[k]} ${k}`).join(', '), '');
  }
  if (msgs.length) {
    out.push('## Notes', '');
    for (const n of msgs) out.push(`- **${n.level}**: ${msg(n.message)}`);
    out.push('');
  }
  out.push('## Requirements', '');
  if (r.analysisError) out.push(`> ${msg(r.analysisError)}`, '');
  if (r.verdicts.length) {
    const sim = r.verdicts.some((v) => v.simulation);
    out.push(`| Requirement | Verdict | Severity | Actions | Detail |${sim ? ' IAM simulator |' : ''}`);
    out.push(`|---|---|---|---|---|${sim ? '---|' : ''}`);
    for (const v of r.verdicts) {
      const detail = [v.message, ...(v.dependsOn?.length ? [`depends on ${v.dependsOn.join(', ')}`] : []), ...v.evidence].join(' · ');
      const s = v.simulation ? `${v.simulation.decision}${v.simulation.agrees === false ? ' ⚠️ disagrees' : v.simulation.agrees ? ' (agrees)' : ''}` : '';
      out.push(`| ${cell(v.requirement ?? v.rule)} | ${ICON[v.verdict] ?? ''} ${md(v.verdict)} | ${md(v.severity)} | ${cell(v.actions.join(', '))} | ${markdownMessage(detail, { inTable: true })}${v.docs && /^https:\/\/[^\s()<>|]+$/.test(v.docs) ? ` [docs](${v.docs})` : ''} |${sim ? ` ${cell(s)} |` : ''}`);
    }
    out.push('');
  } else if (!r.analysisError) {
    out.push('_No role could be judged._', '');
  }
  const o = r.observability;
  out.push('## Observability', '');
  if (o.logGroups) {
    if (o.logGroups.length === 0) out.push('_No log group for this runtime._');
    for (const g of o.logGroups) {
      out.push(`**${code(g.name)}** — ${md(g.storedBytes ?? '?')} bytes stored${g.retentionInDays ? `, retention ${md(g.retentionInDays)} days` : ''}`, '');
      if (g.streams.length) {
        out.push('| Stream | Kind | Last event |', '|---|---|---|');
        for (const s of g.streams) out.push(`| ${cellCode(s.name)} | ${md(s.kind)} | ${md(s.lastEventTime ?? 'none')} |`);
      } else out.push('_No streams._');
      out.push('');
    }
  } else out.push('_Log groups could not be read._', '');
  if (o.otelLogGroups.length) {
    out.push('| OTEL variable | Log group | Exists |', '|---|---|---|');
    for (const n of o.otelLogGroups) out.push(`| ${md(n.variable)} | ${cellCode(n.logGroup)} | ${n.exists === undefined ? 'unknown' : n.exists ? 'yes' : '**no**'} |`);
    out.push('');
  }
  if (o.traceDestination) out.push(`X-Ray trace segment destination: **${md(o.traceDestination.destination ?? '?')}** (${md(o.traceDestination.status ?? '?')})`, '');
  for (const n of o.notes) out.push(`- **${n.level}**: ${msg(n.message)}`);
  if (o.notes.length) out.push('');
  if (r.drift) {
    out.push(`## Drift from Terraform (${code(r.drift.terraformRole)}, matched by ${md(r.drift.matchedBy)})`, '');
    if (!r.drift.entries.length && !r.drift.trustDiffers?.length) out.push('_The live role grants what the Terraform definition grants._');
    for (const e of r.drift.entries) out.push(`- ${e.direction === 'live-only' ? 'only live' : 'only in Terraform'}: ${md(e.effect)} ${code(e.action)} on ${code(e.resource)}`);
    for (const t of r.drift.trustDiffers ?? []) out.push(`- trust: ${md(t)}`);
    out.push('');
  }
  if (r.role) {
    out.push('## Role policies read', '');
    for (const p of r.role.policies) out.push(`- ${p.attachment}: ${md(p.name)}${p.arn ? ` (${code(p.arn)}${p.versionId ? ` ${md(p.versionId)}` : ''})` : ''}`);
    if (r.role.boundary) out.push(`- permissions boundary: ${md(r.role.boundary.name)}`);
    out.push('');
  }
  if (r.problems.length) {
    out.push('## What could not be read', '');
    for (const p of r.problems) out.push(`- ${code(p.call)}: ${msg(p.message)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Text for a terminal or a CI log: every line with its control characters escaped, cut, and inert (core/quote.ts). */
export function renderText(r: AuditReport): string {
  return textLines(r).map((l) => inertLine(escapeControls(clip(l, 2 * MESSAGE_MAX)))).join('\n') + '\n';
}

function textLines(r: AuditReport): string[] {
  const out: string[] = [];
  const rt = r.runtime;
  out.push(`AgentCore live audit: ${rt?.arn ?? '(runtime not read)'}  [${r.region ?? '?'}]`);
  if (rt) out.push(`  role ${rt.roleArn ?? '?'}; ${rt.artifact ?? '?'} artifact; created ${rt.createdAt ?? '?'}`);
  if (rt?.environment.count) out.push(`  environment: ${rt.environment.count} variable(s), values not shown: ${rt.environment.names.join(', ')}`);
  for (const n of r.notes) out.push(`${n.level}: ${n.message}`);
  out.push('', 'Requirements:');
  if (r.analysisError) out.push(`  ${r.analysisError}`);
  for (const v of r.verdicts) {
    out.push(`  ${verdictLine(v)}${v.verdict !== 'granted' ? ` [${v.severity}] ${v.message}` : ''}` +
      (v.simulation ? `  | IAM simulator: ${v.simulation.decision}${v.simulation.agrees === false ? ' (DISAGREES)' : ''}` : ''));
  }
  out.push('', 'Observability:');
  for (const g of r.observability.logGroups ?? []) {
    out.push(`  ${g.name}: ${g.storedBytes ?? '?'} bytes`);
    for (const s of g.streams) out.push(`    ${s.name} (${s.kind}) last event ${s.lastEventTime ?? 'none'}`);
  }
  for (const n of r.observability.otelLogGroups) out.push(`  ${n.variable}: ${n.logGroup} ${n.exists === undefined ? '(unknown)' : n.exists ? 'exists' : 'DOES NOT EXIST'}`);
  if (r.observability.traceDestination) out.push(`  X-Ray destination: ${r.observability.traceDestination.destination} (${r.observability.traceDestination.status})`);
  for (const n of r.observability.notes) out.push(`  ${n.level}: ${n.message}`);
  if (r.drift) {
    out.push('', `Drift from ${r.drift.terraformRole}:`);
    if (!r.drift.entries.length && !r.drift.trustDiffers?.length) out.push('  none: the live role grants what the Terraform definition grants');
    for (const e of r.drift.entries) out.push(`  ${e.direction}: ${e.effect} ${e.action} ${e.resource}`);
    for (const t of r.drift.trustDiffers ?? []) out.push(`  trust: ${t}`);
  }
  if (r.problems.length) {
    out.push('', 'Not read:');
    for (const p of r.problems) out.push(`  ${p.call}: ${p.message}`);
  }
  return out;
}
