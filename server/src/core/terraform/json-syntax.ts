/**
 * Terraform's JSON syntax (`*.tf.json`, what CDK for Terraform writes) is not read yet. A file in it
 * that declares IAM or AgentCore resources or data sources is reported, and the roles of every root
 * module whose folders hold one are judged without it: its policies may grant what they need, so a
 * statement they lack is unknown (it depends on that file), never missing.
 */
import * as path from 'node:path';
import { offsetMapper } from '../json/policy';
import type { FileProblem } from '../workspace-model';

export const TF_JSON_SUFFIX = '.tf.json';

/** A JSON key naming an IAM or AgentCore resource type (hashicorp/aws and hashicorp/awscc). */
const RELEVANT_KEY = /"((?:aws|awscc)_(?:iam|bedrockagentcore)_[A-Za-z0-9_]+)"\s*:/;

/** The problem of a `.tf.json` file that declares IAM or AgentCore resources; undefined for any other file. */
export function unreadTerraformJson(file: string, text: string): FileProblem | undefined {
  if (!file.endsWith(TF_JSON_SUFFIX)) return undefined;
  const m = RELEVANT_KEY.exec(text);
  if (!m) return undefined;
  const at = offsetMapper(text);
  const start = m.index + 1;
  return {
    rule: 'file-skipped',
    severity: 'warning',
    file,
    range: { start: at(start), end: at(start + m[1].length) },
    message: `Terraform JSON syntax (${path.basename(file)}) is not analysed yet: its ${m[1]} and every other IAM or AgentCore resource in it are not checked, and the roles of its module are judged without its policies (what they lack is reported as unknown, not missing).`,
  };
}

/** What a role's verdicts depend on while an unread `.tf.json` file sits in its root module's folders. */
export function unreadTerraformJsonDependency(root: string, file: string): string {
  return `${path.relative(root, file) || path.basename(file)} (Terraform JSON syntax, not analysed)`;
}
