import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import { locate } from '../yaml/ast';
import type { Manifest, ParsedFile } from '../yaml/parse';
import type { FeatureContext } from './types';

/** The document of a file that contains an offset (the last one starting at or before it). */
export function manifestAt(file: ParsedFile, offset: number): Manifest | undefined {
  let found: Manifest | undefined;
  for (const m of file.manifests) {
    if (m.start <= offset || found === undefined) found = m;
    if (m.start > offset) break;
  }
  if (found && offset > found.end) {
    // Between documents: belongs to the next one if there is a `---` before the offset.
    const next = file.manifests[found.index + 1];
    if (next && offset >= next.start) return next;
  }
  return found;
}

export function featureContext(file: ParsedFile, offset: number, settings: Settings, uri = '', workspace?: WorkspaceView): FeatureContext {
  const manifest = manifestAt(file, offset);
  const pos = file.lines.positionAt(offset);
  const linePrefix = file.lines.lineText(pos.line).slice(0, pos.character);
  return { file, manifest, offset, settings, workspace, hit: locate(manifest?.root, offset), linePrefix, uri };
}
