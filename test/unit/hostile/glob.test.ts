/**
 * Issue #23 item 6: action and resource globs written in a workspace can be any length. Matching
 * a pattern against a concrete action or ARN is linear (the search by pieces), containment and
 * overlap of two patterns are bounded: past the bound the answer is unknown, never granted or
 * missing, and the verdict names the pattern ("too long to compare").
 *
 * Before: `*:` + `a*` x 20,000 + `b` took 3.4 s in checkAction and 3.8 s in expandActionPattern
 * (the hover), each of the 18,000 actions compared through an n x m table; a long pattern against
 * a long one overflowed the stack (a recursive search), and two very long ones asked for an
 * n x m table (gigabytes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACTION,
  RESOURCE,
  SEARCH_CELLS,
  compile,
  contains,
  containsJudged,
  containsSearch,
  dependencies,
  lit,
  overlapJudged,
  overlaps,
  type Mode,
  type Tok,
} from '../../../server/src/core/iam/glob';
import { checkAction, expandActionPattern } from '../../../server/src/core/iam/actions';
import { evaluateRequirement } from '../../../server/src/core/iam';
import { LOGS, doc, s } from '../iam/sym';

// ---- the search as it was written before (recursive, unbounded): the reference on small inputs ----

function starAbsorbs(star: { seg: boolean }, x: Tok): boolean {
  if (x.t === 'c') return !star.seg || x.ch !== ':';
  if (x.t === 'q' || x.t === 's') return !star.seg || x.seg;
  return true;
}

function refContains(p: Tok[], r: Tok[]): boolean {
  const n = p.length;
  const m = r.length;
  const memo = new Int8Array((n + 1) * (m + 1));
  const rec = (i: number, j: number): boolean => {
    const key = i * (m + 1) + j;
    if (memo[key]) return memo[key] === 1;
    memo[key] = 2;
    const res = step(i, j);
    memo[key] = res ? 1 : 2;
    return res;
  };
  const step = (i: number, j: number): boolean => {
    if (i === n) {
      for (let k = j; k < m; k++) if (r[k].t !== 'e') return false;
      return true;
    }
    const pt = p[i];
    if (pt.t === 's') {
      if (rec(i + 1, j)) return true;
      if (j < m && starAbsorbs(pt, r[j]) && rec(i, j + 1)) return true;
    }
    if (j < m && r[j].t === 'e') {
      const e = r[j] as { t: 'e'; seg: boolean };
      if (rec(i, j + 1)) return true;
      const absorbable = pt.t === 'c' ? !e.seg || pt.ch !== ':' : pt.t !== 'e';
      return absorbable && rec(i + 1, j);
    }
    if (pt.t === 's' || j === m) return false;
    const rt = r[j];
    if (pt.t === 'c') return rt.t === 'c' && rt.ch === pt.ch && rec(i + 1, j + 1);
    if (pt.t === 'q') return ((rt.t === 'c' && (!pt.seg || rt.ch !== ':')) || (rt.t === 'q' && (!pt.seg || rt.seg))) && rec(i + 1, j + 1);
    if (pt.t === 'a') return rt.t === 'a' && rt.id === pt.id && rec(i + 1, j + 1);
    return false;
  };
  return rec(0, 0);
}

function refOverlap(p: Tok[], r: Tok[]): boolean {
  const n = p.length;
  const m = r.length;
  const memo = new Int8Array((n + 1) * (m + 1));
  const isStar = (x: Tok) => x.t === 's' || x.t === 'e';
  const meets = (star: Tok, x: Tok) => (x.t === 'c' ? !(star as { seg: boolean }).seg || x.ch !== ':' : true);
  const compat = (a: Tok, b: Tok) =>
    (a.t === 'c' && b.t === 'c' && a.ch === b.ch) ||
    (a.t === 'q' && b.t === 'c' && (!a.seg || b.ch !== ':')) ||
    (a.t === 'c' && b.t === 'q' && (!b.seg || a.ch !== ':')) ||
    (a.t === 'q' && b.t === 'q') ||
    (a.t === 'a' && b.t === 'a' && a.id === b.id);
  const rec = (i: number, j: number): boolean => {
    const key = i * (m + 1) + j;
    if (memo[key]) return memo[key] === 1;
    memo[key] = 2;
    const res = step(i, j);
    memo[key] = res ? 1 : 2;
    return res;
  };
  const step = (i: number, j: number): boolean => {
    if (i === n && j === m) return true;
    if (i < n && isStar(p[i])) {
      if (rec(i + 1, j)) return true;
      if (j < m && meets(p[i], r[j]) && rec(i, j + 1)) return true;
    }
    if (j < m && isStar(r[j])) {
      if (rec(i, j + 1)) return true;
      if (i < n && meets(r[j], p[i]) && rec(i + 1, j)) return true;
    }
    if (i === n || j === m || isStar(p[i]) || isStar(r[j])) return false;
    return compat(p[i], r[j]) && rec(i + 1, j + 1);
  };
  return rec(0, 0);
}

// ---- the new search answers as the old one on everything small ------------------------------

const piece = fc.constantFrom('arn:', 'aws', ':', ':', '/', 'a', 'b', 'ab', '*', '*', '?', '${partition}', '${region}', '${account}', '${x.y}', '&{aws:username}');
const text = fc.array(piece, { maxLength: 9 }).map((xs) => xs.join(''));
/** ARN-shaped: five colons, then a resource part with stars and `?`. */
const arnish = fc
  .tuple(
    fc.constantFrom('arn:aws:logs:', 'arn:${partition}:logs:', 'arn:*:logs:', 'arn:aws:lo?s:'),
    fc.constantFrom('us-east-1:', '${region}:', '*:', ':'),
    fc.constantFrom('111122223333:', '${account}:', '*:', '1?1:', '1?${x.y}1:', '${x.y}?:'),
    fc.array(fc.constantFrom('a', 'b', '/', ':', '*', '?', '${x.y}', '${name:n}'), { maxLength: 7 }),
  )
  .map(([a, b, c, rest]) => a + b + c + rest.join(''));
const str = fc.oneof(text, arnish);
const CONFIG = { numRuns: 4000, seed: 20261207 };

test('property: containment by pieces answers as the search did before, in both modes, ARN or not', () => {
  fc.assert(
    fc.property(str, str, fc.constantFrom<Mode>('def', 'pos'), fc.boolean(), fc.boolean(), (p, r, mode, arn, requestWildcards) => {
      const pt = compile(s(p), { side: 'policy', mode, question: 'contains', arn, fold: false, wildcards: true });
      const rt = compile(s(r), { side: 'request', mode, question: 'contains', arn, fold: false, wildcards: requestWildcards });
      assert.equal(containsJudged(pt, rt), refContains(pt, rt), `${p} contains ${r} (${mode}, arn ${arn}, request wildcards ${requestWildcards})`);
    }),
    CONFIG,
  );
});

test('property: the bounded table (long patterns) answers as the search did before; short ones take the top-down search', () => {
  fc.assert(
    fc.property(str, str, fc.constantFrom<Mode>('def', 'pos'), fc.boolean(), (p, r, mode, arn) => {
      const pt = compile(s(p), { side: 'policy', mode, question: 'contains', arn, fold: false, wildcards: true });
      const rt = compile(s(r), { side: 'request', mode, question: 'contains', arn, fold: false, wildcards: true });
      assert.equal(containsSearch(pt, rt), refContains(pt, rt), `${p} contains ${r} (${mode}, arn ${arn})`);
    }),
    CONFIG,
  );
});

test('property: overlap answers as the search did before', () => {
  fc.assert(
    fc.property(str, str, fc.constantFrom<Mode>('def', 'pos'), fc.boolean(), (p, r, mode, arn) => {
      const pt = compile(s(p), { side: 'policy', mode, question: 'overlap', arn, fold: false, wildcards: true });
      const rt = compile(s(r), { side: 'request', mode, question: 'overlap', arn, fold: false, wildcards: true });
      assert.equal(overlapJudged(pt, rt), refOverlap(pt, rt), `${p} overlaps ${r} (${mode}, arn ${arn})`);
    }),
    CONFIG,
  );
});

test('an unknown after the last wildcard of the first five ARN segments may hold colons', () => {
  // Found by test/differential/unknowns.test.ts (seed 20261127): a policy's `${var}` may stand for
  // text with colons, so the segments after it are not cut at p's colons.
  const cases: [string, string][] = [
    ['arn:aws:logs:us-east-1:1?${x.y}1:ab', 'arn:aws:logs:us-east-1:1a:b1:ab'],
    ['arn:aws:secretsmanager:us-east-1:111?22${var.u1}cret:prod/key', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/key'],
    ['arn:aws:logs:us-east-1:?${x.y}:*', 'arn:aws:logs:us-east-1:1:2:3:4'],
  ];
  for (const [p, r] of cases) {
    for (const mode of ['def', 'pos'] as const) {
      const pt = compile(s(p), { side: 'policy', mode, question: 'contains', arn: true, fold: false, wildcards: true });
      const rt = compile(s(r), { side: 'request', mode, question: 'contains', arn: true, fold: false, wildcards: true });
      assert.equal(containsJudged(pt, rt), refContains(pt, rt), `${p} contains ${r} (${mode})`);
    }
    assert.deepEqual(contains(s(p), s(r), RESOURCE), { def: false, pos: true }, p);
  }
});

// ---- the hostile patterns ----------------------------------------------------------------------

const HOSTILE = '*:' + 'a*'.repeat(20_000) + 'b';

test('a 40 KB action glob against every action of the catalog: linear (about as long as a 4 KB one)', () => {
  checkAction('*:x*y'); // the catalog loaded before anything is timed
  const time = (f: () => void) => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f();
      runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[1];
  };
  const short = '*:' + 'a*'.repeat(2_000) + 'b';
  const small = time(() => assert.deepEqual(checkAction(short), { ok: false, reason: 'unknown-action' }));
  const large = time(() => assert.deepEqual(checkAction(HOSTILE), { ok: false, reason: 'unknown-action' }));
  // An n x m search takes ten times as long for ten times the pattern; the pieces about the same.
  assert.ok(large < small * 4 + 50, `4 KB: ${small.toFixed(0)} ms, 40 KB: ${large.toFixed(0)} ms`);
  assert.deepEqual(expandActionPattern(HOSTILE), []);
  assert.ok(expandActionPattern('bedrock-agentcore:c' + '*'.repeat(20_000) + 'e').includes('bedrock-agentcore:CreateAgentRuntime'));
});

test('a long pattern against a long one: no deep recursion, no n x m table', () => {
  const long = lit('arn:aws:s3:::' + 'a*'.repeat(20_000) + 'b');
  // Before: "Maximum call stack size exceeded".
  assert.deepEqual(contains(long, lit('arn:aws:s3:::' + 'a*'.repeat(20_000) + 'b'), RESOURCE), { def: true, pos: true });
  assert.deepEqual(contains(lit('arn:aws:s3:::*a*b'), lit('arn:aws:s3:::' + 'a'.repeat(200_000)), RESOURCE), { def: false, pos: false });
  assert.deepEqual(contains(lit('arn:aws:s3:::*a*b'), lit('arn:aws:s3:::' + 'a'.repeat(200_000) + 'b'), RESOURCE), { def: true, pos: true });
  // Before: a 200,000 x 200,000 table ("Array buffer allocation failed").
  const huge = 'x*'.repeat(100_000);
  assert.deepEqual(contains(lit(huge), lit(huge + 'y'), ACTION), { def: true, pos: true });
});

test('past the bound: unknown, never granted or missing, and the verdict names the pattern', () => {
  // A Deny whose resource overlap with the request needs a search larger than SEARCH_CELLS.
  const long = 'arn:aws:logs:*:*:log-group:*' + 'a*'.repeat(SEARCH_CELLS / 20) + '?b';
  const req = s(`${LOGS}:log-group:/aws/bedrock-agentcore/runtimes/*`);
  const o = overlaps(s(long), req, RESOURCE);
  assert.deepEqual(o, { def: false, pos: true });
  const deps = new Set<string>();
  dependencies(s(long), deps);
  assert.deepEqual([...deps], [], 'only the strings that were compared are marked');
  const result = evaluateRequirement({ actions: ['logs:CreateLogGroup'], resources: [req] }, [
    doc([
      { action: ['logs:*'], resource: ['*'] },
      { effect: 'Deny', action: ['logs:*'], resource: [long] },
    ]),
  ]);
  assert.equal(result.verdict, 'unknown');
  assert.ok(result.dependsOn.some((d) => /too long to compare \([\d,]+ characters: arn:aws:logs:\*:\*:log-group:\*a\*a/.test(d)), result.dependsOn.join(' | '));
});

test('a long Deny on another service or account does not make every verdict unknown: ARNs compared segment by segment', () => {
  const req = s(`${LOGS}:log-group:/aws/bedrock-agentcore/runtimes/*`);
  for (const deny of ['arn:aws:s3:::' + 'a*'.repeat(SEARCH_CELLS / 20) + 'b', 'arn:aws:logs:*:999999999999:log-group:' + 'a*'.repeat(SEARCH_CELLS / 20)]) {
    assert.deepEqual(overlaps(s(deny), req, RESOURCE), { def: false, pos: false }, deny.slice(0, 40));
    const result = evaluateRequirement({ actions: ['logs:CreateLogGroup'], resources: [req] }, [
      doc([
        { action: ['logs:*'], resource: ['*'] },
        { effect: 'Deny', action: ['*'], resource: [deny] },
      ]),
    ]);
    // Another service, or a log group that cannot be the runtime's: the Deny cannot apply.
    assert.equal(result.verdict, 'granted', deny.slice(0, 40));
    assert.ok(!result.dependsOn.some((d) => /too long to compare/.test(d)), result.dependsOn.join(' | '));
  }
});
