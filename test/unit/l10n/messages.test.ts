/**
 * Every message in English and in Japanese, from the same data (core/messages). The annotated
 * fixtures and the seed case are analysed twice, with locale "en" and "ja": each rule's findings are
 * rendered by both templates; the Japanese has no untranslated English sentence, and keeps every
 * action, ARN, address, Sid and condition key exactly as the English has it. The catalog's reasons,
 * notes and conflicts each have a Japanese text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { coldAnalyze } from '../../../server/src/core/cold';
import { withDefaults } from '../../../server/src/core/settings';
import { RULES } from '../../../server/src/core/rules';
import { CONFLICTS, REQUIREMENTS } from '../../../server/src/core/catalog';
import { en, ja, messagesFor, toLocale, localeFromEnv } from '../../../server/src/core/messages';
import { CONFLICT_JA, NOTE_JA, WHY_JA } from '../../../server/src/core/messages/ja-catalog';
import type { Finding } from '../../../server/src/core/model';
import { repoRoot } from '../../helpers/cli';
import { JAPANESE, englishLeft } from './english';

// JAPANESE, PROPER and englishLeft: test/unit/l10n/english.ts (front.test.ts uses them too).

/** ARNs, actions, addresses and keys of an English message: what the Japanese one must hold unchanged. */
function names(message: string): string[] {
  return (message.match(/\barn:[^\s,;)"]+|\b[a-z0-9-]+:[A-Z][A-Za-z0-9*]*\b|\b(?:module\.[\w-]+\.)*(?:aws|awscc)_[\w-]+\.[\w-]+(?:\[[^\]]*\])?|\b(?:aws|bedrock-agentcore|iam|logs|xray):[A-Za-z]+\b/g) ?? [])
    .map((n) => n.replace(/[.:]+$/, ''));
}

const key = (f: Finding) => [f.rule, f.file, f.range.start.line, f.range.start.character, f.role, f.requirement, f.actions.join(','), (f.conditionKeys ?? []).join(',')].join('|');

async function both(dir: string): Promise<{ en: Finding[]; ja: Finding[] }> {
  const run = async (locale: string | undefined) => (await coldAnalyze(dir, { ...withDefaults(undefined), ...(locale ? { locale } : {}) }, { fixes: true, workers: 0 })).findings;
  return { en: await run(undefined), ja: await run('ja') };
}

/** No fixture has a resource that matches no resource type: the docs' hyphenated credential-provider ARNs (C2), in an Allow and a Deny. */
const RESOURCE_TYPES = `data "aws_iam_policy_document" "p" {
  statement {
    effect    = "Allow"
    actions   = ["bedrock-agentcore:GetResourceOauth2Token"]
    resources = ["arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2-credential-provider/x"]
  }
  statement {
    effect    = "Deny"
    actions   = ["bedrock-agentcore:GetResourceApiKey"]
    resources = ["arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/api-key/x"]
  }
}
`;
const extra = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
fs.writeFileSync(path.join(extra, 'main.tf'), RESOURCE_TYPES);
test.after(() => fs.rmSync(extra, { recursive: true, force: true }));

const dirs = [path.join(repoRoot, 'examples/seed-case'), extra, ...fs.readdirSync(path.join(repoRoot, 'test/fixtures')).map((d) => path.join(repoRoot, 'test/fixtures', d))]
  .filter((d) => fs.statSync(d).isDirectory());

test('the fixtures in English and in Japanese: the same findings, each rule in both, names as written, no English sentence left', async () => {
  const rules = new Set<string>();
  let pairs = 0;
  let titles = 0;
  const untranslated = new Set<string>();
  for (const dir of dirs) {
    const r = await both(dir);
    assert.equal(r.ja.length, r.en.length, `${path.basename(dir)}: as many findings`);
    const byKey = new Map(r.en.map((f) => [key(f), f]));
    for (const j of r.ja) {
      const e = byKey.get(key(j));
      assert.ok(e, `${path.basename(dir)}: ${key(j)} only in Japanese`);
      assert.equal(j.severity, e.severity);
      assert.notEqual(j.message, e.message, `${j.rule}: the same text in both`);
      assert.match(j.message, JAPANESE, `${j.rule}: ${j.message}`);
      // What a finding depends on, as the Terraform front describes it (role.opaque, document.opaque:
      // "inline policy X, which Y deletes (…)"), is the model's data, the same in both, said in
      // Japanese by the template (messages/front.ts) and by the hover (m.front).
      // (The analysis's own entries, such as the artifact or the trust policy, are in Japanese already: messages/ja.ts.)
      for (const d of (j.dependsOn ?? []).filter((x) => e.dependsOn?.includes(x))) if (englishLeft(ja.front(d)).length) untranslated.add(d);
      assert.deepEqual(englishLeft(j.message), [], `${j.rule}: English left in ${j.message}`);
      for (const n of names(e.message)) assert.ok(j.message.includes(n), `${j.rule}: ${n} missing from ${j.message}\n(English: ${e.message})`);
      for (const a of e.actions) if (e.message.includes(a)) assert.ok(j.message.includes(a), `${j.rule}: action ${a}`);
      assert.deepEqual(j.related.map((x) => x.loc), e.related.map((x) => x.loc));
      for (const x of j.related) assert.match(x.message, JAPANESE);
      assert.equal(j.fixes.length, e.fixes.length, `${j.rule}: fixes`);
      j.fixes.forEach((fx, i) => {
        assert.match(fx.title, JAPANESE, `fix title ${fx.title}`);
        assert.deepEqual(englishLeft(fx.title), [], fx.title);
        assert.deepEqual(fx.edits, e.fixes[i].edits, 'the same edits');
        titles++;
      });
      rules.add(j.rule);
      pairs++;
    }
  }
  // Every rule of rules.ts is rendered by both templates in the fixtures.
  assert.deepEqual(Object.keys(RULES).filter((r) => !rules.has(r)), [], 'rules no fixture shows');
  assert.ok(pairs > 50 && titles > 10, `${pairs} findings, ${titles} fix titles`);
  // The model's own descriptions of what could not be followed (role.opaque, document.opaque:
  // terraform/attachments.ts, AWS managed policies not bundled): none left in English.
  assert.deepEqual([...untranslated], [], 'dependsOn from the model, in English');
});

test('every requirement, note and conflict of the catalog has its Japanese text', () => {
  for (const r of REQUIREMENTS) {
    assert.ok(WHY_JA[r.id], `why: ${r.id}`);
    assert.match(ja.why(r), JAPANESE);
    assert.equal(en.why(r), r.why, 'English is the catalog');
    if (r.note) assert.ok(NOTE_JA[r.id], `note: ${r.id}`);
  }
  for (const id of Object.keys(CONFLICTS)) assert.ok(CONFLICT_JA[id], `conflict ${id}`);
  // The IAM actions and ARNs a conflict names are in its Japanese text.
  for (const [id, text] of Object.entries(CONFLICTS)) {
    for (const n of text.match(/\b[a-z0-9-]+:[A-Z][A-Za-z]+\b|\bAWSServiceRole\w+|\bBedrockAgentCoreFullAccess v\d+/g) ?? []) assert.ok(CONFLICT_JA[id].includes(n), `${id}: ${n}`);
  }
});

test('the locale: BCP 47 and POSIX tags, English by default, no table built per call', () => {
  for (const t of ['ja', 'ja-JP', 'ja_JP.UTF-8', 'JA_jp', 'ja_JP@euro']) assert.equal(toLocale(t), 'ja', t);
  for (const t of ['en', 'en-US', 'C.UTF-8', 'POSIX', 'jam', '', undefined]) assert.equal(toLocale(t), 'en', String(t));
  assert.equal(localeFromEnv({ LANG: 'ja_JP.UTF-8' }), 'ja');
  assert.equal(localeFromEnv({ LC_ALL: 'C', LANG: 'ja_JP.UTF-8' }), 'en', 'LC_ALL first');
  assert.equal(localeFromEnv({ LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }), 'ja');
  assert.equal(messagesFor(undefined), en);
  assert.equal(messagesFor('ja'), ja);
  assert.equal(messagesFor('ja-JP'), ja);
  assert.equal(messagesFor('fr'), en);
});
