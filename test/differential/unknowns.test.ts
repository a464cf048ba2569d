/**
 * Soundness of the symbolic verdicts: a policy with unknown parts (and a requirement with the
 * region symbol) is judged once symbolically, then for random concrete values of the unknowns.
 * "granted" must hold for every instantiation, "missing" must hold for every instantiation.
 * The concrete verdicts are our own (checked against iam-simulate in simulate.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateRequirement } from '../../server/src/core/iam/evaluate';
import type { Part, PolicyDocument, SymList, SymStr } from '../../server/src/core/model';
import { Gen, REQUESTS, prng, randomPolicy, toDocument } from './gen';

const SEED = Number(process.env.DIFF_SEED ?? 20261125) + 2;
const CASES = Number(process.env.DIFF_CASES ?? 5000) / 2;

interface Hole {
  expr: string;
  original: string;
}

function punch(g: Gen, item: SymStr, holes: Hole[], region: string | undefined): SymStr {
  const text = (item.parts[0] as { text: string }).text;
  // the region symbol where the item writes the request's region
  const segs = text.split(':');
  if (region && segs.length >= 6 && segs[3] === region && g.chance(0.7)) {
    const head = segs.slice(0, 3).join(':') + ':';
    const tail = ':' + segs.slice(4).join(':');
    return { parts: [{ kind: 'lit', text: head }, { kind: 'sym', sym: { kind: 'region' } }, { kind: 'lit', text: tail }] };
  }
  if (!g.chance(0.35) || text.length < 2) return item;
  const i = g.int(text.length);
  const j = i + 1 + g.int(Math.min(12, text.length - i));
  const expr = `var.u${holes.length}`;
  holes.push({ expr, original: text.slice(i, j) });
  const parts: Part[] = [];
  if (i > 0) parts.push({ kind: 'lit', text: text.slice(0, i) });
  parts.push({ kind: 'unknown', expr });
  if (j < text.length) parts.push({ kind: 'lit', text: text.slice(j) });
  return { parts };
}

function mapList(l: SymList | undefined, f: (s: SymStr) => SymStr): SymList | undefined {
  return l && l.kind === 'items' ? { kind: 'items', items: l.items.map(f) } : l;
}

function instantiate(s: SymStr, values: Map<string, string>, region: string): SymStr {
  const text = s.parts
    .map((p) => (p.kind === 'lit' ? p.text : p.kind === 'unknown' ? values.get(p.expr)! : p.kind === 'sym' ? region : ''))
    .join('');
  return { parts: [{ kind: 'lit', text }] };
}

function mapDoc(d: PolicyDocument, f: (s: SymStr) => SymStr): PolicyDocument {
  return {
    ...d,
    statements: d.statements.map((st) => ({
      ...st,
      actions: mapList(st.actions, f),
      notActions: mapList(st.notActions, f),
      resources: mapList(st.resources, f),
      notResources: mapList(st.notResources, f),
    })),
  };
}

test(`symbolic verdicts hold for every sampled instantiation (seed ${SEED})`, () => {
  const g = new Gen(prng(SEED));
  const counts = { granted: 0, missing: 0, unknown: 0, instantiations: 0 };
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const req = g.pick(REQUESTS);
    const region = req.resource.split(':')[3] || undefined;
    const holes: Hole[] = [];
    const useSym = !!region && g.chance(0.5);
    const concreteDoc = toDocument(randomPolicy(g, req.action, req.resource));
    const symDoc = mapDoc(concreteDoc, (s) => punch(g, s, holes, useSym ? region : undefined));
    const reqSym: SymStr = useSym
      ? { parts: [{ kind: 'lit', text: req.resource.split(':').slice(0, 3).join(':') + ':' }, { kind: 'sym', sym: { kind: 'region' } }, { kind: 'lit', text: ':' + req.resource.split(':').slice(4).join(':') }] }
      : { parts: [{ kind: 'lit', text: req.resource }] };
    // sometimes the requirement itself holds an unknown (e.g. a runtime name from an unset variable)
    let reqHole: Hole | undefined;
    if (g.chance(0.3)) {
      const last = reqSym.parts[reqSym.parts.length - 1] as { kind: 'lit'; text: string };
      const tail = last.text;
      const start = tail.lastIndexOf(':') + 1;
      const i = start + g.int(tail.length - start);
      const j = i + 1 + g.int(Math.min(8, tail.length - i));
      reqHole = { expr: 'var.req', original: tail.slice(i, j) };
      const parts: Part[] = [...reqSym.parts.slice(0, -1), { kind: 'lit', text: tail.slice(0, i) }, { kind: 'unknown', expr: 'var.req' }];
      if (j < tail.length) parts.push({ kind: 'lit', text: tail.slice(j) });
      reqSym.parts = parts;
    }
    const v = evaluateRequirement({ actions: [req.action], resources: [reqSym] }, [symDoc]).verdict;
    counts[v]++;
    if (v === 'unknown') continue;
    for (let k = 0; k < 6; k++) {
      const values = new Map<string, string>();
      for (const h of holes) values.set(h.expr, g.pick([h.original, h.original, '*', '', 'zz', h.original + '*', h.original.toUpperCase(), '?']));
      if (reqHole) values.set(reqHole.expr, g.pick([reqHole.original, reqHole.original, '', 'zz', reqHole.original + 'q', 'Q']));
      const r = useSym ? g.pick([region!, 'ap-south-1']) : region ?? '';
      const inst = (s: SymStr) => instantiate(s, values, r);
      const c = evaluateRequirement({ actions: [req.action], resources: [inst(reqSym)] }, [mapDoc(symDoc, inst)]).verdict;
      counts.instantiations++;
      if (c !== v && failures.length < 10) {
        failures.push(`case ${i}: symbolic ${v}, instance ${c} (region ${r}, ${JSON.stringify([...values])})\n  ${JSON.stringify(symDoc.statements)}`);
      }
    }
  }
  console.log(`[differential/unknowns] seed ${SEED}: symbolic ${counts.granted} granted, ${counts.missing} missing, ${counts.unknown} unknown; ${counts.instantiations} instantiations checked`);
  assert.equal(failures.length, 0, failures.join('\n'));
  assert.ok(counts.granted > 50 && counts.missing > 50 && counts.unknown > 50);
});
