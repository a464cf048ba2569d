/**
 * Hand-built WorkspaceModels and a small literal evaluator, to test the analysis (pointing,
 * rules, severities, messages, settings) on its own, independent of the Terraform front and of
 * the real evaluator. The mini evaluator knows only literal strings, symbols (as tokens), `*`
 * globs, StringEquals conditions and unknown parts (-> unknown); it is a test double, not IAM.
 */
import type { Evaluator } from '../../server/src/core/analyze';
import type { EvaluationResult, Location, PolicyDocument, Statement, SymList, SymStr } from '../../server/src/core/model';

export function loc(file: string, line: number, character = 0, endLine = line, endCharacter = character + 1): Location {
  return { file, range: { start: { line, character }, end: { line: endLine, character: endCharacter } } };
}

export function lit(text: string, l?: Location): SymStr {
  // `<partition>`, `<region>`, `<account>` stand for the symbols.
  const parts: SymStr['parts'] = [];
  for (const piece of text.split(/(<partition>|<region>|<account>|\$\{var\.[a-z_]+\})/)) {
    if (!piece) continue;
    const m = /^<(partition|region|account)>$/.exec(piece);
    const v = /^\$\{(var\.[a-z_]+)\}$/.exec(piece);
    if (m) parts.push({ kind: 'sym', sym: { kind: m[1] as 'region' } });
    else if (v) parts.push({ kind: 'unknown', expr: v[1] });
    else parts.push({ kind: 'lit', text: piece });
  }
  return { parts, loc: l };
}

export function items(xs: (string | SymStr)[], l?: Location): SymList {
  return { kind: 'items', items: xs.map((x) => (typeof x === 'string' ? lit(x) : x)), loc: l };
}

function token(s: SymStr): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const text = s.parts
    .map((p) => (p.kind === 'lit' ? p.text : p.kind === 'sym' ? `\u0001${p.sym.kind}\u0001` : (unknown.push(p.kind === 'unknown' ? p.expr : p.name), '\u0002')))
    .join('');
  return { text, unknown };
}

function glob(pattern: string, text: string, ci: boolean): boolean {
  const re = new RegExp('^' + pattern.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', ci ? 'is' : 's');
  return re.test(text);
}

function listOf(l: SymList | undefined): SymStr[] | 'unknown' | undefined {
  if (!l) return undefined;
  return l.kind === 'unknown' ? 'unknown' : l.items;
}

function covers(st: Statement, action: string, resource: SymStr, context: { key: string; values: string[] }[]): 'yes' | 'no' | 'unknown' {
  const acts = listOf(st.actions);
  if (acts === 'unknown' || acts === undefined) return acts === 'unknown' ? 'unknown' : 'no';
  if (!acts.some((a) => glob(token(a).text, action, true))) return 'no';
  const res = listOf(st.resources);
  if (res === 'unknown') return 'unknown';
  const r = token(resource).text;
  let verdict: 'yes' | 'no' | 'unknown' = 'no';
  for (const p of res ?? []) {
    const t = token(p);
    if (glob(t.text, r, false)) return checkConditions(st, context);
    if (t.unknown.length) verdict = 'unknown';
  }
  return verdict === 'unknown' ? 'unknown' : 'no';
}

function checkConditions(st: Statement, context: { key: string; values: string[] }[]): 'yes' | 'no' | 'unknown' {
  for (const c of st.conditions) {
    const ctx = context.find((k) => k.key.toLowerCase() === c.key.toLowerCase());
    if (!ctx) return 'unknown';
    const vals = c.values.kind === 'items' ? c.values.items.map((v) => token(v).text) : [];
    if (!ctx.values.some((v) => vals.includes(v))) return 'no';
  }
  return 'yes';
}

export const miniEvaluator: Evaluator = {
  evaluateRequirement(query, policies, options): EvaluationResult {
    const missing: string[] = [];
    const unknownActs: string[] = [];
    const dependsOn = new Set<string>(options?.opaque ?? []);
    const granting: Statement[] = [];
    const denying: Statement[] = [];
    for (const action of query.actions) {
      let all: 'yes' | 'no' | 'unknown' = 'yes';
      for (const resource of query.resources) {
        let best: 'yes' | 'no' | 'unknown' = 'no';
        for (const doc of policies) {
          for (const st of doc.statements) {
            const v = covers(st, action, resource, query.context ?? []);
            if (st.effect === 'Deny' && v === 'yes') {
              denying.push(st);
              best = 'no';
            } else if (st.effect === 'Allow' && v === 'yes' && best !== 'no') best = 'yes';
            else if (st.effect === 'Allow' && v === 'yes') best = denying.length ? 'no' : 'yes';
            else if (v === 'unknown' && best === 'no') {
              best = 'unknown';
              for (const p of [...(listOf(st.resources) === 'unknown' ? [] : (st.resources as { items: SymStr[] }).items)]) token(p).unknown.forEach((u) => dependsOn.add(u));
            }
            if (st.effect === 'Allow' && v === 'yes') granting.push(st);
          }
        }
        if (denying.some((d) => covers(d, action, resource, query.context ?? []) === 'yes')) best = 'no';
        if (best === 'no') all = 'no';
        else if (best === 'unknown' && all === 'yes') all = 'unknown';
      }
      if (all === 'no') missing.push(action);
      else if (all === 'unknown') unknownActs.push(action);
    }
    if (missing.length && !dependsOn.size) return { verdict: 'missing', actions: missing, dependsOn: [], granting, denying, explanation: 'missing' };
    if (missing.length || unknownActs.length) return { verdict: 'unknown', actions: [...missing, ...unknownActs], dependsOn: [...dependsOn], granting, denying, explanation: 'unknown' };
    return { verdict: 'granted', actions: [], dependsOn: [], granting, denying, explanation: 'granted' };
  },
  evaluateTrust(trust: PolicyDocument, query) {
    const allowing = trust.statements.filter(
      (s) =>
        s.effect === 'Allow' &&
        (listOf(s.actions) as SymStr[] | undefined)?.some((a) => glob(token(a).text, query.action, true)) &&
        (s.principals ?? []).some((p) => p.type === 'Service' && p.identifiers.kind === 'items' && p.identifiers.items.some((i) => token(i).text === query.service)),
    );
    const assumable: EvaluationResult = allowing.length
      ? { verdict: 'granted', actions: [], dependsOn: [], granting: allowing, denying: [], explanation: '' }
      : { verdict: 'missing', actions: [query.action], dependsOn: [], granting: [], denying: [], explanation: '' };
    return {
      assumable,
      conditions: query.conditionKeys.map((key) => {
        const unconstrained = allowing.filter((s) => !s.conditions.some((c) => c.key.toLowerCase() === key.toLowerCase()));
        return { key, verdict: unconstrained.length ? ('missing' as const) : ('granted' as const), unconstrained, dependsOn: [] };
      }),
    };
  },
  checkAction(pattern) {
    const typos: Record<string, string> = { 'logs:PutLogEvent': 'logs:PutLogEvents' };
    if (typos[pattern]) return { ok: false, reason: 'unknown-action', suggestion: typos[pattern] };
    return { ok: true };
  },
};
