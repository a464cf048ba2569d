/**
 * The rules of the analysis: stable ids (the LSP diagnostic `code`, the SARIF rule id, the key of
 * `settings.rules`) and their default severities. Never rename an id.
 */
import type { Severity } from './model';
import type { AnalysisSettings } from './settings';

export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  description: string;
  helpUri: string;
}

const DG = 'https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/';

export const RULES: Record<string, RuleInfo> = {
  'missing-permission': {
    id: 'missing-permission', defaultSeverity: 'error',
    description: 'A permission the AgentCore component requires is not granted by its role (by IAM evaluation rules).',
    helpUri: `${DG}runtime-permissions.html`,
  },
  'unknown-permission': {
    id: 'unknown-permission', defaultSeverity: 'information',
    description: 'Whether a required permission is granted cannot be known statically; the finding names what it depends on. Not a defect.',
    helpUri: `${DG}runtime-permissions.html`,
  },
  'legacy-permission': {
    id: 'legacy-permission', defaultSeverity: 'information',
    description: 'A statement needed only by older setups (R9: runtimes created before 2025-10-13) is absent.',
    helpUri: `${DG}service-linked-roles.html`,
  },
  'source-conflict': {
    id: 'source-conflict', defaultSeverity: 'information',
    description: "AWS's own sources disagree about this statement (catalog conflicts C1–C10, docs/catalog.md): not granted under one reading, or granted only under a reading the others dispute (then unknown).",
    helpUri: `${DG}runtime-permissions.html`,
  },
  'narrow-grant': {
    id: 'narrow-grant', defaultSeverity: 'hint',
    description: "The role grants what this component itself requests (its image's repository, its own log groups, its Lambda targets), narrower than the documented statement: granted, but a rename or a new resource needs the policy changed too. Information when the image's repository is in another account (its repository policy must allow the role too).",
    helpUri: `${DG}runtime-permissions.html`,
  },
  'trust-condition-missing': {
    id: 'trust-condition-missing', defaultSeverity: 'warning',
    description: 'The trust policy lets the AgentCore service assume the role without the documented aws:SourceArn / aws:SourceAccount confused-deputy protection.',
    helpUri: `${DG}runtime-security-best-practices.html`,
  },
  'trust-not-assumable': {
    id: 'trust-not-assumable', defaultSeverity: 'error',
    description: 'The trust policy does not let bedrock-agentcore.amazonaws.com assume the role.',
    helpUri: `${DG}runtime-permissions.html`,
  },
  'unknown-action': {
    id: 'unknown-action', defaultSeverity: 'warning',
    description: 'An action that is not in the Service Authorization Reference (a typo, or an action that does not exist).',
    helpUri: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  },
  'resource-type-mismatch': {
    id: 'resource-type-mismatch', defaultSeverity: 'warning',
    description: "A statement's resource matches no resource type of its actions in the Service Authorization Reference (e.g. the docs' hyphenated oauth2-credential-provider ARNs): an Allow grants nothing on it (warning), a Deny protects nothing (error).",
    helpUri: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
  },
  'suppression-invalid': {
    id: 'suppression-invalid', defaultSeverity: 'warning',
    description: 'An in-source suppression (# agentcore-iam:ignore ID -- reason) without a reason or without an id: it suppresses nothing until it has both.',
    helpUri: 'https://github.com/agentcore-iam/agentcore-iam#suppressing-a-finding',
  },
  'suppression-unused': {
    id: 'suppression-unused', defaultSeverity: 'hint',
    description: 'An in-source suppression that suppresses nothing: no finding it names on the line below it or in the block below it.',
    helpUri: 'https://github.com/agentcore-iam/agentcore-iam#suppressing-a-finding',
  },
  'role-unresolved': {
    id: 'role-unresolved', defaultSeverity: 'information',
    description: 'An AgentCore resource whose role could not be resolved in the workspace, so it cannot be checked.',
    helpUri: `${DG}runtime-permissions.html`,
  },
};

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** The severity a rule has under the settings, or undefined when it is off. */
export function severityFor(rule: string, settings: AnalysisSettings, fallback?: Severity): Severity | undefined {
  const override = settings.rules?.[rule];
  if (override === 'off') return undefined;
  if (override) return override;
  return fallback ?? RULES[rule]?.defaultSeverity ?? 'warning';
}
