/**
 * `agentcore-iam catalog [--format markdown|json]`: prints what the analysis checks, with sources,
 * dates read, conflicts and reasoning (the markdown is docs/catalog.md; the JSON is for CI to pin).
 */
import { catalogJson, catalogMarkdown } from '../core/catalog/render';
import type { Io } from './check';
import { cliMessagesFor } from '../core/messages/cli';
import { DEFAULT_SETTINGS } from '../core/settings';

export const CATALOG_SYNOPSIS = 'agentcore-iam catalog [--format markdown|json]';

export function runCatalogCli(argv: string[], io: Io): number {
  // The CLI's language (cli/main.ts puts --lang or LANG into the default settings).
  const c = cliMessagesFor(DEFAULT_SETTINGS.locale);
  const usage = c.usage(CATALOG_SYNOPSIS);
  let format = 'markdown';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--format(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[1] ?? argv[++i];
      if (v !== 'markdown' && v !== 'json') {
        io.stderr(`agentcore-iam catalog: ${c.catalogFormat(v)}\n${usage}\n`);
        return 2;
      }
      format = v;
      continue;
    }
    if (a === '--help' || a === '-h') {
      io.stdout(`${usage}\n`);
      return 0;
    }
    io.stderr(`agentcore-iam catalog: ${c.unknownArgument(a)}\n${usage}\n`);
    return 2;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(catalogJson(), null, 2)}\n` : `${catalogMarkdown()}\n`);
  return 0;
}
