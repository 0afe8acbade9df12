import type { Settings } from '../settings';
import type { WorkspaceView } from '../workspace/view';
import type { ParsedFile } from '../yaml/parse';
import { featureContext } from './context';
import { COMPLETION_PROVIDERS } from './providers';
import type { CompletionItem } from './types';

/** Completion at an offset: every provider's items, de-duplicated by label. Never throws. */
export function complete(file: ParsedFile, offset: number, settings: Settings, uri = '', workspace?: WorkspaceView): CompletionItem[] {
  const ctx = featureContext(file, offset, settings, uri, workspace);
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const provider of COMPLETION_PROVIDERS) {
    let items: CompletionItem[] = [];
    try {
      items = provider(ctx);
    } catch {
      items = [];
    }
    for (const item of items) {
      const key = `${item.kind}:${item.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
