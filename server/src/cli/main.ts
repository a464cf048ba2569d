/**
 * The CLI entry (esbuild -> dist/cli.js, bin `agentcore-iam`).
 *   agentcore-iam check [DIR] [--format text|json|sarif] [--fail-on LEVEL] [--fix]
 *   agentcore-iam audit ... (live audit, server/src/audit/cli.ts)
 *   agentcore-iam catalog [--format markdown|json] (cli/catalog.ts)
 *   --lang en|ja anywhere: the language of messages (else LC_ALL, LC_MESSAGES, LANG: ja_JP.UTF-8 is Japanese)
 */
import { CHECK_USAGE, runCheckCli, type Io } from './check';
import { runCatalogCli } from './catalog';
import { tuneForBatchRun } from './engine-flags';
import { setVersion } from './render';
import { localeFromEnv, toLocale, type Locale } from '../core/messages';
import { DEFAULT_SETTINGS } from '../core/settings';
import pkg from '../../../package.json';

const USAGE = `agentcore-iam ${pkg.version}: checks the IAM roles of Amazon Bedrock AgentCore components in Terraform

${CHECK_USAGE}
       agentcore-iam audit --runtime-arn ARN [--region R] [--profile P] [--format text|json|markdown] [--workspace DIR] [--simulate]
       agentcore-iam catalog [--format markdown|json]
       agentcore-iam --help | --version
       --lang en|ja (any command): the language of messages; without it LC_ALL, LC_MESSAGES or LANG (ja_JP.UTF-8: Japanese)

Exit codes: 0 nothing at or above --fail-on (default warning), 1 findings at or above it, 2 usage or I/O error,
or an analysis that could not finish (a module that calls itself, a configuration too deep to evaluate).
`;

/**
 * `--lang X` / `--lang=X` taken out of the arguments (any command accepts it), else the environment's
 * language (POSIX order: LC_ALL, LC_MESSAGES, LANG). Unknown languages are English.
 */
export function takeLang(argv: string[], env: Record<string, string | undefined>): { argv: string[]; locale: Locale } {
  const rest: string[] = [];
  let tag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest.push(...argv.slice(i)); break; }
    if (a === '--lang' && i + 1 < argv.length) tag = argv[++i];
    else if (a.startsWith('--lang=')) tag = a.slice('--lang='.length);
    else rest.push(a);
  }
  return { argv: rest, locale: tag !== undefined ? toLocale(tag) : localeFromEnv(env) };
}

export async function main(argv: string[], io: Io, env: Record<string, string | undefined> = process.env): Promise<number> {
  setVersion(pkg.version);
  const lang = takeLang(argv, env);
  // Every analysis of this run starts from the default settings (withDefaults): they carry the language.
  if (lang.locale === 'en') delete DEFAULT_SETTINGS.locale;
  else DEFAULT_SETTINGS.locale = lang.locale;
  const [cmd, ...rest] = lang.argv;
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
