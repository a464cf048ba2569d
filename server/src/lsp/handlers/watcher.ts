/** `workspace/didChangeWatchedFiles`: files created/changed/deleted on disk update the model. */
import { FileChangeType, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
import { uriToFile } from './diagnostics';
import type { Project } from '../project';

export async function watchedFilesChanged(params: DidChangeWatchedFilesParams, project: Project): Promise<void> {
  for (const change of params.changes) {
    const file = uriToFile(change.uri);
    if (!file) continue;
    if (change.type === FileChangeType.Deleted) await project.removed(file);
    else await project.reloadFromDisk(file);
  }
}
