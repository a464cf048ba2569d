import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sourceLabel } from '../../../server/src/lsp/handlers/hover';

test('hover names a source by its AWS page or its repository and file', () => {
  assert.equal(sourceLabel('https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/runtime-permissions.html'), 'runtime-permissions');
  assert.equal(sourceLabel('https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonbedrockagentcore.html#actions'), 'list_amazonbedrockagentcore');
  assert.equal(sourceLabel('https://github.com/aws/aws-cdk/blob/main/packages/@aws-cdk/aws-bedrock-agentcore-alpha/lib/runtime/perms.ts'), 'aws-cdk: perms.ts');
  assert.equal(sourceLabel('https://example.com/page'), 'example.com/page');
});
