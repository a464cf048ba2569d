// A named symbol (one value of one resource instance: a runtime's generated id suffix) compared with
// a string that holds a named symbol too: equal to itself only, and it does not stretch over the text
// after the other's (CompileOptions.namedAtoms). Before: the possible mode let a policy's named symbol
// take any text of one ARN segment, so a grant on a runtime's exact ARN "may" have covered its
// endpoint, and a grant on another runtime "may" have covered this one (unknown, never missing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RESOURCE, contains, overlaps } from '../../../server/src/core/iam/glob';
import { s } from './sym';

const RT = 'arn:aws:bedrock-agentcore:us-east-1:${account}:runtime/rag-${name:suffix of rag}';

test('a grant on a runtime named by its attribute does not cover its endpoint (missing, was unknown)', () => {
  assert.deepEqual({ ...contains(s(RT), s(`${RT}/runtime-endpoint/DEFAULT`), RESOURCE) }, { def: false, pos: false });
  assert.deepEqual({ ...contains(s(RT), s(`${RT}/runtime-endpoint/\${x.version}`), RESOURCE) }, { def: false, pos: false });
  // the runtime itself, and its endpoints under ARN/*: granted
  assert.deepEqual({ ...contains(s(RT), s(RT), RESOURCE) }, { def: true, pos: true });
  assert.deepEqual({ ...contains(s(`${RT}/*`), s(`${RT}/runtime-endpoint/DEFAULT`), RESOURCE) }, { def: true, pos: true });
});

test('another resource instance\'s named symbol is another value: not contained, no overlap', () => {
  const other = 'arn:aws:bedrock-agentcore:us-east-1:${account}:runtime/rag-${name:suffix of other}';
  assert.deepEqual({ ...contains(s(other), s(RT), RESOURCE) }, { def: false, pos: false });
  assert.deepEqual({ ...overlaps(s(other), s(RT), RESOURCE) }, { def: false, pos: false });
});

test('against a string without a named symbol the value stays open (unknown, never missing)', () => {
  // a literal id may be this runtime's
  assert.deepEqual({ ...contains(s('arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/rag-AbC123xYz0'), s(RT), RESOURCE) }, { def: false, pos: true });
  // an unknown in the policy may be anything
  assert.deepEqual({ ...contains(s('arn:aws:bedrock-agentcore:us-east-1:${account}:runtime/${var.id}'), s(RT), RESOURCE) }, { def: false, pos: true });
  // a wildcard covers it
  assert.deepEqual({ ...contains(s('arn:aws:bedrock-agentcore:*:*:runtime/*'), s(RT), RESOURCE) }, { def: true, pos: true });
});
