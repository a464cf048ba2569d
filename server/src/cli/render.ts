/** CLI renderers: text for people, JSON (`{ version: 1, findings }`), SARIF 2.1.0. */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Finding } from '../core/model';
import type { FileProblem } from '../core/workspace-model';
import type { SuppressedFinding } from '../core/suppress';
import { RULES } from '../core/rules';
import { clip, MESSAGE_MAX, plainText } from '../core/quote';
import { INCOMPLETE_RULES, incompleteProblems } from '../core/incomplete';
import { messagesFor } from '../core/messages';
import { cliMessagesFor } from '../core/messages/cli';
import { DEFAULT_SETTINGS } from '../core/settings';

/** A message as every report gives it: at most MESSAGE_MAX characters (the core cuts each workspace string in it already). */
const msg = (s: string): string => clip(s, MESSAGE_MAX);

function rel(dir: string, file: string): string {
  const r = path.relative(dir, file);
  return (r === '' ? path.basename(file) : r).split(path.sep).join('/');
}

/**
 * Text for a terminal or a CI log. Everything in it that comes from the workspace (file names,
 * role addresses, messages quoting actions) has its control characters shown escaped, and no line
 * starts a CI runner's command (`::error`, `##vso[`): see core/quote.ts.
 */
/** `judged`: the roles the analysis judged (a role with nothing to report counts); default: the roles findings name. */
export function renderText(dir: string, findings: Finding[], problems: FileProblem[], suppressed: SuppressedFinding[] = [], judged?: number): string {
  const lines = rawText(dir, findings, problems, suppressed, judged);
  // Each line whole (the messages in it are cut already): escaped and inert.
  return lines.map((l) => plainText(l, Infinity)).join('\n') + '\n';
}

function rawText(dir: string, findings: Finding[], problems: FileProblem[], suppressed: SuppressedFinding[], judged?: number): string[] {
  const lines: string[] = [];
  // The CLI's language: main.ts puts --lang or LANG into the default settings the analysis ran with.
  const m = messagesFor(DEFAULT_SETTINGS.locale);
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.role ?? '(no role)';
    const group = groups.get(key);
    if (group) group.push(f);
    else groups.set(key, [f]);
  }
  for (const p of problems) {
    lines.push(`${rel(dir, p.file)}:${p.range.start.line + 1}:${p.range.start.character + 1} ${p.severity} ${msg(m.front(p.message))} [${p.rule}]`);
  }
  if (problems.length) lines.push('');
  for (const [role, fs] of groups) {
    const kind = fs.find((f) => f.roleKind)?.roleKind;
    lines.push(role === '(no role)' ? m.cliOtherFindings() : m.cliRoleHeading(role, kind));
    for (const f of fs) {
      lines.push(`  ${rel(dir, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${msg(f.message)} [${f.rule}${f.requirement ? ` ${f.requirement}` : ''}]`);
    }
    lines.push('');
  }
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const roles = judged ?? new Set(findings.map((f) => f.role).filter(Boolean)).size;
  lines.push(m.cliSummary({
    findings: findings.length, errors: count('error'), warnings: count('warning'), information: count('information'), hints: count('hint'),
    roles, problems: problems.length, suppressed: suppressed.length,
  }));
  const incomplete = incompleteProblems(problems);
  if (incomplete.length) lines.push(m.cliIncomplete(incomplete.length, [...new Set(incomplete.map((p) => p.rule))]));
  return lines;
}

export function jsonFinding(dir: string, f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    verdict: f.verdict,
    file: rel(dir, f.file),
    range: f.range,
    role: f.role,
    roleKind: f.roleKind,
    requirement: f.requirement,
    actions: f.actions,
    conditionKeys: f.conditionKeys,
    dependsOn: f.dependsOn,
    message: msg(f.message),
    docs: f.docs,
    related: f.related.map((r) => ({ file: rel(dir, r.loc.file), range: r.loc.range, message: msg(r.message) })),
    fixes: f.fixes.map((x) => ({ title: x.title, preferred: x.preferred ?? false, edits: x.edits.map((e) => ({ ...e, file: rel(dir, e.file) })) })),
  };
}

export function renderJson(dir: string, findings: Finding[], problems: FileProblem[], suppressed: SuppressedFinding[] = []): string {
  const front = messagesFor(DEFAULT_SETTINGS.locale).front;
  return (
    JSON.stringify(
      {
        version: 1,
        // false when a part of the analysis could not finish (the problems with rule analysis-failed or module-cycle say where).
        complete: incompleteProblems(problems).length === 0,
        findings: findings.map((f) => jsonFinding(dir, f)),
        problems: problems.map((p) => ({ ...p, file: rel(dir, p.file), message: msg(front(p.message)) })),
        suppressed: suppressed.map((s) => ({ ...jsonFinding(dir, s.finding), suppression: { reason: msg(s.reason), file: rel(dir, s.file), line: s.line } })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** Stable across edits that move lines: rule + role + requirement + actions (+ condition keys). */
export function fingerprint(f: Finding): string {
  const key = [f.rule, f.role ?? '', f.requirement ?? '', [...f.actions].sort().join(','), (f.conditionKeys ?? []).join(',')].join('|');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

export function renderSarif(dir: string, findings: Finding[], problems: FileProblem[], suppressed: SuppressedFinding[] = []): string {
  const region = (r: Finding['range']) => ({
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  });
  const say = cliMessagesFor(DEFAULT_SETTINGS.locale);
  const rules = Object.values(RULES).map((r) => ({
    id: r.id,
    shortDescription: { text: say.ruleDescription(r.id, r.description) },
    helpUri: r.helpUri,
    defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
  }));
  rules.push({ id: 'syntax-error', shortDescription: { text: say.ruleDescription('syntax-error', 'A file could not be parsed.') }, helpUri: 'https://developer.hashicorp.com/terraform/language/syntax/configuration', defaultConfiguration: { level: 'error' } });
  rules.push({ id: 'analysis-failed', shortDescription: { text: say.ruleDescription('analysis-failed', 'The analysis of part of the workspace could not finish: its roles are not checked.') }, helpUri: 'https://developer.hashicorp.com/terraform/language/expressions', defaultConfiguration: { level: 'error' } });
  rules.push({ id: 'module-cycle', shortDescription: { text: say.ruleDescription('module-cycle', 'A module calls itself, directly or through other modules: Terraform refuses it, and its roles are not checked.') }, helpUri: 'https://developer.hashicorp.com/terraform/language/modules/syntax', defaultConfiguration: { level: 'error' } });
  const uri = (file: string) => ({ uri: rel(dir, file), uriBaseId: 'SRCROOT' });
  const incomplete = incompleteProblems(problems);
  // The problems in the report's language (the fingerprint stays on the English text).
  const front = messagesFor(DEFAULT_SETTINGS.locale).front;
  const result = (f: Finding) => ({
    ruleId: f.rule,
    level: SARIF_LEVEL[f.severity],
    message: { text: msg(f.message) },
    locations: [{ physicalLocation: { artifactLocation: uri(f.file), region: region(f.range) } }],
    relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: msg(r.message) }, physicalLocation: { artifactLocation: uri(r.loc.file), region: region(r.loc.range) } })),
    partialFingerprints: { 'agentcoreIam/v1': fingerprint(f) },
    properties: { verdict: f.verdict, role: f.role, roleKind: f.roleKind, requirement: f.requirement, actions: f.actions, conditionKeys: f.conditionKeys, docs: f.docs },
  });
  const results = [
    ...findings.map(result),
    // Suppressed in source: reported as such (code scanning shows them as dismissed, not as alerts).
    ...suppressed.map((s) => ({
      ...result(s.finding),
      suppressions: [{ kind: 'inSource', justification: msg(s.reason), location: { physicalLocation: { artifactLocation: uri(s.file), region: { startLine: s.line + 1 } } } }],
    })),
    ...problems
      .filter((p) => p.rule === 'syntax-error' || INCOMPLETE_RULES.has(p.rule))
      .map((p) => ({
        ruleId: p.rule,
        level: SARIF_LEVEL[p.severity],
        message: { text: msg(front(p.message)) },
        locations: [{ physicalLocation: { artifactLocation: uri(p.file), region: region(p.range) } }],
        partialFingerprints: { 'agentcoreIam/v1': createHash('sha256').update(`${p.rule}|${rel(dir, p.file)}|${p.message}`).digest('hex').slice(0, 32) },
      })),
  ];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'agentcore-iam', informationUri: 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-permissions.html', version: VERSION, rules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileUri(dir) } },
        // An analysis that could not finish is a run that did not succeed, with a notification per reason.
        invocations: [
          {
            executionSuccessful: incomplete.length === 0,
            toolExecutionNotifications: incomplete.map((p) => ({
              level: 'error',
              descriptor: { id: p.rule },
              message: { text: msg(front(p.message)) },
              locations: [{ physicalLocation: { artifactLocation: uri(p.file), region: region(p.range) } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function pathToFileUri(dir: string): string {
  const p = path.resolve(dir).split(path.sep).join('/');
  return `file://${p.startsWith('/') ? '' : '/'}${p}/`;
}

// Injected by the bundle's package.json import in main.ts; a constant keeps render pure.
export let VERSION = '0.0.0';
export function setVersion(v: string): void {
  VERSION = v;
}
