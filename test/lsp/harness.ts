/**
 * Starts the built language server (dist/server.js) as a child process over stdio and speaks
 * LSP to it, so the protocol layer is tested without an editor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

export interface TestServer {
  connection: MessageConnection;
  process: ChildProcess;
  /** Settings answered to workspace/configuration. */
  settings: Record<string, unknown>;
  /** The `files.exclude` answered to workspace/configuration (null: none). */
  filesExclude: Record<string, boolean> | null;
  open(uri: string, text: string, languageId?: string): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  /** Resolves with the next diagnostics published for `uri` (optionally at a given version). */
  diagnostics(uri: string, version?: number, timeoutMs?: number): Promise<Diagnostic[]>;
  request<T>(method: string, params: unknown): Promise<T>;
  stop(): Promise<void>;
  stderr: string[];
  /** window/logMessage texts and window/showMessage notifications received so far. */
  logs: string[];
  messages: Array<{ type: number; message: string }>;
}

export async function startServer(settings: Record<string, unknown> = {}, rootUri: string | null = null, env: Record<string, string> = {}): Promise<TestServer> {
  const child = spawn(process.execPath, ['--expose-gc', SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const stderr: string[] = [];
  const logs: string[] = [];
  const messages: Array<{ type: number; message: string }> = [];
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const latest = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
  const state: { settings: Record<string, unknown>; filesExclude: Record<string, boolean> | null } = { settings, filesExclude: null };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    const list = latest.get(p.uri) ?? [];
    list.push(p);
    latest.set(p.uri, list);
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      if (w.uri === p.uri && (w.version === undefined || p.version === w.version)) {
        waiters.splice(i, 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
    p.items.map((i) => (i.section === 'kubeExpose' ? state.settings : i.section === 'files.exclude' ? state.filesExclude : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', (m: { message: string }) => {
    logs.push(m.message);
  });
  connection.onNotification('window/showMessage', (m: { type: number; message: string }) => {
    messages.push(m);
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
      window: { workDoneProgress: true },
    },
  });
  await connection.sendNotification('initialized', {});

  const server: TestServer = {
    connection,
    process: child,
    stderr,
    logs,
    messages,
    get settings() {
      return state.settings;
    },
    set settings(s) {
      state.settings = s;
    },
    get filesExclude() {
      return state.filesExclude;
    },
    set filesExclude(x) {
      state.filesExclude = x;
    },
    async open(uri, text, languageId = 'yaml') {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    },
    async change(uri, version, text) {
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    diagnostics(uri, version, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} (version ${version ?? 'any'}) within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        connection.sendNotification('exit');
      } catch {
        /* already gone */
      }
      connection.dispose();
      await new Promise<void>((r) => {
        if (child.exitCode !== null) return r();
        const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 3000);
        child.once('exit', () => { clearTimeout(t); r(); });
      });
    },
  };
  return server;
}
