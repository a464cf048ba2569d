/**
 * Where a missing permission's finding sits (issue #22 item 5), beyond analyze.ts pointAt (a
 * statement the missing actions can be added to):
 *
 * - the statement that almost grants it: an Allow of the role's own policies that has every missing
 *   action, but whose resource or condition leaves the request out (X-Ray on `trace/*`, ECR on
 *   another account's repositories). The finding sits on it and, when the resource is what is wrong,
 *   its fix corrects that statement's resource (fixes/correct.ts) instead of adding another one;
 * - the permissions boundary, when it is what blocks: the identity policies grant the request and
 *   the boundary does not. The finding sits on the boundary's document, says so, and its fix writes
 *   the statement there when the boundary is in the workspace.
 */
import { literalText } from '../symstr';
import type { EvaluationResult, PolicyDocument, RequirementCondition, Role, Statement, SymList, SymStr } from '../model';

type Evaluate = (query: { actions: string[]; resources: SymStr[]; context?: RequirementCondition[] }, policies: PolicyDocument[], options?: { boundary?: PolicyDocument; opaque?: string[] }) => EvaluationResult;

export interface AlmostGrant {
  statement: Statement;
  document: PolicyDocument;
  /** The resource is what leaves the request out (with the requirement's resources the statement grants it). */
  resourceWrong: boolean;
}

function granted(evaluate: Evaluate, actions: string[], variants: SymStr[][], contexts: RequirementCondition[][], doc: PolicyDocument): boolean {
  return variants.some((resources, i) => {
    try {
      return evaluate({ actions, resources, context: contexts[i] }, [doc]).verdict === 'granted';
    } catch {
      return false;
    }
  });
}

/**
 * The first Allow statement of `docs` that has every action of `actions` but does not grant them on
 * the requirement's resources as written, and would with the requirement's resources, or without its
 * conditions. Undefined when there is none.
 */
export function almostGranting(docs: PolicyDocument[], actions: string[], variants: SymStr[][], contexts: RequirementCondition[][], evaluate: Evaluate): AlmostGrant | undefined {
  const services = new Set(actions.map((a) => a.split(':')[0].toLowerCase()));
  for (const doc of docs) {
    for (const st of doc.statements) {
      if (st.effect !== 'Allow' || !st.loc || st.opaque || !st.actions || st.actions.kind !== 'items' || st.notActions) continue;
      // a statement of the same service, written with it (not `*`, not another service's)
      if (!st.actions.items.some((a) => services.has((literalText(a) ?? '').split(':')[0].toLowerCase()))) continue;
      const one = (s: Statement): PolicyDocument => ({ id: `${doc.id}#almost`, form: doc.form, statements: [s], opaque: [] });
      if (granted(evaluate, actions, variants, contexts, one(st))) continue;
      const resourceFits = variants.some((resources, i) => {
        const items: SymList = { kind: 'items', items: resources };
        return granted(evaluate, actions, [resources], [contexts[i] ?? []], one({ ...st, resources: items, notResources: undefined }));
      });
      if (resourceFits) return { statement: st, document: doc, resourceWrong: true };
      const conditionFits = st.conditions?.length && granted(evaluate, actions, variants, contexts, one({ ...st, conditions: [] }));
      if (conditionFits) return { statement: st, document: doc, resourceWrong: false };
    }
  }
  return undefined;
}

/**
 * Whether the permissions boundary is what blocks: the identity policies grant the request without
 * it, and it is missing with it.
 */
export function boundaryBlocks(role: Role, policies: PolicyDocument[], actions: string[], variants: SymStr[][], contexts: RequirementCondition[][], evaluate: Evaluate): boolean {
  if (!role.boundary) return false;
  return variants.some((resources, i) => {
    try {
      return evaluate({ actions, resources, context: contexts[i] }, policies, { opaque: role.opaque }).verdict === 'granted';
    } catch {
      return false;
    }
  });
}
