import type { TextEdit } from '../findings';
import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import type { Manifest, ParsedFile } from '../yaml/parse';

/** A conversion offered as a code action on a manifest. */
export interface Conversion {
  /** Stable id, e.g. `service/nodeport-to-loadbalancer`. */
  id: string;
  title: string;
  /** Edits by offsets into the file text. `newText` may hold snippet tab stops when `snippet` is set. */
  edits: TextEdit[];
  /** The edits' texts use snippet syntax (`${1:default}`, `${1|a,b|}`). */
  snippet?: boolean;
  /** Edits for clients that cannot take snippets, when stripping the tab stops is not enough. */
  plainEdits?: TextEdit[];
  /** Shown instead of applying: why the conversion does not fit this manifest. */
  disabledReason?: string;
  /** What the user should know after applying: untranslated annotations, unrouted ports… */
  notes: string[];
}

export interface ConversionContext {
  file: ParsedFile;
  manifest: Manifest;
  settings: Settings;
  workspace?: WorkspaceView;
}

export type ConversionProvider = (ctx: ConversionContext) => Conversion[];
