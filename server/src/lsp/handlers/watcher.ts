/** `workspace/didChangeWatchedFiles`: files created/changed/deleted on disk update the model. */
import { FileChangeType, type DidChangeWatchedFilesParams, type Disposable, type FileSystemWatcher } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
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

/**
 * The watchers of module folders outside the workspace that its configuration calls (`../../modules/iam`
 * of `examples/basic`): a workspace-relative `**\/*.tf` does not reach them, so each folder is
 * watched with a relative pattern on its own URI (LSP 3.17 `{ baseUri, pattern }`), its own files
 * only, as core/module-files.ts reads them (not its subfolders).
 */
export function moduleRootWatchers(roots: readonly string[]): FileSystemWatcher[] {
  return roots.flatMap((root) => ['*.tf', '*.tf.json'].map((pattern) => ({ globPattern: { baseUri: pathToFileURL(root).toString(), pattern } })));
}

/**
 * Keeps one registration of the module folders' watchers (Project.onModuleRoots): a change of the
 * folders replaces it (the previous one is unregistered first), none when no folder is called.
 */
export class ModuleRootWatch {
  private registration: Promise<Disposable | undefined> = Promise.resolve(undefined);

  constructor(private readonly register: (watchers: FileSystemWatcher[]) => Promise<Disposable>) {}

  update(roots: readonly string[]): Promise<void> {
    const next = this.registration.then(async (previous) => {
      previous?.dispose();
      if (!roots.length) return undefined;
      try {
        return await this.register(moduleRootWatchers(roots));
      } catch {
        return undefined;
      }
    });
    this.registration = next;
    return next.then(() => undefined);
  }
}
