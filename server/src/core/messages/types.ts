/**
 * What every surface says, one template per language (en.ts, ja.ts), built from the data of the
 * finding (rule, actions, resources, reasons): a language is never made by translating English text.
 * IAM names, ARNs, addresses and code are passed in as they are and come out as they are.
 */
import type { PermissionRequirement, RoleKind, TrustRequirement } from '../model';

export type Locale = 'en' | 'ja';

type Req = PermissionRequirement | TrustRequirement;

export interface Messages {
  readonly locale: Locale;

  // --- catalog data in this language (the catalog's own text is English) -----------------------
  /** Why the requirement is needed: a clause (English: lower-case, no full stop). */
  why(req: Req): string;
  /** A requirement's note (a sentence, no final full stop in use). */
  note(req: Req): string | undefined;
  /** The text of a catalog conflict (C1–C10). */
  conflict(id: string): string;
  /** A role kind: "runtime execution role". */
  kindLabel(kind: RoleKind): string;

  // --- parts of findings ----------------------------------------------------------------------
  /** Who the finding is about: "Role aws_iam_role.x (runtime execution role of aws_bedrockagentcore_agent_runtime.y)". */
  role(address: string, kind: RoleKind, components: string[]): string;
  /** Appended to `role`: the AWS managed policies judged by their bundled content ("NAME v19 (2026-08-11)", …). */
  awsManaged(count: number, source: string, list: string): string;
  /**
   * How a message writes `role` as its own sentence (" Role x (…)." after the sentence before it):
   * the language server leaves it out for a client that lists the role and its components as related
   * locations (analysis/placement.ts subjectOf).
   */
  subjectSentence(who: string): string;
  relatedRole(address: string): string;
  relatedComponent(address: string, attribute: string): string;
  /** The AWS page a requirement comes from, appended to a sentence: " (AWS: runtime-permissions)". */
  page(name: string | undefined): string;
  /** A dependsOn entry: which of AWS's sources is right (C1). */
  dependsOnSources(conflict: string): string;
  /** A dependsOn entry: the role's trust policy. */
  dependsOnTrustPolicy(): string;
  /** A dependsOn entry: the AgentCore resource that assumes a role no resource of the configuration names (its region and ARN). */
  dependsOnAgentCoreUser(): string;
  /** A dependsOn entry: the account, region or partition the component is deployed in, which the configuration does not fix (and what would). */
  dependsOnPlacement(what: 'account' | 'region' | 'partition'): string;
  /** A dependsOn entry: whether a runtime runs a container image or code. */
  dependsOnArtifact(component: string | undefined): string;
  /** The note of a role's trust verdict in the role hover: assumable, but these conditions are not known to be there. */
  trustAssumableNote(keys: string[]): string;

  // --- findings (core/analyze.ts) ---------------------------------------------------------------
  disputedGrant(sid: string | undefined, resources: string[] | undefined): string;
  disputed(a: { actions: string[]; grants: string[]; conflict: string; page: string; who: string }): string;
  legacyMissing(a: { actions: string[]; on: string; kind: RoleKind; createdBefore: string | undefined; why: string; page: string; who: string }): string;
  legacyNotRequired(a: { verdict: 'missing' | 'unknown'; actions: string[]; statement: string; createdBefore: string; page: string; who: string }): string;
  conflictMissing(a: { actions: string[]; on: string; text: string; page: string; who: string }): string;
  unknownPermission(a: { missing: boolean; conditional: boolean; actions: string[]; on: string; kind: RoleKind; why: string; dependsOn: string[]; page: string; who: string }): string;
  /** deniedBy: the Deny statements' Sids (undefined for one without). */
  missingPermission(a: { actions: string[]; on: string; deniedBy: (string | undefined)[]; kind: RoleKind; why: string; page: string; who: string }): string;
  trustUnreadable(a: { service: string; who: string }): string;
  trustNotAssumable(a: { service: string; action: string; why: string; who: string }): string;
  /** The trust allows the service only under a condition the values it sends cannot meet (`condition`: operator, key and values; `sent`: key = value). */
  trustConditionRefuses(a: { service: string; condition: string; sent: string; who: string }): string;
  trustUnknown(a: { service: string; dependsOn: string[]; who: string }): string;
  trustConditionMissing(a: { wanted: string; service: string; who: string }): string;
  trustConditionUnknown(a: { keys: string[]; dependsOn: string[]; who: string }): string;
  /** An action the AWS SDK names that the bundled Service Authorization Reference lacks: action quoted, id as in the catalog. */
  sdkOnlyAction(a: { action: string; id: string; version: string; seen: string }): string;
  /** action: already quoted (core/quote.ts). */
  unknownAction(a: { action: string; reason: 'unknown-service' | 'malformed' | 'unknown-action' | string; suggestion: string | undefined }): string;
  /** resource and suggestion: already quoted. */
  resourceTypeMismatch(a: { resource: string; actions: string[]; types: string; allow: boolean; suggestion: string | undefined }): string;
  roleUnresolved(a: { component: string; attribute: string }): string;

  // --- suppressions (core/suppress.ts) ----------------------------------------------------------
  suppressionNamesNothing(marker: string): string;
  suppressionWithoutReason(ids: string[]): string;
  suppressionUnusedInObject(ids: string[]): string;
  suppressionUnused(ids: string[]): string;

  // --- fix and code action titles ---------------------------------------------------------------
  fixReplaceAction(old: string, suggestion: string): string;
  fixAddToStatement(actions: string[], statement: string): string;
  /** fill: placeholders the user fills in (Terraform addresses or template variables). */
  fixInsertStatement(a: { actions: string[]; label: string; withData: boolean; fill: string[] }): string;
  fixAddCondition(keys: string[], fill: string[]): string;
  fixRemoveUnusedSuppression(): string;
  fixIgnore(id: string): string;
  fixAll(count: number): string;

  // --- the CLI's text report (cli/render.ts) ---------------------------------------------------
  cliOtherFindings(): string;
  cliRoleHeading(role: string, kind: RoleKind | undefined): string;
  cliSummary(a: { findings: number; errors: number; warnings: number; information: number; hints: number; roles: number; problems: number; suppressed: number }): string;
  cliIncomplete(count: number, rules: string[]): string;
  /** On stderr (cli/check.ts): fixes applied, a fix refused, no role judged, an analysis that did not finish. */
  cliApplied(fixes: number, files: number): string;
  cliFixNotApplied(what: string): string;
  cliNoRole(files: number, unfollowed: number): string;
  cliDidNotFinish(count: number, rules: string[]): string;

  // --- hovers (lsp/handlers/hover.ts): labels around data --------------------------------------
  /** The hover on an action string: the reason it is not an action (unknown-service, malformed, unknown-action), a pattern's matches, labels. */
  hoverNotAction(reason: string, suggestion: string | undefined): string;
  hoverMatches(count: number, list: string): string;
  hoverResourceTypes(list: string): string;
  hoverWildcardOnly(): string;
  hoverConditionKeys(list: string): string;
  hoverSources(list: string): string;
  hoverSourceRead(key: string, read: string): string;
  hoverDependsOn(list: string): string;
  hoverDocumentation(): string;
  hoverRoleTitle(address: string, kinds: string, components: string): string;
  hoverRoleHeader(): string;
  hoverVerdict(verdict: 'granted' | 'missing' | 'unknown' | 'not-applicable'): string;
  hoverClass(cls: string): string;
  hoverStatement(): string;

  // --- the Terraform front's own sentences (messages/front.ts) ---------------------------------
  /** A file problem's message, a reason or a dependsOn entry as the front wrote it (English), in this language. */
  front(text: string): string;
}
