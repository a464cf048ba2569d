/**
 * Typing, one character at a time, must leave the incremental model and analysis equal to a fresh
 * one. buildRootModel reuses what a keystroke cannot have changed (policy documents, and per block:
 * roles, attachments); this is the oracle for all of it. Real configurations (the benchmark's
 * 3,000-line file with its module, the corpus folders, the seed case) take random single-character
 * inserts and deletes, at random offsets and inside what the reuse depends on: role names, actions,
 * an attachment's `role`, a runtime's `role_arn`, trust documents, `count`, a provider's region.
 * Many edits break the syntax; the next ones often mend it. After every edit the incremental
 * Workspace (one object, edited like an open editor) and a fresh one on the same text must give the
 * same model (roles, components, documents, problems, modules: JSON without source files) and the
 * same findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Workspace } from '../../../server/src/core/workspace';
import { analyze, createAnalysisCache } from '../../../server/src/core/analyze';
import { withDefaults } from '../../../server/src/core/settings';
import type { WorkspaceModel } from '../../../server/src/core/workspace-model';

const settings = withDefaults({ defaults: { account: '123456789012' } });
const repo = path.join(__dirname, '../../..');

/** Where typing is aimed (the reuse depends on these), besides anywhere at all. */
const TARGETS: RegExp[] = [
  /\b(?:name|role_name)\s*=\s*"[^"\n]*"/g,
  /"[a-z0-9-]+:[A-Za-z0-9*]+"/g,
  /\brole(?:s|_name)?\s*=\s*[^\n]*/g,
  /\b(?:role_arn|execution_role_arn|memory_execution_role_arn)\s*=\s*[^\n]*/g,
  /\bassume_role_policy(?:_document)?\s*=\s*[^\n]*/g,
  /\bidentifiers\s*=\s*[^\n]*|bedrock-agentcore\.amazonaws\.com/g,
  /\b(?:count|for_each)\s*=\s*[^\n]*/g,
  /\bregion\s*=\s*[^\n]*/g,
  /\bpolicy(?:_arn)?\s*=\s*[^\n]*/g,
];
const CHARS = ['a', 'x', '_', '-', '"', '{', '}', '[', ']', '\n', ' ', '.', '0', '1', '*', ':', ',', '='];

interface Edit { aimed: boolean; target: number; pick: number; del: boolean; ch: number }
const editArb: fc.Arbitrary<Edit> = fc.record({ aimed: fc.boolean(), target: fc.nat(TARGETS.length - 1), pick: fc.nat(), del: fc.boolean(), ch: fc.nat(CHARS.length - 1) });

/** Applies one edit: the offset is anywhere, or inside a match of its target (or just after it). */
function apply(text: string, e: Edit): string {
  let at = e.pick % (text.length + 1);
  if (e.aimed) {
    const spots: number[] = [];
    for (const m of text.matchAll(TARGETS[e.target])) spots.push(m.index!, m.index! + m[0].length);
    if (spots.length) {
      const i = e.pick % (spots.length / 2);
      const [s, end] = [spots[2 * i], spots[2 * i + 1]];
      at = s + (Math.floor(e.pick / 7) % (end - s + 1));
    }
  }
  if (e.del) return at < text.length ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, -1);
  return text.slice(0, at) + CHARS[e.ch] + text.slice(at);
}

const noSrc = (k: string, v: unknown) => (k === 'src' ? undefined : v);
function modelJson(m: WorkspaceModel): string {
  return JSON.stringify({ roles: m.roles, components: m.components, documents: m.documents, problems: m.problems, modules: m.modules }, noSrc);
}

interface Case { name: string; root: string; file: string; runs: number; length: number }

/** The .tf file of a folder most about roles (the one a user would type in). */
function busiest(dir: string): string {
  const all: string[] = [];
  const walk = (d: string) => {
    for (const x of fs.readdirSync(d, { withFileTypes: true })) {
      if (x.isDirectory()) walk(path.join(d, x.name));
      else if (x.name.endsWith('.tf')) all.push(path.join(d, x.name));
    }
  };
  walk(dir);
  const score = (f: string) => (fs.readFileSync(f, 'utf8').match(/aws_iam_role|role_arn|aws_iam_policy_document|aws_iam_policy\b/g) ?? []).length;
  return all.sort((a, b) => score(b) - score(a) || a.localeCompare(b))[0];
}

async function check(c: Case, seed: number): Promise<void> {
  const original = fs.readFileSync(c.file, 'utf8');
  const fresh = async (text: string) => {
    const ws = await Workspace.create({ root: c.root, settings });
    await ws.loadFromDisk();
    ws.setFile(c.file, text);
    const m = ws.model();
    return { model: modelJson(m), findings: JSON.stringify(analyze(m, settings, { getText: (f) => ws.getText(f) }).findings) };
  };
  await fc.assert(fc.asyncProperty(fc.array(editArb, { minLength: c.length, maxLength: c.length }), async (edits) => {
    const ws = await Workspace.create({ root: c.root, settings });
    await ws.loadFromDisk();
    let text = original;
    ws.setFile(c.file, text, { open: true });
    const cache = createAnalysisCache();
    analyze(ws.model(), settings, { getText: ws.textSnapshot(), cache });
    for (let i = 0; i < edits.length; i++) {
      text = apply(text, edits[i]);
      ws.setFile(c.file, text, { open: true });
      const m = ws.model();
      const inc = { model: modelJson(m), findings: JSON.stringify(analyze(m, settings, { getText: ws.textSnapshot(), cache }).findings) };
      const exp = await fresh(text);
      for (const k of ['model', 'findings'] as const) {
        if (inc[k] === exp[k]) continue;
        fs.writeFileSync(path.join(os.tmpdir(), 'typing-equivalence-failed.tf'), text);
        assert.fail(`${c.name}: ${k} differs after edit ${i + 1} of ${JSON.stringify(edits.slice(0, i + 1))}: ${firstDifference(JSON.parse(inc[k]), JSON.parse(exp[k]))}`);
      }
    }
  }), { numRuns: c.runs, seed, endOnFailure: true }).catch((e: Error) => {
    // fast-check keeps the assertion as the cause: its message says where the two differ.
    throw new Error(`${e.message}\n${(e.cause as Error | undefined)?.message ?? ''}`);
  });
}

/** Where two JSON values first differ: the path, and both values there (incremental, then fresh). */
function firstDifference(a: unknown, b: unknown, at = '$'): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: incremental ${JSON.stringify(a)?.slice(0, 400)} / fresh ${JSON.stringify(b)?.slice(0, 400)}`;
}

test('typing into the benchmark\'s 3,000-line file: the incremental model and findings equal a fresh build after every keystroke', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-typing-'));
  try {
    const { generate } = await import(path.join(repo, 'bench/generate.mjs'));
    const { live } = generate({ files: 5, dir: path.join(dir, 'ws') });
    await check({ name: 'bench live/main.tf', root: live, file: path.join(live, 'main.tf'), runs: 3, length: 25 }, 32);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * What the per-block reuse must see through: roles named by a literal name or ARN (an attachment, a
 * policy attachment's list, a runtime), a managed policy two roles attach (read twice), a trust
 * document read through a local (evaluated once for both roles that read it), a role and an
 * attachment under count, an exclusive list of inline policies, an inline policy block, a runtime
 * whose image is an ECR repository's (read by its body, not by a reference).
 */
const NAMED = `variable "create" {
  default = true
}

locals {
  trust = data.aws_iam_policy_document.trust.json
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "a" {
  name               = "alpha"
  assume_role_policy = local.trust
}

resource "aws_iam_role" "b" {
  name               = "beta"
  assume_role_policy = local.trust
  inline_policy {
    name   = "own"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
  }
}

resource "aws_iam_role" "c" {
  count              = var.create ? 1 : 0
  name               = "gamma"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_policy" "shared" {
  name   = "shared"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ecr:GetAuthorizationToken"], Resource = "*" }] })
}

resource "aws_iam_role_policy" "alpha" {
  name   = "logs"
  role   = "alpha"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["logs:CreateLogGroup", "logs:PutLogEvents"], Resource = "*" }] })
}

resource "aws_iam_role_policy_attachment" "beta" {
  role       = "beta"
  policy_arn = aws_iam_policy.shared.arn
}

resource "aws_iam_role_policy_attachment" "alpha" {
  role       = aws_iam_role.a.name
  policy_arn = aws_iam_policy.shared.arn
}

resource "aws_iam_policy_attachment" "both" {
  name       = "both"
  roles      = ["alpha", "arn:aws:iam::123456789012:role/beta"]
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy"
}

resource "aws_iam_role_policy" "gamma" {
  count  = var.create ? 1 : 0
  role   = aws_iam_role.c[0].id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["xray:PutTraceSegments"], Resource = "*" }] })
}

resource "aws_iam_role_policies_exclusive" "alpha" {
  role_name    = "alpha"
  policy_names = ["logs"]
}

resource "aws_ecr_repository" "one" {
  name = "one"
}

resource "aws_bedrockagentcore_agent_runtime" "one" {
  agent_runtime_name = "one"
  role_arn           = "arn:aws:iam::123456789012:role/alpha"
  agent_runtime_artifact {
    container_configuration {
      container_uri = "\${aws_ecr_repository.one.repository_url}:latest"
    }
  }
}

resource "aws_bedrockagentcore_agent_runtime" "two" {
  agent_runtime_name = "two"
  role_arn           = aws_iam_role.b.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/two:latest"
    }
  }
}

resource "aws_bedrockagentcore_agent_runtime" "three" {
  agent_runtime_name = "three"
  role_arn           = aws_iam_role.c[0].arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/three:latest"
    }
  }
}
`;

test('typing into roles named by their names, shared policies and documents read through a local: the incremental model and findings equal a fresh build after every keystroke', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-typing-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.tf'), NAMED);
    await check({ name: 'roles by name', root: dir, file: path.join(dir, 'main.tf'), runs: 12, length: 16 }, 5);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** Edit sequences longer random runs found wrong once (folder under the repository, the edits), replayed every time. */
const FOUND: [string, Edit[]][] = [
  // '=' typed before an S3 bucket's `provider`: a policy reads the bucket's ARN, made of its name and placement (values.ts OWN_ARNS)
  ['test/corpus/provider-alias-stock-agent', [{ aimed: false, target: 2, pick: 8, del: false, ch: 14 }, { aimed: false, target: 0, pick: 898386115, del: false, ch: 16 }]],
];

test('edit sequences found by longer runs: the incremental model and findings equal a fresh build', async () => {
  for (const [folder, edits] of FOUND) {
    const dir = path.join(repo, folder);
    const file = busiest(dir);
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    let text = fs.readFileSync(file, 'utf8');
    ws.setFile(file, text, { open: true });
    ws.model();
    for (const e of edits) {
      text = apply(text, e);
      ws.setFile(file, text, { open: true });
      const fresh = await Workspace.create({ root: dir, settings });
      await fresh.loadFromDisk();
      fresh.setFile(file, text);
      const [a, b] = [modelJson(ws.model()), modelJson(fresh.model())];
      assert.ok(a === b, `${folder}: ${firstDifference(JSON.parse(a), JSON.parse(b))}`);
    }
  }
});

test('typing into the corpus folders and the seed case: the incremental model and findings equal a fresh build after every keystroke', async () => {
  const corpus = path.join(repo, 'test/corpus');
  const folders = fs.readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(corpus, d.name));
  folders.push(path.join(repo, 'examples/seed-case'));
  for (const [i, dir] of folders.entries()) {
    await check({ name: path.relative(repo, dir), root: dir, file: busiest(dir), runs: 2, length: 12 }, 100 + i);
  }
});

/**
 * Documents that read documents: a trust document and a permissions document each made of others
 * (source_policy_documents, override_policy_documents), each read by two blocks through a local. The
 * second block reads the local's value evaluated for the first: it uses the combined document but
 * never asks for the ones it is made of; and the combined permissions read their base through a local
 * a role's inline policy evaluated before (so not through the policyDocument hook). Typing in one of
 * those, a block that used the combined document may not be reused (buildRootModel's taint,
 * transitive over the documents' memo entries).
 */
const CHAINED = `locals {
  trust    = data.aws_iam_policy_document.trust.json
  base     = data.aws_iam_policy_document.base.json
  combined = data.aws_iam_policy_document.combined.json
}

data "aws_iam_policy_document" "trust_base" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["bedrock-agentcore.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "trust" {
  source_policy_documents = [data.aws_iam_policy_document.trust_base.json]
}

data "aws_iam_policy_document" "base" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "extra" {
  statement {
    sid       = "Extra"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

data "aws_iam_policy_document" "combined" {
  source_policy_documents   = [local.base]
  override_policy_documents = [data.aws_iam_policy_document.extra.json]
}

resource "aws_iam_role" "a" {
  name               = "alpha"
  assume_role_policy = local.trust
  inline_policy {
    name   = "base"
    policy = local.base
  }
}

resource "aws_iam_role" "b" {
  name               = "beta"
  assume_role_policy = local.trust
}

resource "aws_iam_role_policy" "a" {
  role   = aws_iam_role.a.id
  policy = local.combined
}

resource "aws_iam_role_policy" "b" {
  role   = aws_iam_role.b.id
  policy = local.combined
}

resource "aws_bedrockagentcore_agent_runtime" "one" {
  agent_runtime_name = "one"
  role_arn           = aws_iam_role.a.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/one:latest"
    }
  }
}

resource "aws_bedrockagentcore_agent_runtime" "two" {
  agent_runtime_name = "two"
  role_arn           = aws_iam_role.b.arn
  agent_runtime_artifact {
    container_configuration {
      container_uri = "123456789012.dkr.ecr.us-east-1.amazonaws.com/two:latest"
    }
  }
}
`;

test('typing in documents other documents are made of, read through locals: the incremental model equals a fresh build after every keystroke', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-typing-'));
  try {
    const file = path.join(dir, 'main.tf');
    fs.writeFileSync(file, CHAINED);
    // Typed where only the documents read by others are written: the trust's action, the base's and the extra's.
    const ws = await Workspace.create({ root: dir, settings });
    await ws.loadFromDisk();
    let text = CHAINED;
    ws.setFile(file, text, { open: true });
    ws.model();
    for (const [after, typed] of [['"sts:AssumeRole', 'Xy'], ['"s3:GetObject', 'Ab'], ['"s3:PutObject', 'Cd'], ['"sts:AssumeRole', '*']] as const) {
      for (const ch of typed) {
        const at = text.indexOf(after) + after.length;
        text = text.slice(0, at) + ch + text.slice(at);
        ws.setFile(file, text, { open: true });
        const fresh = await Workspace.create({ root: dir, settings });
        await fresh.loadFromDisk();
        fresh.setFile(file, text);
        const [a, b] = [modelJson(ws.model()), modelJson(fresh.model())];
        assert.ok(a === b, `${after}${ch}: ${firstDifference(JSON.parse(a), JSON.parse(b))}`);
      }
    }
    // And random typing aimed at actions and trust documents.
    await check({ name: 'chained documents', root: dir, file, runs: 8, length: 14 }, 35);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * A module's output changed on disk (another editor, a checkout) while the calling file is open, then
 * typing in that file, then the output changed back, and so on: every reference to the module's
 * outputs resolves anew after such a change, so no block of the last build may be reused, and the
 * builds after it (keystrokes: every reference as in the build before) reuse what they may again.
 * After every step the incremental model and findings (with the Workspace's own line starts, as the
 * language server reads them) equal a fresh build of the same texts.
 */
test('a module output changed on disk to and fro, typing in the calling file between: the incremental model and findings equal a fresh build after every step', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acx-typing-'));
  try {
    const { generate } = await import(path.join(repo, 'bench/generate.mjs'));
    const { live } = generate({ files: 5, dir: path.join(dir, 'ws') });
    const mainFile = path.join(live, 'main.tf');
    const outputs = path.join(live, 'modules', 'iam', 'outputs.tf');
    const original = fs.readFileSync(outputs, 'utf8');
    // The runtime's role now comes from elsewhere (the benchmark's change), or from a role of the module made another way.
    const others = [
      original.replace('value = aws_iam_role.runtime.arn', 'value = "arn:aws:iam::123456789012:role/elsewhere"'),
      original.replace('value = aws_iam_role.runtime.arn', 'value = "arn:aws:iam::123456789012:role/${aws_iam_role.runtime.name}"'),
    ];
    for (const o of others) assert.notEqual(o, original);
    // And a policy that names the module's role by the output (a document whose references read it).
    const role = /resource "aws_iam_role" "([^"]+)"/.exec(fs.readFileSync(mainFile, 'utf8'))![1];
    let text = `${fs.readFileSync(mainFile, 'utf8')}
resource "aws_iam_role_policy" "pass_module_role" {
  role   = aws_iam_role.${role}.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "iam:PassRole", Resource = module.iam.role_arn }] })
}
`;
    fs.writeFileSync(mainFile, text);
    const ws = await Workspace.create({ root: live, settings });
    await ws.loadFromDisk();
    ws.setFile(mainFile, text, { open: true });
    const cache = createAnalysisCache();
    const analyse = (m: WorkspaceModel) => JSON.stringify(analyze(m, settings, { getText: ws.textSnapshot(), cache, lineStarts: (f, t) => ws.lineStartsOf(f, t) }).findings);
    analyse(ws.model());
    const fresh = async () => {
      const w = await Workspace.create({ root: live, settings });
      await w.loadFromDisk();
      w.setFile(mainFile, text);
      const m = w.model();
      return { model: modelJson(m), findings: JSON.stringify(analyze(m, settings, { getText: (f) => w.getText(f) }).findings) };
    };
    const nameAt = () => text.indexOf('"agent-') + 2;
    let step = 0;
    const compare = async (what: string) => {
      step++;
      const m = ws.model();
      const inc = { model: modelJson(m), findings: analyse(m) };
      const exp = await fresh();
      for (const k of ['model', 'findings'] as const) assert.ok(inc[k] === exp[k], `step ${step} (${what}): ${k}: ${firstDifference(JSON.parse(inc[k]), JSON.parse(exp[k]))}`);
    };
    // Outputs changed, then 0 to 3 keystrokes in a role's name, round after round.
    for (let round = 0; round < 6; round++) {
      const out = round % 2 === 0 ? others[(round >> 1) % others.length] : original;
      fs.writeFileSync(outputs, out);
      ws.setFile(outputs, out);
      await compare(`outputs.tf ${round % 2 === 0 ? 'changed' : 'back'}`);
      for (let k = 0; k < round % 4; k++) {
        const at = nameAt();
        text = text.slice(0, at) + String.fromCharCode(97 + k) + text.slice(at);
        ws.setFile(mainFile, text, { open: true });
        await compare(`typed in a role's name after round ${round}`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
