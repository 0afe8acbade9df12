import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import { listItemManifest } from '../validation/objects';
import { get, isMap, locate, seqItems } from '../yaml/ast';
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
  let manifest = manifestAt(file, offset);
  const pos = file.lines.positionAt(offset);
  const linePrefix = file.lines.lineText(pos.line).slice(0, pos.character);
  let hit = locate(manifest?.root, offset);
  // Inside an item of a v1 List (`kubectl get -o yaml`), features see the item as the document.
  if (manifest?.kind === 'List' && manifest.apiVersion === 'v1' && hit.path[0] === 'items' && typeof hit.path[1] === 'number') {
    const item = seqItems(get(manifest.root, 'items'))[hit.path[1]];
    if (isMap(item)) {
      manifest = listItemManifest(manifest, item);
      hit = { ...hit, path: hit.path.slice(2) };
    }
  }
  return { file, manifest, offset, settings, workspace, hit, linePrefix, uri };
}
