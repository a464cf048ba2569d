/**
 * Test helpers for the fixes: a minimal stand-in for the Terraform/JSON front (statements with
 * their locs, read straight from the text) so that fixes can be tested before and besides it.
 */
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type {
  AgentCoreComponent,
  Condition,
  EvaluationResult,
  Part,
  PermissionRequirement,
  PolicyDocument,
  PolicyForm,
  Role,
  Statement,
  SymList,
  SymStr,
  TrustRequirement,
} from '../../../server/src/core/model';
import { DEFAULT_SETTINGS } from '../../../server/src/core/settings';
import type { ModuleInfo, WorkspaceModel } from '../../../server/src/core/workspace-model';
import type { FixContext } from '../../../server/src/core/fixes/index';
import { bodyItems, listItems, matchClose, nextBrace, skipString, type HclAttr, type HclBlock } from '../../../server/src/core/fixes/hcl-scan';
import { rangeOf } from '../../../server/src/core/fixes/text';

export function refParts(expr: string): Part[] {
  if (/^data\.aws_partition\.[\w-]+\.partition$/.test(expr)) return [{ kind: 'sym', sym: { kind: 'partition' } }];
  if (/^data\.aws_region\.[\w-]+\.(id|name|region)$/.test(expr)) return [{ kind: 'sym', sym: { kind: 'region' } }];
  if (/^data\.aws_caller_identity\.[\w-]+\.account_id$/.test(expr)) return [{ kind: 'sym', sym: { kind: 'account' } }];
  if (expr === 'local.agent_runtime_name') return NAME.parts;
  return [{ kind: 'unknown', expr }];
}

/** The seed case's runtime name: `${var.project_name}_my_agent_runtime` with project_name unknown in the module. */
export const NAME: SymStr = { parts: [{ kind: 'unknown', expr: 'var.project_name' }, { kind: 'lit', text: '_my_agent_runtime' }] };

/** A template string's content (no quotes) as a SymStr. */
export function templateSym(content: string): SymStr {
  const parts: Part[] = [];
  const re = /\$\{([^}]*)\}/g;
  let at = 0;
  for (let m = re.exec(content); m; m = re.exec(content)) {
    if (m.index > 0 && content[m.index - 1] === '$') continue;
    if (m.index > at) parts.push({ kind: 'lit', text: content.slice(at, m.index) });
    parts.push(...refParts(m[1].trim()));
    at = m.index + m[0].length;
  }
  if (at < content.length) parts.push({ kind: 'lit', text: content.slice(at) });
  return { parts };
}

function hclValue(text: string, s: number, e: number, file: string): SymStr {
  const raw = text.slice(s, e);
  const loc = { file, range: rangeOf(text, s, e) };
  if (raw.startsWith('"')) return { ...templateSym(raw.slice(1, -1)), loc };
  return { parts: refParts(raw.trim()), loc };
}

function hclList(text: string, a: HclAttr, file: string): SymList {
  const loc = { file, range: rangeOf(text, a.valueStart, a.valueEnd) };
  if (text[a.valueStart] !== '[') return { kind: 'unknown', expr: text.slice(a.valueStart, a.valueEnd), loc };
  return { kind: 'items', items: listItems(text, a.valueStart).items.map((it) => hclValue(text, it.start, it.end, file)), loc };
}

/** Every `data "aws_iam_policy_document"` of an HCL text. */
export function hclDocuments(file: string, text: string): PolicyDocument[] {
  const docs: PolicyDocument[] = [];
  const re = /^data\s+"aws_iam_policy_document"\s+"([\w-]+)"\s*\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchClose(text, open);
    const statements: Statement[] = [];
    for (const b of bodyItems(text, open, close)) {
      if (b.kind !== 'block' || b.type !== 'statement') continue;
      const items = bodyItems(text, b.open, b.close);
      const attr = (n: string) => items.find((i): i is HclAttr => i.kind === 'attr' && i.name === n);
      const str = (n: string) => { const a = attr(n); return a ? text.slice(a.valueStart + 1, a.valueEnd - 1) : undefined; };
      const conditions: Condition[] = items
        .filter((i): i is HclBlock => i.kind === 'block' && i.type === 'condition')
        .map((c) => {
          const ci = bodyItems(text, c.open, c.close);
          const ca = (n: string) => ci.find((i): i is HclAttr => i.kind === 'attr' && i.name === n)!;
          const t = ca('test');
          const v = ca('variable');
          return { operator: text.slice(t.valueStart + 1, t.valueEnd - 1), key: text.slice(v.valueStart + 1, v.valueEnd - 1), values: hclList(text, ca('values'), file) };
        });
      const st: Statement = {
        sid: str('sid'),
        effect: (str('effect') as 'Allow' | 'Deny' | undefined) ?? 'Allow',
        conditions,
        loc: { file, range: rangeOf(text, b.start, b.close + 1) },
      };
      if (attr('actions')) st.actions = hclList(text, attr('actions')!, file);
      if (attr('not_actions')) st.notActions = hclList(text, attr('not_actions')!, file);
      if (attr('resources')) st.resources = hclList(text, attr('resources')!, file);
      if (attr('not_resources')) st.notResources = hclList(text, attr('not_resources')!, file);
      statements.push(st);
    }
    docs.push({ id: `data.aws_iam_policy_document.${m[1]}`, form: 'policy-document', statements, opaque: [], loc: { file, range: rangeOf(text, m.index, close + 1) } });
  }
  return docs;
}

function jsonSym(n: JsonNode, text: string, base: number, file: string, template: boolean): SymStr {
  const loc = { file, range: rangeOf(text, base + n.offset, base + n.offset + n.length) };
  const v = String(n.value);
  return template ? { ...templateSym(v), loc } : { ...templateSym(v.replace(/\$\{/g, '$${')), loc, parts: litOrSym(v) };
}

function litOrSym(v: string): Part[] {
  return [{ kind: 'lit', text: v }];
}

function jsonList(n: JsonNode | undefined, text: string, base: number, file: string, template: boolean): SymList | undefined {
  if (!n) return undefined;
  const loc = { file, range: rangeOf(text, base + n.offset, base + n.offset + n.length) };
  const items = n.type === 'array' ? n.children ?? [] : [n];
  return { kind: 'items', items: items.map((c) => jsonSym(c, text, base, file, template)), loc };
}

/** A JSON policy (a file, or a heredoc body at `base` when `template`). */
export function jsonDocument(file: string, text: string, form: PolicyForm, base = 0, end = text.length, docStart = base): PolicyDocument {
  const template = form === 'heredoc-json';
  const root = parseTree(text.slice(base, end))!;
  const arr = findNodeAtLocation(root, ['Statement']);
  const statements: Statement[] = (arr?.children ?? []).map((c) => {
    const g = (k: string) => findNodeAtLocation(c, [k]);
    const conditions: Condition[] = [];
    for (const op of g('Condition')?.children ?? []) {
      const opName = op.children![0].value as string;
      for (const kv of op.children![1].children ?? []) conditions.push({ operator: opName, key: kv.children![0].value, values: jsonList(kv.children![1], text, base, file, template)! });
    }
    return {
      sid: g('Sid')?.value,
      effect: g('Effect')?.value,
      actions: jsonList(g('Action'), text, base, file, template),
      notActions: jsonList(g('NotAction'), text, base, file, template),
      resources: jsonList(g('Resource'), text, base, file, template),
      conditions,
      loc: { file, range: rangeOf(text, base + c.offset, base + c.offset + c.length) },
    };
  });
  return { id: file, form, statements, opaque: [], loc: { file, range: rangeOf(text, docStart, end) } };
}

/** Statements of `jsonencode({ Statement = [ {...}, ... ] })` objects (first jsonencode of the text). */
export function jsonencodeDocument(file: string, text: string): PolicyDocument {
  const at = text.indexOf('jsonencode(');
  const open = nextBrace(text, at);
  const close = matchClose(text, open);
  const stmtAttr = bodyItems(text, open, close).find((i): i is HclAttr => i.kind === 'attr' && i.name === 'Statement')!;
  const statements: Statement[] = listItems(text, stmtAttr.valueStart).items.map((it) => {
    const items = bodyItems(text, it.start, matchClose(text, it.start));
    const attr = (n: string) => items.find((i): i is HclAttr => i.kind === 'attr' && i.name === n);
    const strOf = (n: string) => { const a = attr(n); return a ? text.slice(a.valueStart + 1, skipString(text, a.valueStart) - 1) : undefined; };
    const list = (n: string): SymList | undefined => {
      const a = attr(n);
      if (!a) return undefined;
      if (text[a.valueStart] === '"') return { kind: 'items', items: [hclValue(text, a.valueStart, a.valueEnd, file)] };
      return hclList(text, a, file);
    };
    const conditions: Condition[] = [];
    const cond = attr('Condition');
    if (cond) {
      for (const op of bodyItems(text, cond.valueStart, matchClose(text, cond.valueStart))) {
        if (op.kind !== 'attr') continue;
        for (const kv of bodyItems(text, op.valueStart, matchClose(text, op.valueStart))) {
          if (kv.kind !== 'attr') continue;
          const vals: SymList = text[kv.valueStart] === '[' ? hclList(text, kv, file) : { kind: 'items', items: [hclValue(text, kv.valueStart, kv.valueEnd, file)] };
          conditions.push({ operator: op.name, key: kv.name, values: vals });
        }
      }
    }
    return { sid: strOf('Sid'), effect: strOf('Effect') as 'Allow', actions: list('Action'), resources: list('Resource'), conditions, loc: { file, range: rangeOf(text, it.start, it.end) } };
  });
  return { id: 'jsonencode', form: 'jsonencode', statements, opaque: [], loc: { file, range: rangeOf(text, at, close + 2) } };
}

export const R5: PermissionRequirement = {
  id: 'runtime.R5', kind: 'permission', roleKinds: ['runtime'], title: 'Describe log groups', why: '', severityClass: 'required', sources: [],
  actions: ['logs:DescribeLogGroups'], resources: ['arn:${partition}:logs:${region}:${account}:log-group:*'],
};
export const R7: PermissionRequirement = {
  id: 'runtime.R7', kind: 'permission', roleKinds: ['runtime'], title: 'X-Ray', why: '', severityClass: 'required', sources: [],
  actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'], resources: ['*'],
};
export const R8: PermissionRequirement = {
  id: 'runtime.R8', kind: 'permission', roleKinds: ['runtime'], title: 'Metrics', why: '', severityClass: 'required', sources: [],
  actions: ['cloudwatch:PutMetricData'], resources: ['*'], statementConditions: [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: ['bedrock-agentcore'] }],
};
export const R9: PermissionRequirement = {
  id: 'runtime.R9', kind: 'permission', roleKinds: ['runtime'], sid: 'GetAgentAccessToken', title: 'Workload access token', why: '', severityClass: 'legacy', sources: [],
  actions: ['bedrock-agentcore:GetWorkloadAccessToken', 'bedrock-agentcore:GetWorkloadAccessTokenForJWT', 'bedrock-agentcore:GetWorkloadAccessTokenForUserId'],
  resources: [
    'arn:${partition}:bedrock-agentcore:${region}:${account}:workload-identity-directory/default',
    'arn:${partition}:bedrock-agentcore:${region}:${account}:workload-identity-directory/default/workload-identity/${name}-*',
  ],
};
export const TRUST: TrustRequirement = {
  id: 'runtime.trust', kind: 'trust', roleKinds: ['runtime'], title: 'Trust', why: '', principalService: 'bedrock-agentcore.amazonaws.com', action: 'sts:AssumeRole', severityClass: 'required', sources: [],
  conditions: [
    { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['${account}'], severityClass: 'security' },
    { operator: 'ArnLike', key: 'aws:SourceArn', values: ['arn:${partition}:bedrock-agentcore:${region}:${account}:*'], severityClass: 'security' },
  ],
};

/** A requirement template instantiated with the symbols (what the analysis passes as `resources`). */
export function instantiate(t: string, name: SymStr = NAME): SymStr {
  const parts: Part[] = [];
  const re = /\$\{(\w+)\}/g;
  let at = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (m.index > at) parts.push({ kind: 'lit', text: t.slice(at, m.index) });
    if (m[1] === 'name') parts.push(...name.parts);
    else parts.push({ kind: 'sym', sym: { kind: m[1] as 'partition' } });
    at = m.index + m[0].length;
  }
  if (at < t.length) parts.push({ kind: 'lit', text: t.slice(at) });
  return { parts };
}

export function missing(actions: string[]): EvaluationResult {
  return { verdict: 'missing', actions, dependsOn: [], granting: [], denying: [], explanation: '' };
}

export function runtimeRole(file: string, name: SymStr = NAME, provider: Role['provider'] = {}): Role {
  const component: AgentCoreComponent = {
    address: 'aws_bedrockagentcore_agent_runtime.my_agent', type: 'aws_bedrockagentcore_agent_runtime', kind: 'runtime', roleAttribute: 'role_arn',
    loc: { file, range: rangeOf('', 0, 0) }, facts: { artifact: 'container', name },
  };
  return { address: 'module.iam.aws_iam_role.agent_runtime', type: 'aws_iam_role', components: [component], policies: [], opaque: [], provider };
}

export function ctxOf(files: Map<string, string>, modules: ModuleInfo[] = [], documents: PolicyDocument[] = [], settings = DEFAULT_SETTINGS): FixContext {
  const model: WorkspaceModel = { roles: [], components: [], documents, modules, problems: [] };
  return { model, settings, getText: (f) => files.get(f) };
}

export function moduleOf(dir: string, files: string[], locals: Record<string, SymStr | undefined> = {}): ModuleInfo {
  return { address: 'module.iam', dir, files, idiom: {}, locals, variables: {} };
}
