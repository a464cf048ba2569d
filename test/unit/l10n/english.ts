/** What the l10n tests look for in a Japanese text: an English sentence left in it, once names, code and quoted data are taken out. */

export const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** Names that are English in Japanese writing too (AWS's page and product names, IAM's terms). */
export const PROPER = [
  'Service Authorization Reference', 'Use the full ARN when possible', 'InternalServerException - Policy evaluation failed',
  'DescribeLogGroups requires * (AWS limitation)', 'AWS managed', 'confused deputy', 'starter toolkit', 'Transaction Search',
  'Policy Engine', 'Service-Linked Role', 'Code Interpreter', 'Bedrock Mantle', 'S3 Files', 'CloudWatch Logs', 'AgentCore Runtime',
  'AgentCore Gateway', 'AgentCore Memory', 'AgentCore Evaluations', 'Payment Manager', 'assume-role policy',
];

/** What is left of a Japanese message once names, code and quoted text are taken out: no English sentence may be in it. */
export function englishLeft(message: string): string[] {
  // Quoted text and the ARNs' symbolic parts (`${credentialName of aws_bedrockagentcore_gateway.tools}`,
  // a named symbol `<the generated id suffix of aws_bedrockagentcore_agent_runtime.x>`) are data.
  let s = message.replace(/"[^"]*"/g, ' ').replace(/`[^`]*`/g, ' ').replace(/\$\{[^}]*\}/g, ' ').replace(/<[^<>\s][^<>]*>/g, ' ');
  for (const p of PROPER) s = s.split(p).join(' ');
  // Tokens with code characters (actions, ARNs, addresses, keys, flags, page names) and numbers.
  s = s.split(/[\s、。（）「」：]+/).filter((t) => !/[:/._*$<>{}=\-\d|#@]/.test(t)).join(' ');
  return s.match(/[A-Za-z]+(?:\s+[A-Za-z]+){2,}/g) ?? [];
}
