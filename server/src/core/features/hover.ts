import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import type { ParsedFile } from '../yaml/parse';
import { featureContext } from './context';
import { HOVER_PROVIDERS } from './providers';
import type { HoverResult } from './types';

/** Hover at an offset: the first provider with something to say. Never throws. */
export function hover(file: ParsedFile, offset: number, settings: Settings, uri = '', workspace?: WorkspaceView): HoverResult | undefined {
  const ctx = featureContext(file, offset, settings, uri, workspace);
  if (!ctx.manifest?.isKubernetes) return undefined;
  for (const provider of HOVER_PROVIDERS) {
    try {
      const h = provider(ctx);
      if (h) return h;
    } catch {
      // One provider's failure must not hide the others.
    }
  }
  return undefined;
}
