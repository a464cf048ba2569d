/**
 * A gateway's credential-provider findings (G3 OAuth, G4 API key) when the provider is a resource of
 * the configuration, whose ARN has a part the analysis cannot know (the token vault): on the fixture
 * test/fixtures/credential-provider-placement, the finding sits on the statement with the same
 * action on another provider, and its fix adds the target's provider to that statement (the vault
 * written `*`), instead of sitting on the policy's first line with a fix that inserts a second
 * statement. Real front, real analysis; the edited text parsed by HashiCorp's parser and analysed
 * again: granted (a narrow-grant hint left).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze } from '../../../server/src/core/analyze';
import { applyEdits } from '../../../server/src/core/fixes/index';
import { withDefaults } from '../../../server/src/core/settings';
import type { Finding } from '../../../server/src/core/model';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hcl2json = require('@cdktf/hcl2json') as { parse(file: string, text: string): Promise<unknown> };

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'credential-provider-placement', 'main.tf');

async function findingsOf(dir: string): Promise<Finding[]> {
  const ws = await Workspace.create({ root: dir });
  await ws.loadFromDisk();
  return analyze(ws.model(), withDefaults({}), { getText: (f) => ws.getText(f) }).findings;
}

for (const [requirement, sid, provider] of [
  ['gateway.G4', 'ApiKey', 'token-vault/*/apikeycredentialprovider/weather'],
  ['gateway.G3', 'OAuth', 'token-vault/*/oauth2credentialprovider/crm'],
] as const) {
  test(`${requirement}: on statement "${sid}", whose resource the fix extends with the target's provider; fixed, granted`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-credential-provider-'));
    try {
      const file = path.join(dir, 'main.tf');
      const before = fs.readFileSync(FIXTURE, 'utf8');
      fs.writeFileSync(file, before);
      const [finding] = (await findingsOf(dir)).filter((f) => f.requirement === requirement);
      assert.ok(finding, `a ${requirement} finding`);
      assert.equal(finding.rule, 'missing-permission');
      const lines = before.split('\n');
      // the statement object whose next code line is its Sid
      const sidLine = lines.findIndex((l) => l.includes(`Sid      = "${sid}"`));
      const next = lines.slice(finding.range.start.line + 1).find((l) => !/^\s*#/.test(l));
      assert.equal(next, lines[sidLine], `the finding sits on statement ${sid}, not line ${finding.range.start.line + 1}`);
      const [fix] = finding.fixes;
      assert.ok(fix, 'the finding has a fix');
      const after = applyEdits(before, fix.edits);
      await hcl2json.parse('main.tf', after);
      // The statement's own resource is kept, the provider added to it; no second statement of the action.
      const stmt = after.split('\n').slice(sidLine, sidLine + 6).join('\n');
      assert.match(stmt, new RegExp(provider.replace(/[*/]/g, (c) => `\\${c}`)));
      assert.equal(after.split(`Sid      = "${sid}"`).length, 2);
      const code = after.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n');
      assert.equal((code.match(new RegExp(requirement === 'gateway.G4' ? 'GetResourceApiKey' : 'GetResourceOauth2Token', 'g')) ?? []).length, 1, 'no statement added');
      fs.writeFileSync(file, after);
      // Granted, with the hint that the grant is narrower than the documented statement.
      assert.deepEqual((await findingsOf(dir)).filter((f) => f.requirement === requirement).map((f) => [f.rule, f.verdict]), [['narrow-grant', 'granted']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
