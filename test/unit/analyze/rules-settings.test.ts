/** The `agentcoreIam.rules` setting names every rule of core/rules.ts (the settings editor completes them), and only those. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/core/rules';
import { repoRoot } from '../../helpers/cli';

test('agentcoreIam.rules lists every rule with its description and default, and no other', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const conf = pkg.contributes.configuration;
  const props = (Array.isArray(conf) ? conf[0] : conf).properties['agentcoreIam.rules'].properties as Record<string, { enum: string[]; markdownDescription: string }>;
  // The descriptions are "%key%" placeholders; the English is in package.nls.json.
  const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const text = (s: string) => nls[/^%(.+)%$/.exec(s)?.[1] ?? ''] ?? s;
  assert.deepEqual(Object.keys(props).sort(), Object.keys(RULES).sort());
  for (const r of Object.values(RULES)) {
    assert.ok(text(props[r.id].markdownDescription).startsWith(r.description), `${r.id}: description`);
    assert.ok(text(props[r.id].markdownDescription).endsWith(`Default: \`${r.defaultSeverity}\`.`), `${r.id}: default`);
    assert.deepEqual(props[r.id].enum, ['error', 'warning', 'information', 'hint', 'off']);
  }
});
