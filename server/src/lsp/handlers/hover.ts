/**
 * Hover: on a finding (why it is needed, its source), on an IAM action string in a policy, and on
 * the first line of an AgentCore role (every requirement with its verdict, and what grants it).
 */
import type { Hover, HoverParams, MarkupContent } from 'vscode-languageserver/node';
import type { Position, Range } from '../../core/model';
import { describeAction, expandActionPattern, checkAction } from '../../core/iam';
import { REQUIREMENTS } from '../../core/catalog';
import type { RequirementCheck } from '../../core/analyze';
import type { Role, Statement } from '../../core/model';
import * as path from 'node:path';
import { uriToFile } from './diagnostics';
import type { Project } from '../project';
import { markdownCode, markdownText } from '../../core/quote';
import { en, messagesFor, type Messages } from '../../core/messages';

/*
 * Every string in a hover that comes from the workspace or from a message (role addresses,
 * statement ids, file names, the action under the cursor, finding messages, which quote ARNs such
 * as `log-group:*` and placeholders such as `<account>`) goes through markdownText or markdownCode
 * (core/quote.ts): shown as written, never read as Markdown or HTML.
 */
const md = (s: string) => markdownText(s);

function contains(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** The quoted string under the cursor on its line, with its range. */
export function quotedAt(text: string, pos: Position): { value: string; range: Range } | undefined {
  const lines = text.split(/\r?\n/);
  const line = lines[pos.line];
  if (line === undefined) return undefined;
  const re = /"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (pos.character >= start && pos.character <= end) {
      return { value: m[1], range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } } };
    }
  }
  return undefined;
}

/** A readable name for a source: the AWS page's name, or the repository and file on GitHub. */
export function sourceLabel(url: string): string {
  const aws = /^https:\/\/docs\.aws\.amazon\.com\/.*\/([^/]+?)(?:\.html)?(?:#.*)?$/.exec(url);
  if (aws) return aws[1];
  const gh = /^https:\/\/github\.com\/[^/]+\/([^/]+)\/blob\/[^/]+\/(?:.*\/)?([^/]+)$/.exec(url);
  if (gh) return `${gh[1]}: ${gh[2]}`;
  return url.replace(/^https?:\/\//, '');
}

const ACTION_RE = /^(?:[a-z0-9-]+:[A-Za-z0-9*?]+|\*)$/;

export function actionHover(value: string, m: Messages = en): string | undefined {
  if (!ACTION_RE.test(value) || value === '*') return undefined;
  const check = checkAction(value);
  if (!check.ok) {
    return `**${md(value)}**: ${m.hoverNotAction(check.reason, check.suggestion ? markdownCode(check.suggestion) : undefined)}`;
  }
  if (/[*?]/.test(value)) {
    const all = expandActionPattern(value);
    const shown = all.slice(0, 25).map((a) => markdownCode(a)).join(', ');
    return `**${md(value)}** ${m.hoverMatches(all.length, `${shown}${all.length > 25 ? ', …' : ''}`)}`;
  }
  const info = describeAction(value);
  if (!info) return undefined;
  const lines = [`**${md(info.name)}**${info.accessLevel ? ` — ${md(info.accessLevel)}` : ''}`];
  if (info.description) lines.push('', md(info.description));
  if (info.resourceTypes.length) {
    lines.push('', m.hoverResourceTypes(info.resourceTypes.map((r) => `\`${r.name}\`${r.required ? '*' : ''}`).join(', ')));
  } else if (info.wildcardOnly) {
    lines.push('', m.hoverWildcardOnly());
  }
  if (info.conditionKeys.length) lines.push('', m.hoverConditionKeys(info.conditionKeys.map((k) => `\`${k}\``).join(', ')));
  return lines.join('\n');
}

const MARK: Record<RequirementCheck['verdict'], string> = { granted: '✓', missing: '✗', unknown: '?', 'not-applicable': '–' };

/** A statement of an AWS managed policy read from the bundled data: ` (AWS managed NAME v8, 2026-02-12)` (core/iam/managed.ts). */
function awsManagedOf(role: Role, s: Statement): string {
  const m = [...role.policies, ...(role.boundary ? [role.boundary] : [])].find((p) => p.document.statements.includes(s))?.document.awsManaged;
  return m ? ` (AWS managed ${m.name} ${m.version}${m.date ? `, ${m.date}` : ''})` : '';
}

/** Every requirement of a role with its verdict: granted ones too, each with the statements that grant it. */
export function roleHover(role: Role, checks: RequirementCheck[], m: Messages = en): string {
  const kinds = [...new Set(role.components.map((c) => c.kind))].join(', ') || 'AgentCore';
  const of = role.components.map((c) => c.address).join(', ');
  const lines = [m.hoverRoleTitle(`**${md(role.address)}**`, md(kinds), of ? md(of) : ''), '', m.hoverRoleHeader(), '|---|---|---|---|'];
  for (const c of checks) {
    const req = REQUIREMENTS.find((r) => r.id === c.requirement);
    const by = c.verdict === 'granted' || c.verdict === 'unknown'
      ? [...new Set(c.granting.map((s) => `${s.sid ?? m.hoverStatement()}${s.loc ? ` (${path.basename(s.loc.file)}:${s.loc.range.start.line + 1})` : awsManagedOf(role, s)}`))].join(', ')
      : '';
    const name = md(`${c.requirement}${req ? ` ${req.title}` : ''}`);
    // Not every requirement is required: say which are only recommended, legacy, optional, or disputed by AWS's own sources.
    const cls = [c.note, req && req.severityClass !== 'required' && c.verdict !== 'not-applicable' ? m.hoverClass(req.severityClass) : undefined].filter(Boolean).join('; ');
    lines.push(`| ${MARK[c.verdict]} | ${name} | ${m.hoverVerdict(c.verdict)}${cls ? ` (${md(cls)})` : ''} | ${md(by)} |`);
  }
  return lines.join('\n');
}

export function hover(params: HoverParams, project: Project): Hover | null {
  const file = uriToFile(params.textDocument.uri);
  if (!file) return null;
  const parts: string[] = [];
  let range: Range | undefined;
  const m = messagesFor(project.settingsFor(file).locale);
  for (const f of project.findingsIn(file)) {
    if (!contains(f.range, params.position)) continue;
    const req = f.requirement ? REQUIREMENTS.find((r) => r.id === f.requirement) : undefined;
    const lines = [`**${md(f.message)}**`];
    if (req) {
      lines.push('', md(m.why(req)));
      if (req.sources.length) lines.push('', m.hoverSources(req.sources.map((s) => `[${sourceLabel(s.url)}](${s.url}) (${m.hoverSourceRead(s.key, s.read)})`).join(', ')));
      const note = m.note(req);
      if (note) lines.push('', md(note));
    }
    if (f.dependsOn?.length) lines.push('', m.hoverDependsOn(f.dependsOn.map((d) => markdownCode(m.front(d))).join(', ')));
    if (f.docs) lines.push('', `[${m.hoverDocumentation()}](${f.docs})`);
    parts.push(lines.join('\n'));
    range ??= f.range;
  }
  try {
    for (const { role, checks } of project.rolesAt(file, params.position.line)) {
      parts.push(roleHover(role, checks, m));
    }
  } catch (e) {
    project.log(project.say().logHoverFailed({ role: true }, e instanceof Error ? e.message : String(e)));
  }
  let text: string | undefined;
  try {
    text = project.textOf(file);
  } catch {
    text = undefined; // the finding hovers above still answer
  }
  if (text !== undefined) {
    const q = quotedAt(text, params.position);
    if (q) {
      let h: string | undefined;
      try {
        h = actionHover(q.value, m);
      } catch (e) {
        project.log(project.say().logHoverFailed({ quoted: q.value }, e instanceof Error ? e.message : String(e)));
      }
      if (h) {
        parts.push(h);
        range ??= q.range;
      }
    }
  }
  if (!parts.length) return null;
  const contents: MarkupContent = { kind: 'markdown', value: parts.join('\n\n---\n\n') };
  return { contents, range };
}
