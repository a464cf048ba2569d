/**
 * The CLI entry (esbuild -> dist/cli.js, bin `agentcore-iam`).
 *   agentcore-iam check [DIR] [--format text|json|sarif] [--fail-on LEVEL] [--fix]
 *   agentcore-iam audit ... (live audit, server/src/audit/cli.ts)
 *   agentcore-iam catalog [--format markdown|json] (cli/catalog.ts)
 *   --lang en|ja anywhere: the language of messages (else LC_ALL, LC_MESSAGES, LANG: ja_JP.UTF-8 is Japanese)
 */
import { CHECK_SYNOPSIS, runCheckCli, type Io } from './check';
import { CATALOG_SYNOPSIS, runCatalogCli } from './catalog';
import { tuneForBatchRun } from './engine-flags';
import { setVersion } from './render';
import { localeFromEnv, toLocale, type Locale } from '../core/messages';
import { cliMessagesFor } from '../core/messages/cli';
import { DEFAULT_SETTINGS } from '../core/settings';
import { AUDIT_SYNOPSIS } from '../audit/synopsis'; // a file of its own: `check` starts without the audit and its SDK
import pkg from '../../../package.json';

/** The help in the run's language (main() has put --lang or LANG into the default settings). */
const usage = () => cliMessagesFor(DEFAULT_SETTINGS.locale).help({ version: pkg.version, check: CHECK_SYNOPSIS, audit: AUDIT_SYNOPSIS, catalog: CATALOG_SYNOPSIS });

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
    (cmd === undefined ? io.stderr : io.stdout)(usage());
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
  io.stderr(`agentcore-iam: ${cliMessagesFor(DEFAULT_SETTINGS.locale).unknownCommand(cmd)}\n\n${usage()}`);
  return 2;
}

if (require.main === module) {
  tuneForBatchRun();
  // A reader that stops reading (`| head`) closes the pipe: end quietly, as other Unix tools do,
  // rather than with an unhandled EPIPE stack.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
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
