/**
 * How a module writes partition/region/account and names, so that fixes write the same: the data
 * sources it already declares (or the `data` blocks a fix adds), and the local/variable that holds a
 * component's name.
 */
import type { Part, Role, SymStr, TextEdit } from '../model';
import type { ModuleIdiom, ModuleInfo } from '../workspace-model';
import type { FixContext } from './index';
import { eolOf, rangeOf } from './text';
import { literalText } from '../symstr';
import { partitionOf } from '../terraform/values';

export interface Refs {
  partition: string;
  region: string;
  account: string;
  /**
   * Values written as text instead of a data source reference: the role is placed where no data
   * source of the module answers (`provider = aws.cn`, a resource's own `region`) and the
   * configuration writes the value as a literal (`region = "cn-north-1"`, not a variable's default),
   * or a placeholder the user fills in when nothing else names it.
   */
  literal?: Partial<Record<'partition' | 'region' | 'account', { text: string; placeholder?: boolean }>>;
  /**
   * Edits that add the data sources the module lacks (empty when it has them all); a fix adds only
   * those its text refers to (dataEditsFor).
   */
  dataEdits: TextEdit[];
  /** The data sources of `dataEdits`, each with the reference that names it, and where they go. */
  dataAdds?: { file: string; text: string; blocks: { block: string; ref: string }[] };
  /** Name expression (e.g. `local.agent_runtime_name`), or a literal name, when known. */
  name?: { expr?: string; literal?: string };
}

function sameFile(a: string, b: string): boolean {
  return a === b || a.replace(/\\/g, '/') === b.replace(/\\/g, '/');
}

/** The module a file belongs to; prefers the instance whose address prefixes the role's. */
export function moduleOf(ctx: FixContext, file: string, role?: Role): ModuleInfo | undefined {
  const mods = (ctx.model.modules ?? []).filter((m) => m.files.some((f) => sameFile(f, file)));
  if (mods.length <= 1) return mods[0];
  const addr = role?.address ?? '';
  const byAddr = mods
    .filter((m) => m.address === '' || addr.startsWith(m.address + '.'))
    .sort((a, b) => b.address.length - a.address.length);
  if (byAddr.length > 1 && role?.provider) {
    // the same module called from several roots: the instance whose data sources answer for the role's placement
    const best = byAddr.filter((m) => m.address === byAddr[0].address);
    const score = (m: ModuleInfo) => {
      const p = effectivePlace(role.provider, m.idiom);
      return (m.idiom.placedData ?? []).filter((d) => answersFor(d.type === 'aws_partition' ? 'partition' : d.type === 'aws_region' ? 'region' : 'account', p, d)).length;
    };
    return best.reduce((a, b) => (score(b) > score(a) ? b : a));
  }
  return byAddr[0] ?? mods[0];
}

/** The idiom of the module, completed by scanning its files when the front left fields open. */
export function idiomOf(ctx: FixContext, file: string, mod: ModuleInfo | undefined): ModuleIdiom {
  const idiom: ModuleIdiom = { ...(mod?.idiom ?? {}) };
  if (idiom.regionData) idiom.regionData = { ...idiom.regionData };
  const files = mod?.files.length ? mod.files : [file];
  const texts = files.filter((f) => f.endsWith('.tf')).map((f) => ctx.getText(f) ?? '');
  const all = texts.join('\n');
  const decl = (type: string) => new RegExp(`^\\s*data\\s+"${type}"\\s+"([A-Za-z0-9_-]+)"`, 'm').exec(all)?.[1];
  idiom.partitionData ??= decl('aws_partition');
  idiom.callerIdentityData ??= decl('aws_caller_identity');
  if (!idiom.regionData) {
    const r = decl('aws_region');
    if (r) idiom.regionData = { name: r };
  }
  if (idiom.regionData && !idiom.regionData.attribute) {
    const m = new RegExp(`data\\.aws_region\\.${idiom.regionData.name}\\.(id|name|region)\\b`).exec(all);
    if (m) idiom.regionData.attribute = m[1] as 'id' | 'name' | 'region';
  }
  // No version from this module's root configuration: `regionAttribute` writes `id`, valid in every
  // version. (Another root's required_providers says nothing about this one.)
  return idiom;
}

/** `region` for hashicorp/aws >= 6, `name` before; `id` (valid in every version) when unknown. */
export function regionAttribute(idiom: ModuleIdiom): 'id' | 'name' | 'region' {
  if (idiom.regionData?.attribute) return idiom.regionData.attribute;
  const v = idiom.awsProviderVersion;
  const m = v ? /(\d+)/.exec(v) : null;
  if (!m) return 'id';
  return Number(m[1]) >= 6 ? 'region' : 'name';
}

/** Data source references in the module's idiom, plus the edits that add the missing ones. */
export function hclRefs(ctx: FixContext, file: string, role?: Role): Refs {
  const mod = moduleOf(ctx, file, role);
  const idiom = idiomOf(ctx, file, mod);
  // The Terraform front says where each data source and provider configuration is placed: the
  // references follow the role's placement (the provider its component names, its own region).
  if (role && idiom.providerConfigs) return placedRefs(ctx, file, role, mod, idiom);
  const missing: { block: string; ref: string }[] = [];
  const add = (type: string) => { missing.push({ block: `data "${type}" "current" {}`, ref: `data.${type}.current.` }); return 'current'; };
  const p = idiom.partitionData ?? add('aws_partition');
  const r = idiom.regionData?.name ?? add('aws_region');
  const a = idiom.callerIdentityData ?? add('aws_caller_identity');
  const refs: Refs = {
    partition: `data.aws_partition.${p}.partition`,
    region: `data.aws_region.${r}.${regionAttribute(idiom)}`,
    account: `data.aws_caller_identity.${a}.account_id`,
    dataEdits: [],
    name: role ? nameRef(role, mod) : undefined,
  };
  if (missing.length) {
    const target = idiom.dataSourceFile ?? file;
    const text = ctx.getText(target);
    if (text !== undefined) {
      refs.dataEdits.push(dataBlocksEdit(target, text, missing.map((d) => d.block)));
      refs.dataAdds = { file: target, text, blocks: missing };
    }
  }
  return refs;
}

/**
 * The edits adding the data sources that `written` (the text a fix writes) refers to: none when it
 * writes the placement as text (a requirement instantiated with the provider's region and the
 * account), only those it names otherwise.
 */
export function dataEditsFor(refs: Refs | undefined, written: string): TextEdit[] {
  const adds = refs?.dataAdds;
  if (!adds) return refs?.dataEdits ?? [];
  const used = adds.blocks.filter((d) => written.includes(d.ref));
  if (used.length === adds.blocks.length) return refs.dataEdits;
  return used.length ? [dataBlocksEdit(adds.file, adds.text, used.map((d) => d.block))] : [];
}

/** A fix's edits preceded by those adding the data sources their texts refer to (dataEditsFor). */
export function withDataEdits(refs: Refs | undefined, edits: TextEdit[]): TextEdit[] {
  return [...dataEditsFor(refs, edits.map((e) => e.newText).join('\n')), ...edits];
}

type Placed = NonNullable<ModuleIdiom['placedData']>[number];
type Key = 'partition' | 'region' | 'account';
const DATA_TYPE: Record<Key, Placed['type']> = { partition: 'aws_partition', region: 'aws_region', account: 'aws_caller_identity' };
const DATA_ATTR: Record<Key, string> = { partition: 'partition', region: '', account: 'account_id' };

/**
 * An awscc component is placed by the awscc provider, which has no aws_ data sources: where the
 * module's default aws provider is configured alike (the same partition, region and account, or
 * neither known), its data sources answer for the role; where they differ, none does.
 */
function effectivePlace(p: Role['provider'], idiom: ModuleIdiom): Role['provider'] {
  const home = idiom.providerConfigs?.aws;
  if (!home?.config || !/(^|\/)awscc(\.|$)/.test(p.config ?? '') || home.config === p.config) return p;
  const alike = p.partition === home.partition && p.region === home.region && p.account === home.account && p.regionWritten === home.regionWritten;
  return alike ? { ...p, config: home.config } : p;
}

/**
 * The value of `key` the configuration itself fixes where `p` places: the region when it is written
 * as a string literal (`region = "cn-north-1"`), the partition that region is in. Not a value read
 * from a variable's default (`region = var.agent_region`) nor the settings' defaults, which apply may
 * not share; never the account (no provider argument the front reads names it).
 */
function fixedBy(key: Key, p: Role['provider']): string | undefined {
  if (key === 'account' || p.region === undefined || !/^"[^"$%\\]*"$/.test(p.regionWritten?.trim() ?? '')) return undefined;
  if (key === 'region') return p.region;
  return p.partition === partitionOf(p.region) ? p.partition : undefined;
}

/** Whether a data source answers `key` where the role is placed (`p`): the same value fixed by the configuration on both, else the same provider configuration. */
function answersFor(key: Key, p: Role['provider'], d: Placed): boolean {
  const q = d.place;
  const same = !!p.config && q.config === p.config;
  const a = fixedBy(key, p);
  const b = fixedBy(key, q);
  if (a !== undefined && b !== undefined) return a === b;
  // else only a data source of the same provider configuration; for the region, neither moved by its own `region`
  return same && (key !== 'region' || (!p.regionArgument && !q.regionArgument));
}

/**
 * The resource's own `region = var.x` as an expression the fix can write where the role's policy is:
 * the module instance of a component of the role, outside a for_each/count instance's own values.
 */
function regionExpression(role: Role, mod: ModuleInfo | undefined, p: Role['provider']): string | undefined {
  const e = p.regionWritten?.trim();
  if (!p.regionArgument || !e || /\n/.test(e) || /(^|[^\w.])(each|count|self)\./.test(e)) return undefined;
  const at = mod?.address ?? '';
  const inModule = (address: string) => (at ? address.startsWith(at + '.') && !address.slice(at.length + 1).startsWith('module.') : !address.startsWith('module.'));
  return role.components.some((c) => inModule(c.address)) ? e : undefined;
}

/**
 * References for a role whose placement the front told: for each of partition, region and account,
 * a data source of the module that answers for the role's placement (one of its provider
 * configuration first). Else, for a role of the module's default aws provider, the data source
 * added as before (`data "aws_region" "current" {}`); for a role placed elsewhere the literal the
 * placement knows when the configuration writes it so (`region = "cn-north-1"`: arn:aws-cn:logs:cn-north-1),
 * else a data source added with that provider (`provider = aws.eu`; also when the region is only a
 * variable's default, which apply may set otherwise) when the module can name it, for a resource's
 * own `region = var.x` that expression, else a placeholder. Never a data source of
 * another provider configuration (the default one answers for another partition and region than a
 * role in `aws.cn`). An awscc component's role takes the module's default aws provider's data
 * sources where their values do not differ.
 */
function placedRefs(ctx: FixContext, file: string, role: Role, mod: ModuleInfo | undefined, idiom: ModuleIdiom): Refs {
  const p = effectivePlace(role.provider ?? {}, idiom);
  const placed = idiom.placedData ?? [];
  const files = mod?.files.length ? mod.files : [file];
  const all = files.filter((f) => f.endsWith('.tf')).map((f) => ctx.getText(f) ?? '').join('\n');
  const taken = (type: string, name: string) => placed.some((d) => d.type === type && d.name === name) || new RegExp(`^\\s*data\\s+"${type}"\\s+"${name}"`, 'm').test(all);
  const configs = Object.entries(idiom.providerConfigs ?? {});
  // the name this module gives the role's provider configuration (`aws`, `aws.cn`); an awscc one places no aws_ data source
  const local = p.config ? configs.find(([k, c]) => c.config === p.config && (k === 'aws' || k.startsWith('aws.')))?.[0] : undefined;
  const atHome = !!p.config && p.config === idiom.providerConfigs?.aws?.config && !p.regionArgument;
  const refs: Refs = { partition: '', region: '', account: '', dataEdits: [], literal: {}, name: nameRef(role, mod) };
  const blocks: { block: string; ref: string }[] = [];
  const added: Partial<Record<Key, string>> = {};
  // written as text; the expression fields hold the same as an HCL string, for a reader that takes them as they are
  const given = (key: Key, text: string, isPlaceholder?: boolean) => {
    refs.literal![key] = isPlaceholder ? { text, placeholder: true } : { text };
    refs[key] = JSON.stringify(text);
  };
  for (const key of ['partition', 'region', 'account'] as const) {
    const type = DATA_TYPE[key];
    const fit = placed.filter((d) => d.type === type && answersFor(key, p, d));
    const d = fit.find((x) => !!p.config && x.place.config === p.config && !x.place.regionArgument) ?? fit[0];
    let name = d?.name;
    if (!name) {
      // text only for what the configuration writes as a literal: a variable's default may be set otherwise at apply
      const known = fixedBy(key, p);
      if (!atHome && known !== undefined) { given(key, known); continue; }
      if (key === 'region' && p.regionArgument) {
        // the resource's own `region = var.x`: that expression where the fix can name it, else a placeholder
        const e = regionExpression(role, mod, p);
        if (e) refs.region = e;
        else given(key, placeholder(key), true);
        continue;
      }
      if (!local) { given(key, placeholder(key), true); continue; }
      const base = local === 'aws' ? 'current' : local.slice(4).replace(/[^A-Za-z0-9_-]/g, '_');
      name = base;
      for (let i = 2; taken(type, name); i++) name = `${base}_${i}`;
      blocks.push({ block: local === 'aws' ? `data "${type}" "${name}" {}` : `data "${type}" "${name}" {\n  provider = ${local}\n}`, ref: `data.${type}.${name}.` });
      added[key] = name;
    }
    if (key === 'region') {
      // the attribute the module reads of this data source, else of any aws_region (a data source it adds: as the file writes the others)
      const used = (new RegExp(`data\\.aws_region\\.${name}\\.(id|name|region)\\b`).exec(all) ?? /data\.aws_region\.[A-Za-z0-9_-]+\.(id|name|region)\b/.exec(all))?.[1] as 'id' | 'name' | 'region' | undefined;
      refs.region = `data.aws_region.${name}.${used ?? regionAttribute({ awsProviderVersion: idiom.awsProviderVersion })}`;
    } else refs[key] = `data.${type}.${name}.${DATA_ATTR[key]}`;
  }
  if (blocks.length) {
    const target = idiom.dataSourceFile ?? file;
    const text = ctx.getText(target);
    if (text === undefined) {
      // nowhere to add them: placeholders rather than references to data sources that do not exist
      for (const key of Object.keys(added) as Key[]) given(key, placeholder(key), true);
    } else {
      const eol = eolOf(text);
      const inFile = blocks.map((b) => ({ ...b, block: b.block.replace(/\n/g, eol) }));
      refs.dataEdits.push(dataBlocksEdit(target, text, inFile.map((b) => b.block)));
      refs.dataAdds = { file: target, text, blocks: inFile };
    }
  }
  return refs;
}

/** Inserts data blocks after the file's last data source of those kinds, else before its first block. */
export function dataBlocksEdit(file: string, text: string, blocks: string[]): TextEdit {
  const eol = eolOf(text);
  const re = /^[ \t]*data\s+"aws_(partition|region|caller_identity)"\s+"[^"]*"\s*\{\s*\}[ \t]*$/gm;
  let last = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m.index + m[0].length;
  if (last >= 0) {
    const at = text[last] === '\r' ? last : last;
    return { file, range: rangeOf(text, at, at), newText: blocks.map((b) => eol + b).join('') };
  }
  // Before the first non-comment, non-blank line.
  const lines = text.split('\n');
  let off = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t && !t.startsWith('#') && !t.startsWith('//')) break;
    off += line.length + 1;
  }
  if (off > text.length) off = text.length;
  const tail = off >= text.length && text.length && !text.endsWith('\n') ? eol : '';
  return { file, range: rangeOf(text, off, off), newText: tail + blocks.join(eol) + eol + eol };
}

function norm(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'lit' && last?.kind === 'lit') out[out.length - 1] = { kind: 'lit', text: last.text + p.text };
    else if (p.kind === 'lit' && !p.text) continue;
    else out.push(p);
  }
  return out;
}

export function symEqual(a: SymStr | undefined, b: SymStr | undefined): boolean {
  if (!a || !b) return false;
  const x = norm(a.parts);
  const y = norm(b.parts);
  if (x.length !== y.length) return false;
  return x.every((p, i) => {
    const q = y[i];
    if (p.kind !== q.kind) return false;
    if (p.kind === 'lit') return p.text === (q as typeof p).text;
    if (p.kind === 'unknown') return p.expr === (q as typeof p).expr;
    if (p.kind === 'policyVar') return p.name === (q as typeof p).name;
    return JSON.stringify(p.sym) === JSON.stringify((q as typeof p).sym);
  });
}

export function literalOf(s: SymStr | undefined): string | undefined {
  return s && literalText(s);
}

/** The module local/variable whose resolved value equals the component's name. */
export function nameRef(role: Role, mod: ModuleInfo | undefined): Refs['name'] {
  for (const c of role.components) {
    const name = c.facts.name;
    if (!name) continue;
    if (mod) {
      for (const [k, v] of Object.entries(mod.locals ?? {})) if (symEqual(v, name)) return { expr: `local.${k}` };
      for (const [k, v] of Object.entries(mod.variables ?? {})) if (symEqual(v, name)) return { expr: `var.${k}` };
    }
    const lit = literalOf(name);
    if (lit !== undefined) return { literal: lit };
  }
  return undefined;
}

/** One piece of a requirement template: literal text or a placeholder (`partition`, `name`, ...). */
export type TemplatePiece = { lit: string } | { ph: string };

export function splitTemplate(t: string): TemplatePiece[] {
  const out: TemplatePiece[] = [];
  const re = /\$\{([A-Za-z][A-Za-z0-9_]*)\}/g;
  let at = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (m.index > at) out.push({ lit: t.slice(at, m.index) });
    out.push({ ph: m[1] });
    at = m.index + m[0].length;
  }
  if (at < t.length) out.push({ lit: t.slice(at) });
  return out;
}

function escTemplateLit(s: string, quoted: boolean): string {
  let r = s.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (quoted) r = r.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return r;
}

/** Placeholder text for a value the user must fill in, e.g. `<ACCOUNT_ID>`. */
export function placeholder(ph: string): string {
  if (ph === 'account') return '<ACCOUNT_ID>';
  return `<${ph.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}>`;
}

export interface Rendered {
  /** The value as an HCL expression (a quoted template, or a bare reference). */
  hcl: string;
  /** The template's content without quotes (for heredoc JSON). */
  inner: string;
  placeholders: string[];
}

/** Renders a requirement template as an HCL string in the module's idiom. */
export function renderHcl(template: string, refs: Refs, opts: { quoted?: boolean } = {}): Rendered {
  const quoted = opts.quoted ?? true;
  const pieces = splitTemplate(template);
  const placeholders: string[] = [];
  const expr = (ph: string): { ref?: string; lit?: string } => {
    const given = ph === 'partition' || ph === 'region' || ph === 'account' ? refs.literal?.[ph] : undefined;
    if (given) {
      if (given.placeholder) placeholders.push(given.text);
      return { lit: given.text };
    }
    if (ph === 'partition') return { ref: refs.partition };
    if (ph === 'region') return { ref: refs.region };
    if (ph === 'account') return { ref: refs.account };
    if (ph === 'name' && refs.name?.expr) return { ref: refs.name.expr };
    if (ph === 'name' && refs.name?.literal !== undefined) return { lit: refs.name.literal };
    placeholders.push(placeholder(ph));
    return { lit: placeholder(ph) };
  };
  if (pieces.length === 1 && 'ph' in pieces[0]) {
    const e = expr(pieces[0].ph);
    if (e.ref) return { hcl: e.ref, inner: '${' + e.ref + '}', placeholders };
  }
  let inner = '';
  for (const p of pieces) {
    if ('lit' in p) inner += escTemplateLit(p.lit, quoted);
    else {
      const e = expr(p.ph);
      inner += e.ref ? '${' + e.ref + '}' : escTemplateLit(e.lit!, quoted);
    }
  }
  return { hcl: `"${inner}"`, inner, placeholders };
}

/** The template variables a templatefile() JSON writes for the partition, region and account of its ARNs (`arn:aws:logs:${region}:${account}:...`). */
export type TemplateVars = Partial<Record<'partition' | 'region' | 'account', string>>;

/**
 * How a templatefile() JSON writes the placement of its ARNs: for each of partition, region and
 * account, the template variable the file writes there most often (`${account}`), when it writes one.
 */
export function templateIdiom(json: string): TemplateVars {
  const counts: Record<'partition' | 'region' | 'account', Map<string, number>> = { partition: new Map(), region: new Map(), account: new Map() };
  const re = /arn:([^:"\s]*):[a-z0-9-]+:([^:"\s]*):([^:"\s]*):/g;
  for (let m = re.exec(json); m; m = re.exec(json)) {
    const at = [['partition', m[1]], ['region', m[2]], ['account', m[3]]] as const;
    for (const [ph, text] of at) {
      const v = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(text)?.[1];
      if (v && !(m.index > 0 && json[m.index - 1] === '$')) counts[ph].set(v, (counts[ph].get(v) ?? 0) + 1);
    }
  }
  const out: TemplateVars = {};
  for (const ph of ['partition', 'region', 'account'] as const) {
    const best = [...counts[ph]].sort((a, b) => b[1] - a[1])[0];
    if (best) out[ph] = best[0];
  }
  return out;
}

/**
 * Renders a requirement template as a literal JSON string value (settings, provider, or placeholders).
 * `template`: the value goes into a templatefile() JSON: the file's own variables for what it writes
 * with them (templateIdiom), and literal `${` / `%{` written as the escapes `$${` / `%%{`.
 */
export function renderLiteral(template: string, ctx: FixContext, role: Role | undefined, opts: { template?: TemplateVars } = {}): { value: string; placeholders: string[] } {
  const d = ctx.settings.defaults ?? {};
  const prov = role?.provider ?? {};
  const placeholders: string[] = [];
  const vars = opts.template;
  const lit = (t: string) => (vars ? t.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : t);
  let value = '';
  for (const p of splitTemplate(template)) {
    if ('lit' in p) { value += lit(p.lit); continue; }
    const own = vars && (p.ph === 'partition' || p.ph === 'region' || p.ph === 'account') ? vars[p.ph] : undefined;
    if (own) { value += '${' + own + '}'; continue; }
    let v: string | undefined;
    // the role's placement first: the settings' defaults fill in only what the configuration leaves open
    if (p.ph === 'partition') v = prov.partition ?? d.partition;
    else if (p.ph === 'region') v = prov.region ?? d.region;
    else if (p.ph === 'account') v = prov.account ?? d.account;
    else if (p.ph === 'name' && role) v = role.components.map((c) => literalOf(c.facts.name)).find((x) => x !== undefined);
    if (v === undefined) { v = placeholder(p.ph); placeholders.push(v); }
    value += lit(v);
  }
  return { value, placeholders };
}
