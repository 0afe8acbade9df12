import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import type { PathHit } from '../yaml/ast';
import type { Manifest, ParsedFile } from '../yaml/parse';

export type CompletionKind = 'field' | 'value' | 'enum' | 'snippet' | 'annotation' | 'reference' | 'keyword' | 'document';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Short text shown beside the label (a type, a value kind). */
  detail?: string;
  /** Markdown documentation. */
  documentation?: string;
  /** Text to insert; the label when absent. */
  insertText?: string;
  /** `insertText` is a snippet with tab stops (`$1`, `${1:default}`). */
  snippet?: boolean;
  /** Offsets [start, end) of the text the item replaces; the word at the cursor when absent. */
  replace?: [number, number];
  sortText?: string;
  filterText?: string;
  preselect?: boolean;
  deprecated?: boolean;
}

/** Everything a feature of (document, position) may read. */
export interface FeatureContext {
  file: ParsedFile;
  /** The document that holds the position, if any. */
  manifest?: Manifest;
  offset: number;
  settings: Settings;
  workspace?: WorkspaceView;
  /** The node path at the position, from the parsed tree. */
  hit: PathHit;
  /** Text of the line up to the position. */
  linePrefix: string;
  /** The URI or path of the file. */
  uri: string;
}

export type CompletionProvider = (ctx: FeatureContext) => CompletionItem[];

export interface HoverResult {
  markdown: string;
  /** Offsets of the hovered word/node. */
  span?: [number, number];
}

export type HoverProvider = (ctx: FeatureContext) => HoverResult | undefined;
