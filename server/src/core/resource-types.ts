/**
 * A statement's resource that matches no resource type of its actions (issue #24 item 2): by the
 * Service Authorization Reference, a request for one of the statement's actions is authorized
 * against ARNs of the action's resource types only, so an item that can be none of them grants
 * nothing (an Allow) or protects nothing (a Deny). AWS's own docs write such ARNs (the hyphenated
 * `token-vault/default/oauth2-credential-provider/<name>` of the scope-credential-provider page,
 * catalog conflict C2; an `apikeycredentialprovider/*` without its `token-vault/<id>/` prefix).
 *
 * Reported only when sure: every action of the statement is a literal action whose resource types
 * (with their ARN templates) the bundled data carries, none is wildcard-only (AWS's sources disagree
 * about those: catalog conflicts C1, C10), and the item has no part the analysis cannot read. A
 * template's `${…}` stands for any text without `:` in the first five segments; in the resource part,
 * for bedrock-agentcore (whose ids and names have no `/` or `:`) any text without `/` or `:`, for the
 * other services any text (log group names, object keys and secret ids hold `/`). Pure.
 */
import type { Statement, SymStr } from './model';
import { describeAction, editDistance, hasActionDetails } from './iam/actions';

/** A token of a pattern: a character, or any text without the characters in `no`. */
type Tok = string | { no: string };

const AGENTCORE = 'bedrock-agentcore';

/** The item as tokens, or undefined when a part is not known (a Terraform unknown, a policy variable). */
function itemTokens(item: SymStr): Tok[] | undefined {
  const out: Tok[] = [];
  let colons = 0;
  for (const p of item.parts) {
    if (p.kind === 'lit') {
      for (const ch of p.text) {
        if (ch === '*' || ch === '?') out.push({ no: colons < 5 ? ':' : '' });
        else {
          if (ch === ':') colons++;
          out.push(ch);
        }
      }
    } else if (p.kind === 'sym') {
      out.push({ no: ':' }); // partition, region, account, or a named constant
    } else {
      return undefined;
    }
  }
  return out;
}

/** Tokens of the snapshot's ARN templates (a few hundred texts; tokens are never changed). */
const templateToks = new Map<string, Tok[]>();

function templateTokens(arn: string): Tok[] {
  let t = templateToks.get(arn);
  if (!t) templateToks.set(arn, (t = tokensOfTemplate(arn)));
  return t;
}

function tokensOfTemplate(arn: string): Tok[] {
  const out: Tok[] = [];
  const service = arn.split(':')[2];
  let colons = 0;
  for (let i = 0; i < arn.length; i++) {
    const ch = arn[i];
    if (ch === '$' && arn[i + 1] === '{') {
      const end = arn.indexOf('}', i);
      out.push({ no: colons < 5 ? ':' : service === AGENTCORE ? ':/' : '' });
      i = end;
      continue;
    }
    if (ch === ':') colons++;
    out.push(ch);
  }
  return out;
}

/**
 * Is there a text both token lists can stand for? Row by row from the ends (no recursion: an item
 * written in a workspace can be any length, the templates are short).
 */
function overlap(a: Tok[], b: Tok[]): boolean {
  const m = b.length;
  // next[j]: a[i+1..] and b[j..] overlap; cur[j]: a[i..] and b[j..].
  let next = new Uint8Array(m + 1);
  let cur = new Uint8Array(m + 1);
  // a used up: only b's wildcards are left, each standing for nothing.
  next[m] = 1;
  for (let j = m - 1; j >= 0; j--) next[j] = typeof b[j] !== 'string' && next[j + 1] ? 1 : 0;
  for (let i = a.length - 1; i >= 0; i--) {
    const x = a[i];
    for (let j = m; j >= 0; j--) {
      let r: boolean;
      if (typeof x !== 'string') {
        // The wildcard stands for nothing more, or takes b's next character (or b's whole wildcard).
        r = next[j] === 1 || (j < m && (typeof b[j] === 'string' ? !x.no.includes(b[j] as string) : true) && cur[j + 1] === 1);
      } else if (j < m && typeof b[j] !== 'string') {
        r = cur[j + 1] === 1 || (!(b[j] as { no: string }).no.includes(x) && next[j] === 1);
      } else r = j < m && x === b[j] && next[j + 1] === 1;
      cur[j] = r ? 1 : 0;
    }
    const t = next;
    next = cur;
    cur = t;
  }
  return next[0] === 1;
}

export interface ResourceTypeMismatch {
  statement: Statement;
  item: SymStr;
  /** The statement's actions, exact spelling. */
  actions: string[];
  /** The ARN templates of their resource types. */
  templates: string[];
  /** The resource part of the closest SAR form, filled with the item's own values where they fit. */
  suggestion?: string;
}

/** The item as written, symbols as `${partition}`-like text (for suggestions and messages). */
function itemText(item: SymStr): string {
  return item.parts.map((p) => (p.kind === 'lit' ? p.text : p.kind === 'sym' ? `\${${p.sym.kind === 'named' ? p.sym.name : p.sym.kind}}` : '')).join('');
}

/** The resource part (after the fifth ':') and what comes before it. */
function splitArn(s: string): { head: string; res: string } | undefined {
  let at = -1;
  for (let n = 0; n < 5; n++) {
    at = s.indexOf(':', at + 1);
    if (at < 0) return undefined;
  }
  return { head: s.slice(0, at + 1), res: s.slice(at + 1) };
}

/** How far a segment the item writes is from the template's: `api-key` is an abbreviation of `apikeycredentialprovider`. */
function segmentCost(want: string, have: string): number {
  if (want === have) return 0;
  const [w, h] = [want.replace(/[-_]/g, '').toLowerCase(), have.replace(/[-_]/g, '').toLowerCase()];
  if (w === h) return 1;
  if (h.length >= 3 && w.startsWith(h)) return 2;
  return editDistance(want, have);
}

/** The template closest to the item, its placeholders filled with the item's segments (or `<Name>`). */
function suggest(item: string, templates: string[]): string | undefined {
  const it = splitArn(item);
  if (!it) return undefined;
  const segs = it.res.split('/');
  let best: { text: string; cost: number } | undefined;
  for (const t of templates) {
    const tt = splitArn(t);
    if (!tt) continue;
    const tsegs = tt.res.split('/');
    if (tsegs.length < segs.length) continue;
    // The item's segments align with the template's first ones (missing trailing placeholders are
    // `*`) or with its last ones (missing leading placeholders are named: `<TokenVaultId>`).
    const skip = tsegs.length - segs.length;
    for (const from of skip ? [0, skip] : [0]) {
      let cost = skip * 4;
      let literal = 0;
      const filled = tsegs.map((ts, k) => {
        const is = k >= from && k < from + segs.length ? segs[k - from] : undefined;
        const ph = /^\$\{([A-Za-z]+)\}$/.exec(ts);
        if (ph) return is ?? (k < from ? `<${ph[1]}>` : '*');
        literal += ts.length;
        if (is === undefined) return ts;
        cost += ts.includes('${') ? 0 : segmentCost(ts, is);
        return ts.includes('${') ? ts.replace(/\$\{[A-Za-z]+\}/g, '*') : ts;
      });
      if (cost === 0 || cost > Math.max(4, Math.floor(literal / 2))) continue;
      if (!best || cost < best.cost) best = { text: filled.join('/'), cost };
    }
  }
  return best?.text;
}

/**
 * Whether an item matched one of a set of templates, by the set's number and the item's parts
 * (every role of a workspace writes the same few ARNs for the same actions). Bounded: items whose
 * parts take more than ITEM_KEY_MAX characters, and sets of templates longer than TEMPLATES_KEY_MAX,
 * are compared each time; at most ITEM_MATCHES_MAX answers and TEMPLATE_SETS_MAX sets, each table
 * emptied when full (a set's number is never given again, so no answer is read for another set).
 */
const itemMatches = new Map<string, boolean>();
const ITEM_MATCHES_MAX = 20_000;
const ITEM_KEY_MAX = 1_000;
const templateSets = new Map<string, number>();
let lastTemplateSet = 0;
const TEMPLATE_SETS_MAX = 256;
const TEMPLATES_KEY_MAX = 20_000;

function templateSetOf(tplKey: string): number | undefined {
  if (tplKey.length > TEMPLATES_KEY_MAX) return undefined;
  let n = templateSets.get(tplKey);
  if (n === undefined) {
    if (templateSets.size >= TEMPLATE_SETS_MAX) templateSets.clear();
    templateSets.set(tplKey, (n = ++lastTemplateSet));
  }
  return n;
}

/** `toks`: the item's tokens (itemTokens), made only when the answer is not kept. */
function matchesSome(item: SymStr, toks: () => Tok[], tpl: { t: string; toks: Tok[] }[], tplKey: string): boolean {
  const parts = JSON.stringify(item.parts);
  const set = templateSetOf(tplKey);
  if (parts.length > ITEM_KEY_MAX || set === undefined) return tpl.some(({ toks: t }) => overlap(toks(), t));
  const key = `${set}\u0000${parts}`;
  let r = itemMatches.get(key);
  if (r === undefined) {
    if (itemMatches.size >= ITEM_MATCHES_MAX) itemMatches.clear();
    const mine = toks();
    itemMatches.set(key, (r = tpl.some(({ toks: t }) => overlap(mine, t))));
  }
  return r;
}

/** A statement's actions as this check reads them: their names, their resource types' templates (as text and tokens). */
interface ActionSet {
  actions: string[];
  templates: string[];
  tpl: { t: string; toks: Tok[] }[];
  tplKey: string;
}

/**
 * Action sets by the actions' texts (every role of a workspace writes the same lists), null when
 * the check does not judge the statement; lists written in more than ACTION_SET_KEY_MAX characters
 * are read each time. Emptied when full.
 */
const actionSets = new Map<string, ActionSet | null>();
const ACTION_SETS_MAX = 2_000;
const ACTION_SET_KEY_MAX = 2_000;

function actionSetOf(items: SymStr[]): ActionSet | null {
  let key = '';
  for (const a of items) {
    if (a.parts.length !== 1 || a.parts[0].kind !== 'lit') return null;
    const text = a.parts[0].text;
    key += `${text.length}:${text}`;
    if (key.length > ACTION_SET_KEY_MAX) return makeActionSet(items);
  }
  let set = actionSets.get(key);
  if (set === undefined) {
    if (actionSets.size >= ACTION_SETS_MAX) actionSets.clear();
    actionSets.set(key, (set = makeActionSet(items)));
  }
  return set;
}

function makeActionSet(items: SymStr[]): ActionSet | null {
  const actions: string[] = [];
  const templates = new Set<string>();
  for (const a of items) {
    if (a.parts.length !== 1 || a.parts[0].kind !== 'lit' || /[*?]/.test(a.parts[0].text)) return null;
    const info = describeAction(a.parts[0].text);
    if (!info || !hasActionDetails(info.service) || !info.resourceTypes.length) return null;
    for (const rt of info.resourceTypes) {
      if (!rt.arn) return null;
      templates.add(rt.arn);
    }
    actions.push(info.name);
  }
  const list = [...templates];
  return { actions, templates: list, tpl: list.map((t) => ({ t, toks: templateTokens(t) })), tplKey: list.join('\n') };
}

/** The statement's resource items that match no resource type of its actions. */
export function resourceTypeMismatches(st: Statement): ResourceTypeMismatch[] {
  if (st.opaque || (st.effect !== 'Allow' && st.effect !== 'Deny') || st.notResources || st.notActions) return [];
  if (!st.actions || st.actions.kind !== 'items' || !st.resources || st.resources.kind !== 'items') return [];
  const set = actionSetOf(st.actions.items);
  if (!set) return [];
  const { tpl, tplKey } = set;
  const out: ResourceTypeMismatch[] = [];
  for (const item of st.resources.items) {
    if (!item.loc) continue;
    // A part not known (a Terraform unknown, a policy variable): itemTokens would give undefined.
    if (!item.parts.every((p) => p.kind === 'lit' || p.kind === 'sym')) continue;
    const text = itemText(item);
    if (!text.startsWith('arn:')) continue; // `*`, or not an ARN at all (another check's business)
    if (matchesSome(item, () => itemTokens(item)!, tpl, tplKey)) continue;
    const suggestion = suggest(text, [...set.templates]);
    out.push({ statement: st, item, actions: [...set.actions], templates: [...set.templates], ...(suggestion ? { suggestion } : {}) });
  }
  return out;
}
