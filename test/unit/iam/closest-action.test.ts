// checkAction's suggestion for an unknown action of a known service is the closest of the service's
// actions (actions.ts closest: the first of the nearest, within a typo's distance). It is computed
// over the service's lower-case names, skipping those whose length is too far from the word's
// (closestKeyed): the same answer as closest() over the exact names, for typed words of every
// kind: a real name being typed on, cut, mistyped, in other cases, or nothing like one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkAction, closest } from '../../../server/src/core/iam/actions';
import { loadIamData } from '../../../server/src/core/iam/data';

const SERVICES = ['ecr', 'logs', 'xray', 'bedrock-agentcore', 's3', 'iam'];

test("an unknown action's suggestion is closest() over the service's actions", () => {
  const data = loadIamData();
  const keys = new Map(Object.keys(data.services).map((k) => [k.toLowerCase(), k]));
  const names = (svc: string) => data.services[keys.get(svc)!].actions;
  const unit = fc.constantFrom('a', 'e', 'G', 't', 'x', 'Z', '_', '-', '1');
  const typed = fc.tuple(fc.constantFrom(...SERVICES), fc.nat(), fc.nat(), fc.string({ unit, maxLength: 6 }), fc.boolean(), fc.boolean()).map(([svc, n, cut, extra, upper, wholeCut]) => {
    const all = names(svc);
    const name = all[n % all.length];
    const at = wholeCut ? 0 : cut % (name.length + 1);
    const word = name.slice(0, at) + extra + name.slice(at + (cut % 3));
    return { svc, word: upper ? word.toUpperCase() : word };
  });
  let suggested = 0;
  fc.assert(fc.property(typed, ({ svc, word }) => {
    if (!/^[A-Za-z0-9_-]+$/.test(word)) return;
    const c = checkAction(`${svc}:${word}`);
    const known = names(svc).some((a) => a.toLowerCase() === word.toLowerCase());
    if (known) return assert.equal(c.ok, true);
    const want = closest(word, names(svc));
    assert.deepEqual(c, { ok: false, reason: 'unknown-action', ...(want ? { suggestion: `${svc}:${want}` } : {}) }, `${svc}:${word}`);
    if (want) suggested++;
  }), { numRuns: 3000 });
  assert.ok(suggested > 300, `${suggested} suggestions among the typed words`);
  // Typing on after a real name, one letter at a time: the name until too far from it.
  const seen = ['a', 'ab', 'abc', 'abcd'].map((x) => checkAction(`ecr:BatchGetImage${x}`));
  assert.deepEqual(seen.map((c) => (c.ok ? 'ok' : c.suggestion ?? '-')), ['ecr:BatchGetImage', 'ecr:BatchGetImage', 'ecr:BatchGetImage', 'ecr:BatchGetImage']);
});
