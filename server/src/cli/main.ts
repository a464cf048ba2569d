/**
 * The CLI entry (esbuild -> dist/cli.js, bin `agentcore-iam`).
 *   agentcore-iam check [DIR] [--format text|json|sarif] [--fail-on LEVEL] [--fix]
 *   agentcore-iam audit ... (live audit, server/src/audit/cli.ts)
 *   agentcore-iam catalog [--format markdown|json] (cli/catalog.ts)
 */
import { CHECK_USAGE, runCheckCli, type Io } from './check';
import { runCatalogCli } from './catalog';
import { tuneForBatchRun } from './engine-flags';
import { setVersion } from './render';
import pkg from '../../../package.json';

const USAGE = `agentcore-iam ${pkg.version}: checks the IAM roles of Amazon Bedrock AgentCore components in Terraform

${CHECK_USAGE}
       agentcore-iam audit --runtime-arn ARN [--region R] [--profile P] [--format text|json|markdown] [--workspace DIR] [--simulate]
       agentcore-iam catalog [--format markdown|json]
       agentcore-iam --help | --version

Exit codes: 0 nothing at or above --fail-on (default warning), 1 findings at or above it, 2 usage or I/O error,
or an analysis that could not finish (a module that calls itself, a configuration too deep to evaluate).
`;

export async function main(argv: string[], io: Io): Promise<number> {
  setVersion(pkg.version);
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    (cmd === undefined ? io.stderr : io.stdout)(USAGE);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  if (cmd === 'check') return runCheckCli(rest, io);
  if (cmd === 'catalog') return runCatalogCli(rest, io);
  // The live audit (and the AWS SDK it bundles) is loaded only for `audit`: `check` starts without it.
  if (cmd === 'audit') return (await import('../audit/cli.js')).runAuditCli(rest, io);
  io.stderr(`agentcore-iam: unknown command '${cmd}'\n\n${USAGE}`);
  return 2;
}

if (require.main === module) {
  tuneForBatchRun();
  const io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`agentcore-iam: ${(e as Error)?.stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
