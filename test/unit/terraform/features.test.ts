/**
 * componentFeatures: which catalog features a component uses, from the Terraform syntax of its
 * module instance. true = in use, false = the Terraform shows it is not, absent = cannot be told.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createParser } from '../../../server/src/core/terraform/parser';
import { convertFile } from '../../../server/src/core/terraform/ast';
import type { Block, Expr } from '../../../server/src/core/terraform/ast';
import { componentFeatures, literalOf, refersTo } from '../../../server/src/core/terraform/features';
import type { FeatureOptions, FeatureScope } from '../../../server/src/core/terraform/features';
import type { ModuleInstance } from '../../../server/src/core/terraform/values';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let parser: any;
before(async () => {
  parser = await createParser();
});

/** The module instance of one file: resources, locals, outputs, module calls. */
function scopeOf(text: string): Required<FeatureScope> {
  const tree = parser.parse(text);
  const body = convertFile(tree);
  tree.delete();
  const resources = new Map<string, { block: Block }>();
  const locals = new Map<string, { expr: Expr }>();
  const outputs = new Map<string, { expr: Expr }>();
  const modules = new Map<string, { block: Block }>();
  for (const b of body.blocks) {
    if (b.type === 'resource') resources.set(`${b.labels[0]}.${b.labels[1]}`, { block: b });
    else if (b.type === 'locals') for (const [k, a] of b.body.attributes) locals.set(k, { expr: a.expr });
    else if (b.type === 'output') {
      const v = b.body.attributes.get('value');
      if (v) outputs.set(b.labels[0], { expr: v.expr });
    } else if (b.type === 'module') modules.set(b.labels[0], { block: b });
  }
  return { resources, locals, outputs, modules };
}

function featuresOf(text: string, key: string, opts?: FeatureOptions) {
  const scope = scopeOf(text);
  assert.ok(scope.resources.has(key), `${key} is in the snippet`);
  return componentFeatures(key, scope, opts);
}
const features = featuresOf;

const GATEWAY = `
resource "aws_bedrockagentcore_gateway" "main" {
  name            = "main"
  role_arn        = aws_iam_role.gw.arn
  authorizer_type = "AWS_IAM"
  protocol_type   = "MCP"
}
`;

const LAMBDA_TARGET = (gw: string, extra = '') => `
resource "aws_bedrockagentcore_gateway_target" "fn" {
  name               = "fn"
  gateway_identifier = ${gw}
  ${extra}
  credential_provider_configuration {
    gateway_iam_role {}
  }
  target_configuration {
    mcp {
      lambda {
        lambda_arn = aws_lambda_function.fn.arn
        tool_schema {
          inline_payload {
            name        = "t"
            description = "d"
            input_schema {
              type = "object"
            }
          }
        }
      }
    }
  }
}
`;

const NOTHING_FROM_TARGETS = {
  'lambda-target': false, 'oauth-outbound': false, 'api-key-outbound': false, 'credential-outbound': false,
  'iam-outbound': false, 'policy-engine': false, 'policy-session': false, 'cmk-via-iam': false,
  'runtime-target-iam': false,
};

/** A memory that streams no records. */
const NO_STREAM = { 'record-streaming': false, 'record-streaming-kms': false };

describe('gateway: features from the gateway targets of the module instance', () => {
  test('a Lambda target with the gateway IAM role: lambda-target and iam-outbound; everything else is shown unused', () => {
    const f = features(GATEWAY + LAMBDA_TARGET('aws_bedrockagentcore_gateway.main.gateway_id'), 'aws_bedrockagentcore_gateway.main');
    assert.deepEqual(f, { ...NOTHING_FROM_TARGETS, 'lambda-target': true, 'iam-outbound': true });
  });

  test('OpenAPI target with an API key and MCP server target with OAuth: api-key, oauth, credential outbound', () => {
    const text = GATEWAY + `
resource "aws_bedrockagentcore_gateway_target" "api" {
  name               = "api"
  gateway_identifier = aws_bedrockagentcore_gateway.main.gateway_id
  credential_provider_configuration {
    api_key {
      provider_arn              = aws_bedrockagentcore_api_key_credential_provider.k.credential_provider_arn
      credential_location       = "HEADER"
      credential_parameter_name = "X-API-Key"
    }
  }
  target_configuration {
    mcp {
      open_api_schema {
        s3 {
          uri = "s3://bucket/openapi.json"
        }
      }
    }
  }
}

resource "aws_bedrockagentcore_gateway_target" "mcp" {
  name               = "mcp"
  gateway_identifier = aws_bedrockagentcore_gateway.main.gateway_id
  credential_provider_configuration {
    oauth {
      provider_arn = aws_bedrockagentcore_oauth2_credential_provider.o.credential_provider_arn
      scopes       = ["read"]
    }
  }
  target_configuration {
    mcp {
      mcp_server {
        endpoint = "https://mcp.example.com"
      }
    }
  }
}
`;
    assert.deepEqual(features(text, 'aws_bedrockagentcore_gateway.main'), {
      ...NOTHING_FROM_TARGETS, 'api-key-outbound': true, 'oauth-outbound': true, 'credential-outbound': true,
    });
  });

  test('a gateway without targets, interceptors or policy engine: every feature false', () => {
    assert.deepEqual(features(GATEWAY, 'aws_bedrockagentcore_gateway.main'), NOTHING_FROM_TARGETS);
  });

  test("another gateway's target does not count", () => {
    const text = GATEWAY + GATEWAY.replace('"main"', '"other"') + LAMBDA_TARGET('aws_bedrockagentcore_gateway.other.gateway_id');
    assert.deepEqual(features(text, 'aws_bedrockagentcore_gateway.main'), NOTHING_FROM_TARGETS);
    assert.equal(features(text, 'aws_bedrockagentcore_gateway.other')['lambda-target'], true);
  });

  test('a target whose gateway is a variable: what it uses cannot be told (absent), what it does not use stays false', () => {
    const f = features(GATEWAY + LAMBDA_TARGET('var.gateway_id'), 'aws_bedrockagentcore_gateway.main');
    assert.deepEqual(f, { 'oauth-outbound': false, 'api-key-outbound': false, 'credential-outbound': false, 'runtime-target-iam': false, 'policy-engine': false, 'policy-session': false, 'cmk-via-iam': false });
  });

  test('a target naming the gateway through a local counts', () => {
    const text = GATEWAY + 'locals {\n  gw = aws_bedrockagentcore_gateway.main.gateway_id\n}\n' + LAMBDA_TARGET('local.gw');
    assert.equal(features(text, 'aws_bedrockagentcore_gateway.main')['lambda-target'], true);
  });

  test('a gateway with count, its target indexing it with count.index: counts', () => {
    const text = GATEWAY.replace('name            = "main"', 'count = 2\n  name = "main-${count.index}"') +
      LAMBDA_TARGET('aws_bedrockagentcore_gateway.main[count.index].gateway_id', 'count = 2');
    assert.equal(features(text, 'aws_bedrockagentcore_gateway.main')['lambda-target'], true);
  });

  test('count on the target: 0 → false, 1 → true, a variable → cannot tell', () => {
    const gw = 'aws_bedrockagentcore_gateway.main.gateway_id';
    assert.equal(features(GATEWAY + LAMBDA_TARGET(gw, 'count = 0'), 'aws_bedrockagentcore_gateway.main')['lambda-target'], false);
    assert.equal(features(GATEWAY + LAMBDA_TARGET(gw, 'count = 1'), 'aws_bedrockagentcore_gateway.main')['lambda-target'], true);
    const f = features(GATEWAY + LAMBDA_TARGET(gw, 'count = var.lambda ? 1 : 0'), 'aws_bedrockagentcore_gateway.main');
    assert.equal(f['lambda-target'], undefined);
    assert.equal(f['oauth-outbound'], false, 'a target that may exist and does not use OAuth still tells OAuth is unused');
    // the caller's literal() can resolve the count
    const g = features(GATEWAY + LAMBDA_TARGET(gw, 'count = var.n'), 'aws_bedrockagentcore_gateway.main', { literal: (e) => (e.k === 'ref' && e.text === 'var.n' ? 1 : undefined) });
    assert.equal(g['lambda-target'], true);
  });

  test('a gateway named by an output may have targets elsewhere: unused becomes cannot-tell, used stays used', () => {
    const text = GATEWAY + LAMBDA_TARGET('aws_bedrockagentcore_gateway.main.gateway_id') +
      'output "gateway_id" {\n  value = aws_bedrockagentcore_gateway.main.gateway_id\n}\n';
    const f = features(text, 'aws_bedrockagentcore_gateway.main');
    assert.deepEqual(f, { 'lambda-target': true, 'iam-outbound': true, 'policy-engine': false, 'policy-session': false, 'cmk-via-iam': false });
  });

  test('a gateway passed to a module (through a local) may have targets there', () => {
    const text = GATEWAY + 'locals {\n  gw = { id = aws_bedrockagentcore_gateway.main.gateway_id }\n}\nmodule "targets" {\n  source  = "./targets"\n  gateway = local.gw\n}\n';
    const f = features(text, 'aws_bedrockagentcore_gateway.main');
    assert.equal(f['lambda-target'], undefined);
    assert.equal(f['oauth-outbound'], undefined);
    // an output naming another resource does not make this gateway escape
    const g = features(GATEWAY + 'output "x" {\n  value = aws_iam_role.gw.arn\n}\n', 'aws_bedrockagentcore_gateway.main');
    assert.equal(g['lambda-target'], false);
  });

  test('dynamic blocks: unknown for_each → cannot tell; literal for_each → read', () => {
    const dyn = GATEWAY + `
resource "aws_bedrockagentcore_gateway_target" "t" {
  name               = "t"
  gateway_identifier = aws_bedrockagentcore_gateway.main.gateway_id
  dynamic "credential_provider_configuration" {
    for_each = var.auth
    content {
      oauth {
        provider_arn = credential_provider_configuration.value
        scopes       = []
      }
    }
  }
  target_configuration {
    dynamic "mcp" {
      for_each = [1]
      content {
        lambda {
          lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:f"
        }
      }
    }
  }
}
`;
    const f = features(dyn, 'aws_bedrockagentcore_gateway.main');
    assert.equal(f['lambda-target'], true);
    assert.equal(f['oauth-outbound'], undefined);
    assert.equal(f['api-key-outbound'], undefined);
    assert.equal(f['credential-outbound'], undefined);
    assert.equal(f['iam-outbound'], undefined);
    const empty = features(dyn.replace('for_each = [1]', 'for_each = []'), 'aws_bedrockagentcore_gateway.main');
    assert.equal(empty['lambda-target'], false);
  });

  test('no credential_provider_configuration: OAuth/API key unused, the IAM default cannot be told', () => {
    const text = GATEWAY + LAMBDA_TARGET('aws_bedrockagentcore_gateway.main.gateway_id').replace(/credential_provider_configuration \{\s*gateway_iam_role \{\}\s*\}/, '');
    const f = features(text, 'aws_bedrockagentcore_gateway.main');
    assert.equal(f['iam-outbound'], undefined);
    assert.equal(f['oauth-outbound'], false);
    assert.equal(f['credential-outbound'], false);
    assert.equal(f['lambda-target'], true);
  });

  test('a Lambda interceptor is a lambda-target even without targets (hashicorp/aws blocks)', () => {
    const text = GATEWAY.replace('protocol_type   = "MCP"', `protocol_type   = "MCP"
  interceptor_configuration {
    interception_points = ["REQUEST"]
    interceptor {
      lambda {
        arn = aws_lambda_function.i.arn
      }
    }
  }`);
    assert.equal(features(text, 'aws_bedrockagentcore_gateway.main')['lambda-target'], true);
  });

  test('awscc gateway: interceptor_configurations and policy_engine_configuration attributes', () => {
    const text = `
resource "awscc_bedrockagentcore_gateway" "g" {
  name            = "g"
  role_arn        = awscc_iam_role.gw.arn
  authorizer_type = "AWS_IAM"
  protocol_type   = "MCP"
  interceptor_configurations = [{
    interception_points = ["REQUEST"]
    interceptor = { lambda = { arn = "arn:aws:lambda:us-east-1:123456789012:function:i" } }
  }]
  policy_engine_configuration = {
    arn  = "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/pe-abcdefghij"
    mode = "ENFORCE"
  }
}
` + LAMBDA_TARGET('awscc_bedrockagentcore_gateway.g.gateway_identifier').replace('lambda {', 'mcp_server {\n        endpoint = "https://x"\n      }\n      lambda_unused {');
    const f = features(text, 'awscc_bedrockagentcore_gateway.g');
    assert.equal(f['lambda-target'], true, 'from the interceptor');
    assert.equal(f['iam-outbound'], true, 'the aws gateway target of an awscc gateway counts');
    assert.equal(f['policy-engine'], true);
    assert.equal('policy-session' in f, false, 'a policy session id is an invocation-time parameter: never told');
  });

  test('policy engine from a variable, or a null literal', () => {
    const base = 'resource "awscc_bedrockagentcore_gateway" "g" {\n  name = "g"\n  role_arn = "r"\n  policy_engine_configuration = PE\n}\n';
    const v = features(base.replace('PE', 'var.pe'), 'awscc_bedrockagentcore_gateway.g');
    assert.equal(v['policy-engine'], undefined);
    assert.equal(v['policy-session'], undefined);
    assert.deepEqual(
      [features(base.replace('PE', 'null'), 'awscc_bedrockagentcore_gateway.g')['policy-engine'], features(base.replace('PE', 'null'), 'awscc_bedrockagentcore_gateway.g')['policy-session']],
      [false, false],
    );
  });

  test("the caller's refersTo is asked first, the syntactic reading when it cannot tell", () => {
    const text = GATEWAY + LAMBDA_TARGET('"gw-0123456789"');
    assert.equal(features(text, 'aws_bedrockagentcore_gateway.main')['lambda-target'], undefined, 'a literal id: cannot tell');
    const seen: string[] = [];
    const f = features(text, 'aws_bedrockagentcore_gateway.main', { refersTo: (e, k) => { seen.push(k); return e.k === 'str' ? true : undefined; } });
    assert.equal(f['lambda-target'], true);
    assert.deepEqual(seen, ['aws_bedrockagentcore_gateway.main']);
    const g = features(GATEWAY + LAMBDA_TARGET('aws_bedrockagentcore_gateway.main.gateway_id'), 'aws_bedrockagentcore_gateway.main', { refersTo: () => undefined });
    assert.equal(g['lambda-target'], true);
  });
});

const MEMORY = `
resource "aws_bedrockagentcore_memory" "m" {
  name                      = "m"
  event_expiry_duration     = 30
  memory_execution_role_arn = aws_iam_role.memory.arn
}
`;

const STRATEGY = (body: string, memory = 'aws_bedrockagentcore_memory.m.id') => `
resource "aws_bedrockagentcore_memory_strategy" "s" {
  name       = "s"
  memory_id  = ${memory}
  namespaces = ["default"]
  ${body}
}
`;

const SELF_MANAGED = (topic: string, bucket: string) => STRATEGY(`type = "CUSTOM"
  configuration {
    type = "SELF_MANAGED"
    self_managed_configuration {
      historical_context_window_size = 4
      invocation_configuration {
        topic_arn                    = ${topic}
        payload_delivery_bucket_name = ${bucket}
      }
      trigger_conditions {
        message_based_trigger {
          message_count = 5
        }
      }
    }
  }`);

describe('memory (hashicorp/aws): features from the memory strategies naming it', () => {
  const M = 'aws_bedrockagentcore_memory.m';
  test('a built-in strategy: nothing in use', () => {
    assert.deepEqual(features(MEMORY + STRATEGY('type = "SEMANTIC"'), M), { 'model-processing': false, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });

  test('a memory without strategies: nothing in use', () => {
    assert.deepEqual(features(MEMORY, M), { 'model-processing': false, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });

  test('a CUSTOM strategy with an override: model-processing', () => {
    const s = STRATEGY(`type = "CUSTOM"
  configuration {
    type = "SEMANTIC_OVERRIDE"
    extraction {
      append_to_prompt = "x"
      model_id         = "anthropic.claude-3-haiku-20240307-v1:0"
    }
  }`);
    assert.deepEqual(features(MEMORY + s, M), { 'model-processing': true, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
    // the configuration type from a variable: the override blocks still tell
    const v = features(MEMORY + s.replace('type = "SEMANTIC_OVERRIDE"', 'type = var.override'), M);
    assert.equal(v['model-processing'], true);
    assert.equal(v['self-managed'], undefined);
  });

  test('a SELF_MANAGED strategy: self-managed; KMS from the SNS topic and the bucket of the module', () => {
    const sns = 'resource "aws_sns_topic" "t" {\n  name = "t"\n  KMS\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "payloads"\n}\nresource "aws_kms_key" "k" {\n}\n';
    const text = (kms: string, extra = '') => MEMORY + SELF_MANAGED('aws_sns_topic.t.arn', 'aws_s3_bucket.b.id') + sns.replace('KMS', kms) + extra;
    assert.deepEqual(features(text(''), M), { 'model-processing': false, 'self-managed': true, 'self-managed-kms': false, ...NO_STREAM });
    assert.equal(features(text('kms_master_key_id = aws_kms_key.k.arn'), M)['self-managed-kms'], true);
    assert.equal(features(text('kms_master_key_id = "arn:aws:kms:us-east-1:123456789012:key/abcd"'), M)['self-managed-kms'], true);
    assert.equal(features(text('kms_master_key_id = "alias/aws/sns"'), M)['self-managed-kms'], undefined, 'the AWS managed key: not told');
    assert.equal(features(text('kms_master_key_id = var.key'), M)['self-managed-kms'], undefined);
    const sse = (alg: string, key = '') => `
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "${alg}"
      ${key}
    }
  }
}
`;
    assert.equal(features(text('', sse('AES256')), M)['self-managed-kms'], false);
    assert.equal(features(text('', sse('aws:kms', 'kms_master_key_id = aws_kms_key.k.arn')), M)['self-managed-kms'], true);
    assert.equal(features(text('', sse('aws:kms')), M)['self-managed-kms'], undefined, 'aws:kms with the AWS managed key: not told');
    // an encryption configuration of another bucket does not count
    assert.equal(features(text('', sse('aws:kms', 'kms_master_key_id = aws_kms_key.k.arn').replace('aws_s3_bucket.b.id', 'aws_s3_bucket.other.id')), M)['self-managed-kms'], false);
  });

  test('payload destinations outside the module: KMS cannot be told', () => {
    const f = features(MEMORY + SELF_MANAGED('var.topic_arn', '"payload-bucket"'), M);
    assert.equal(f['self-managed'], true);
    assert.equal(f['self-managed-kms'], undefined);
  });

  test('a strategy whose memory is a variable: what it uses cannot be told', () => {
    assert.deepEqual(features(MEMORY + STRATEGY('type = "CUSTOM"\n  configuration {\n    type = "SUMMARY_OVERRIDE"\n  }', 'var.memory_id'), M), { 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });

  test('type from a variable: without a configuration block it is not CUSTOM', () => {
    assert.deepEqual(features(MEMORY + STRATEGY('type = var.type'), M), { 'model-processing': false, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });

  test('a dynamic configuration block: cannot tell', () => {
    const f = features(MEMORY + STRATEGY('type = "CUSTOM"\n  dynamic "configuration" {\n    for_each = var.c\n    content {\n      type = configuration.value\n    }\n  }'), M);
    assert.deepEqual(f, NO_STREAM);
  });

  test('the memory named by an output: unused features become cannot-tell', () => {
    const f = features(MEMORY + STRATEGY('type = "SEMANTIC"') + 'output "memory_id" {\n  value = aws_bedrockagentcore_memory.m.id\n}\n', M);
    assert.deepEqual(f, NO_STREAM);
  });

  test('an aws_bedrockagentcore_memory_strategy component (its own memory_execution_role_arn): its own features', () => {
    const text = MEMORY + SELF_MANAGED('aws_sns_topic.t.arn', 'var.bucket') + 'resource "aws_sns_topic" "t" {\n  kms_master_key_id = aws_kms_key.k.id\n}\nresource "aws_kms_key" "k" {\n}\n';
    assert.deepEqual(features(text, 'aws_bedrockagentcore_memory_strategy.s'), { 'model-processing': false, 'self-managed': true, 'self-managed-kms': true });
  });
});

describe('memory (awscc): inline memory_strategies', () => {
  const M = 'awscc_bedrockagentcore_memory.m';
  const mem = (strategies: string) => `
resource "awscc_bedrockagentcore_memory" "m" {
  name                      = "m"
  event_expiry_duration     = 30
  memory_execution_role_arn = awscc_iam_role.memory.arn
  ${strategies}
}
`;
  test('built-in strategies and one with an override', () => {
    const f = features(mem(`memory_strategies = [
    { semantic_memory_strategy = { name = "facts", namespaces = ["/facts"] } },
    { custom_memory_strategy = { name = "prefs", configuration = { user_preference_override = { extraction = { custom_extraction_configuration = {} } } } } },
  ]`), M);
    assert.deepEqual(f, { 'model-processing': true, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });

  test('built-in strategies only', () => {
    const f = features(mem('memory_strategies = [{ summary_memory_strategy = { name = "s" } }, { episodic_memory_strategy = { name = "e" } }]'), M);
    assert.deepEqual(f, { 'model-processing': false, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });

  test('a self-managed strategy with a literal topic ARN: self-managed, KMS not told', () => {
    const f = features(mem(`memory_strategies = [{
    custom_memory_strategy = {
      name = "own"
      configuration = {
        self_managed_configuration = {
          invocation_configuration = {
            topic_arn                    = "arn:aws:sns:us-east-1:123456789012:t"
            payload_delivery_bucket_name = "b"
          }
        }
      }
    }
  }]`), M);
    assert.deepEqual(f, { 'model-processing': false, 'self-managed': true, ...NO_STREAM });
  });

  test('strategies from a variable: cannot tell; none at all: nothing in use', () => {
    assert.deepEqual(features(mem('memory_strategies = var.strategies'), M), NO_STREAM);
    assert.deepEqual(features(mem(''), M), { 'model-processing': false, 'self-managed': false, 'self-managed-kms': false, ...NO_STREAM });
  });
});

describe('browser: recording', () => {
  const browser = (rec: string) => `
resource "aws_bedrockagentcore_browser" "b" {
  name               = "b"
  execution_role_arn = aws_iam_role.browser.arn
  network_configuration {
    network_mode = "PUBLIC"
  }
  ${rec}
}
`;
  const B = 'aws_bedrockagentcore_browser.b';
  test('recording block enabled', () => {
    assert.deepEqual(features(browser('recording {\n    enabled = true\n    s3_location {\n      bucket = "rec"\n      prefix = "sessions/"\n    }\n  }'), B), { recording: true });
  });
  test('no recording block, enabled = false, enabled absent (defaults to false): not in use', () => {
    assert.deepEqual(features(browser(''), B), { recording: false });
    assert.deepEqual(features(browser('recording {\n    enabled = false\n  }'), B), { recording: false });
    assert.deepEqual(features(browser('recording {\n    s3_location {\n      bucket = "rec"\n      prefix = "p"\n    }\n  }'), B), { recording: false });
  });
  test('the older object syntax (recording = { ... }) reads the same', () => {
    assert.deepEqual(features(browser('recording = {\n    enabled = true\n  }'), B), { recording: true });
  });
  test('enabled from a variable: cannot tell, unless the caller resolves it', () => {
    const text = browser('recording {\n    enabled = var.record\n  }');
    assert.deepEqual(features(text, B), {});
    assert.deepEqual(features(text, B, { literal: () => true }), { recording: true });
    assert.deepEqual(features(text, B, { literal: () => false }), { recording: false });
  });
  test('a dynamic recording block: cannot tell', () => {
    assert.deepEqual(features(browser('dynamic "recording" {\n    for_each = var.rec\n    content {\n      enabled = true\n    }\n  }'), B), {});
  });
  test('awscc browser_custom recording_config', () => {
    const text = 'resource "awscc_bedrockagentcore_browser_custom" "c" {\n  name = "c"\n  recording_config = {\n    enabled = true\n    s3_location = { bucket = "rec", prefix = "p/" }\n  }\n}\n';
    assert.deepEqual(features(text, 'awscc_bedrockagentcore_browser_custom.c'), { recording: true });
    assert.deepEqual(features(text.replace('enabled = true', 'enabled = false'), 'awscc_bedrockagentcore_browser_custom.c'), { recording: false });
  });
});

describe('evaluation: custom evaluators (LLM-as-a-judge) and code-based evaluators', () => {
  const cfg = (evaluators: string) => `
resource "aws_bedrockagentcore_online_evaluation_config" "e" {
  online_evaluation_config_name = "e"
  enable_on_create              = true
  evaluation_execution_role_arn = aws_iam_role.eval.arn
  ${evaluators}
  rule {
    sampling_config {
      sampling_percentage = 10
    }
  }
}
`;
  const E = 'aws_bedrockagentcore_online_evaluation_config.e';
  const ev = (id: string) => `evaluator {\n    evaluator_id = ${id}\n  }\n  `;
  const LLM = 'resource "aws_bedrockagentcore_evaluator" "tone" {\n  evaluator_name = "tone"\n  level          = "TRACE"\n  evaluator_config {\n    llm_as_a_judge {\n      instructions = "i"\n    }\n  }\n}\n';
  const CODE = 'resource "aws_bedrockagentcore_evaluator" "exact" {\n  evaluator_name = "exact"\n  level          = "TRACE"\n  evaluator_config {\n    code_based {\n      lambda_config {\n        lambda_arn = aws_lambda_function.exact.arn\n      }\n    }\n  }\n}\n';
  test('built-in evaluators only: neither in use', () => {
    assert.deepEqual(features(cfg(ev('"Builtin.Helpfulness"') + ev('"Builtin.GoalSuccessRate"')), E), { 'custom-evaluator': false, 'code-evaluator': false });
  });
  test('an evaluator resource of the module: its evaluator_config tells LLM-as-a-judge from code-based', () => {
    assert.deepEqual(features(cfg(ev('"Builtin.Helpfulness"') + ev('aws_bedrockagentcore_evaluator.tone.evaluator_id')) + LLM, E), { 'custom-evaluator': true, 'code-evaluator': false });
    assert.deepEqual(features(cfg(ev('aws_bedrockagentcore_evaluator.exact.evaluator_id')) + CODE, E), { 'custom-evaluator': false, 'code-evaluator': true });
    assert.deepEqual(features(cfg(ev('aws_bedrockagentcore_evaluator.tone.evaluator_id') + ev('aws_bedrockagentcore_evaluator.exact.evaluator_arn')) + LLM + CODE, E), { 'custom-evaluator': true, 'code-evaluator': true });
  });
  test('an evaluator resource without a readable evaluator_config: cannot tell', () => {
    assert.deepEqual(features(cfg(ev('aws_bedrockagentcore_evaluator.tone.evaluator_id')) + 'resource "aws_bedrockagentcore_evaluator" "tone" {\n  evaluator_name = "tone"\n}\n', E), {});
    assert.deepEqual(features(cfg(ev('aws_bedrockagentcore_evaluator.tone.evaluator_id')) + 'resource "aws_bedrockagentcore_evaluator" "tone" {\n  evaluator_config = var.config\n}\n', E), {});
  });
  test('a custom id whose evaluator is not in the workspace, or an id from a variable: cannot tell (it may be either kind)', () => {
    assert.deepEqual(features(cfg(ev('"tone_eval-abcdefghij"')), E), {});
    assert.deepEqual(features(cfg(ev('var.evaluator') + ev('"Builtin.Helpfulness"')), E), {});
    assert.deepEqual(features(cfg(ev('var.evaluator')) + CODE.replace('exact', 'x'), E), {});
    assert.deepEqual(features(cfg(ev('var.evaluator') + ev('aws_bedrockagentcore_evaluator.exact.evaluator_id')) + CODE, E), { 'code-evaluator': true });
    assert.deepEqual(features(cfg('dynamic "evaluator" {\n    for_each = var.ids\n    content {\n      evaluator_id = evaluator.value\n    }\n  }'), E), {});
  });
  test('awscc: evaluators list and awscc_bedrockagentcore_evaluator evaluator_config attributes', () => {
    const text = 'resource "awscc_bedrockagentcore_online_evaluation_config" "e" {\n  online_evaluation_config_name = "e"\n  evaluation_execution_role_arn = "r"\n  evaluators = [{ evaluator_id = "Builtin.Helpfulness" }]\n}\n';
    const K = 'awscc_bedrockagentcore_online_evaluation_config.e';
    assert.deepEqual(features(text, K), { 'custom-evaluator': false, 'code-evaluator': false });
    assert.deepEqual(features(text.replace('Builtin.Helpfulness', 'mine-abcdefghij'), K), {});
    assert.deepEqual(features(text.replace(/\[.*\]/, 'var.evaluators'), K), {});
    const code = text.replace('"Builtin.Helpfulness"', 'awscc_bedrockagentcore_evaluator.c.evaluator_id') +
      'resource "awscc_bedrockagentcore_evaluator" "c" {\n  evaluator_name = "c"\n  level          = "SESSION"\n  evaluator_config = {\n    code_based = {\n      lambda_config = { lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:c" }\n    }\n  }\n}\n';
    assert.deepEqual(features(code, K), { 'custom-evaluator': false, 'code-evaluator': true });
  });
});

describe('memory: record streaming to Kinesis', () => {
  const M = 'aws_bedrockagentcore_memory.m';
  const NO_STRATEGY = { 'model-processing': false, 'self-managed': false, 'self-managed-kms': false };
  const features = (text: string, key: string, opts?: FeatureOptions) => {
    const f = featuresOf(text, key, opts);
    for (const k of Object.keys(NO_STRATEGY)) assert.equal(f[k as keyof typeof f], false, `${k}: no strategy`);
    const { 'record-streaming': a, 'record-streaming-kms': b } = f;
    return { ...(a !== undefined ? { 'record-streaming': a } : {}), ...(b !== undefined ? { 'record-streaming-kms': b } : {}) };
  };
  const mem = (stream: string) => `
resource "aws_bedrockagentcore_memory" "m" {
  name                      = "m"
  event_expiry_duration     = 30
  memory_execution_role_arn = aws_iam_role.m.arn
  stream_delivery_resources {
    resource {
      kinesis {
        data_stream_arn = ${stream}
        content_configuration {
          type  = "MEMORY_RECORDS"
          level = "FULL_CONTENT"
        }
      }
    }
  }
}
`;
  const stream = (extra: string) => `resource "aws_kinesis_stream" "s" {\n  name = "records"\n  ${extra}\n}\nresource "aws_kms_key" "k" {\n}\n`;
  test('a kinesis block: streaming; the stream of the module tells whether it is encrypted with a customer managed key', () => {
    const S = 'aws_kinesis_stream.s.arn';
    assert.deepEqual(features(mem(S) + stream(''), M), { 'record-streaming': true, 'record-streaming-kms': false });
    assert.deepEqual(features(mem(S) + stream('encryption_type = "NONE"'), M), { 'record-streaming': true, 'record-streaming-kms': false });
    assert.deepEqual(features(mem(S) + stream('encryption_type = "KMS"\n  kms_key_id = aws_kms_key.k.arn'), M), { 'record-streaming': true, 'record-streaming-kms': true });
    assert.deepEqual(features(mem(S) + stream('encryption_type = "KMS"\n  kms_key_id = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"'), M), { 'record-streaming': true, 'record-streaming-kms': true });
    // the AWS managed key (its policy is not the role's to grant), a key from a variable: not told
    assert.deepEqual(features(mem(S) + stream('encryption_type = "KMS"\n  kms_key_id = "alias/aws/kinesis"'), M), { 'record-streaming': true });
    assert.deepEqual(features(mem(S) + stream('encryption_type = var.enc\n  kms_key_id = aws_kms_key.k.arn'), M), { 'record-streaming': true });
    assert.deepEqual(features(mem(S) + stream('encryption_type = var.enc\n  kms_key_id = aws_kms_key.k.arn'), M, { literal: (e) => (e.k === 'ref' && e.text === 'var.enc' ? 'KMS' : undefined) }), { 'record-streaming': true, 'record-streaming-kms': true });
  });
  test('a stream outside the module (a variable, a literal ARN): streaming, KMS not told', () => {
    assert.deepEqual(features(mem('var.stream_arn'), M), { 'record-streaming': true });
    assert.deepEqual(features(mem('"arn:aws:kinesis:us-east-1:123456789012:stream/records"'), M), { 'record-streaming': true });
  });
  test('stream delivery from a variable or a dynamic block: cannot tell', () => {
    const text = 'resource "aws_bedrockagentcore_memory" "m" {\n  name = "m"\n  dynamic "stream_delivery_resources" {\n    for_each = var.streams\n    content {\n    }\n  }\n}\n';
    assert.equal(features(text, M)['record-streaming'], undefined);
    assert.equal(features(text, M)['record-streaming-kms'], undefined);
  });
  test('awscc: stream_delivery_resources = { resources = [{ kinesis = { data_stream_arn } }] }, awscc_kinesis_stream stream_encryption', () => {
    const text = `
resource "awscc_bedrockagentcore_memory" "m" {
  name                      = "m"
  event_expiry_duration     = 30
  memory_execution_role_arn = awscc_iam_role.m.arn
  stream_delivery_resources = {
    resources = [{
      kinesis = {
        data_stream_arn        = awscc_kinesis_stream.s.arn
        content_configurations = [{ type = "MEMORY_RECORDS" }]
      }
    }]
  }
}
resource "awscc_kinesis_stream" "s" {
  name = "records"
  stream_encryption = {
    encryption_type = "KMS"
    key_id          = aws_kms_key.k.arn
  }
}
resource "aws_kms_key" "k" {
}
`;
    const K = 'awscc_bedrockagentcore_memory.m';
    assert.deepEqual(features(text, K), { 'record-streaming': true, 'record-streaming-kms': true });
    assert.equal(features(text.replace(/  stream_encryption = \{[^}]*\}\n/, ''), K)['record-streaming-kms'], false);
    assert.deepEqual(features(text.replace(/stream_delivery_resources = \{[\s\S]*?\n  \}\n/, 'stream_delivery_resources = var.sdr\n'), K), {});
    assert.deepEqual(features(text.replace(/  stream_delivery_resources = \{[\s\S]*?\n  \}\n/, ''), K), { 'record-streaming': false, 'record-streaming-kms': false });
  });
});

describe('gateway: a customer managed key whose policy leaves the role to IAM (cmk-via-iam)', () => {
  const G = 'aws_bedrockagentcore_gateway.main';
  const gw = (kms: string) => GATEWAY.replace('protocol_type   = "MCP"', `protocol_type   = "MCP"\n  kms_key_arn     = ${kms}`);
  const key = (policy: string) => `resource "aws_kms_key" "gw" {\n  description = "gateway"\n  ${policy}\n}\n`;
  const ROOT = `Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }\n        Action    = "kms:*"\n        Resource  = "*"`;
  const ROLE = (actions: string) => `Principal = { AWS = aws_iam_role.gw.arn }\n        Action    = ${actions}\n        Resource  = "*"\n        Condition = { StringEquals = { "kms:ViaService" = "bedrock-agentcore.us-east-1.amazonaws.com" } }`;
  const policy = (...statements: string[]) => `policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n${statements.map((st) => `      {\n        Effect    = "Allow"\n        ${st}\n      }`).join(',\n')}\n    ]\n  })`;
  const cmk = (text: string, opts?: FeatureOptions) => features(text, G, opts)['cmk-via-iam'];
  const ALL = '["kms:CreateGrant", "kms:DescribeKey", "kms:Decrypt", "kms:GenerateDataKey"]';
  test('no kms_key_arn or null: false; the default key policy (no policy) delegates to the account: true', () => {
    assert.equal(cmk(GATEWAY), false);
    assert.equal(cmk(gw('null')), false);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('')), true);
  });
  test('a key policy that allows the account root kms:* and does not name the role: true', () => {
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT))), true);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT.replace('"kms:*"', '["kms:Describe*", "kms:Decrypt"]')))), undefined, 'the root statement does not cover every action: IAM alone cannot grant them');
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT + '\n        Condition = { Bool = { "aws:SecureTransport" = "true" } }'))), undefined);
  });
  test('a key policy that grants the role itself: false (the role policy need not); partly: cannot tell', () => {
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT, ROLE(ALL)))), false);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT, ROLE('"kms:*"')))), false);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT, ROLE('["kms:DescribeKey"]')))), undefined);
    // another role named in the key policy is not the gateway's
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT, ROLE(ALL).replace('aws_iam_role.gw', 'aws_iam_role.admin')))), true);
  });
  test('neither the account nor the role, a Deny, a literal role ARN, an unreadable policy: cannot tell', () => {
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy('Principal = { Service = "logs.amazonaws.com" }\n        Action = "kms:Decrypt"\n        Resource = "*"'))), undefined);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT).replace('Effect    = "Allow"', 'Effect    = "Allow"') + '') .replace('Statement = [', 'Statement = [\n      {\n        Effect = "Deny"\n        Principal = { AWS = "*" }\n        Action = "kms:Decrypt"\n        Resource = "*"\n      },')), undefined);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT, 'Principal = { AWS = "arn:aws:iam::123456789012:role/gateway-role" }\n        Action = "kms:*"\n        Resource = "*"'))), undefined);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('policy = data.aws_iam_policy_document.key.json')), undefined);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('policy = var.key_policy')), undefined);
  });
  test('a literal JSON policy reads like jsonencode; an aws_kms_key_policy naming the key replaces the key\'s own', () => {
    const literal = 'policy = <<EOF\n{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}\nEOF';
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(literal)), true);
    const attached = `resource "aws_kms_key_policy" "gw" {\n  key_id = aws_kms_key.gw.id\n  ${policy(ROOT, ROLE(ALL))}\n}\n`;
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT)) + attached), false);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('') + attached.replace('key_id = aws_kms_key.gw.id', 'key_id = var.key_id')), undefined, 'a key policy resource that may name the key');
  });
  test('a key outside the workspace (a literal ARN, a variable): cannot tell; the role from a variable: a role principal cannot be told', () => {
    assert.equal(cmk(gw('"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"')), undefined);
    assert.equal(cmk(gw('var.kms_key_arn')), undefined);
    const byVar = gw('aws_kms_key.gw.arn').replace('aws_iam_role.gw.arn', 'var.role_arn') + key(policy(ROOT, ROLE(ALL)));
    assert.equal(cmk(byVar), undefined);
    assert.equal(cmk(byVar, { refersTo: (e, k) => (k === 'aws_iam_role.gw' ? true : undefined) }), undefined, 'no role key to ask about');
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key(policy(ROOT, ROLE(ALL).replace('aws_iam_role.gw.arn', 'var.role_arn')))), undefined, 'a principal from a variable may be the role');
  });
  test('statements kept in locals are read through', () => {
    const locals = `locals {
  root = {
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::123456789012:root" }
    Action    = "kms:*"
    Resource  = "*"
  }
  statements = [local.root]
}
`;
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('policy = jsonencode({ Statement = [local.root] })') + locals), true);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('policy = jsonencode({ Statement = local.statements })') + locals), true);
    assert.equal(cmk(gw('aws_kms_key.gw.arn') + key('policy = jsonencode({ Statement = [local.missing] })') + locals), undefined);
  });
  test('awscc gateway and awscc_kms_key key_policy', () => {
    const text = 'resource "awscc_bedrockagentcore_gateway" "g" {\n  name = "g"\n  role_arn = awscc_iam_role.g.arn\n  kms_key_arn = awscc_kms_key.k.arn\n}\n' +
      `resource "awscc_kms_key" "k" {\n  key_policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = { AWS = "123456789012" }, Action = "kms:*", Resource = "*" }]\n  })\n}\n`;
    assert.equal(features(text, 'awscc_bedrockagentcore_gateway.g')['cmk-via-iam'], true);
    assert.equal(features(text.replace('"123456789012"', 'awscc_iam_role.g.arn'), 'awscc_bedrockagentcore_gateway.g')['cmk-via-iam'], false);
  });
});

describe('other components and helpers', () => {
  test('runtimes and code interpreters have no features; an unknown key gives none', () => {
    const text = 'resource "aws_bedrockagentcore_agent_runtime" "r" {\n  agent_runtime_name = "r"\n}\nresource "aws_bedrockagentcore_code_interpreter" "c" {\n  name = "c"\n}\n';
    assert.deepEqual(features(text, 'aws_bedrockagentcore_agent_runtime.r'), {});
    assert.deepEqual(features(text, 'aws_bedrockagentcore_code_interpreter.c'), {});
    assert.deepEqual(componentFeatures('aws_bedrockagentcore_gateway.none', scopeOf(text)), {});
  });

  test('refersTo: the resource alone → true, other resources only → false, variables/literals → undefined', () => {
    const scope = scopeOf(GATEWAY + GATEWAY.replace('"main"', '"other"') + 'locals {\n  a = aws_bedrockagentcore_gateway.main.gateway_id\n  b = var.x\n}\n' +
      'resource "aws_bedrockagentcore_gateway_target" "t" {\n  a = aws_bedrockagentcore_gateway.main.gateway_id\n  b = aws_bedrockagentcore_gateway.other.gateway_arn\n  c = var.id\n  d = "literal"\n  e = local.a\n  f = local.b\n' +
      '  g = var.x ? aws_bedrockagentcore_gateway.main.gateway_id : aws_bedrockagentcore_gateway.other.gateway_id\n  h = aws_bedrockagentcore_gateway.main[0].gateway_id\n  i = "${aws_bedrockagentcore_gateway.main.gateway_id}"\n  j = module.gw.id\n}\n');
    const attrs = scope.resources.get('aws_bedrockagentcore_gateway_target.t')!.block.body.attributes;
    const r = (a: string) => refersTo(attrs.get(a)!.expr, 'aws_bedrockagentcore_gateway.main', scope);
    assert.deepEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map(r), [true, false, undefined, undefined, true, undefined, undefined, true, true, undefined]);
  });

  test('literalOf: fully known values only', () => {
    assert.equal(literalOf({ k: 'str', s: { parts: [{ kind: 'lit', text: 'a' }, { kind: 'lit', text: 'b' }] } }), 'ab');
    assert.equal(literalOf({ k: 'str', s: { parts: [{ kind: 'unknown', expr: 'var.x' }] } }), undefined);
    assert.equal(literalOf({ k: 'bool', b: true }), true);
    assert.equal(literalOf({ k: 'num', n: 2 }), 2);
    assert.equal(literalOf({ k: 'null' }), null);
    assert.equal(literalOf({ k: 'unknown', expr: 'var.x' }), undefined);
  });

  test('a module instance is a FeatureScope (what model.ts passes)', () => {
    const inst = { resources: new Map(), locals: new Map(), outputs: new Map(), modules: new Map() } as unknown as ModuleInstance;
    const scope: FeatureScope = inst;
    assert.deepEqual(componentFeatures('aws_bedrockagentcore_gateway.x', scope), {});
  });
});
