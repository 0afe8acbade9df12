/**
 * Minimal text edits on YAML source: replace a value, remove a key, add keys to a block map,
 * add a document. Every edit touches only the bytes it must, so comments, key order, quoting
 * and indentation of everything else stay exactly as written.
 */
import type { TextEdit } from '../findings';
import { isMap, keyText, nodeSpan, type AnyNode, type Pair } from '../yaml/ast';
import type { Node, YAMLMap } from 'yaml';

/** Offset of the start of the line containing `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

/** Offset just after the line break ending the line containing `offset` (or the text end). */
export function lineEndAfterBreak(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

/** The line break style of a text. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Column of a node's first character. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

export function replaceNode(node: AnyNode, newText: string): TextEdit | undefined {
  const span = nodeSpan(node);
  return span ? { start: span[0], end: span[1], newText } : undefined;
}

/** Whether a map is written in block style (one key per line) rather than flow style `{a: 1}`. */
export function isBlockMap(map: AnyNode): map is YAMLMap {
  return isMap(map) && !map.flow;
}

/** End offset of the last line a pair occupies (its value may span several lines). */
function pairEnd(pair: Pair<Node, AnyNode>): number {
  const v = nodeSpan(pair.value);
  const k = nodeSpan(pair.key as AnyNode);
  return Math.max(v?.[1] ?? 0, k?.[1] ?? 0);
}

/**
 * Removes one key of a block map with its whole value. A key that shares its line with a list
 * dash (`- nodePort: 1`) gives its place to the next key of the same item.
 */
export function removePair(text: string, map: AnyNode, key: string): TextEdit | undefined {
  if (!isMap(map)) return undefined;
  const items = map.items as Array<Pair<Node, AnyNode>>;
  const i = items.findIndex((p) => keyText(p) === key);
  if (i === -1) return undefined;
  const pair = items[i];
  const ks = nodeSpan(pair.key as AnyNode);
  if (!ks) return undefined;
  if (map.flow) {
    // `{a: 1, b: 2}`: remove the entry and one separating comma.
    const end = pairEnd(pair);
    const next = items[i + 1];
    if (next) {
      const ns = nodeSpan(next.key as AnyNode)!;
      return { start: ks[0], end: ns[0], newText: '' };
    }
    const prev = items[i - 1];
    if (prev) return { start: pairEnd(prev), end, newText: '' };
    return { start: ks[0], end, newText: '' };
  }
  const lineStart = lineStartOf(text, ks[0]);
  const sharesLine = text.slice(lineStart, ks[0]).trim() !== ''; // `- key:` or `key: {` on the same line
  const end = lineEndAfterBreak(text, Math.max(ks[1], pairEnd(pair) - 1));
  if (!sharesLine) return { start: lineStart, end, newText: '' };
  const next = items[i + 1];
  if (next) {
    const ns = nodeSpan(next.key as AnyNode);
    if (ns) return { start: ks[0], end: ns[0], newText: '' };
  }
  // The only key of a list item: leave an empty map so the list stays valid.
  return { start: ks[0], end: end - (text[end - 1] === '\n' ? (text[end - 2] === '\r' ? 2 : 1) : 0), newText: '{}' };
}

/** Indentation (in spaces) of the keys of a block map. */
export function mapIndent(text: string, map: YAMLMap): number {
  const first = map.items[0] as Pair<Node, AnyNode> | undefined;
  const s = first ? nodeSpan(first.key as AnyNode) : undefined;
  return s ? columnOf(text, s[0]) : 0;
}

/**
 * Adds lines (already indented relative to the map's keys, i.e. starting at column 0 for a key)
 * after the last key of a block map, or after `afterKey` when given.
 */
export function insertIntoMap(text: string, map: AnyNode, lines: string[], afterKey?: string | { atStart: true }): TextEdit | undefined {
  if (!isBlockMap(map) || map.items.length === 0) return undefined;
  const items = map.items as Array<Pair<Node, AnyNode>>;
  const indent = ' '.repeat(mapIndent(text, map));
  const eol = eolOf(text);
  if (typeof afterKey === 'object') {
    // Before the first key, when that key starts its own line.
    const ks = nodeSpan(items[0].key as AnyNode);
    if (ks && text.slice(lineStartOf(text, ks[0]), ks[0]).trim() === '') {
      const at = lineStartOf(text, ks[0]);
      return { start: at, end: at, newText: lines.map((l) => (l === '' ? '' : indent + l)).join(eol) + eol };
    }
    afterKey = undefined;
  }
  const anchor = (afterKey && items.find((p) => keyText(p) === afterKey)) || items[items.length - 1];
  const at = lineEndAfterBreak(text, Math.max(0, pairEnd(anchor) - 1));
  const needsBreak = at === text.length && !text.endsWith('\n');
  const body = lines.map((l) => (l === '' ? '' : indent + l)).join(eol) + eol;
  return { start: at, end: at, newText: (needsBreak ? eol : '') + body };
}

/** Applies non-overlapping edits to a text (for tests and previews). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  // Like LSP: inserts at the same offset land in array order, so apply those last-first.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i).map((x) => x.e);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text of a document turned into YAML comments (to keep the original beside a conversion). */
export function commentOut(source: string, eol = '\n'): string {
  return source
    .replace(/\s+$/, '')
    .split(/\r?\n/)
    .map((l) => (l.trim() === '' ? '#' : `# ${l}`))
    .join(eol);
}

