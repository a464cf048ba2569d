/**
 * Resources that attach a policy to a role, each resolved to the role it names:
 * - `aws_iam_role_policy` (inline: `role`, `policy`) and `awscc_iam_role_policy` (inline:
 *   `role_name`, `policy_document`);
 * - `aws_iam_role_policy_attachment` (`role`, `policy_arn`);
 * - `aws_iam_policy_attachment` (`roles`, a list, and `policy_arn`);
 * - `aws_iam_role_policy_attachments_exclusive` (`role_name`, `policy_arns`): it attaches every
 *   listed policy and detaches the others, so the listed ones reach the role;
 * - `aws_iam_role_policies_exclusive` (`role_name`, `policy_names`): it grants nothing, but it
 *   deletes every inline policy of the role that the list does not name. An inline policy of the
 *   configuration left out of the list (`aws_iam_role_policy` / `awscc_iam_role_policy` with a
 *   literal name) is then taken away from what the role is known to hold, and the role depends on
 *   it (the two resources undo each other at each apply): its requirements become unknown, never
 *   granted by a policy that may be deleted, never missing because of it.
 * The role policies and attachments of a role's own block (inline_policy, policies,
 * managed_policy_arns) are read with the role (model.ts).
 *
 * An attachment whose role cannot be told is returned (`unattributed`): it may reach any role of
 * the configuration.
 */
import type { AttachedPolicy, Location, PolicyDocument, Role } from '../model';
import type { Attribute, Block, Expr } from './ast';
import type { ModuleInstance, SourceFile, Value } from './values';
import { addr, exprText, keyType, locOf, toSymStr } from './values';
import { literalText } from '../symstr';

export interface AttachContext {
  /** `scope`: the instance's count.index / each.key / each.value (a resource with count or for_each). */
  eval(e: Expr, inst: ModuleInstance, src: SourceFile, scope?: Map<string, Value>): Value;
  /** The instances of a resource (count, for_each: values.ts instancesOf), each with its address and scope; one when absent. */
  /** `when`: the one instance standing for a count that is not known exists only under this condition. */
  instances?(inst: ModuleInstance, key: string, block: Block, src: SourceFile): { address: string; scope?: Map<string, Value>; when?: string }[];
  /** Whether a role exists under the same condition `when` (both counted alike: `count = var.create_role ? 1 : 0`). */
  existsWhen?(role: Role, when: string): boolean;
  /** The role a value names (a reference, a name, an ARN); 'unknown' when it cannot be told, undefined when it names none of this configuration. */
  roleFromValue(v: Value): Role | undefined | 'unknown';
  /** The document of a policy attribute (jsonencode, heredoc, JSON string, a policy document's json). */
  document(inst: ModuleInstance, src: SourceFile, a: Attribute, id: string, scope?: Map<string, Value>): PolicyDocument;
  /** The policies a managed policy ARN value gives (aws_iam_policy of the configuration, an AWS managed policy), and what it cannot tell. */
  managed(v: Value, via: Location): { policies: AttachedPolicy[]; opaque: string[] };
  /**
   * Attaches what one attachment block attaches: `attach(fx)`, or what it attached at the last build
   * replayed onto `fx` (model.ts BlockUnit). Absent: `attach(fx)`.
   */
  block?(inst: ModuleInstance, key: string, block: Block, src: SourceFile, fx: AttachEffects, attach: (fx: AttachEffects) => void): void;
}

/** What attaching a block does, in order: every effect goes through these (recorded, replayed: AttachContext.block). */
export interface AttachEffects {
  /** An attachment whose role cannot be told. */
  unattributed(s: string): void;
  opaque(role: Role, s: string): void;
  policies(role: Role, ps: AttachedPolicy[]): void;
  /** An inline policy attached, by its literal name if it has one (for aws_iam_role_policies_exclusive). */
  inline(role: Role, name: string | undefined, ap: AttachedPolicy): void;
}

/** The resource types this module reads. */
export const ATTACHMENT_TYPES = new Set([
  'aws_iam_role_policy',
  'awscc_iam_role_policy',
  'aws_iam_role_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_role_policy_attachments_exclusive',
  'aws_iam_role_policies_exclusive',
]);

/** The roles a value names: one for a single value, each item of a list (`roles = [...]`). */
function rolesOf(ctx: AttachContext, v: Value): (Role | 'unknown')[] {
  const items = v.k === 'list' ? v.items : [v];
  const out: (Role | 'unknown')[] = [];
  for (const it of items) {
    const r = ctx.roleFromValue(it);
    if (r) out.push(r);
  }
  return out;
}

/**
 * Attaches every policy of these module instances' attachment resources to its role. Returns the
 * attachments whose role cannot be told (address and the role expression).
 */
export function attachPolicies(instances: ModuleInstance[], ctx: AttachContext): string[] {
  const unattributed: string[] = [];
  /** Inline policies attached here by name, per role (for aws_iam_role_policies_exclusive). */
  const inlineByName = new Map<Role, Map<string, AttachedPolicy>>();
  const exclusiveInline: { inst: ModuleInstance; address: string; block: { body: { attributes: Map<string, Attribute> } }; src: SourceFile; scope?: Map<string, Value> }[] = [];
  const fx: AttachEffects = {
    unattributed: (s) => { unattributed.push(s); },
    opaque: (t, s) => { t.opaque.push(s); },
    policies: (t, ps) => { t.policies.push(...ps); },
    inline: (t, name, ap) => {
      t.policies.push(ap);
      if (name === undefined) return;
      let m = inlineByName.get(t);
      if (!m) inlineByName.set(t, (m = new Map()));
      m.set(name, ap);
    },
  };

  for (const inst of instances) {
    for (const [key, r] of inst.resources) {
      const type = keyType(key);
      if (!ATTACHMENT_TYPES.has(type)) continue;
      if (type === 'aws_iam_role_policies_exclusive') {
        for (const { address, scope } of ctx.instances?.(inst, key, r.block, r.src) ?? [{ address: addr(inst, key) as string }]) exclusiveInline.push({ inst, address, block: r.block, src: r.src, scope });
        continue;
      }
      const attach = (f: AttachEffects) => attachBlock(ctx, inst, key, type, r.block, r.src, f);
      if (ctx.block) ctx.block(inst, key, r.block, r.src, fx, attach);
      else attach(fx);
    }
  }

  for (const { inst, address, block, src, scope } of exclusiveInline) {
    const attrs = block.body.attributes;
    const roleA = attrs.get('role_name');
    const namesA = attrs.get('policy_names');
    if (!roleA || !namesA) continue;
    const target = ctx.roleFromValue(ctx.eval(roleA.expr, inst, src, scope));
    if (!target) continue;
    const own = target === 'unknown' ? undefined : inlineByName.get(target);
    if (!own?.size) continue; // no inline policy of the configuration that it could delete
    const names = ctx.eval(namesA.expr, inst, src, scope);
    const listed = names.k === 'list' ? names.items.map((i) => literalText(toSymStr(i))) : undefined;
    if (!listed || listed.some((n) => n === undefined)) {
      // Which inline policies it keeps cannot be told: any of them may be deleted.
      (target as Role).opaque.push(`${address} (policy_names = ${exprText(namesA.expr, src)}) may delete inline policies of the role`);
      continue;
    }
    for (const [name, ap] of own) {
      if (listed.includes(name)) continue;
      const t = target as Role;
      const i = t.policies.indexOf(ap);
      if (i >= 0) t.policies.splice(i, 1);
      t.opaque.push(`inline policy ${name}, which ${address} deletes (its policy_names do not list it)`);
    }
  }
  return unattributed;
}

/** Attaches what one attachment block (of a type other than aws_iam_role_policies_exclusive) attaches, every effect through `fx`. */
function attachBlock(ctx: AttachContext, inst: ModuleInstance, key: string, type: string, block: Block, src: SourceFile, fx: AttachEffects): void {
  // one attachment per instance (count, for_each), each evaluated with its count.index / each.key / each.value
  for (const { address, scope, when } of ctx.instances?.(inst, key, block, src) ?? [{ address: addr(inst, key) as string, when: undefined }]) {
    const attrs = block.body.attributes;
    const via = locOf(src, block.headerSpan);
    const roleAttrName = type === 'aws_iam_policy_attachment' ? 'roles' : type === 'awscc_iam_role_policy' || type === 'aws_iam_role_policy_attachments_exclusive' ? 'role_name' : 'role';
    const roleA = attrs.get(roleAttrName);
    // aws_iam_policy_attachment without `roles` attaches to users or groups only.
    if (!roleA) {
      if (type !== 'aws_iam_policy_attachment') fx.unattributed(`${address} (${roleAttrName} = ?)`);
      continue;
    }
    const targets = rolesOf(ctx, ctx.eval(roleA.expr, inst, src, scope));
    let known = targets.filter((t): t is Role => t !== 'unknown');
    if (when) {
      // An attachment that may not exist grants nothing for sure: attached only to a role that exists
      // under the same condition; for another, what it would grant is unknown, never granted.
      for (const t of known) if (!ctx.existsWhen?.(t, when)) fx.opaque(t, `${address}, which exists only ${when}`);
      known = known.filter((t) => ctx.existsWhen?.(t, when));
    }
    if (targets.some((t) => t === 'unknown') || (targets.length === 0 && roleA.expr.k !== 'tuple')) {
      fx.unattributed(`${address} (${roleAttrName} = ${exprText(roleA.expr, src)})`);
    }
    if (!known.length) continue;

    if (type === 'aws_iam_role_policy' || type === 'awscc_iam_role_policy') {
      const p = attrs.get(type === 'aws_iam_role_policy' ? 'policy' : 'policy_document');
      if (!p) continue;
      const ap: AttachedPolicy = { attachment: 'inline', document: ctx.document(inst, src, p, `${address}.policy`, scope), via };
      const nameA = attrs.get(type === 'aws_iam_role_policy' ? 'name' : 'policy_name');
      const name = nameA ? literalText(toSymStr(ctx.eval(nameA.expr, inst, src, scope))) : undefined;
      for (const t of known) fx.inline(t, name, ap);
      continue;
    }
    // Managed policies: one ARN (policy_arn) or a list (policy_arns).
    const arnA = attrs.get(type === 'aws_iam_role_policy_attachments_exclusive' ? 'policy_arns' : 'policy_arn');
    if (!arnA) continue;
    const { policies, opaque } = ctx.managed(ctx.eval(arnA.expr, inst, src, scope), via);
    for (const t of known) {
      fx.policies(t, policies);
      for (const o of opaque) fx.opaque(t, `${o} (${address})`);
    }
  }
}
