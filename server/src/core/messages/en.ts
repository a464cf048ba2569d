/** The English templates (the catalog's own text is English). Each is the sentence the analysis always wrote. */
import { CONFLICTS } from '../catalog';
import type { RoleKind } from '../model';
import type { Messages } from './types';

const KIND_LABEL: Record<RoleKind, string> = {
  runtime: 'runtime execution role',
  gateway: 'gateway service role',
  memory: 'memory execution role',
  'code-interpreter': 'code interpreter execution role',
  browser: 'browser execution role',
  evaluation: 'evaluation execution role',
  harness: 'harness execution role',
  'payment-manager': 'payment manager role',
  'unknown-agentcore': 'AgentCore role',
};

const NEEDS: Partial<Record<RoleKind, string>> = {
  runtime: 'the runtime',
  gateway: 'the gateway',
  memory: 'the memory',
  'code-interpreter': 'the code interpreter',
  browser: 'the browser',
  evaluation: 'the evaluation',
};
const needs = (kind: RoleKind) => NEEDS[kind] ?? 'the component';
const depends = (d: string[]) => d.join(', ') || 'values the analysis cannot know';
const CLASS: Record<string, string> = { security: 'recommended', legacy: 'legacy', optional: 'optional', conflict: "AWS's sources disagree" };

export const en: Messages = {
  locale: 'en',
  why: (req) => req.why,
  note: (req) => req.note,
  conflict: (id) => CONFLICTS[id] ?? '',
  kindLabel: (kind) => KIND_LABEL[kind],

  role: (address, kind, components) => `Role ${address} (${KIND_LABEL[kind]}${components.length ? ` of ${components.join(', ')}` : ''})`,
  awsManaged: (count, source, list) => `; AWS managed ${count === 1 ? 'policy' : 'policies'} as bundled (${source}): ${list}`,
  subjectSentence: (who) => ` ${who}.`,
  relatedRole: (address) => `role ${address}`,
  relatedComponent: (address, attribute) => `${address} names this role in ${attribute}`,
  page: (name) => (name ? ` (AWS: ${name})` : ''),
  dependsOnSources: (conflict) => `which of AWS's sources is right (${conflict})`,
  dependsOnTrustPolicy: () => "the role's assume-role policy",
  dependsOnAgentCoreUser: () => 'the AgentCore resource that uses the role (none in this configuration names it)',
  dependsOnPlacement: (what) =>
    what === 'account'
      ? "the account the component is deployed in (the configuration does not fix it: the aws provider's allowed_account_ids with one account, or the setting agentcoreIam.defaults.account)"
      : what === 'region'
        ? "the region the component is deployed in (the configuration does not fix it: a literal region in the provider, or the setting agentcoreIam.defaults.region)"
        : "the partition the component is deployed in (the configuration does not fix it: a literal region in the provider, or the setting agentcoreIam.defaults.partition)",
  dependsOnArtifact: (component) => `the artifact of ${component ?? 'the component'} (container image or code)`,
  trustAssumableNote: (keys) => `assumable; the condition on ${keys.join(', ')}`,

  disputedGrant: (sid, resources) => `${sid ? `statement "${sid}"` : 'a statement'} grants it on ${resources ? resources.join(', ') : 'a resource'}`,
  disputed: ({ actions, grants, conflict, page, who }) =>
    `Maybe not granted: ${actions.join(', ')}: ${grants.join('; ') || 'a resource-scoped statement grants it'}, not on "*", and AWS's sources disagree whether that grants it. ${conflict}: ${(CONFLICTS[conflict] ?? '').replace(/\.$/, '')}. Grant it on "*"${page}. ${who}.`,
  legacyMissing: ({ actions, on, kind, createdBefore, why, page, who }) => `Missing ${actions.join(', ')} on ${on}: ${needs(kind)} was created before ${createdBefore}, so ${why}${page}. ${who}.`,
  legacyNotRequired: ({ verdict, actions, statement, createdBefore, page, who }) =>
    `${verdict === 'missing' ? 'Not granted' : 'Not provably granted'}: ${actions.join(', ')} (${statement}), not required for runtimes created on or after ${createdBefore}, which use the service-linked role AWSServiceRoleForBedrockAgentCoreRuntimeIdentity; needed only for older runtimes${page}. ${who}.`,
  conflictMissing: ({ actions, on, text, page, who }) => `Not granted: ${actions.join(', ')} on ${on}. ${text.replace(/\.$/, '')}${page}. ${who}.`,
  unknownPermission: ({ missing, conditional, actions, on, kind, why, dependsOn, page, who }) =>
    `${missing ? 'Missing' : 'Maybe missing'} ${actions.join(', ')} on ${on}: ${conditional ? 'needed only if it applies: ' : ''}${needs(kind)} needs it because ${why}; it depends on ${depends(dependsOn)}${page}. ${who}.`,
  missingPermission: ({ actions, on, deniedBy, kind, why, page, who }) =>
    `Missing ${actions.join(', ')} on ${on}${deniedBy.length ? ` (denied by ${deniedBy.map((s) => s ?? 'a Deny statement').join(', ')})` : ''}: ${needs(kind)} needs it because ${why}${page}. ${who}.`,
  trustUnreadable: ({ service, who }) => `Trust policy cannot be read, so whether ${service} may assume the role is unknown. ${who}.`,
  trustNotAssumable: ({ service, action, why, who }) => `${service} cannot assume the role: its trust policy does not allow ${action} for that service principal, and ${why}. ${who}.`,
  trustConditionRefuses: ({ service, condition, sent, who }) => `${service} cannot assume the role: its trust policy allows it only under ${condition}, and the service sends ${sent}. ${who}.`,
  trustUnknown: ({ service, dependsOn, who }) => `Whether ${service} may assume the role depends on ${depends(dependsOn)}. ${who}.`,
  trustConditionMissing: ({ wanted, service, who }) => `Trust policy lacks the confused-deputy condition ${wanted} that AWS recommends: it lets ${service} assume the role without it. ${who}.`,
  trustConditionUnknown: ({ keys, dependsOn, who }) => `Whether the trust policy constrains ${keys.join(', ')} depends on ${depends(dependsOn)}. ${who}.`,
  sdkOnlyAction: ({ action, version, seen }) =>
    `${action} is not in the Service Authorization Reference as bundled (${version}), but ${seen}: it may be newer than that data, so whether IAM knows it cannot be told here.`,
  unknownAction: ({ action, reason, suggestion }) => {
    const what = reason === 'unknown-service' ? 'its service prefix is not a known AWS service' : reason === 'malformed' ? 'it is not of the form service:Action' : 'it is not an action of the Service Authorization Reference';
    return `${action}: ${what}${suggestion ? `; did you mean ${suggestion}` : ''}? A statement with it does not grant what it seems to.`;
  },
  resourceTypeMismatch: ({ resource, actions, types, allow, suggestion }) =>
    `${resource} matches no resource type of ${actions.join(', ')} in the Service Authorization Reference (${types}): this ${allow ? 'Allow grants nothing on it' : 'Deny protects nothing'}${suggestion ? `; did you mean ${suggestion}` : ''}?`,
  roleUnresolved: ({ component, attribute }) =>
    `${component}: the role named by ${attribute} could not be resolved to an aws_iam_role or awscc_iam_role in the workspace (a variable, a data source or an ARN from elsewhere), so its permissions are not checked.`,

  suppressionNamesNothing: (marker) => `This suppression names nothing to ignore: write ${marker} <requirement or rule, e.g. runtime.R7> -- <why>.`,
  suppressionWithoutReason: (ids) => `This suppression of ${ids.join(', ')} has no reason: write why after "--". Until it has one, ${ids.join(', ')} ${ids.length > 1 ? 'are' : 'is'} still reported.`,
  suppressionUnusedInObject: (ids) => `This suppression of ${ids.join(', ')} suppresses nothing: no such finding in the object that holds it.`,
  suppressionUnused: (ids) => `This suppression of ${ids.join(', ')} suppresses nothing: no such finding on the line below it or in the block below it. Remove it, or move it above the finding.`,

  fixReplaceAction: (old, suggestion) => `Replace ${old} with ${suggestion}`,
  fixAddToStatement: (actions, statement) => `Add ${actions.join(', ')} to statement ${statement}`,
  fixInsertStatement: ({ actions, label, withData, fill }) =>
    `Insert the official statement for ${actions.join(', ')} (${label})${withData ? ' and the data sources it uses' : ''}${fill.length ? ` (fill in ${fill.join(', ')})` : ''}`,
  fixAddCondition: (keys, fill) => `Add the ${keys.join(', ')} condition to the trust policy${fill.length ? ` (fill in ${fill.join(', ')})` : ''}`,
  fixRemoveUnusedSuppression: () => 'Remove the unused suppression',
  fixIgnore: (id) => `Ignore ${id} in this block, with a reason (written after --)`,
  fixAll: (count) => `Fix all AgentCore IAM findings in this file (${count})`,

  cliOtherFindings: () => 'Other findings',
  cliRoleHeading: (role, kind) => `${role}${kind ? ` (${kind})` : ''}`,
  cliSummary: ({ findings, errors, warnings, information, hints, roles, problems, suppressed }) =>
    `${findings} finding(s): ${errors} error(s), ${warnings} warning(s), ${information} information, ${hints} hint(s)` +
    ` in ${roles} role(s)${problems ? `; ${problems} file problem(s)` : ''}` +
    (suppressed ? `; ${suppressed} suppressed in source (listed with --format json or sarif)` : ''),
  cliApplied: (fixes, files) => `agentcore-iam: applied ${fixes} fix(es) to ${files} file(s)\n`,
  cliFixNotApplied: (what) => `agentcore-iam: fix not applied to ${what}\n`,
  cliNoRole: (files, unfollowed) => {
    const why = unfollowed
      ? `${unfollowed} module call(s) or role reference(s) could not be followed (the problems above say which and why), so the roles they lead to were not checked: this is not a clean result`
      : 'no AgentCore resource (aws_bedrockagentcore_*, awscc_bedrockagentcore_*) names a role of the configuration, and no role or JSON trust policy lets bedrock-agentcore.amazonaws.com assume it';
    return `agentcore-iam: no AgentCore role judged in ${files} file(s): ${why}\n`;
  },
  cliDidNotFinish: (count, rules) => `agentcore-iam: the analysis did not finish (${count} problem(s): ${rules.join(', ')}); the findings above are not complete\n`,
  cliIncomplete: (count, rules) => `The analysis did not finish: ${count} problem(s) above say where and why (${rules.join(', ')}). This is not a clean result.`,

  hoverNotAction: (reason, suggestion) => `${reason.replace('-', ' ')}${suggestion ? ` — did you mean ${suggestion}?` : ''}`,
  hoverMatches: (count, list) => `matches ${count} action${count === 1 ? '' : 's'}: ${list}`,
  hoverResourceTypes: (list) => `Resource types: ${list}`,
  hoverWildcardOnly: () => 'Resource: `*` only (no resource-level permissions)',
  hoverConditionKeys: (list) => `Condition keys: ${list}`,
  hoverSources: (list) => `Sources: ${list}`,
  hoverSourceRead: (key, read) => `${key}, read ${read}`,
  hoverDependsOn: (list) => `Depends on: ${list}`,
  hoverDocumentation: () => 'Documentation',
  hoverRoleTitle: (address, kinds, components) => `${address}: ${kinds} role${components ? ` of ${components}` : ''}`,
  hoverRoleHeader: () => '| | requirement | verdict | granted by |',
  hoverVerdict: (verdict) => verdict.replace('-', ' '),
  hoverClass: (cls) => CLASS[cls] ?? cls,
  hoverStatement: () => 'statement',

  front: (text) => text,
};
