import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RESOURCE, compile, contains, containsJudged, containsSearch, containsToks, globMatch, overlapJudged, overlaps, type MatchKind, type Mode } from '../../../server/src/core/iam/glob';
import { s } from './sym';

const PLAIN: MatchKind = { arn: false, fold: false, wildcards: true, requestWildcards: true };

/** Reference matcher: a regex from the glob (plain mode, `*` spans everything). */
function refMatch(pattern: string, value: string): boolean {
  const re = new RegExp('^' + [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/]/g, '\\$&'))).join('') + '$', 's');
  return re.test(value);
}

const alphabet = ['a', 'b', ':', '/'];
const patChar = fc.constantFrom(...alphabet, '*', '?');
const pattern = fc.array(patChar, { maxLength: 8 }).map((xs) => xs.join(''));
const word = fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((xs) => xs.join(''));

/** A random instance of a pattern: `*` -> a random word, `?` -> a random char. */
const instance = (p: string) =>
  fc.tuple(...[...p].map((c) => (c === '*' ? word : c === '?' ? fc.constantFrom(...alphabet) : fc.constant(c)))).map((xs) => xs.join(''));

const CONFIG = { numRuns: 3000, seed: 20261125 };

test('property: containment of a concrete string equals the regex reference', () => {
  fc.assert(fc.property(pattern, word, (p, w) => contains(s(p), s(w), { ...PLAIN, requestWildcards: false }).def === refMatch(p, w)), CONFIG);
});

test('property: containment is sound (every sampled instance of the contained pattern matches)', () => {
  fc.assert(
    fc.property(
      pattern,
      pattern.chain((r) => fc.tuple(fc.constant(r), fc.array(instance(r), { minLength: 1, maxLength: 5 }))),
      (p, [r, samples]) => {
        if (!contains(s(p), s(r), PLAIN).def) return true;
        return samples.every((x) => refMatch(p, x));
      },
    ),
    CONFIG,
  );
});

test('property: no overlap means no sampled instance matches both; containment implies overlap', () => {
  fc.assert(
    fc.property(
      pattern,
      pattern.chain((r) => fc.tuple(fc.constant(r), fc.array(instance(r), { minLength: 1, maxLength: 5 }))),
      (p, [r, samples]) => {
        const o = overlaps(s(p), s(r), PLAIN).def;
        if (contains(s(p), s(r), PLAIN).def && !o) return false;
        if (o) return true;
        return samples.every((x) => !refMatch(p, x));
      },
    ),
    CONFIG,
  );
});

test('property: overlap is symmetric and complete on concrete witnesses', () => {
  fc.assert(
    fc.property(pattern, pattern, word, (p, r, w) => {
      const o = overlaps(s(p), s(r), PLAIN).def;
      if (o !== overlaps(s(r), s(p), PLAIN).def) return false;
      // a common concrete instance proves overlap
      if (refMatch(p, w) && refMatch(r, w)) return o;
      return true;
    }),
    CONFIG,
  );
});

test('property: containment is reflexive and transitive on samples', () => {
  fc.assert(
    fc.property(pattern, pattern, pattern, (a, b, c) => {
      if (!contains(s(a), s(a), PLAIN).def) return false;
      const k = (x: string, y: string) => contains(s(x), s(y), PLAIN).def;
      return !(k(a, b) && k(b, c)) || k(a, c);
    }),
    CONFIG,
  );
});

// ---- readable cases ------------------------------------------------------------------------

const LG = 'arn:aws:logs:us-east-1:111122223333:log-group:';
const table: [string, string, 'contains' | 'overlaps' | 'disjoint'][] = [
  [`${LG}/aws/bedrock-agentcore/*`, `${LG}/aws/bedrock-agentcore/runtimes/*:log-stream:*`, 'contains'],
  [`${LG}/aws/bedrock-agentcore/runtimes/*:log-stream:*`, `${LG}/aws/bedrock-agentcore/*`, 'overlaps'],
  [`${LG}/aws/bedrock-agentcore/*`, `${LG}*`, 'overlaps'],
  [`${LG}/aws/lambda/*`, `${LG}/aws/bedrock-agentcore/*`, 'disjoint'],
  [`${LG}*`, `${LG}/aws/bedrock-agentcore/*`, 'contains'],
  ['*', '*', 'contains'],
  ['arn:*', '*', 'overlaps'],
  ['arn:aws:logs:*:111122223333:*', `${LG}/x`, 'contains'],
  ['arn:aws:logs:*:log-group:/x', `${LG}/x`, 'disjoint'], // `*` does not cross `:` before the resource part
  ['arn:aws:logs:us-east-?:111122223333:*', `${LG}/x`, 'contains'],
  [`${LG}/a?c`, `${LG}/abc`, 'contains'],
  [`${LG}/A*`, `${LG}/a*`, 'disjoint'],
  ['not-an-arn', `${LG}/x`, 'disjoint'],
];

for (const [p, r, rel] of table) {
  test(`glob: ${p}  ${rel}  ${r}`, () => {
    const c = contains(s(p), s(r), RESOURCE).def;
    const o = overlaps(s(p), s(r), RESOURCE).def;
    assert.equal(c, rel === 'contains');
    assert.equal(o, rel !== 'disjoint');
  });
}

test('symbols: equal only to themselves or under `*`; possibly equal to a literal', () => {
  const req = s('arn:${partition}:logs:${region}:${account}:log-group:/x');
  assert.equal(contains(s('arn:${partition}:logs:${region}:${account}:log-group:/*'), req, RESOURCE).def, true);
  assert.equal(contains(s('arn:*:logs:*:*:log-group:/*'), req, RESOURCE).def, true);
  const lit = contains(s('arn:aws:logs:us-east-1:${account}:log-group:/*'), req, RESOURCE);
  assert.deepEqual(lit, { def: false, pos: true });
  const other = contains(s('arn:${partition}:logs:${region}:${account}:log-group:/y*'), req, RESOURCE);
  assert.deepEqual(other, { def: false, pos: false });
});

test('globMatch (actions, case-insensitive)', () => {
  assert.equal(globMatch('logs:put*', 'logs:PutLogEvents', true), true);
  assert.equal(globMatch('logs:put*', 'logs:PutLogEvents', false), false);
  assert.equal(globMatch('logs:Put?ogEvents', 'logs:PutLogEvents'), true);
});

test('an unknown is not definitely contained by an equal-looking unknown (no sharing by content), whatever was compiled before', () => {
  // Both sides written `${var.bucket}`: the same text, not known to be the same value.
  const policy = s('arn:aws:s3:::${var.bucket}/*');
  const request = s('arn:aws:s3:::${var.bucket}/*');
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(contains(policy, request, RESOURCE), { def: false, pos: true });
    assert.deepEqual(contains(s('arn:aws:s3:::${var.bucket}/*'), s('arn:aws:s3:::${var.bucket}/*'), RESOURCE), { def: false, pos: true });
  }
  // Literal and symbol strings compiled by content give the same verdicts as fresh ones.
  const req = () => s('arn:${partition}:logs:${region}:${account}:log-group:/x');
  for (let i = 0; i < 2; i++) assert.equal(contains(s('arn:${partition}:logs:${region}:${account}:log-group:/*'), req(), RESOURCE).def, true);
});

test('property: the shortcut for literal patterns ending in one star answers as the search does', () => {
  // Patterns and requests with ARN-like text, symbols and unknowns, in both modes and both kinds.
  const piece = fc.constantFrom('arn:', 'aws', ':', '/', 'a', 'b', '*', '?', '${partition}', '${account}', '${x.y}', '&{aws:username}');
  const sym = fc.array(piece, { maxLength: 7 }).map((xs) => xs.join(''));
  const shaped = fc.tuple(fc.array(fc.constantFrom('arn:aws:s3:::', 'a', 'b', ':', '/', '${account}'), { maxLength: 5 }), fc.boolean()).map(([xs, star]) => xs.join('') + (star ? '*' : ''));
  let shortcut = 0;
  fc.assert(
    fc.property(fc.oneof(sym, shaped), sym, fc.constantFrom<Mode>('def', 'pos'), fc.boolean(), fc.boolean(), (p, r, mode, arn, requestWildcards) => {
      const pt = compile(s(p), { side: 'policy', mode, question: 'contains', arn, fold: false, wildcards: true });
      const rt = compile(s(r), { side: 'request', mode, question: 'contains', arn, fold: false, wildcards: requestWildcards });
      const quick = containsToks(pt, rt);
      if (pt.every((t, i) => t.t === 'c' || t.t === 'a' || (t.t === 's' && i === pt.length - 1)) && !rt.some((t) => t.t === 'e')) shortcut++;
      assert.equal(quick, containsSearch(pt, rt), `${p} contains ${r} (${mode}, arn ${arn})`);
    }),
    CONFIG,
  );
  assert.ok(shortcut > 500, `${shortcut} cases took the shortcut`);
});

test('property: contains and overlaps, remembered by the strings\' shapes, answer as compared afresh (unknowns of other expressions alike)', () => {
  // Literals, wildcards, symbols, unknowns and policy variables; each pair asked twice and with
  // other unknown expressions and another policy variable: the second and third answers come from the memo.
  const piece = fc.constantFrom('arn:', 'aws', ':', '/', 'a', 'b', '*', '?', '${partition}', '${region}', '${name:x}', '${x.y}', '${z}', '&{aws:username}');
  const text = fc.array(piece, { maxLength: 7 }).map((xs) => xs.join(''));
  const other = (t: string) => t.replaceAll('${x.y}', '${other.one}').replaceAll('${z}', '${w}').replaceAll('&{aws:username}', '&{aws:userid}');
  fc.assert(
    fc.property(text, text, fc.boolean(), fc.boolean(), fc.boolean(), (p, r, arn, requestWildcards, overlap) => {
      const k: MatchKind = { arn, fold: false, wildcards: true, requestWildcards };
      const question = overlap ? 'overlap' : 'contains';
      // named symbols are atoms in both modes when both strings hold one (CompileOptions.namedAtoms)
      const namedAtoms = p.includes('${name:') && r.includes('${name:');
      const run = (mode: Mode) => {
        const pt = compile(s(p), { side: 'policy', mode, question, arn, fold: false, wildcards: true, namedAtoms });
        const rt = compile(s(r), { side: 'request', mode, question, arn, fold: false, wildcards: requestWildcards, namedAtoms });
        return overlap ? overlapJudged(pt, rt) : containsJudged(pt, rt);
      };
      const def = run('def');
      const expected = def ? { def: true, pos: true } : { def: false, pos: run('pos') ?? true };
      const ask = overlap ? overlaps : contains;
      for (const [a, b] of [[p, r], [p, r], [other(p), other(r)]]) assert.deepEqual({ ...ask(s(a), s(b), k) }, expected, `${a} ${question} ${b} (arn ${arn}, request wildcards ${requestWildcards})`);
    }),
    CONFIG,
  );
});

test('the memo of contains and overlaps tells apart what compares differently: which symbol, a symbol or an unknown', () => {
  // Asked one after the other, each pair after one that differs from it only there.
  const seq: [string, string, boolean][] = [
    ['arn:${partition}:logs:x', 'arn:${partition}:logs:x', true],
    ['arn:${partition}:logs:x', 'arn:${region}:logs:x', false],
    ['arn:${name:a}:logs:x', 'arn:${name:a}:logs:x', true],
    ['arn:${name:a}:logs:x', 'arn:${name:b}:logs:x', false],
    ['arn:${x.y}:logs:x', 'arn:${x.y}:logs:x', false],
    ['a*', 'ab', true],
    ['a*', 'a:b', true],
    ['a', 'b', false],
  ];
  for (let i = 0; i < 2; i++) {
    for (const [p, r, def] of seq) assert.equal(contains(s(p), s(r), RESOURCE).def, def, `${p} contains ${r}`);
  }
});

test('the memo\'s keys tell apart a provider symbol, a named symbol and a literal written with the same letters', () => {
  // Each request asked right after one a careless key would write alike (the shape keys write the
  // provider's symbols one letter each, a named symbol and a literal with their lengths).
  const seq: [string, string, boolean][] = [
    ['arn:aws:s3:::b/${account}', 'arn:aws:s3:::b/${account}', true],
    ['arn:aws:s3:::b/${account}', 'arn:aws:s3:::b/${name:A}', false],
    ['arn:aws:s3:::b/${account}', 'arn:aws:s3:::b/A', false],
    ['arn:aws:s3:::b/${name:A}', 'arn:aws:s3:::b/${name:A}', true],
    ['arn:aws:s3:::b/${name:A}', 'arn:aws:s3:::b/${account}', false],
    ['arn:aws:s3:::b/${name:A}R', 'arn:aws:s3:::b/${name:A}R', true],
    ['arn:aws:s3:::b/${name:A}R', 'arn:aws:s3:::b/${name:A}${region}', false],
    ['arn:aws:s3:::b/${name:A}R', 'arn:aws:s3:::b/${name:AR}', false],
    ['arn:aws:s3:::b/L1:x', 'arn:aws:s3:::b/L1:x', true],
    ['arn:aws:s3:::b/L1:x', 'arn:aws:s3:::b/x', false],
  ];
  for (let i = 0; i < 2; i++) {
    for (const [p, r, def] of seq) assert.equal(contains(s(p), s(r), RESOURCE).def, def, `${p} contains ${r}`);
  }
});
