/**
 * `agentcore-iam catalog [--format markdown|json]`: prints what the analysis checks, with sources,
 * dates read, conflicts and reasoning (the markdown is docs/catalog.md; the JSON is for CI to pin).
 */
import { catalogJson, catalogMarkdown } from '../core/catalog/render';
import type { Io } from './check';

export const CATALOG_USAGE = 'usage: agentcore-iam catalog [--format markdown|json]';

export function runCatalogCli(argv: string[], io: Io): number {
  let format = 'markdown';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--format(?:=(.*))?$/.exec(a);
    if (m) {
      const v = m[1] ?? argv[++i];
      if (v !== 'markdown' && v !== 'json') {
        io.stderr(`agentcore-iam catalog: --format must be markdown or json${v === undefined ? '' : `, not '${v}'`}\n${CATALOG_USAGE}\n`);
        return 2;
      }
      format = v;
      continue;
    }
    if (a === '--help' || a === '-h') {
      io.stdout(`${CATALOG_USAGE}\n`);
      return 0;
    }
    io.stderr(`agentcore-iam catalog: unknown argument '${a}'\n${CATALOG_USAGE}\n`);
    return 2;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(catalogJson(), null, 2)}\n` : `${catalogMarkdown()}\n`);
  return 0;
}
