/** The core's public surface: what adapters (server, CLI, client) may import. */
export * from './text';
export * from './findings';
export * from './settings';
export { parseFile, type Manifest, type ParsedFile, type TextChange } from './yaml/parse';
export { analyze, AnalysisCache, type AnalyzeOptions } from './analyze';
export { allRules, CHECKERS } from './rules';
export type { Checker } from './rules/types';
export type { RuleMeta } from './rules/types';
export { complete } from './features/completion';
export { hover } from './features/hover';
export { documentSymbols, type DocumentSymbol } from './features/symbols';
export type { CompletionItem, HoverResult } from './features/types';
export type { WorkspaceView, IndexedManifest } from './workspace/view';
export { buildWorkspace, WorkspaceIndex, type WorkspaceFile } from './workspace';
export { definition, references, codeLenses, type Location, type CodeLensData } from './features/navigation';
export { conversionsAt, applyEdits, snippetToPlain, type Conversion } from './convert';
