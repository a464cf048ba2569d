/** Renderers of an AuditReport: Markdown (VS Code preview), text (terminal), JSON (scripts). */
import type { AuditReport, RequirementVerdict } from './types';

const ICON: Record<string, string> = { granted: '✅', missing: '❌', unknown: '❔', 'not-required': '➖', invalid: '⚠️' };

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
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
  return JSON.stringify({ ...rest, ...(role ? { role } : {}) }, null, 2);
}

export function renderMarkdown(r: AuditReport): string {
  const out: string[] = [];
  const rt = r.runtime;
  out.push(`# AgentCore live audit: ${rt?.name ?? rt?.id ?? 'runtime'}`, '');
  out.push(`_${r.generatedAt} · region ${r.region ?? '?'}_`, '');
  if (rt) {
    out.push('| | |', '|---|---|');
    out.push(`| Runtime | \`${rt.arn}\` |`);
    if (rt.status) out.push(`| Status | ${rt.status} |`);
    out.push(`| Artifact | ${rt.artifact ?? 'unknown'}${rt.containerUri ? ` (\`${rt.containerUri}\`)` : ''} |`);
    if (rt.createdAt) out.push(`| Created | ${rt.createdAt} |`);
    if (rt.networkMode) out.push(`| Network | ${rt.networkMode} |`);
    out.push(`| Role | \`${rt.roleArn ?? '?'}\` |`);
    if (r.serviceLinkedRole) out.push(`| ${r.serviceLinkedRole.name} | ${r.serviceLinkedRole.exists === undefined ? 'unknown' : r.serviceLinkedRole.exists ? 'exists' : 'does not exist'} |`);
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
    for (const n of msgs) out.push(`- **${n.level}**: ${n.message}`);
    out.push('');
  }
  out.push('## Requirements', '');
  if (r.analysisError) out.push(`> ${r.analysisError}`, '');
  if (r.verdicts.length) {
    const sim = r.verdicts.some((v) => v.simulation);
    out.push(`| Requirement | Verdict | Severity | Actions | Detail |${sim ? ' IAM simulator |' : ''}`);
    out.push(`|---|---|---|---|---|${sim ? '---|' : ''}`);
    for (const v of r.verdicts) {
      const detail = [v.message, ...(v.dependsOn?.length ? [`depends on ${v.dependsOn.join(', ')}`] : []), ...v.evidence].join(' · ');
      const s = v.simulation ? `${v.simulation.decision}${v.simulation.agrees === false ? ' ⚠️ disagrees' : v.simulation.agrees ? ' (agrees)' : ''}` : '';
      out.push(`| ${cell(v.requirement ?? v.rule)} | ${ICON[v.verdict] ?? ''} ${v.verdict} | ${v.severity} | ${cell(v.actions.join(', '))} | ${cell(detail)}${v.docs ? ` [docs](${v.docs})` : ''} |${sim ? ` ${cell(s)} |` : ''}`);
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
      out.push(`**\`${g.name}\`** — ${g.storedBytes ?? '?'} bytes stored${g.retentionInDays ? `, retention ${g.retentionInDays} days` : ''}`, '');
      if (g.streams.length) {
        out.push('| Stream | Kind | Last event |', '|---|---|---|');
        for (const s of g.streams) out.push(`| \`${cell(s.name)}\` | ${s.kind} | ${s.lastEventTime ?? 'none'} |`);
      } else out.push('_No streams._');
      out.push('');
    }
  } else out.push('_Log groups could not be read._', '');
  if (o.otelLogGroups.length) {
    out.push('| OTEL variable | Log group | Exists |', '|---|---|---|');
    for (const n of o.otelLogGroups) out.push(`| ${n.variable} | \`${n.logGroup}\` | ${n.exists === undefined ? 'unknown' : n.exists ? 'yes' : '**no**'} |`);
    out.push('');
  }
  if (o.traceDestination) out.push(`X-Ray trace segment destination: **${o.traceDestination.destination ?? '?'}** (${o.traceDestination.status ?? '?'})`, '');
  for (const n of o.notes) out.push(`- **${n.level}**: ${n.message}`);
  if (o.notes.length) out.push('');
  if (r.drift) {
    out.push(`## Drift from Terraform (\`${r.drift.terraformRole}\`, matched by ${r.drift.matchedBy})`, '');
    if (!r.drift.entries.length && !r.drift.trustDiffers?.length) out.push('_The live role grants what the Terraform definition grants._');
    for (const e of r.drift.entries) out.push(`- ${e.direction === 'live-only' ? 'only live' : 'only in Terraform'}: ${e.effect} \`${e.action}\` on \`${e.resource}\``);
    for (const t of r.drift.trustDiffers ?? []) out.push(`- trust: ${t}`);
    out.push('');
  }
  if (r.role) {
    out.push('## Role policies read', '');
    for (const p of r.role.policies) out.push(`- ${p.attachment}: ${p.name}${p.arn ? ` (\`${p.arn}\`${p.versionId ? ` ${p.versionId}` : ''})` : ''}`);
    if (r.role.boundary) out.push(`- permissions boundary: ${r.role.boundary.name}`);
    out.push('');
  }
  if (r.problems.length) {
    out.push('## What could not be read', '');
    for (const p of r.problems) out.push(`- \`${p.call}\`: ${p.message}`);
    out.push('');
  }
  return out.join('\n');
}

export function renderText(r: AuditReport): string {
  const out: string[] = [];
  const rt = r.runtime;
  out.push(`AgentCore live audit: ${rt?.arn ?? '(runtime not read)'}  [${r.region ?? '?'}]`);
  if (rt) out.push(`  role ${rt.roleArn ?? '?'}; ${rt.artifact ?? '?'} artifact; created ${rt.createdAt ?? '?'}`);
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
  return out.join('\n') + '\n';
}
