// The account a provider fixes (issue #22 item 3): hashicorp/aws `allowed_account_ids` with one
// account is the account of everything it places (Terraform refuses to apply in any other), so a
// trust or policy written for it is decided; with several accounts, or none, the account is the
// settings' default or stays unknown (the `account` symbol). Before, only the settings gave it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Workspace } from '../../../server/src/core/workspace';

const root = '/virtual/allowed-account-ids';

async function accountOf(provider: string, defaults: { account?: string } = {}): Promise<string | undefined> {
  const ws = await Workspace.create({ root, settings: { defaults } });
  ws.setFile(path.join(root, 'main.tf'), [
    provider,
    'variable "account" {',
    '  default = "444455556666"',
    '}',
    'resource "aws_iam_role" "r" {',
    '  name               = "r"',
    '  assume_role_policy = "{}"',
    '}',
    'resource "aws_bedrockagentcore_agent_runtime" "a" {',
    '  agent_runtime_name = "a"',
    '  role_arn           = aws_iam_role.r.arn',
    '}',
    '',
  ].join('\n'));
  const role = ws.model().roles.find((r) => r.address === 'aws_iam_role.r');
  assert.ok(role, 'the role is read');
  return role.provider.account;
}

test('allowed_account_ids with one account is the provider\'s account', async () => {
  assert.equal(await accountOf('provider "aws" {\n  region              = "us-east-1"\n  allowed_account_ids = ["111122223333"]\n}'), '111122223333');
  assert.equal(await accountOf('provider "aws" {\n  allowed_account_ids = ["111122223333"]\n}', { account: '999999999999' }), '111122223333', 'before the settings default');
  assert.equal(await accountOf('provider "aws" {\n  allowed_account_ids = [var.account]\n}'), '444455556666', 'a variable\'s default, as the region is read');
});

test('several accounts, none, or no account id: the settings default, else unknown', async () => {
  assert.equal(await accountOf('provider "aws" {\n  allowed_account_ids = ["111122223333", "444455556666"]\n}'), undefined);
  assert.equal(await accountOf('provider "aws" {\n  allowed_account_ids = ["111122223333", "444455556666"]\n}', { account: '999999999999' }), '999999999999');
  assert.equal(await accountOf('provider "aws" {\n  region = "us-east-1"\n}'), undefined);
  assert.equal(await accountOf('provider "aws" {\n  allowed_account_ids = ["not-an-account"]\n}'), undefined);
});
