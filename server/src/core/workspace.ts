/**
 * The set of Terraform and JSON files of a workspace, kept parsed, and the model built from them.
 * Implementation owned by the Terraform/JSON front work (issue #2).
 *
 * - `setFile` is the keystroke path: it reparses only that file (tree-sitter, incrementally when
 *   the previous text is known) and invalidates only what depends on it.
 * - `model()` is cached and rebuilt incrementally.
 * - Never throws on bad input: syntax errors, unreadable or oversized files become FileProblems.
 */
import type { AnalysisSettings } from './settings';
import type { WorkspaceModel } from './workspace-model';

export interface WorkspaceOptions {
  /** Absolute path of the workspace root (the root Terraform module, or a folder of them). */
  root: string;
  settings?: Partial<AnalysisSettings>;
}

export class Workspace {
  private constructor(readonly root: string) {}

  /** Loads the parsers (tree-sitter wasm); does not read files. */
  static async create(options: WorkspaceOptions): Promise<Workspace> {
    void options;
    throw new Error('Workspace.create: not implemented yet');
  }

  /** Reads every `.tf`, `.tf.json` and `.json` file under the root (minus excludes and oversized files). */
  async loadFromDisk(): Promise<void> {
    throw new Error('Workspace.loadFromDisk: not implemented yet');
  }

  /** Sets (opens, edits, creates) a file's text. */
  setFile(file: string, text: string): void {
    void file; void text;
    throw new Error('Workspace.setFile: not implemented yet');
  }

  /** Forgets a file (deleted on disk, or closed and unreadable). */
  removeFile(file: string): void {
    void file;
    throw new Error('Workspace.removeFile: not implemented yet');
  }

  /** Current text of a file known to the workspace. */
  getText(file: string): string | undefined {
    void file;
    throw new Error('Workspace.getText: not implemented yet');
  }

  files(): string[] {
    throw new Error('Workspace.files: not implemented yet');
  }

  updateSettings(settings: Partial<AnalysisSettings>): void {
    void settings;
    throw new Error('Workspace.updateSettings: not implemented yet');
  }

  model(): WorkspaceModel {
    throw new Error('Workspace.model: not implemented yet');
  }
}
