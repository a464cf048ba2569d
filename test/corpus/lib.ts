/**
 * The real-world corpus (test/corpus/<name>/): one folder per public repository read, re-written here
 * in this project's own words, with `expected.json` saying what a correct analysis reports. This
 * module runs the CLI's engine (core/cold: `agentcore-iam check DIR`) on each run of a folder and
 * scores it against the expectation; score.ts prints the table and corpus.test.ts asserts on it.
 *
 * expected.json:
 *   repository   owner/name of the public repository the folder models
 *   paths        the files read there
 *   patterns     which Terraform patterns the folder holds (ids of PATTERNS below)
 *   mustFind     true: every defined role must be found and judged (corpus.test.ts fails otherwise)
 *   runs         each directory a user would check (relative to the folder; "." the folder itself):
 *     dir, roles [{ address, kind }], gaps [{ role, requirement, rule?, severity, message? }], mustFind (this run only),
 *     knownWrong [{ role, requirement, said, iam, where, note }]: what the analysis is known to get wrong on this
 *       run, written down until it is fixed: said "missing" where IAM would allow or cannot know (a false
 *       "missing", still counted in the table), or said "unknown" on a listed gap (the gap stays counted as not
 *       reported). corpus.test.ts holds the list exact: a new mistake fails, and so does a fixed one still listed.
 *
 * A role is *found* when the model of its run has a role at that address (or, for an instance the
 * analysis does not expand, at the same address without instance keys) named by a component of the
 * expected kind, and *judged* when at least one of its requirements is decided (granted or
 * missing). A gap is found when a finding at warning or above names the found role and the
 * requirement. A *false "missing"* is a finding at warning or above whose verdict is "missing" and
 * that no expected gap accounts for: the one thing the analysis must never say.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { roleVerdicts } from '../../server/src/core/analyze';
import { requirementById } from '../../server/src/core/catalog';
import { coldAnalyze, planCold } from '../../server/src/core/cold';
import type { Finding } from '../../server/src/core/model';
import { withDefaults } from '../../server/src/core/settings';
import { Workspace } from '../../server/src/core/workspace';

export const corpusDir = __dirname;

export const PATTERNS: Record<string, string> = {
  'create-or-bring': 'role_arn = condition ? created role : caller\'s ARN ("create the role or bring your own")',
  'counted-role': 'the role under count (aws_iam_role.x[0])',
  'for-each-role': 'roles and components under for_each, matched by each.key (aws_iam_role.x[each.key])',
  'try': 'try(aws_iam_role.x[k].arn, null)',
  'locals-chain': 'the role ARN through one or more locals',
  'module-output': 'the role made in a module, reaching the component through an output',
  'example-calls-parent': 'an example or environment folder calling the module outside it (../.., ../../modules/x)',
  'registry-module': 'a registry module installed by terraform init (.terraform/modules/modules.json)',
  'awscc-role-policy': 'awscc_iam_role with awscc_iam_role_policy',
  'policy-document-data': 'policies and trust from data "aws_iam_policy_document" (for_each-indexed too)',
  'dynamic-statement': 'dynamic "statement" blocks decided by each.value',
  'customer-managed-policy': 'aws_iam_policy attached with aws_iam_role_policy_attachment',
  'aws-managed-policy': 'an AWS managed policy attached (its statements are not in the configuration)',
  'conditional-attachment': 'an attachment under count = condition ? 1 : 0',
  'direct-reference': 'role_arn = aws_iam_role.x.arn in the same module',
  'provider-alias': 'provider = aws.alias on the component and its role (another region than the default provider)',
  'shared-role': 'one role named by several components',
  'for-each-component': 'components under for_each or count sharing one role',
  'source-policy-documents': 'a policy document merged from others (source_policy_documents)',
  'runtime-target': 'a gateway target that calls an AgentCore runtime (http { agentcore_runtime }) with the gateway\'s IAM role',
  'memory-strategy-resources': 'aws_bedrockagentcore_memory_strategy resources on a memory (model overrides, self-managed)',
  'awscc-memory-strategies': 'awscc memory_strategies written inline (built-in, custom; concat of conditional lists)',
  'counted-component': 'the component under count = condition ? 1 : 0, named by other resources with [0]',
  'shared-trust-local': 'one trust document in a local, shared by several roles',
};

export interface ExpectedRole { address: string; kind: string }
/** rule: left out where AWS's sources disagree on the rule that reports it (missing, or a source conflict at warning). */
/** message: a text the finding's message must hold (e.g. the region of the component's provider in an ARN). */
export interface ExpectedGap { role: string; requirement: string; rule?: string; severity?: string; message?: string; note?: string }
/**
 * What the analysis is known to get wrong on a run (see the header): `said` is its verdict, `iam` what IAM
 * would decide, `where` the file and line of the finding (or of the role), `note` why.
 */
export interface KnownWrong { role: string; requirement: string; said: 'missing' | 'unknown'; iam: string; where: string; note: string }
export interface ExpectedRun { dir: string; roles: ExpectedRole[]; gaps: ExpectedGap[]; note?: string; /** Overrides the folder's mustFind for this run. */ mustFind?: boolean; knownWrong?: KnownWrong[] }
export interface Expected {
  repository: string;
  paths: string[];
  patterns: string[];
  mustFind?: boolean;
  runs: ExpectedRun[];
}

export interface FoundRole {
  address: string;
  kinds: string[];
  /** Requirements decided (granted or missing). */
  decided: number;
  /** Permission requirements (not the trust) that apply, and how many of them are decided. */
  permissions: number;
  permissionsDecided: number;
  verdicts: Record<string, string>;
}

export interface RunScore {
  folder: string;
  dir: string;
  defined: number;
  found: number;
  judged: number;
  gapsExpected: number;
  gapsFound: number;
  falseMissing: Finding[];
  /** The false "missing" the run's knownWrong lists (a subset of falseMissing). */
  knownFalseMissing: Finding[];
  /** knownWrong entries that did not happen (fixed, or written wrong): corpus.test.ts fails on them. */
  knownNotSeen: string[];
  /** Warning-or-above findings that are neither an expected gap nor a "missing" (unknown actions, …). */
  other: Finding[];
  notFound: string[];
  notJudged: string[];
  /** Found and judged, but every permission that applies is unknown (only the trust decided). */
  trustOnly: string[];
  gapsMissed: string[];
  /** Every role of the run's model, for the report. */
  roles: FoundRole[];
  files: number;
  findings: number;
}

export function folders(): string[] {
  return fs
    .readdirSync(corpusDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(corpusDir, e.name, 'expected.json')))
    .map((e) => e.name)
    .sort();
}

export function readExpected(folder: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(corpusDir, folder, 'expected.json'), 'utf8')) as Expected;
}

/** `module.a["k"].aws_iam_role.x[0]` -> `module.a.aws_iam_role.x`: the address without instance keys. */
export function bare(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/** `module.a["k"].aws_iam_role.x[0]` -> `aws_iam_role.x`: the resource in its module's own text. */
export function tail(address: string): string {
  return bare(address).replace(/^(module\.[^.]+\.)+/, '');
}

const AT_LEAST_WARNING = new Set(['error', 'warning']);

/**
 * Runs the CLI's engine on one directory: the findings of `check DIR` (core/cold, in this thread),
 * and the roles of the same parts' models (each part read again as core/cold/analyse.ts reads it).
 */
export async function runEngine(dir: string): Promise<{ findings: Finding[]; roles: FoundRole[]; files: number }> {
  const settings = withDefaults(undefined);
  const root = path.resolve(dir);
  const parts: string[][] = [];
  const r = await coldAnalyze(dir, settings, { workers: 0, fixes: false, onPart: (p) => parts.push(p.files) });
  // Whatever else the cold engine hands each part's Workspace (module folders outside the root),
  // taken from its plan when the plan has it.
  const plan = planCold(root, settings) as { moduleRoots?: string[] };
  const extra = plan.moduleRoots?.length ? { moduleRoots: plan.moduleRoots } : {};
  const roles: FoundRole[] = [];
  for (const files of parts) {
    const ws = await Workspace.create({ root, settings, deferParser: true, ...extra } as Parameters<typeof Workspace.create>[0]);
    ws.loadFiles(files, []);
    await ws.parsePending();
    const model = ws.model();
    for (const role of model.roles) {
      const checks = roleVerdicts(role, settings, (f) => ws.getText(f));
      const isDecided = (v: string) => v === 'granted' || v === 'missing';
      const perms = checks.filter((c) => requirementById(c.requirement)?.kind === 'permission' && c.verdict !== 'not-applicable');
      roles.push({
        address: role.address,
        // A role no component names is judged on its trust alone, as kind unknown-agentcore (catalog agentcore.trust).
        kinds: role.components.length ? [...new Set(role.components.map((c) => c.kind))] : ['unknown-agentcore'],
        decided: checks.filter((c) => isDecided(c.verdict)).length,
        permissions: perms.length,
        permissionsDecided: perms.filter((c) => isDecided(c.verdict)).length,
        verdicts: Object.fromEntries(checks.map((c) => [c.requirement, c.verdict])),
      });
    }
  }
  return { findings: r.findings, roles, files: r.files.length };
}

/** Pairs each expected role with a role of the model: exact addresses first, then without instance keys. */
export function pairRoles(expected: ExpectedRole[], found: FoundRole[]): Map<ExpectedRole, FoundRole> {
  const pairs = new Map<ExpectedRole, FoundRole>();
  const used = new Set<FoundRole>();
  const candidates = (e: ExpectedRole) => found.filter((f) => !used.has(f) && f.kinds.includes(e.kind));
  for (const e of expected) {
    const f = candidates(e).find((x) => x.address === e.address);
    if (f) { pairs.set(e, f); used.add(f); }
  }
  for (const e of expected) {
    if (pairs.has(e)) continue;
    const f = candidates(e).find((x) => bare(x.address) === bare(e.address));
    if (f) { pairs.set(e, f); used.add(f); }
  }
  return pairs;
}

export async function scoreRun(folder: string, run: ExpectedRun): Promise<RunScore> {
  const dir = path.join(corpusDir, folder, run.dir);
  const { findings, roles, files } = await runEngine(dir);
  const pairs = pairRoles(run.roles, roles);
  const byAddress = new Map<string, ExpectedRole>();
  for (const [e, f] of pairs) byAddress.set(f.address, e);
  const sameGap = (g: ExpectedGap, f: Finding) => g.requirement === f.requirement && (!g.rule || g.rule === f.rule);
  const foundAs = (g: ExpectedGap, f: Finding) => sameGap(g, f) && (!g.message || f.message.includes(g.message));
  // A finding is an expected gap when it names the role paired with the gap's role; or, for a role
  // the analysis names otherwise (the module folder read as its own configuration, an instance not
  // expanded), when the same resource of the same module text has that gap here.
  const gapOf = (f: Finding): ExpectedGap | undefined => {
    if (f.role === undefined) return undefined;
    const e = byAddress.get(f.role);
    if (e) return run.gaps.find((g) => g.role === e.address && sameGap(g, f));
    return run.gaps.find((g) => tail(g.role) === tail(f.role!) && sameGap(g, f));
  };
  const strong = findings.filter((f) => AT_LEAST_WARNING.has(f.severity));
  const gapsMissed: string[] = [];
  let gapsFound = 0;
  for (const g of run.gaps) {
    const e = run.roles.find((r) => r.address === g.role);
    const f = e && pairs.get(e);
    const hit = f && strong.some((x) => x.role === f.address && foundAs(g, x));
    if (hit) gapsFound++;
    else gapsMissed.push(`${g.role} ${g.requirement}`);
  }
  const judged = run.roles.filter((e) => (pairs.get(e)?.decided ?? 0) > 0);
  const falseMissing = strong.filter((f) => f.verdict === 'missing' && !gapOf(f));
  // a known mistake: the finding names the paired role (or the same resource of the same module text)
  const sameRole = (k: KnownWrong, role: string | undefined) => {
    if (role === undefined) return false;
    const e = run.roles.find((r) => r.address === k.role);
    const f = e && pairs.get(e);
    return f ? f.address === role : tail(k.role) === tail(role);
  };
  const known = run.knownWrong ?? [];
  const knownFalseMissing = falseMissing.filter((f) => known.some((k) => k.said === 'missing' && k.requirement === f.requirement && sameRole(k, f.role)));
  const knownNotSeen = known
    .filter((k) => (k.said === 'missing'
      ? !knownFalseMissing.some((f) => f.requirement === k.requirement && sameRole(k, f.role))
      : !gapsMissed.includes(`${k.role} ${k.requirement}`)))
    .map((k) => `${k.role} ${k.requirement} (said ${k.said})`);
  return {
    folder,
    dir: run.dir,
    defined: run.roles.length,
    found: pairs.size,
    judged: judged.length,
    gapsExpected: run.gaps.length,
    gapsFound,
    falseMissing,
    knownFalseMissing,
    knownNotSeen,
    other: strong.filter((f) => f.verdict !== 'missing' && !gapOf(f)),
    notFound: run.roles.filter((e) => !pairs.has(e)).map((e) => e.address),
    notJudged: run.roles.filter((e) => pairs.has(e) && !judged.includes(e)).map((e) => e.address),
    trustOnly: judged.filter((e) => { const f = pairs.get(e)!; return f.permissions > 0 && f.permissionsDecided === 0; }).map((e) => e.address),
    gapsMissed,
    roles,
    files,
    findings: findings.length,
  };
}

export async function scoreAll(only?: string[]): Promise<RunScore[]> {
  const out: RunScore[] = [];
  for (const folder of folders()) {
    if (only?.length && !only.includes(folder)) continue;
    for (const run of readExpected(folder).runs) out.push(await scoreRun(folder, run));
  }
  return out;
}

/** A finding as one line, the path relative to the corpus folder. */
export function showFinding(f: Finding): string {
  return `${path.relative(corpusDir, f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.rule}${f.requirement ? ` ${f.requirement}` : ''} [${f.role ?? 'no role'}]: ${f.message}`;
}
