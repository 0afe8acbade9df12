/**
 * The language server: a thin translation layer. LSP events in, core calls, LSP messages out.
 * It owns debouncing, settings and document state, and holds no Kubernetes knowledge.
 */
import {
  CodeActionKind,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as core from './core';
import { heapMode, openTextSize } from './heap';
import { toCompletionItem, toDiagnostic, toDocumentSymbol, toHover, toTextEdit } from './convert';
import { canonicalUri, WorkspaceIndexer } from './workspace/indexer';
import { indexWorkspace, readFilesExclude, registerNavigation } from './workspace/lsp';

/** `source.fixAll.kube-expose`: VS Code runs it for "Fix All" and on save when configured. */
const FIX_ALL = `${CodeActionKind.SourceFixAll}.kube-expose`;

interface DocState {
  uri: string;
  doc: TextDocument;
  parsed?: core.ParsedFile;
  parsedVersion?: number;
  /** The one edit from the parsed version to the current one, when there was exactly one. */
  change?: core.TextChange;
  findings?: core.Finding[];
  /** The document version `findings` were computed for. */
  findingsVersion?: number;
  /** Findings of unchanged documents, reused across edits. */
  cache: core.AnalysisCache;
  /** The user was told once that this file is over the large-file limit. */
  toldLarge?: boolean;
  /** When the document was last checked (for the debounce's leading edge). */
  lastRun?: number;
  timer?: NodeJS.Timeout;
}

export interface ServerOptions {
  /** Delay between the last edit and validation, in ms, unless settings say otherwise. */
  debounceMs?: number;
  /** Checkers to run (tests inject faults through this); the core's registry when absent. */
  checkers?: readonly core.Checker[];
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const docs = new Map<string, DocState>();
  let settings: core.Settings = core.normalizeSettings({});
  let debounceMs = options.debounceMs ?? 10;
  let hasConfigurationCapability = false;
  let snippetEdits = false;
  let reportedCrash = false;

  const log = (msg: string) => connection.console.log(msg);
  /** A message for the user. A notification, not a request: a client that can't answer must not take the server down. */
  const tell = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });

  // ---- workspace index (cross-file checks and navigation) ----
  const indexer = new WorkspaceIndexer(log);
  let workspaceFolders: string[] = [];
  let progressSupported = false;
  let workspaceFoldersSupported = false;
  let codeLensRefreshSupported = false;
  /** Cross-file checks wait for the first full index, so a half-built index never shows false findings. */
  const workspaceForChecks = () => (indexer.ready ? indexer.index : undefined);
  /** Re-checks open documents (except `except`) when something they may depend on changed. */
  function recheckOpenDocuments(except?: DocState): void {
    for (const other of docs.values()) if (other !== except) schedule(other);
    if (codeLensRefreshSupported) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }
  /** The `files.exclude` the index was last built with (JSON), to re-index only when it changes. */
  let indexedExclude: string | undefined;
  async function startIndexing(): Promise<void> {
    try {
      const filesExclude = hasConfigurationCapability ? await readFilesExclude(connection, workspaceFolders[0]) : null;
      indexedExclude = JSON.stringify(filesExclude);
      await indexWorkspace(connection, indexer, workspaceFolders, progressSupported, filesExclude);
    } catch (e) {
      connection.console.error(`indexing the workspace failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      indexer.ready = true;
    }
    recheckOpenDocuments();
  }

  connection.onInitialize((params): InitializeResult => {
    hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
    workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    progressSupported = !!params.capabilities.window?.workDoneProgress;
    workspaceFoldersSupported = !!params.capabilities.workspace?.workspaceFolders;
    codeLensRefreshSupported = !!params.capabilities.workspace?.codeLens?.refreshSupport;
    const wsEdit = params.capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean; documentChanges?: boolean } | undefined;
    snippetEdits = !!wsEdit?.snippetEditSupport && !!wsEdit?.documentChanges;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) settings = core.normalizeSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '/', '-', '"', "'"], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-expose-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (workspaceFoldersSupported) connection.workspace.onDidChangeWorkspaceFolders(onWorkspaceFoldersChanged);
    await refreshSettings();
    void startIndexing();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!hasConfigurationCapability && change.settings) {
      const s = (change.settings as { kubeExpose?: unknown }).kubeExpose ?? change.settings;
      settings = core.normalizeSettings(s);
    } else {
      await refreshSettings();
    }
    for (const st of docs.values()) schedule(st, 0);
    // The client also signals changes of files.exclude: what the index skips may have changed.
    if (hasConfigurationCapability && indexedExclude !== undefined && JSON.stringify(await readFilesExclude(connection, workspaceFolders[0])) !== indexedExclude) {
      log('files.exclude changed: indexing the workspace again');
      void startIndexing();
    }
  });

  function onWorkspaceFoldersChanged(event: { added: Array<{ uri: string }>; removed: Array<{ uri: string }> }): void {
    const removed = new Set(event.removed.map((f) => f.uri));
    workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri).filter((u) => !workspaceFolders.includes(u))];
    log(`workspace folders changed (${event.added.length} added, ${event.removed.length} removed): indexing again`);
    void startIndexing();
  }

  async function refreshSettings(): Promise<void> {
    if (!hasConfigurationCapability) return;
    try {
      const s = await connection.workspace.getConfiguration('kubeExpose');
      settings = core.normalizeSettings(s);
      const d = (s as { diagnosticsDelay?: unknown } | null)?.diagnosticsDelay;
      if (typeof d === 'number' && d >= 0) debounceMs = d;
    } catch (e) {
      log(`could not read settings, keeping defaults: ${String(e)}`);
    }
  }

  /** Characters held by the open documents (for the heap policy, heap.ts). */
  function openText(): number {
    let n = 0;
    for (const d of docs.values()) n += d.doc.getText().length;
    return n;
  }

  function parsed(st: DocState): core.ParsedFile {
    if (!st.parsed || st.parsedVersion !== st.doc.version) {
      st.parsed = core.parseFile(st.doc.getText(), st.parsed, st.change);
      st.parsedVersion = st.doc.version;
      st.change = undefined;
    }
    return st.parsed;
  }

  function validate(st: DocState): void {
    const version = st.doc.version;
    const file = parsed(st);
    const crossChanged = indexer.updateOpen(st.uri, file);
    // Other open documents are re-checked only when what they can see of this one changed; the
    // comparison runs after this document's own diagnostics are out.
    setImmediate(() => crossChanged() && indexer.ready && recheckOpenDocuments(st));
    if (file.lines.lineCount > settings.largeFileLineLimit && !st.toldLarge) {
      st.toldLarge = true;
      const msg = `kube-expose: ${st.uri.split('/').pop()} has ${file.lines.lineCount} lines, more than kubeExpose.largeFileLineLimit (${settings.largeFileLineLimit}); syntax and schema checks still run, the costlier ones are skipped.`;
      log(msg);
      tell(MessageType.Info, msg);
    }
    const findings = core.analyze(file, {
      settings,
      uri: canonicalUri(st.uri),
      workspace: workspaceForChecks(),
      cache: st.cache,
      checkers: options.checkers,
      onCheckerError: (checker, manifest, error) => {
        const where = `${st.uri} document ${manifest.index + 1} (${manifest.kind ?? '?'}/${manifest.name ?? '?'})`;
        connection.console.error(`checker ${checker} failed on ${where}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        if (!reportedCrash) {
          reportedCrash = true;
          tell(MessageType.Error, `kube-expose: the ${checker} check failed on a document; other checks still run. See the output channel for details.`);
        }
      },
    });
    if (docs.get(st.uri) !== st || st.doc.version !== version) return; // superseded
    st.findings = findings;
    st.findingsVersion = version;
    void connection.sendDiagnostics({ uri: st.uri, version, diagnostics: findings.map(toDiagnostic) });
  }

  /**
   * Debounce with a leading edge: the first change after a quiet spell is checked at once (the
   * person sees the result of a single edit immediately), the changes of a burst are coalesced and
   * checked `debounceMs` after the last one. Returns whether the check waits.
   */
  function schedule(st: DocState, delay = debounceMs): boolean {
    const run = () => {
      st.timer = undefined;
      st.lastRun = Date.now();
      try {
        validate(st);
      } catch (e) {
        connection.console.error(`validation failed for ${st.uri}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    };
    if (st.timer) clearTimeout(st.timer);
    const quiet = st.lastRun === undefined || Date.now() - st.lastRun >= Math.max(delay, 1) * 2;
    st.timer = setTimeout(run, quiet ? 0 : delay);
    return !quiet;
  }

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    const st: DocState = { uri: t.uri, doc: TextDocument.create(t.uri, t.languageId, t.version, t.text), cache: new core.AnalysisCache() };
    docs.set(t.uri, st);
    openTextSize(openText());
    schedule(st, 0);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const st = docs.get(t.uri);
    if (!st) return;
    // One edit to the parsed version lets the parse look only around it (core/yaml/parse.ts).
    const only = contentChanges.length === 1 && 'range' in contentChanges[0] ? contentChanges[0] : undefined;
    if (only && st.parsed && st.parsedVersion === st.doc.version) {
      const start = st.doc.offsetAt(only.range.start);
      st.change = { start, oldEnd: st.doc.offsetAt(only.range.end), newEnd: start + only.text.length };
    } else {
      st.change = undefined;
    }
    st.doc = TextDocument.update(st.doc, contentChanges, t.version);
    // In a burst the check waits for the debounce: parse now, during the wait. The check then has
    // only the analysis left, and the burst's next edit has this parse to build on (its edit hint
    // needs the version it edits parsed).
    if (schedule(st)) {
      try {
        parsed(st);
      } catch (e) {
        connection.console.error(`parsing failed for ${st.uri}: ${e instanceof Error ? e.stack : String(e)}`);
      }
    }
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    const st = docs.get(t.uri);
    if (st?.timer) clearTimeout(st.timer);
    docs.delete(t.uri);
    openTextSize(openText());
    void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
    void indexer.closeDoc(t.uri).then((changed) => changed && indexer.ready && recheckOpenDocuments());
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    void indexer.applyFileEvents(changes).then((changed) => changed && indexer.ready && recheckOpenDocuments());
  });

  connection.onCompletion(({ textDocument, position }) => {
    const st = docs.get(textDocument.uri);
    if (!st) return [];
    const file = parsed(st);
    const items = core.complete(file, file.lines.offsetAt(position), settings, canonicalUri(st.uri), indexer.index);
    return items.map((i) => toCompletionItem(i, file.lines));
  });

  connection.onHover(({ textDocument, position }) => {
    const st = docs.get(textDocument.uri);
    if (!st) return null;
    const file = parsed(st);
    const h = core.hover(file, file.lines.offsetAt(position), settings, canonicalUri(st.uri), indexer.index);
    return h ? toHover(h, file.lines) : null;
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const st = docs.get(textDocument.uri);
    if (!st) return [];
    const file = parsed(st);
    return core.documentSymbols(file).map((s) => toDocumentSymbol(s, file.lines));
  });

  connection.onCodeAction(({ textDocument, range, context }) => {
    const st = docs.get(textDocument.uri);
    if (!st) return [];
    const file = parsed(st);
    // Findings of an older version have offsets into older text: recompute when stale.
    if (st.findingsVersion !== st.doc.version) validate(st);
    if (context.only?.some((k) => FIX_ALL.startsWith(k))) return fixAll(st, file);
    const start = file.lines.offsetAt(range.start);
    const end = file.lines.offsetAt(range.end);
    const actions: CodeAction[] = [];
    // Only the kinds asked for (VS Code drops, with a warning, actions of kinds it did not request).
    const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    for (const f of wants(CodeActionKind.QuickFix) ? st.findings ?? [] : []) {
      if (!f.fixes?.length || f.end < start || f.start > end) continue;
      for (const fix of f.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [toDiagnostic(f)],
          isPreferred: fix.preferred,
          edit: { changes: { [st.uri]: fix.edits.map((e) => toTextEdit(e, file.lines)) } },
        });
      }
    }
    if (wants(CodeActionKind.RefactorRewrite)) actions.push(...conversionActions(st, file, start));
    return actions;
  });

  /** One action applying every preferred quick fix of the document whose edits don't overlap. */
  function fixAll(st: DocState, file: core.ParsedFile): CodeAction[] {
    const edits: core.TextEdit[] = [];
    for (const f of st.findings ?? []) {
      const fix = f.fixes?.find((x) => x.preferred);
      if (!fix) continue;
      if (fix.edits.some((e) => edits.some((o) => e.start < o.end && o.start < e.end) || edits.some((o) => o.start === e.start && o.end === e.end))) continue;
      edits.push(...fix.edits);
    }
    if (!edits.length) return [];
    return [{ title: 'Fix all kube-expose problems with an obvious fix', kind: FIX_ALL, edit: { changes: { [st.uri]: edits.map((e) => toTextEdit(e, file.lines)) } } }];
  }

  /** Refactorings that change how a Service or Ingress is exposed (core/convert), as code actions. */
  function conversionActions(st: DocState, file: core.ParsedFile, offset: number): CodeAction[] {
    return core.conversionsAt(file, offset, settings).map((c) => {
      const useSnippets = !!c.snippet && snippetEdits;
      const edits = useSnippets ? c.edits : c.plainEdits ?? c.edits;
      const action: CodeAction = { title: c.title, kind: CodeActionKind.RefactorRewrite };
      if (c.disabledReason) return { ...action, disabled: { reason: c.disabledReason } };
      if (useSnippets) {
        action.edit = {
          documentChanges: [{
            textDocument: { uri: st.uri, version: st.doc.version },
            edits: edits.map((e) => ({ range: file.lines.rangeOf(e.start, e.end), snippet: { kind: 'snippet', value: e.newText } })),
          }],
        };
      } else {
        const plain = edits.map((e) => ({ ...e, newText: c.snippet ? core.snippetToPlain(e.newText) : e.newText }));
        action.edit = { changes: { [st.uri]: plain.map((e) => toTextEdit(e, file.lines)) } };
      }
      if (c.notes.length) {
        action.command = { title: 'Show notes', command: 'kubeExpose.showConversionNotes', arguments: [c.title, c.notes] };
      }
      return action;
    });
  }

  registerNavigation(connection, indexer, (uri) => {
    const st = docs.get(uri);
    return st ? { uri: st.uri, file: parsed(st) } : undefined;
  });

  // Internal: figures for tests and troubleshooting (open documents, memory). `collectGarbage` runs a
  // full GC first when the server was started with --expose-gc (tests that bound the heap).
  connection.onRequest('kubeExpose/stats', (params?: { collectGarbage?: boolean }) => {
    if (params?.collectGarbage) (globalThis as { gc?: () => void }).gc?.();
    return { documents: docs.size, memory: process.memoryUsage(), heapMode: heapMode() };
  });

  connection.listen();
}
