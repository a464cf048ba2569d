/**
 * The client's strings go through vscode.l10n.t with l10n/bundle.l10n.ja.json ("l10n": "./l10n" in
 * package.json): every l10n.t message in client/src has a Japanese entry with the same {n}
 * placeholders, messages are string literals (the bundle's keys), and the bundle has no stale entry.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../../helpers/cli';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The first argument of every `l10n.t(...)` call, or a problem when it is not a string literal. */
function messages(): { messages: Set<string>; problems: string[] } {
  const out = new Set<string>();
  const problems: string[] = [];
  for (const file of sources(path.join(repoRoot, 'client/src'))) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 't'
        && ts.isPropertyAccessExpression(n.expression.expression) && n.expression.expression.name.text === 'l10n') {
        const a = n.arguments[0];
        if (a && (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a))) out.add(a.text);
        else problems.push(`${path.relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}: not a string literal`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { messages: out, problems };
}

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every vscode.l10n.t message of the client has a Japanese entry in l10n/bundle.l10n.ja.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.equal(pkg.l10n, './l10n');
  const ja = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n/bundle.l10n.ja.json'), 'utf8')) as Record<string, string>;
  const { messages: used, problems } = messages();
  assert.deepEqual(problems, []);
  assert.ok(used.size >= 30, `only ${used.size} messages found`);
  const missing = [...used].filter((m) => typeof ja[m] !== 'string');
  assert.deepEqual(missing, [], 'messages without a Japanese entry');
  assert.deepEqual(Object.keys(ja).filter((k) => !used.has(k)), [], 'entries no l10n.t call uses');
  for (const [k, v] of Object.entries(ja)) {
    assert.deepEqual(placeholders(v), placeholders(k), `${k}: placeholders`);
    if (k !== '.') assert.match(v, /[\u3040-\u30ff\u4e00-\u9fff]/, `${k}: not Japanese`);
  }
});

test('the status bar and the audit command have no user-visible English literal outside l10n.t', () => {
  // A quoted sentence (two words or more, starting with a capital) passed straight to the UI.
  const ui = /\b(?:showErrorMessage|showInformationMessage|showWarningMessage|createTerminal)\(\s*[`'"][A-Z]|\b(?:title|placeHolder|placeholder|prompt|tooltip|text|label)\s*[:=]\s*[`'"](?:\$\([\w~-]+\) )?[A-Z][a-z]+ [a-z]/;
  for (const f of ['client/src/extension.ts', 'client/src/audit/command.ts']) {
    const lines = fs.readFileSync(path.join(repoRoot, f), 'utf8').split('\n');
    const bad = lines.map((l, i) => [i + 1, l] as const).filter(([, l]) => ui.test(l));
    assert.deepEqual(bad, [], `${f}: English literal shown to the user`);
  }
});
