/**
 * The IAM evaluator's public surface (implemented in this folder). Pure functions.
 *
 * Semantics (see docs/iam-evaluation.md):
 * - actions: case-insensitive globs (`*`, `?`);
 * - resources: case-sensitive ARN globs; in the resource part `*` spans `:` and `/`, in the first
 *   five segments (partition, service, region, account) it does not cross `:`; a malformed ARN
 *   matches nothing; a wildcard in the resource-type prefix (`lo*-group:`) or in an action's service
 *   prefix is only a possible match (evaluators disagree), never a definite one;
 * - Allow: containment (every resource the requirement pattern covers is allowed);
 * - Deny: overlap (any resource in common blocks "granted");
 * - NotAction / NotResource; conditions judged against the requirement's known request context;
 * - symbols (partition/region/account/named) compare equal only to themselves or a covering `*`;
 * - unknown parts are judged twice (pessimistic for "granted", optimistic for "missing").
 */
export type { RequirementQuery, TrustQuery, TrustResult } from './evaluate';
export { evaluateRequirement, evaluateTrust } from './evaluate';
export type { ActionCheck, ActionInfo } from './actions';
export { checkAction, describeAction, expandActionPattern, iamDataVersion } from './actions';
