import { analyze } from '../../../server/src/core/analyze';
import { conversionsAt } from '../../../server/src/core/convert';
import { applyEdits } from '../../../server/src/core/convert/text-edits';
import { snippetToPlain } from '../../../server/src/core/convert/snippet';
import type { Conversion } from '../../../server/src/core/convert/types';
import { normalizeSettings, type Settings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';

export function conversions(text: string, at: string | number = 0, settings: Partial<Settings> = {}): Conversion[] {
  const offset = typeof at === 'number' ? at : text.indexOf(at);
  return conversionsAt(parseFile(text), offset, normalizeSettings(settings));
}

/** Applies a conversion the way a client without snippet support would. */
export function applyPlain(text: string, c: Conversion): string {
  const edits = c.plainEdits ?? c.edits;
  return applyEdits(text, edits.map((e) => ({ ...e, newText: c.snippet ? snippetToPlain(e.newText) : e.newText })));
}

export function errorsOf(text: string): string[] {
  return analyze(parseFile(text), { settings: normalizeSettings({}) })
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.ruleId} ${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`);
}

export function byId(list: Conversion[], id: string): Conversion {
  const c = list.find((x) => x.id === id);
  if (!c) throw new Error(`no conversion ${id}; offered: ${list.map((x) => x.id).join(', ')}`);
  return c;
}
