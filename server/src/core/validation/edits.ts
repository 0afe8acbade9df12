/**
 * Minimal text edits for quick fixes: remove one key's lines, add one key to a block map, replace
 * a value. Only the bytes that must change are touched, so comments and indentation elsewhere stay.
 */
import type { TextEdit } from '../findings';
import { isMap, keyText, nodeSpan, type AnyNode, type Node, type Pair } from '../yaml/ast';

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function afterLineBreak(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

function pairEnd(pair: Pair<Node, AnyNode>): number {
  return Math.max(nodeSpan(pair.value)?.[1] ?? 0, nodeSpan(pair.key as AnyNode)?.[1] ?? 0);
}

/** The line break a text uses. */
export function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Removes a key and its value from a block map (its whole lines). Undefined for flow maps or odd layouts. */
export function removeKey(text: string, map: AnyNode, key: string): TextEdit | undefined {
  if (!isMap(map) || map.flow) return undefined;
  const items = map.items as Array<Pair<Node, AnyNode>>;
  const i = items.findIndex((p) => keyText(p) === key);
  if (i < 0) return undefined;
  const ks = nodeSpan(items[i].key as AnyNode);
  if (!ks) return undefined;
  const ls = lineStart(text, ks[0]);
  const end = afterLineBreak(text, Math.max(ks[1], pairEnd(items[i]) - 1));
  if (text.slice(ls, ks[0]).trim() === '') return { start: ls, end, newText: '' };
  // `- key: v` on a list dash: the next key of the item moves up to the dash.
  const next = items[i + 1];
  const ns = next ? nodeSpan(next.key as AnyNode) : undefined;
  if (ns) return { start: ks[0], end: ns[0], newText: '' };
  return undefined;
}

/** Adds `key: value` lines to a block map, after its last key, at the map's indentation. */
export function addKey(text: string, map: AnyNode, lines: string[]): TextEdit | undefined {
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const items = map.items as Array<Pair<Node, AnyNode>>;
  const first = nodeSpan(items[0].key as AnyNode);
  if (!first) return undefined;
  const indent = ' '.repeat(first[0] - lineStart(text, first[0]));
  const last = items[items.length - 1];
  const at = afterLineBreak(text, Math.max(0, pairEnd(last) - 1));
  const br = eol(text);
  const lead = at === text.length && !/\n$/.test(text) ? br : '';
  return { start: at, end: at, newText: lead + lines.map((l) => indent + l).join(br) + br };
}

/** Replaces a scalar's text. */
export function replaceValue(node: AnyNode, newText: string): TextEdit | undefined {
  const s = nodeSpan(node);
  return s ? { start: s[0], end: s[1], newText } : undefined;
}

/** Applies non-overlapping edits (tests and previews). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
