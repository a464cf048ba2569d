/**
 * The AgentCore IAM requirements, as data; docs/catalog.md is generated from them (scripts/catalog-doc.mjs).
 *
 * Facts that conditional requirements read (ComponentFacts):
 * - `artifact`: runtime `container` | `code` (R1, R2, R9);
 * - `createdAt`: ISO date (R9: required only before 2025-10-13);
 * - `features`: string[] of features in use, or `facts[<feature>] === true`: gateway
 *   `lambda-target`, `credential-outbound`, `oauth-outbound`, `api-key-outbound`, `iam-outbound`,
 *   `policy-engine`, `policy-session`, `cmk-via-iam`, `runtime-target-iam`; memory `model-processing`, `self-managed`,
 *   `self-managed-kms`, `record-streaming`, `record-streaming-kms`; browser `recording`; evaluation
 *   `custom-evaluator`, `code-evaluator`. A feature the facts do not name is not checked.
 */
import type { Requirement, RoleKind } from '../model';
import { AGENTCORE } from './agentcore';
import { EVALUATION } from './evaluation';
import { GATEWAY } from './gateway';
import { MEMORY } from './memory';
import { RUNTIME } from './runtime';
import { TOOLS } from './tools';

export { CONFLICTS, CONFLICT_SOURCES, SOURCES, SOURCE_NOTES } from './sources';
export { RUNTIME_IDENTITY_SLR_DATE } from './runtime';

export const REQUIREMENTS: Requirement[] = [...RUNTIME, ...GATEWAY, ...MEMORY, ...TOOLS, ...EVALUATION, ...AGENTCORE];

export function requirementsFor(kind: RoleKind): Requirement[] {
  return REQUIREMENTS.filter((r) => r.roleKinds.includes(kind));
}

export function requirementById(id: string): Requirement | undefined {
  return REQUIREMENTS.find((r) => r.id === id);
}

/** Actions of the catalog known not to be in the Service Authorization Reference (none as of S22). */
export const KNOWN_ACTION_EXCEPTIONS: Record<string, string> = {};

/**
 * Actions the AWS SDK names that the Service Authorization Reference (as bundled, 2026-09-26) does
 * not list yet, with where they were seen (read 2026-12-07). A policy that names one is told so at
 * information level: it may be newer than the data, so it is not certainly an unknown action.
 */
export const SDK_ONLY_ACTIONS: Record<string, string> = {
  'bedrock-agentcore:IngestData': 'the AWS SDK for JavaScript v3 (2026-10) has the operation IngestData',
};

/** The SDK-only action a policy's action text names (case-insensitively), if any. */
export function sdkOnlyAction(text: string): { action: string; seen: string } | undefined {
  const t = text.trim().toLowerCase();
  for (const [action, seen] of Object.entries(SDK_ONLY_ACTIONS)) if (action.toLowerCase() === t) return { action, seen };
  return undefined;
}

/** The AWS page a requirement's findings link to (its first source). */
export function docsUrl(req: Requirement): string | undefined {
  return req.sources[0]?.url;
}
