/**
 * The audit's synopsis, for its own usage (audit/cli.ts) and the CLI's help (cli/main.ts). A file of
 * its own, importing nothing: `check` prints the help without loading the audit and its AWS SDK.
 */
export const AUDIT_SYNOPSIS = 'agentcore-iam audit --runtime-arn ARN [--region R] [--profile P] [--format text|json|markdown] [--workspace DIR] [--simulate]';
