/**
 * The contributions (commands, settings, descriptions) are localized the way VS Code does it:
 * package.json holds "%key%" placeholders, package.nls.json the English and package.nls.ja.json the
 * Japanese. Every placeholder has both, no key is left unused, and the Japanese keeps the code as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/cli';

const read = (f: string) => JSON.parse(fs.readFileSync(path.join(repoRoot, f), 'utf8'));
const en = read('package.nls.json') as Record<string, string>;
const ja = read('package.nls.ja.json') as Record<string, string>;

/** Every "%key%" string value anywhere in package.json. */
function placeholders(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') {
    const m = /^%([^%\s]+)%$/.exec(v);
    if (m) out.push(m[1]);
  } else if (Array.isArray(v)) for (const x of v) placeholders(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) placeholders(x, out);
  return out;
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

test('every %key% of package.json is in package.nls.json and package.nls.ja.json, and no key is unused', () => {
  const used = placeholders(read('package.json'));
  assert.ok(used.length >= 30, `only ${used.length} placeholders`);
  for (const k of used) {
    assert.equal(typeof en[k], 'string', `package.nls.json: ${k}`);
    assert.equal(typeof ja[k], 'string', `package.nls.ja.json: ${k}`);
  }
  assert.deepEqual(Object.keys(en).sort(), [...new Set(used)].sort(), 'package.nls.json: keys package.json does not use');
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort(), 'package.nls.ja.json: the same keys as package.nls.json');
});

test('the commands, settings and descriptions are written in Japanese, with code, settings and IAM names as written', () => {
  for (const [k, text] of Object.entries(ja)) {
    if (k === 'displayName') continue; // the product's name
    assert.match(text, JAPANESE, `${k}: not Japanese: ${text}`);
    // What is code in the English (`error`, `AWS_ENDPOINT_URL`, runtime.R10) is the same code in Japanese.
    for (const code of en[k].match(/`[^`]+`/g) ?? []) assert.ok(text.includes(code), `${k}: ${code} missing`);
    for (const name of en[k].match(/\b(?:[a-z0-9-]+:[A-Za-z]+|agentcoreIam\.[\w.]+|--[\w-]+|[a-z][\w-]*\.amazonaws\.com)\b/g) ?? []) {
      assert.ok(text.includes(name), `${k}: ${name} missing`);
    }
  }
});

test('.vscodeignore ships the nls files and the l10n bundle', () => {
  const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(ignore.includes('!package.nls*.json'), 'package.nls*.json');
  assert.ok(ignore.includes('!l10n/*.json'), 'l10n/*.json');
});
