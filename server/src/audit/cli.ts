/**
 * `agentcore-iam audit --runtime-arn ARN [--region R] [--profile P] [--format text|json|markdown]
 *  [--workspace DIR] [--simulate]`
 * Exit: 0 every required statement granted; 1 findings at warning or above; 2 usage, credential or
 * API errors.
 */
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { auditRuntime, AuditUsageError } from './audit';
import { AuditFatalError, scrubSecrets } from './errors';
import { renderJson, renderMarkdown, renderText } from './render';
import type { AuditReport } from './types';
import type { WorkspaceModel } from '../core/workspace-model';
import { Workspace } from '../core/workspace';
import { clip, escapeControls } from '../core/quote';
import { cliMessagesFor } from '../core/messages/cli';
import { DEFAULT_SETTINGS } from '../core/settings';
import { AUDIT_SYNOPSIS as SYNOPSIS } from './synopsis';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: CliIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

export function exitCodeFor(report: AuditReport): number {
  if (report.problems.length || report.analysisError || !report.role) return 2;
  if (report.verdicts.length === 0 || report.verdicts.some((v) => v.rule === 'not-judged')) return 2;
  const sev = ['warning', 'error'];
  if (report.findings.some((f) => sev.includes(f.severity))) return 1;
  if (report.notes.some((n) => n.level === 'error')) return 1;
  return 0;
}

async function loadWorkspace(dir: string): Promise<WorkspaceModel> {
  const ws = await Workspace.create({ root: path.resolve(dir) });
  await ws.loadFromDisk();
  return ws.model();
}

export async function runAuditCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const args = argv[0] === 'audit' ? argv.slice(1) : argv;
  // The CLI's language (cli/main.ts puts --lang or LANG into the default settings).
  const c = cliMessagesFor(DEFAULT_SETTINGS.locale);
  const USAGE = c.usage(SYNOPSIS);
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: {
        'runtime-arn': { type: 'string' },
        'runtime-id': { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        format: { type: 'string', default: 'text' },
        workspace: { type: 'string' },
        simulate: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    io.stderr(`${c.argumentError(e as Error & { code?: string })}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) { io.stdout(USAGE + '\n'); return 0; }
  const format = String(values.format);
  if (!['text', 'json', 'markdown'].includes(format)) { io.stderr(`${c.auditFormat(format)}\n${USAGE}\n`); return 2; }
  if (!values['runtime-arn'] && !values['runtime-id']) { io.stderr(`${c.auditRuntimeRequired()}\n${USAGE}\n`); return 2; }

  let workspace: WorkspaceModel | undefined;
  if (values.workspace) {
    try { workspace = await loadWorkspace(String(values.workspace)); }
    catch (e) { io.stderr(c.auditWorkspaceNotAnalysed(String(values.workspace), escapeControls(clip(String((e as Error)?.message ?? e), 300)))); }
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const report = await auditRuntime({
      runtimeArn: values['runtime-arn'] as string | undefined,
      runtimeId: values['runtime-id'] as string | undefined,
      region: values.region as string | undefined,
      profile: values.profile as string | undefined,
      simulate: !!values.simulate,
      workspace,
      signal: controller.signal,
    });
    io.stdout(format === 'json' ? renderJson(report) + '\n' : format === 'markdown' ? renderMarkdown(report) + '\n' : renderText(report));
    return exitCodeFor(report);
  } catch (e) {
    if (e instanceof AuditFatalError || e instanceof AuditUsageError) {
      io.stderr(c.auditError(e.message));
      return 2;
    }
    io.stderr(c.auditError(scrubSecrets(String((e as Error)?.message ?? e))));
    return 2;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
