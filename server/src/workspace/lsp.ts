/**
 * LSP wiring of the workspace index: start-up indexing with progress, and the navigation requests
 * (definition, references, CodeLens). Translates between LSP and the core's navigation functions;
 * no Kubernetes knowledge here.
 */
import type { CodeLens, Connection, Location as LspLocation } from 'vscode-languageserver';
import * as core from '../core';
import { codeLenses, definition, references, type Location } from '../core/features/navigation';
import { canonicalUri, type ProgressSink, type WorkspaceIndexer } from './indexer';

/** The command a CodeLens runs: the client shows the listed locations (see client/src/extension.ts). */
export const SHOW_REFERENCES_COMMAND = 'kubeExpose.showReferences';

export interface OpenDocument {
  uri: string;
  file: core.ParsedFile;
}

function toLocation(l: Location): LspLocation | undefined {
  return l.range ? { uri: l.uri, range: l.range } : undefined;
}

function locations(list: Location[]): LspLocation[] {
  return list.map(toLocation).filter((x): x is LspLocation => !!x);
}

export function registerNavigation(connection: Connection, indexer: WorkspaceIndexer, docFile: (uri: string) => OpenDocument | undefined): void {
  connection.onDefinition(({ textDocument, position }) => {
    const d = docFile(textDocument.uri);
    if (!d) return [];
    return locations(definition(d.file, d.file.lines.offsetAt(position), canonicalUri(d.uri), indexer.index));
  });

  connection.onReferences(({ textDocument, position, context }) => {
    const d = docFile(textDocument.uri);
    if (!d) return [];
    return locations(references(d.file, d.file.lines.offsetAt(position), canonicalUri(d.uri), indexer.index, context?.includeDeclaration ?? false));
  });

  connection.onCodeLens(({ textDocument }) => {
    const d = docFile(textDocument.uri);
    if (!d) return [];
    return codeLenses(d.file, canonicalUri(d.uri), indexer.index).map((lens): CodeLens => {
      const range = d.file.lines.rangeOf(lens.span[0], lens.span[0]);
      const locs = locations(lens.locations);
      return {
        range: { start: range.start, end: d.file.lines.rangeOf(lens.span[1], lens.span[1]).end },
        command: { title: lens.title, command: locs.length ? SHOW_REFERENCES_COMMAND : '', arguments: locs.length ? [textDocument.uri, range.start, locs] : undefined },
      };
    });
  });
}

/**
 * The user's `files.exclude` (what the index skips), or null when the client does not answer. It is
 * a resource setting: asked for in the scope of the first workspace folder.
 */
export async function readFilesExclude(connection: Connection, folder?: string): Promise<Record<string, unknown> | null> {
  try {
    return ((await connection.workspace.getConfiguration({ section: 'files.exclude', scopeUri: folder })) as Record<string, unknown> | null) ?? null;
  } catch {
    return null;
  }
}

/** Indexes the workspace folders in the background, with `window/workDoneProgress` when the client supports it. */
export async function indexWorkspace(
  connection: Connection,
  indexer: WorkspaceIndexer,
  folders: string[],
  withProgress: boolean,
  filesExclude: Record<string, unknown> | null,
): Promise<void> {
  let sink: ProgressSink | undefined;
  if (withProgress && folders.length) {
    try {
      const reporter = await connection.window.createWorkDoneProgress();
      sink = {
        begin: (title, pct, msg) => reporter.begin(title, pct, msg ?? '', false),
        report: (pct, msg) => reporter.report(pct, msg ?? ''),
        done: () => reporter.done(),
      };
    } catch {
      sink = undefined;
    }
  }
  await indexer.indexFolders(folders, filesExclude, sink);
}
