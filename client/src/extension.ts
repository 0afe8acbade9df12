/**
 * The VS Code extension: starts the language server and wires the cluster view.
 * Activation stays cheap: the cluster code (and @kubernetes/client-node) loads only when the
 * cluster view or a diagnose command is first used.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerClusterFeatures } from './views/clusterFeatures';

let client: LanguageClient | undefined;

export interface KubeExposeApi {
  /** The running language client (tests use it to wait for the server). */
  languageClient(): LanguageClient | undefined;
  log: vscode.LogOutputChannel;
  /** How long `activate` took, in ms (read by bench/activation.mjs through the e2e harness). */
  activationMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<KubeExposeApi> {
  const started = Date.now();
  const log = vscode.window.createOutputChannel('Kube Expose', { log: true });
  context.subscriptions.push(log);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'kube-expose-live', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: 'kubeExpose',
      // The server's workspace index follows YAML files created, changed or deleted on disk, and
      // folders created or deleted: a watcher misses files written into a folder it has not started
      // watching yet, so the server reads a new folder itself.
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'), vscode.workspace.createFileSystemWatcher('**/*', false, true, false)],
    },
    outputChannel: log,
    traceOutputChannel: log,
  };
  client = new LanguageClient('kubeExpose', 'Kube Expose Language Server', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('kubeExpose.showOutput', () => log.show(true)),
    vscode.commands.registerCommand('kubeExpose.restartServer', async () => {
      await client?.restart();
      log.info('language server restarted');
    }),
    vscode.commands.registerCommand('kubeExpose.showConversionNotes', async (title: string, notes: string[]) => {
      log.info(`${title}:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
      const choice = await vscode.window.showInformationMessage(`${title}: ${notes[0]}${notes.length > 1 ? ` (+${notes.length - 1} more)` : ''}`, 'Show all');
      if (choice === 'Show all') log.show(true);
    }),
    // The Service CodeLens ("selects N pods from ... · routed from Ingress ...") shows what it names.
    vscode.commands.registerCommand('kubeExpose.showReferences', (uri: string, position: { line: number; character: number }, locations: Array<{ uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>) => {
      const conv = client?.protocol2CodeConverter;
      if (!conv) return;
      return vscode.commands.executeCommand('editor.action.showReferences', conv.asUri(uri), conv.asPosition(position), locations.map((l) => conv.asLocation(l)));
    }),
    vscode.commands.registerCommand('kubeExpose.openSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', '@ext:kube-expose.kube-expose'),
    ),
  );

  // The server's index skips what files.exclude hides: tell it when that changes (it reads the
  // setting itself, per workspace folder).
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('files.exclude') && client?.isRunning()) void client.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
  );

  registerClusterFeatures(context, log);

  // Start the server without blocking activation; errors go to the log and a notification.
  client.start().then(
    () => log.info(`language server started (${Date.now() - started} ms after activation began)`),
    (e: unknown) => {
      log.error(`language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('Kube Expose: the language server failed to start. See "Kube Expose: Show Log".');
    },
  );
  const activationMs = Date.now() - started;
  log.info(`activated in ${activationMs} ms`);
  return { languageClient: () => client, log, activationMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
