// Deterministic generator of a realistic Terraform workspace (seeded PRNG): IAM roles with
// aws_iam_policy_document / jsonencode / heredoc policies, local modules with outputs, AgentCore
// runtimes (role_arn through a module output), gateways, memories, and unrelated resources
// (S3, Lambda, VPC) in between; a few JSON policy files. Usage:
//   node bench/generate.mjs [files=200] [outDir=bench/generated/<files>] [seed=1]
// Also exported: generate({ files, dir, seed }) -> { files, bytes, dir, live }.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ARN = (svc, rest) => `arn:\${data.aws_partition.current.partition}:${svc}:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:${rest}`;

const STATEMENTS = [
  { sid: 'ECRImageAccess', actions: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: [ARN('ecr', 'repository/*')] },
  { sid: 'ECRTokenAccess', actions: ['ecr:GetAuthorizationToken'], resources: ['*'] },
  { sid: 'CloudWatchLogs', actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups'], resources: [ARN('logs', 'log-group:/aws/bedrock-agentcore/*')] },
  { sid: 'XRayAccess', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], resources: ['*'] },
  { sid: 'CloudWatchMetrics', actions: ['cloudwatch:PutMetricData'], resources: ['*'], cond: ['StringEquals', 'cloudwatch:namespace', 'bedrock-agentcore'] },
  { sid: 'BedrockModelInvocation', actions: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], resources: ['arn:${data.aws_partition.current.partition}:bedrock:*::foundation-model/*', ARN('bedrock', '*')] },
  { sid: 'GetAgentAccessToken', actions: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT', 'bedrock-agentcore:GetWorkloadAccessTokenForUserId'], resources: [ARN('bedrock-agentcore', 'workload-identity-directory/default'), ARN('bedrock-agentcore', 'workload-identity-directory/default/workload-identity/*')] },
  { sid: 'Memory', actions: ['bedrock-agentcore:CreateEvent', 'bedrock-agentcore:GetEvent', 'bedrock-agentcore:ListEvents', 'bedrock-agentcore:RetrieveMemoryRecords'], resources: [ARN('bedrock-agentcore', 'memory/*')] },
  { sid: 'S3Read', actions: ['s3:GetObject', 's3:ListBucket'], resources: ['${aws_s3_bucket.data.arn}', '${aws_s3_bucket.data.arn}/*'] },
];

const q = (s) => JSON.stringify(s);

function policyDocument(name, stmts, indent = '') {
  let o = `${indent}data "aws_iam_policy_document" "${name}" {\n`;
  for (const s of stmts) {
    o += `${indent}  # ${s.sid}\n${indent}  statement {\n${indent}    sid    = ${q(s.sid)}\n${indent}    effect = "Allow"\n`;
    o += `${indent}    actions = [\n${s.actions.map((a) => `${indent}      ${q(a)}`).join(',\n')}\n${indent}    ]\n`;
    o += `${indent}    resources = [${s.resources.map(q).join(', ')}]\n`;
    if (s.cond) o += `\n${indent}    condition {\n${indent}      test     = ${q(s.cond[0])}\n${indent}      variable = ${q(s.cond[1])}\n${indent}      values   = [${q(s.cond[2])}]\n${indent}    }\n`;
    o += `${indent}  }\n\n`;
  }
  return o.trimEnd() + `\n${indent}}\n\n`;
}

function jsonencodePolicy(stmts) {
  let o = `jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n`;
  for (const s of stmts) {
    o += `      {\n        Sid      = ${q(s.sid)}\n        Effect   = "Allow"\n        Action   = [${s.actions.map(q).join(', ')}]\n        Resource = [${s.resources.map(q).join(', ')}]\n`;
    if (s.cond) o += `        Condition = {\n          ${s.cond[0]} = { ${q(s.cond[1])} = ${q(s.cond[2])} }\n        }\n`;
    o += `      },\n`;
  }
  return o + `    ]\n  })`;
}

function heredocPolicy(stmts) {
  const doc = { Version: '2012-10-17', Statement: stmts.map((s) => ({ Sid: s.sid, Effect: 'Allow', Action: s.actions, Resource: s.resources.length === 1 ? s.resources[0] : s.resources, ...(s.cond ? { Condition: { [s.cond[0]]: { [s.cond[1]]: s.cond[2] } } } : {}) })) };
  return `<<EOF\n${JSON.stringify(doc, null, 2)}\nEOF`;
}

function trustDoc(name, withCondition) {
  return `data "aws_iam_policy_document" "${name}" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
${withCondition ? `
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:\${data.aws_partition.current.partition}:bedrock-agentcore:\${data.aws_region.current.id}:\${data.aws_caller_identity.current.account_id}:*"]
    }
` : ''}  }
}

`;
}

const DATA = `data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

`;

/** A module with an AgentCore runtime role; `style` picks how its permission policy is written. */
function iamModule(rnd, k) {
  const pick = STATEMENTS.filter((s, i) => i < 3 || rnd() < 0.7 && s.sid !== 'S3Read');
  const style = Math.floor(rnd() * 3);
  let main = `# IAM for agent ${k}\n\n${DATA}locals {\n  role_name = "\${var.project_name}_agent_${k}"\n}\n\n`;
  main += trustDoc('assume', rnd() < 0.6);
  main += `resource "aws_iam_role" "runtime" {\n  name               = "\${local.role_name}-role"\n  assume_role_policy = data.aws_iam_policy_document.assume.json\n\n  tags = {\n    Project = var.project_name\n    Index   = "${k}"\n  }\n}\n\n`;
  if (style === 0) {
    main += policyDocument('runtime', pick);
    main += `resource "aws_iam_role_policy" "runtime" {\n  name   = "\${local.role_name}-policy"\n  role   = aws_iam_role.runtime.id\n  policy = data.aws_iam_policy_document.runtime.json\n}\n`;
  } else if (style === 1) {
    main += `resource "aws_iam_policy" "runtime" {\n  name   = "\${local.role_name}-policy"\n  policy = ${jsonencodePolicy(pick)}\n}\n\nresource "aws_iam_role_policy_attachment" "runtime" {\n  role       = aws_iam_role.runtime.name\n  policy_arn = aws_iam_policy.runtime.arn\n}\n`;
  } else {
    const plain = pick.map((s) => ({ ...s, resources: s.resources.map((r) => r.replace(/\$\{data\.aws_partition\.current\.partition\}/g, 'aws').replace(/\$\{data\.aws_region\.current\.id\}/g, '${var.region}').replace(/\$\{data\.aws_caller_identity\.current\.account_id\}/g, '${var.account_id}')) }));
    main += `resource "aws_iam_role_policy" "runtime" {\n  name   = "\${local.role_name}-policy"\n  role   = aws_iam_role.runtime.id\n  policy = ${heredocPolicy(plain)}\n}\n`;
  }
  const outputs = `output "role_arn" {\n  value = aws_iam_role.runtime.arn\n}\n\noutput "role_name" {\n  value = aws_iam_role.runtime.name\n}\n\noutput "runtime_name" {\n  value = local.role_name\n}\n`;
  const variables = `variable "project_name" {\n  type        = string\n  description = "Prefix for every resource name."\n}\n\nvariable "region" {\n  type    = string\n  default = "us-east-1"\n}\n\nvariable "account_id" {\n  type    = string\n  default = "123456789012"\n}\n`;
  return { main, outputs, variables };
}

function unrelated(rnd, k, n) {
  let o = '';
  for (let i = 0; i < n; i++) {
    const r = Math.floor(rnd() * 5);
    if (r === 0) o += `resource "aws_s3_bucket" "b${k}_${i}" {\n  bucket = "bench-${k}-${i}-\${var.project_name}"\n\n  tags = {\n    Name = "bucket ${i}"\n  }\n}\n\nresource "aws_s3_bucket_versioning" "b${k}_${i}" {\n  bucket = aws_s3_bucket.b${k}_${i}.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n\n`;
    else if (r === 1) o += `resource "aws_lambda_function" "fn${k}_${i}" {\n  function_name = "fn-${k}-${i}"\n  role          = aws_iam_role.lambda${k}_${i}.arn\n  handler       = "index.handler"\n  runtime       = "python3.12"\n  filename      = "\${path.module}/lambda.zip"\n  timeout       = ${3 + Math.floor(rnd() * 60)}\n\n  environment {\n    variables = {\n      STAGE = var.stage\n      INDEX = "${i}"\n    }\n  }\n}\n\nresource "aws_iam_role" "lambda${k}_${i}" {\n  name = "lambda-${k}-${i}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { Service = "lambda.amazonaws.com" }\n    }]\n  })\n}\n\n`;
    else if (r === 2) o += `resource "aws_vpc" "v${k}_${i}" {\n  cidr_block           = "10.${i % 250}.0.0/16"\n  enable_dns_hostnames = true\n}\n\nresource "aws_subnet" "s${k}_${i}" {\n  count             = 2\n  vpc_id            = aws_vpc.v${k}_${i}.id\n  cidr_block        = cidrsubnet(aws_vpc.v${k}_${i}.cidr_block, 8, count.index)\n  availability_zone = element(["us-east-1a", "us-east-1b"], count.index)\n}\n\n`;
    else if (r === 3) o += `resource "aws_security_group" "sg${k}_${i}" {\n  name   = "sg-${k}-${i}"\n  vpc_id = var.vpc_id\n\n  dynamic "ingress" {\n    for_each = var.ports\n    content {\n      from_port   = ingress.value\n      to_port     = ingress.value\n      protocol    = "tcp"\n      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n\n`;
    else o += `locals {\n  l${k}_${i} = { for idx, name in var.names : name => "\${name}-${i}" if idx % 2 == 0 }\n}\n\nresource "aws_cloudwatch_log_group" "lg${k}_${i}" {\n  name              = "/bench/${k}/${i}"\n  retention_in_days = ${[1, 7, 30, 90][i % 4]}\n}\n\n`;
  }
  return o;
}

function stackMain(rnd, k, modPath) {
  let o = `module "iam" {\n  source       = "${modPath}"\n  project_name = var.project_name\n}\n\n`;
  o += `resource "aws_ecr_repository" "agent" {\n  name = "agent-${k}"\n}\n\n`;
  o += unrelated(rnd, k, 1 + Math.floor(rnd() * 3));
  o += `resource "aws_bedrockagentcore_agent_runtime" "agent" {\n  agent_runtime_name = module.iam.runtime_name\n  role_arn           = module.iam.role_arn\n\n  agent_runtime_artifact {\n    container_configuration {\n      container_uri = "\${aws_ecr_repository.agent.repository_url}:latest"\n    }\n  }\n\n  network_configuration {\n    network_mode = "PUBLIC"\n  }\n\n  environment_variables = {\n    AGENT_OBSERVABILITY_ENABLED = "true"\n    STAGE                       = var.stage\n  }\n}\n\n`;
  if (rnd() < 0.5) o += `resource "aws_iam_role" "gateway" {\n  name = "gateway-${k}"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRole"\n      Principal = { Service = "bedrock-agentcore.amazonaws.com" }\n    }]\n  })\n}\n\nresource "aws_iam_role_policy" "gateway" {\n  role = aws_iam_role.gateway.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect   = "Allow"\n      Action   = ["lambda:InvokeFunction"]\n      Resource = "*"\n    }]\n  })\n}\n\nresource "aws_bedrockagentcore_gateway" "gw" {\n  name            = "gw-${k}"\n  role_arn        = aws_iam_role.gateway.arn\n  authorizer_type = "AWS_IAM"\n  protocol_type   = "MCP"\n}\n\n`;
  if (rnd() < 0.4) o += `resource "aws_bedrockagentcore_memory" "mem" {\n  name                      = "mem_${k}"\n  event_expiry_duration     = 30\n  memory_execution_role_arn = module.iam.role_arn\n}\n\n`;
  o += unrelated(rnd, k + 1000000, Math.floor(rnd() * 3));
  return o;
}

const stackVars = `variable "project_name" {\n  type    = string\n  default = "bench"\n}\n\nvariable "stage" {\n  type    = string\n  default = "dev"\n}\n\nvariable "vpc_id" {\n  type    = string\n  default = ""\n}\n\nvariable "ports" {\n  type    = list(number)\n  default = [443]\n}\n\nvariable "names" {\n  type    = list(string)\n  default = ["a", "b"]\n}\n\nprovider "aws" {\n  region = "us-east-1"\n}\n`;

/** A ~`lines`-line main.tf with AgentCore roles in it (the file the LSP benchmark edits). */
export function bigMain(seed, lines = 3000) {
  const rnd = prng(seed);
  let o = `module "iam" {\n  source       = "./modules/iam"\n  project_name = var.project_name\n}\n\n${DATA}`;
  o += `resource "aws_bedrockagentcore_agent_runtime" "main" {\n  agent_runtime_name = module.iam.runtime_name\n  role_arn           = module.iam.role_arn\n\n  agent_runtime_artifact {\n    container_configuration {\n      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent:latest"\n    }\n  }\n\n  network_configuration {\n    network_mode = "PUBLIC"\n  }\n}\n\n`;
  let k = 0;
  while (o.split('\n').length < lines) {
    const pick = STATEMENTS.filter((s, i) => i < 2 || rnd() < 0.6 && s.sid !== 'S3Read');
    o += trustDoc(`assume_${k}`, rnd() < 0.5);
    o += `resource "aws_iam_role" "agent_${k}" {\n  name               = "agent-${k}"\n  assume_role_policy = data.aws_iam_policy_document.assume_${k}.json\n}\n\n`;
    o += policyDocument(`agent_${k}`, pick);
    o += `resource "aws_iam_role_policy" "agent_${k}" {\n  role   = aws_iam_role.agent_${k}.id\n  policy = data.aws_iam_policy_document.agent_${k}.json\n}\n\n`;
    o += `resource "aws_bedrockagentcore_agent_runtime" "agent_${k}" {\n  agent_runtime_name = "agent_${k}"\n  role_arn           = aws_iam_role.agent_${k}.arn\n\n  agent_runtime_artifact {\n    container_configuration {\n      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/agent-${k}:latest"\n    }\n  }\n\n  network_configuration {\n    network_mode = "PUBLIC"\n  }\n}\n\n`;
    o += unrelated(rnd, 5000000 + k, 2);
    k++;
  }
  return o;
}

export function generate({ files = 200, dir, seed = 1 } = {}) {
  const rnd = prng(seed * 7919 + files);
  rmSync(dir, { recursive: true, force: true });
  let count = 0;
  let bytes = 0;
  const write = (rel, text) => {
    if (count >= files) return;
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    count++;
    bytes += Buffer.byteLength(text);
  };
  // The live stack edited through the language server: a 3,000-line main.tf + its module.
  const live = 'live';
  const mod = iamModule(prng(seed), 'live');
  write(`${live}/main.tf`, bigMain(seed));
  write(`${live}/variables.tf`, stackVars);
  write(`${live}/modules/iam/main.tf`, mod.main);
  write(`${live}/modules/iam/outputs.tf`, mod.outputs);
  write(`${live}/modules/iam/variables.tf`, mod.variables);
  for (let k = 0; count < files; k++) {
    const m = iamModule(rnd, k);
    const group = `g${Math.floor(k / 50)}`;
    write(`${group}/modules/iam_${k}/main.tf`, m.main);
    write(`${group}/modules/iam_${k}/outputs.tf`, m.outputs);
    write(`${group}/modules/iam_${k}/variables.tf`, m.variables);
    write(`${group}/stacks/app_${k}/main.tf`, stackMain(rnd, k, `../../modules/iam_${k}`));
    write(`${group}/stacks/app_${k}/variables.tf`, stackVars);
    write(`${group}/stacks/app_${k}/extra.tf`, unrelated(rnd, k + 2000000, 2 + Math.floor(rnd() * 4)));
    if (rnd() < 0.3) {
      const pick = STATEMENTS.filter((s, i) => i !== 8 && rnd() < 0.5).map((s) => ({ Sid: s.sid, Effect: 'Allow', Action: s.actions, Resource: s.resources.map((r) => r.replace(/\$\{[^}]+\}/g, 'x')) }));
      write(`${group}/policies/agent_${k}.json`, JSON.stringify({ Version: '2012-10-17', Statement: pick }, null, 2) + '\n');
    }
  }
  return { files: count, bytes, dir, live: join(dir, live) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = Number(process.argv[2] ?? 200);
  const root = join(dirname(fileURLToPath(import.meta.url)), 'generated');
  const dir = process.argv[3] ?? join(root, String(files));
  const r = generate({ files, dir, seed: Number(process.argv[4] ?? 1) });
  console.log(`${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.dir}`);
}
