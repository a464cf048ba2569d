/**
 * The language server's composition root: wires the connection to the Project (one WorkspaceIndex
 * per folder) and the handlers. Every handler catches: it logs, reports through the status
 * notification and returns an empty result; the server keeps serving other files.
 */
import './engine-flags'; // first: V8 flags before anything else allocates
import {
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Project } from './project';
import { createServerConnection } from './wire';
import { Status } from './status';
import { getClientLocale, setClientLocale, toAnalysisSettings, type ClientSettings } from './handlers/settings';
import { serverMessagesFor, type ServerStep } from '../core/messages/server';
import { codeActions, FIX_ALL_KIND } from './handlers/codeActions';
import { hover } from './handlers/hover';
import { ModuleRootWatch, watchedFilesChanged } from './handlers/watcher';
import { diagnosticSupport, uriToFile } from './handlers/diagnostics';
import { pathToFileURL } from 'node:url';

const connection = createServerConnection();
const documents = new TextDocuments(TextDocument);
const status = new Status(connection);
let project: Project;
let roots: string[] = [];
let initSettings: ClientSettings | undefined;
let configCapability = false;
let foldersCapability = false;
let watchCapability = false;
/** The client takes watchers relative to a folder of their own (LSP 3.17 RelativePattern): module folders outside the workspace are watched. */
let relativeWatchCapability = false;

/**
 * The files whose changes on disk the server follows (edits outside the editor, `git checkout`):
 * registered with the client, so that any LSP client that can watch files sends them, VS Code included.
 */
const WATCHED = ['**/*.tf', '**/*.json'];

function safe<A extends unknown[], R>(name: ServerStep, empty: R, fn: (...a: A) => R | Promise<R>): (...a: A) => Promise<R> {
  return async (...a: A) => {
    try {
      return await fn(...a);
    } catch (e) {
      status.error(name, e);
      return empty;
    }
  };
}

process.on('uncaughtException', (e) => status.error('uncaught exception', e));
process.on('unhandledRejection', (e) => status.error('unhandled rejection', e));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  configCapability = !!params.capabilities.workspace?.configuration;
  foldersCapability = !!params.capabilities.workspace?.workspaceFolders;
  watchCapability = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  relativeWatchCapability = watchCapability && !!params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
  const opts = params.initializationOptions as { settings?: ClientSettings } | undefined;
  initSettings = opts?.settings;
  setClientLocale(params.locale); // messages in the client's language (core/messages), English by default
  roots = (params.workspaceFolders ?? []).map((f) => uriToFile(f.uri)).filter((f): f is string => !!f);
  if (!roots.length && params.rootUri) {
    const r = uriToFile(params.rootUri);
    if (r) roots.push(r);
  }
  project = new Project(connection, status, toAnalysisSettings(initSettings));
  project.setDiagnosticSupport(diagnosticSupport(params.capabilities.textDocument?.publishDiagnostics));
  // Documents opened before the workspace's folders are added wait for them (set again below).
  project.looseFolders = false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'agentcore-iam' },
  };
});

async function pullSettings(root?: string): Promise<ClientSettings | undefined> {
  if (!configCapability) return initSettings;
  try {
    const scopeUri = root ? pathToFileURL(root).toString() : undefined;
    return (await connection.workspace.getConfiguration({ section: 'agentcoreIam', scopeUri })) as ClientSettings;
  } catch {
    return initSettings;
  }
}

/** Resource-scoped settings, per workspace folder. */
async function pullAllSettings(): Promise<void> {
  for (const f of project.folders) {
    const raw = await pullSettings(f.root);
    if (raw) project.updateSettings(toAnalysisSettings(raw), f.root);
  }
}

connection.onInitialized(
  safe('initialized', undefined, async () => {
    if (configCapability) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'agentcoreIam' });
    if (watchCapability) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED.map((globPattern) => ({ globPattern })) });
    // Module folders outside the workspace that its configuration calls: watched each on its own base URI.
    if (relativeWatchCapability) {
      const watch = new ModuleRootWatch((watchers) => connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }));
      project.onModuleRoots = (r) => void watch.update(r);
    } else project.onModuleRoots = (r) => {
      if (r.length) project.log(project.say().logModulesNotWatched(r));
    };
    if (foldersCapability) connection.workspace.onDidChangeWorkspaceFolders(
      safe('workspace folders', undefined, async (e) => {
        for (const r of e.removed) {
          const f = uriToFile(r.uri);
          if (f) project.removeFolder(f);
        }
        for (const a of e.added) {
          const f = uriToFile(a.uri);
          if (!f) continue;
          const raw = await pullSettings(f);
          project.addFolderSettings(f, raw ? toAnalysisSettings(raw) : undefined);
          project.addFolder(f);
        }
        project.scheduleAll();
      }),
    );
    const settings = await pullSettings();
    if (settings) project.updateSettings(toAnalysisSettings(settings));
    for (const r of roots) {
      const raw = await pullSettings(r);
      project.addFolderSettings(r, raw ? toAnalysisSettings(raw) : undefined);
    }
    status.send({ state: 'indexing', files: 0 });
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const say = serverMessagesFor(getClientLocale()); // the progress in the client's language ('AgentCore IAM' is the product's name)
    progress?.begin('AgentCore IAM', 0, say.progressIndexing, false);
    for (const r of roots) {
      project.addFolder(r, (done, total, root) => {
        progress?.report(Math.round((done / total) * 100), say.progressIndexed(root));
      });
    }
    // The workspace's folders are known: a file opened outside them from now on gets its own.
    project.looseFolders = true;
    await Promise.all(project.folders.map((f) => f.ready));
    progress?.done();
    // Open documents are authoritative over what was read from disk.
    for (const doc of documents.all()) {
      const file = uriToFile(doc.uri);
      if (file) await project.setText(file, doc.getText(), true, doc.version);
    }
    project.scheduleAll();
  }),
);

connection.onDidChangeConfiguration(
  safe('configuration', undefined, async (change) => {
    if (!configCapability) {
      project.updateSettings(toAnalysisSettings((change.settings as { agentcoreIam?: ClientSettings } | undefined)?.agentcoreIam));
      return;
    }
    await pullAllSettings();
  }),
);

documents.onDidOpen(
  safe('didOpen', undefined, async (e) => {
    const file = uriToFile(e.document.uri);
    if (file && project) await project.setText(file, e.document.getText(), true, e.document.version);
  }),
);
documents.onDidChangeContent(
  safe('didChange', undefined, async (e) => {
    const file = uriToFile(e.document.uri);
    if (file && project) await project.setText(file, e.document.getText(), false, e.document.version);
  }),
);
documents.onDidClose(
  safe('didClose', undefined, async (e) => {
    const file = uriToFile(e.document.uri);
    if (file && project) await project.reloadFromDisk(file, true);
  }),
);

connection.onDidChangeWatchedFiles(safe('watched files', undefined, (p) => watchedFilesChanged(p, project)));
connection.onCodeAction(safe('code actions', [], async (p, token) => {
  // Asked for during the first index or just after an edit: answered from the analysis of the texts as they are.
  const file = uriToFile(p.textDocument.uri);
  if (file) await project.whenCurrent(file, token);
  return codeActions(p, project);
}));
connection.onHover(safe('hover', null, (p) => hover(p, project)));
connection.onRequest('agentcoreIam/reanalyse', safe('reanalyse', null, () => { project.scheduleAll(); return null; }));

documents.listen(connection);
connection.listen();
