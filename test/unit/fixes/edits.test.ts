/** applyEdits and the fix-all merge, plus generated policy documents checked against HashiCorp's parser. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, computeFixes, mergeFixes } from '../../../server/src/core/fixes/index';
import type { Fix, Finding, TextEdit } from '../../../server/src/core/model';
import { rangeOf } from '../../../server/src/core/fixes/text';
import { withDefaults } from '../../../server/src/core/settings';
import * as h from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<Record<string, unknown>> };

const F = '/ws/main.tf';
const ins = (text: string, at: number, newText: string, file = F): TextEdit => ({ file, range: rangeOf(text, at, at), newText });
const rep = (text: string, s: number, e: number, newText: string, file = F): TextEdit => ({ file, range: rangeOf(text, s, e), newText });

test('applyEdits: inserts at one position apply in the order given; replacements; CRLF positions', () => {
  const t = 'ab\r\ncd\r\n';
  assert.equal(applyEdits(t, [ins(t, 4, 'X'), ins(t, 4, 'Y'), rep(t, 0, 1, 'A')]), 'Ab\r\nXYcd\r\n');
  assert.equal(applyEdits(t, [ins(t, 4, 'Y'), ins(t, 4, 'X')]), 'ab\r\nYXcd\r\n');
  assert.equal(applyEdits(t, []), t);
  assert.throws(() => applyEdits(t, [rep(t, 0, 3, 'x'), rep(t, 2, 5, 'y')]), /overlapping/);
});

test('applyEdits equals applying the edits one by one from the end (property)', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 0, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 5 })), { maxLength: 6 }), (text0, raw) => {
      const text = text0.replace(/\r/g, '');
      const edits = raw.map(([p, s]) => ins(text, p % (text.length + 1), s));
      const got = applyEdits(text, edits);
      // Reference: stable sort by offset, then splice from the end (equal offsets keep their order).
      const sorted = raw.map(([p, s], i) => ({ at: p % (text.length + 1), s, i })).sort((a, b) => a.at - b.at || a.i - b.i);
      let ref = '';
      let at = 0;
      for (const e of sorted) { ref += text.slice(at, e.at) + e.s; at = e.at; }
      ref += text.slice(at);
      assert.equal(got, ref);
    }),
  );
});

test('mergeFixes: preferred fix per finding, identical edits taken once, overlapping fix left for a second pass', () => {
  const t = 'data "aws_iam_policy_document" "d" {\n}\n';
  const data = ins(t, 0, 'data "aws_partition" "current" {}\n\n');
  const a: Fix = { title: 'a', edits: [data, ins(t, 37, '  # a\n')], preferred: true };
  const b: Fix = { title: 'b', edits: [data, ins(t, 37, '  # b\n')] };
  const c: Fix = { title: 'c', edits: [rep(t, 35, 38, '{ }')] };
  const other: Fix = { title: 'other', edits: [ins('', 0, 'x', '/ws/other.tf')] };
  const finding = (fixes: Fix[]) => ({ fixes }) as unknown as Finding;
  const m = mergeFixes([finding([b, a]), finding([b]), finding([c]), finding([other]), finding([])]);
  assert.deepEqual(m.applied.map((f) => f.title), ['a', 'b', 'other']);
  assert.deepEqual(m.skipped.map((f) => f.title), ['c']);
  assert.equal(applyEdits(t, m.byFile.get(F)!), 'data "aws_partition" "current" {}\n\ndata "aws_iam_policy_document" "d" {\n  # a\n  # b\n}\n');
  assert.deepEqual(m.byFile.get('/ws/other.tf')!.map((e) => e.newText), ['x']);
});

// Generated policy documents: random layouts of statements (single-line or multi-line lists, sids or
// not, comments, blank lines, CRLF), then every fix is applied; the result must parse with
// HashiCorp's HCL parser, hold the requirement's actions, and keep the original text around the edits.
const action = fc.constantFrom('logs:CreateLogGroup', 'xray:PutTraceSegments', 'ecr:GetAuthorizationToken', 's3:GetObject');
const stmt = fc.record({
  sid: fc.option(fc.constantFrom('A', 'B', 'Logs', 'XRay'), { nil: undefined }),
  actions: fc.uniqueArray(action, { minLength: 1, maxLength: 3 }),
  multiline: fc.boolean(),
  trailingComma: fc.boolean(),
  star: fc.boolean(),
  comment: fc.boolean(),
});

interface GenStmt { sid?: string; actions: string[]; multiline: boolean; trailingComma: boolean; star: boolean; comment: boolean }

function renderDoc(stmts: GenStmt[], crlf: boolean): string {
  const lines = ['data "aws_iam_policy_document" "gen" {'];
  stmts.forEach((s, i) => {
    if (i) lines.push('');
    if (s.comment) lines.push('  # a comment {');
    lines.push('  statement {');
    if (s.sid) lines.push(`    sid = "${s.sid}${i}"`);
    const items = s.actions.map((a) => `"${a}"`);
    if (s.multiline) lines.push('    actions = [', ...items.map((x, k) => `      ${x}${k < items.length - 1 || s.trailingComma ? ',' : ''}`), '    ]');
    else lines.push(`    actions = [${items.join(', ')}]`);
    lines.push(`    resources = [${s.star ? '"*"' : '"arn:aws:s3:::b/*"'}] # trailing comment`);
    lines.push('  }');
  });
  lines.push('}', '');
  return lines.join(crlf ? '\r\n' : '\n');
}

test('generated policy documents: every fix parses with hcl2json and keeps the text around it (property)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(stmt, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom(h.R5, h.R7, h.R8), async (stmts, crlf, req) => {
      const text = renderDoc(stmts, crlf);
      const docs = h.hclDocuments(F, text);
      const ctx = h.ctxOf(new Map([[F, text]]), [], docs);
      const fixes = computeFixes({ kind: 'permission', role: h.runtimeRole(F), requirement: req, resources: req.resources.map((r) => h.instantiate(r)), result: h.missing(req.actions), document: docs[0] }, ctx);
      assert.ok(fixes.length >= 1);
      for (const fix of fixes) {
        const after = applyEdits(text, fix.edits);
        if (crlf) assert.ok(!/[^\r]\n/.test(after), 'CRLF kept');
        const parsed = (await hcl2json.parse('gen.tf', after)) as { data: { aws_iam_policy_document: { gen: { statement: { actions: string[] }[] }[] } } };
        const granted = parsed.data.aws_iam_policy_document.gen[0].statement.flatMap((s) => s.actions);
        for (const a of req.actions) assert.ok(granted.includes(a), `${a} written`);
        // Outside the inserted spans the text is unchanged.
        let rest = after;
        for (const e of [...fix.edits].reverse()) {
          const i = rest.lastIndexOf(e.newText);
          rest = rest.slice(0, i) + rest.slice(i + e.newText.length);
        }
        assert.equal(rest, text);
        // Idempotent: once applied, no fix is offered again.
        const docs2 = h.hclDocuments(F, after);
        const again = computeFixes({ kind: 'permission', role: h.runtimeRole(F), requirement: req, resources: req.resources.map((r) => h.instantiate(r)), result: h.missing(req.actions), document: docs2[0] }, h.ctxOf(new Map([[F, after]]), [], docs2));
        assert.deepEqual(again, []);
      }
    }),
    { numRuns: 60 },
  );
});

test('generated .json policies: every fix leaves valid JSON in the file indentation, once (property)', () => {
  const J = '/ws/p.json';
  const jstmt = fc.record({
    Sid: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
    Action: fc.oneof(action, fc.uniqueArray(action, { minLength: 1, maxLength: 3 })),
    Resource: fc.constantFrom('*', 'arn:aws:s3:::b/*'),
  });
  fc.assert(
    fc.property(fc.array(jstmt, { minLength: 1, maxLength: 4 }), fc.constantFrom('  ', '    ', '\t'), fc.boolean(), fc.constantFrom(h.R5, h.R7, h.R8), (stmts, indent, crlf, req) => {
      const policy = { Version: '2012-10-17', Statement: stmts.map((s) => ({ ...(s.Sid ? { Sid: s.Sid } : {}), Effect: 'Allow', Action: s.Action, Resource: s.Resource })) };
      let text = JSON.stringify(policy, null, indent) + '\n';
      if (crlf) text = text.replace(/\n/g, '\r\n');
      const doc = h.jsonDocument(J, text, 'json-file');
      // JSON files get literal values from the settings; the analysis instantiates with the same literals.
      const settings = withDefaults({ defaults: { partition: 'aws', region: 'us-east-1', account: '111122223333' } });
      const ctx = h.ctxOf(new Map([[J, text]]), [], [doc], settings);
      const lit = (t: string) => ({ parts: [{ kind: 'lit' as const, text: t.replace('${partition}', 'aws').replace('${region}', 'us-east-1').replace('${account}', '111122223333') }] });
      const request = { kind: 'permission' as const, role: h.runtimeRole(J), requirement: req, resources: req.resources.map(lit), result: h.missing(req.actions), document: doc };
      const fixes = computeFixes(request, ctx);
      assert.ok(fixes.length >= 1);
      for (const fix of fixes) {
        const after = applyEdits(text, fix.edits);
        const parsed = JSON.parse(after) as typeof policy;
        const granted: string[] = parsed.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
        for (const a of req.actions) assert.ok(granted.includes(a), `${a} written`);
        if (crlf) assert.ok(!/[^\r]\n/.test(after), 'CRLF kept');
        // Lines the fix added are indented with the file's unit.
        for (const line of after.split(/\r?\n/)) assert.ok(indent === '\t' ? !/^ +/.test(line) : !/^\t/.test(line), line);
        assert.ok(after.startsWith(text.slice(0, text.indexOf('"Statement"'))));
        const doc2 = h.jsonDocument(J, after, 'json-file');
        const again = computeFixes({ ...request, document: doc2 }, h.ctxOf(new Map([[J, after]]), [], [doc2]));
        // The official statement (or every action on the completed one) is there: nothing is offered again.
        assert.deepEqual(again, []);
      }
    }),
    { numRuns: 100 },
  );
});
