/** Judges requirements against policies. Implementation owned by the evaluator work (issue #2). */
import type {
  EvaluationResult,
  PolicyDocument,
  RequirementCondition,
  Statement,
  SymStr,
} from '../model';

export interface RequirementQuery {
  /** Concrete IAM action names, exact spelling (e.g. `logs:PutLogEvents`). */
  actions: string[];
  /** Resource patterns, already instantiated for the role (symbols for partition/region/account). */
  resources: SymStr[];
  /** Known request context: keys the service sends and their values. Other keys are unknown. */
  context?: RequirementCondition[];
}

/**
 * Is every (action, resource) of the query allowed by the identity policies, with no Deny that
 * could apply, within the permissions boundary if any? Missing only when IAM could not allow it
 * whatever the unknowns are; granted only when it must allow it.
 */
export function evaluateRequirement(
  query: RequirementQuery,
  policies: PolicyDocument[],
  options?: { boundary?: PolicyDocument; opaque?: string[] },
): EvaluationResult {
  void query; void policies; void options;
  throw new Error('evaluateRequirement: not implemented yet');
}

export interface TrustQuery {
  /** e.g. `bedrock-agentcore.amazonaws.com` */
  service: string;
  /** e.g. `sts:AssumeRole` */
  action: string;
  /** Condition keys the official trust policy constrains, e.g. `aws:SourceAccount`, `aws:SourceArn`. */
  conditionKeys: string[];
}

export interface TrustResult {
  /** Can the service principal assume the role? */
  assumable: EvaluationResult;
  /** Per condition key: is every Allow that lets the service assume the role constrained by it? */
  conditions: {
    key: string;
    verdict: 'granted' | 'missing' | 'unknown';
    /** Allow statements for the principal that lack the condition (where a fix adds it). */
    unconstrained: Statement[];
    dependsOn: string[];
  }[];
}

export function evaluateTrust(trust: PolicyDocument, query: TrustQuery): TrustResult {
  void trust; void query;
  throw new Error('evaluateTrust: not implemented yet');
}
