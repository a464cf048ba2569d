/**
 * Renderers of an AuditReport: Markdown (VS Code preview), text (terminal), JSON (scripts).
 *
 * What AWS or the workspace wrote (names, ARNs, actions, resources, messages that quote them) is
 * escaped for each output (core/quote.ts): in Markdown, text is escaped and code spans are fenced
 * so that their content cannot close them (no link, image or HTML from data); in text, control
 * characters are shown escaped and no line starts a CI command; JSON is written without recursion
 * (json.ts), whatever the depth of a policy.
 */
import { markdownCode, markdownMessage, markdownText, MESSAGE_MAX, plainText } from '../core/quote';
import { stringifyJson } from './json';
import type { AuditReport, RequirementVerdict } from './types';
import { auditMessagesFor, type AuditMessages } from '../core/messages/audit';
import { DEFAULT_SETTINGS } from '../core/settings';

/** Markdown text (table cells too: markdownText escapes `|`), and code: inline (`code`) or in a table cell (`cellCode`, which escapes `|`). */
const md = (s: string | number | undefined) => markdownText(String(s ?? ''));
const code = (s: string | undefined) => markdownCode(s ?? '');
const cellCode = (s: string | undefined) => markdownCode(s ?? '', { inTable: true });
/** A message of ours, with its `code` parts as code spans and the data in it escaped. */
const msg = (s: string) => markdownMessage(s);

const ICON: Record<string, string> = { granted: '✅', missing: '❌', unknown: '❔', 'not-required': '➖', invalid: '⚠️' };

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

/** The report in Markdown, in `locale` (core/messages/audit.ts; default: the process's, the CLI's --lang or LANG). */
export function renderMarkdown(r: AuditReport, locale: string | undefined = DEFAULT_SETTINGS.locale): string {
  const m = auditMessagesFor(locale);
  const out: string[] = [];
  const rt = r.runtime;
  out.push(`# ${m.title}: ${md(rt?.name ?? rt?.id ?? 'runtime')}`, '');
  out.push(`_${md(r.generatedAt)} · ${m.region} ${md(r.region ?? '?')}_`, '');
  if (rt) {
    out.push('| | |', '|---|---|');
    out.push(`| ${m.runtime} | ${cellCode(rt.arn)} |`);
    if (rt.status) out.push(`| ${m.status} | ${md(rt.status)} |`);
    out.push(`| ${m.artifact} | ${md(rt.artifact ?? m.unknown)}${rt.containerUri ? ` (${cellCode(rt.containerUri)})` : ''} |`);
    if (rt.createdAt) out.push(`| ${m.created} | ${md(rt.createdAt)} |`);
    if (rt.networkMode) out.push(`| ${m.network} | ${md(rt.networkMode)} |`);
    out.push(`| ${m.role} | ${cellCode(rt.roleArn ?? '?')} |`);
    if (rt.environment.count) out.push(`| ${m.environment} | ${m.variables(rt.environment.count, md(rt.environment.names.join(', ')))} |`);
    if (r.serviceLinkedRole) out.push(`| ${md(r.serviceLinkedRole.name)} | ${r.serviceLinkedRole.exists === undefined ? m.unknown : r.serviceLinkedRole.exists ? m.exists : m.doesNotExist} |`);
    out.push('');
  }
  const msgs = r.notes;
  const c = r.summary.counts;
  if (r.verdicts.length) {
    out.push(`**${r.summary.requiredGranted ? m.allGranted : m.notAllGranted}** ` +
      ['granted', 'missing', 'unknown', 'not-required', 'invalid'].filter((k) => c[k]).map((k) => m.count(c[k], k)).join(', '), '');
  }
  if (msgs.length) {
    out.push(`## ${m.notes}`, '');
    for (const n of msgs) out.push(`- **${n.level}**: ${msg(n.message)}`);
    out.push('');
  }
  out.push(`## ${m.requirements}`, '');
  if (r.analysisError) out.push(`> ${msg(r.analysisError)}`, '');
  if (r.verdicts.length) {
    const sim = r.verdicts.some((v) => v.simulation);
    out.push(m.requirementsHeader(sim));
    out.push(`|---|---|---|---|---|${sim ? '---|' : ''}`);
    for (const v of r.verdicts) {
      const detail = [v.message, ...(v.dependsOn?.length ? [m.dependsOn(v.dependsOn.join(', '))] : []), ...v.evidence].join(' · ');
      const s = v.simulation ? `${v.simulation.decision}${v.simulation.agrees === false ? m.disagrees : v.simulation.agrees ? m.agrees : ''}` : '';
      out.push(`| ${md(v.requirement ?? v.rule)} | ${ICON[v.verdict] ?? ''} ${md(m.verdict(v.verdict))} | ${md(v.severity)} | ${md(v.actions.join(', '))} | ${markdownMessage(detail, { inTable: true })}${v.docs && /^https:\/\/[^\s()<>|]+$/.test(v.docs) ? ` [${m.docs}](${v.docs})` : ''} |${sim ? ` ${md(s)} |` : ''}`);
    }
    out.push('');
  } else if (!r.analysisError) {
    out.push(m.noRole, '');
  }
  const o = r.observability;
  out.push(`## ${m.observability}`, '');
  if (o.logGroups) {
    if (o.logGroups.length === 0) out.push(m.noLogGroup);
    for (const g of o.logGroups) {
      out.push(`**${code(g.name)}** — ${m.stored(md(g.storedBytes ?? '?'), g.retentionInDays ? md(g.retentionInDays) : undefined)}`, '');
      if (g.streams.length) {
        out.push(m.streamsHeader, '|---|---|---|');
        for (const s of g.streams) out.push(`| ${cellCode(s.name)} | ${md(s.kind)} | ${md(s.lastEventTime ?? m.none)} |`);
      } else out.push(m.noStreams);
      out.push('');
    }
  } else out.push(m.logGroupsUnread, '');
  if (o.otelLogGroups.length) {
    out.push(m.otelHeader, '|---|---|---|');
    for (const n of o.otelLogGroups) out.push(`| ${md(n.variable)} | ${cellCode(n.logGroup)} | ${n.exists === undefined ? m.unknown : n.exists ? m.yes : m.no} |`);
    out.push('');
  }
  if (o.traceDestination) out.push(m.traceDestination(md(o.traceDestination.destination ?? '?'), md(o.traceDestination.status ?? '?')), '');
  for (const n of o.notes) out.push(`- **${n.level}**: ${msg(n.message)}`);
  if (o.notes.length) out.push('');
  if (r.drift) {
    out.push(m.drift(code(r.drift.terraformRole), md(r.drift.matchedBy)), '');
    if (!r.drift.entries.length && !r.drift.trustDiffers?.length) out.push(m.noDrift);
    for (const e of r.drift.entries) out.push(`- ${e.direction === 'live-only' ? m.onlyLive : m.onlyTerraform}: ${m.driftStatement(md(e.effect), code(e.action), code(e.resource))}`);
    for (const t of r.drift.trustDiffers ?? []) out.push(`- ${m.trust}: ${md(m.trustDifference(t))}`);
    out.push('');
  }
  if (r.role) {
    out.push(`## ${m.policiesRead}`, '');
    for (const p of r.role.policies) out.push(`- ${p.attachment}: ${md(p.name)}${p.arn ? ` (${code(p.arn)}${p.versionId ? ` ${md(p.versionId)}` : ''})` : ''}`);
    if (r.role.boundary) out.push(`- ${m.boundary}: ${md(r.role.boundary.name)}`);
    out.push('');
  }
  if (r.problems.length) {
    out.push(`## ${m.notRead}`, '');
    for (const p of r.problems) out.push(`- ${code(p.call)}: ${msg(p.message)}`);
    out.push('');
  }
  return out.join('\n');
}

/** Text for a terminal or a CI log: every line with its control characters escaped, cut, and inert (core/quote.ts). */
export function renderText(r: AuditReport, locale: string | undefined = DEFAULT_SETTINGS.locale): string {
  return textLines(r, auditMessagesFor(locale)).map((l) => plainText(l, 2 * MESSAGE_MAX)).join('\n') + '\n';
}

function textLines(r: AuditReport, m: AuditMessages): string[] {
  const out: string[] = [];
  const rt = r.runtime;
  out.push(`${m.title}: ${rt?.arn ?? m.textRuntimeNotRead}  [${r.region ?? '?'}]`);
  if (rt) out.push(`  ${m.textRole(rt.roleArn ?? '?', rt.artifact ?? '?', rt.createdAt ?? '?')}`);
  if (rt?.environment.count) out.push(`  ${m.textEnvironment(rt.environment.count, rt.environment.names.join(', '))}`);
  for (const n of r.notes) out.push(`${n.level}: ${n.message}`);
  out.push('', `${m.requirements}:`);
  if (r.analysisError) out.push(`  ${r.analysisError}`);
  for (const v of r.verdicts) {
    out.push(`  ${verdictLine(v)}${v.verdict !== 'granted' ? ` [${v.severity}] ${v.message}` : ''}` +
      (v.simulation ? `  | ${m.textSimulator(v.simulation.decision, v.simulation.agrees === false)}` : ''));
  }
  out.push('', `${m.observability}:`);
  for (const g of r.observability.logGroups ?? []) {
    out.push(`  ${g.name}: ${m.textBytes(String(g.storedBytes ?? '?'))}`);
    for (const s of g.streams) out.push(`    ${s.name} (${s.kind}) ${m.textLastEvent(s.lastEventTime ?? m.none)}`);
  }
  for (const n of r.observability.otelLogGroups) out.push(`  ${n.variable}: ${n.logGroup} ${n.exists === undefined ? m.textUnknown : n.exists ? m.textExists : m.textDoesNotExist}`);
  if (r.observability.traceDestination) out.push(`  ${m.textDestination(String(r.observability.traceDestination.destination), String(r.observability.traceDestination.status))}`);
  for (const n of r.observability.notes) out.push(`  ${n.level}: ${n.message}`);
  if (r.drift) {
    out.push('', m.textDrift(r.drift.terraformRole));
    if (!r.drift.entries.length && !r.drift.trustDiffers?.length) out.push(`  ${m.textNoDrift}`);
    for (const e of r.drift.entries) out.push(`  ${e.direction === 'live-only' ? m.onlyLive : m.onlyTerraform}: ${m.driftStatement(e.effect, e.action, e.resource)}`);
    for (const t of r.drift.trustDiffers ?? []) out.push(`  ${m.trust}: ${m.trustDifference(t)}`);
  }
  if (r.problems.length) {
    out.push('', m.textNotRead);
    for (const p of r.problems) out.push(`  ${p.call}: ${p.message}`);
  }
  return out;
}
