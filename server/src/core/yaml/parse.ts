/**
 * Multi-document YAML parsing into manifests.
 *
 * Invariant: parsing never fails. It returns every document, each with its own errors, so a
 * syntax error in one document never hides the others.
 */
import { parseAllDocuments, type Document, type Node } from 'yaml';
import { LineIndex } from '../text';
import { findPair, isMap, str, type AnyNode, type Pair, type YAMLMap } from './ast';
import { YAML_OPTIONS } from './options';
import { parseBlockDocument } from './block-parse';

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
  code: string;
  severity: 'error' | 'warning';
}

/** One YAML document of a file, with what a Kubernetes user knows it by. */
export interface Manifest extends Identity {
  /** Zero-based position of the document in its file. */
  index: number;
  doc: Document.Parsed;
  /** The document's top-level node (a map for a manifest). */
  root: AnyNode;
  /** Offsets of the document in the file (`start` is at its `---` marker when it has one). */
  start: number;
  end: number;
  /** Offset of the document's top-level node (after any `---` marker and leading comments). */
  contentStart: number;
  syntax: SyntaxProblem[];
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  manifests: Manifest[];
  /** At least one document is a Kubernetes object. */
  hasKubernetes: boolean;
  /** The text of each document as last parsed, for incremental re-parsing. */
  chunks?: Array<{ text: string; start: number; doc: Document.Parsed }>;
}

export { YAML_OPTIONS };

/** One edit between two versions of a text, in offsets: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

type Chunk = { text: string; start: number };
type ParsedChunk = Chunk & { doc: Document.Parsed };

/**
 * Parses every document of a file. With `previous` (the last parse of the same file), only the
 * documents whose text changed are parsed again; the others are reused with their offsets moved.
 * With `change` too (the one edit from `previous.text` to `text`), only the documents around the
 * edit are even looked at: the others are known to be unchanged, and the line index is updated
 * rather than rebuilt. The result is the same either way.
 */
export function parseFile(text: string, previous?: ParsedFile, change?: TextChange): ParsedFile {
  const edited = change && previous?.chunks && previous.text.length + (change.newEnd - change.oldEnd) === text.length ? editedChunks(text, previous.chunks, change) : undefined;
  const lines = edited ? LineIndex.edited(previous!.lines, text, change!) : new LineIndex(text);
  const chunks = edited ? edited.chunks : splitDocuments(text);
  let docs: Document.Parsed[];
  if (!chunks) {
    docs = parseWhole(text);
  } else {
    // Chunks outside the edited region (when known) are reused as they are; the region's chunks
    // are compared with the previous ones: in order from both ends, then what is left in the
    // middle by text (a paste may move documents).
    const from = edited ? edited.from : 0;
    const to = edited ? edited.to : chunks.length;
    const prev: ParsedChunk[] = edited ? edited.candidates : previous?.chunks ?? [];
    let head = 0;
    while (from + head < to && head < prev.length && chunks[from + head].text === prev[head].text) head++;
    let tail = 0;
    while (tail < to - from - head && tail < prev.length - head && chunks[to - 1 - tail].text === prev[prev.length - 1 - tail].text) tail++;
    const middle = new Map<string, ParsedChunk[]>();
    for (const c of prev.slice(head, prev.length - tail)) {
      const list = middle.get(c.text) ?? [];
      list.push(c);
      middle.set(c.text, list);
    }
    docs = [];
    chunks.forEach((c, i) => {
      const hit = edited?.known[i] ?? (i < from + head ? prev[i - from] : i >= to - tail ? prev[prev.length - (to - i)] : middle.get(c.text)?.shift());
      if (hit) {
        if (hit.start !== c.start) shiftDocument(hit.doc, c.start - hit.start);
        docs.push(hit.doc);
        return;
      }
      // On a re-parse, the document's strings must not keep the whole text of this version alive.
      const own = previous ? detached(c.text) : c.text;
      // Most manifests are plain block YAML, which the fast path builds directly; anything else
      // (or anything it is unsure of) is parsed by the package.
      const fast = parseBlockDocument(own, c.start);
      if (fast) {
        docs.push(fast);
        return;
      }
      const parsed = parseWhole(own);
      for (const d of parsed) {
        if (c.start) shiftDocument(d, c.start);
        docs.push(d);
      }
    });
  }
  const manifests = docs.map((doc, index) => toManifest(doc, index, text));
  // Remember each chunk's document (one per chunk when splitting worked) for the next parse.
  const memo = chunks && chunks.length === docs.length ? chunks.map((c, i) => ({ text: c.text, start: c.start, doc: docs[i] })) : undefined;
  return { text, lines, manifests, hasKubernetes: manifests.some((m) => m.isKubernetes), chunks: memo };
}

/**
 * The chunks of a text after one edit, from the previous chunks: the chunks before and after the
 * edit's neighbourhood are the previous ones (moved, and cut again from the new text so that no
 * old text stays reachable); the neighbourhood (the chunks the edit touches and one on each side,
 * since an edit can make or unmake a `---` marker) is split again. Undefined when the edit brings
 * a directive (`%`), where documents are not independent.
 */
function editedChunks(text: string, prev: ParsedChunk[], change: TextChange): { chunks: Chunk[]; known: Array<ParsedChunk | undefined>; from: number; to: number; candidates: ParsedChunk[] } | undefined {
  if (!prev.length) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const at = (offset: number) => {
    let lo = 0;
    let hi = prev.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (prev[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const k = Math.max(0, at(change.start) - 1);
  const m = Math.min(prev.length - 1, at(change.oldEnd) + 1);
  const regionStart = prev[k].start;
  const regionEnd = prev[m].start + prev[m].text.length + delta;
  const region = text.slice(regionStart, regionEnd);
  if (region.charCodeAt(0) === 37 /* % */ || region.includes('\n%')) return undefined;
  const inner = splitAt(region, regionStart, k === 0);
  const chunks: Chunk[] = [];
  const known: Array<ParsedChunk | undefined> = [];
  for (let i = 0; i < k; i++) {
    const c = prev[i];
    chunks.push({ text: text.slice(c.start, c.start + c.text.length), start: c.start });
    known.push(c);
  }
  for (const c of inner) {
    chunks.push(c);
    known.push(undefined);
  }
  for (let i = m + 1; i < prev.length; i++) {
    const c = prev[i];
    const start = c.start + delta;
    chunks.push({ text: text.slice(start, start + c.text.length), start });
    known.push(c);
  }
  return { chunks, known, from: k, to: k + inner.length, candidates: prev.slice(k, m + 1) };
}

/**
 * A copy of a string that shares no memory with the string it was cut from. V8 represents a
 * substring as a view into its parent, so the nodes of a document re-parsed after an edit would
 * otherwise each keep that version's whole file text reachable: one full copy per edit.
 */
function detached(s: string): string {
  return decoder.decode(encoder.encode(s));
}
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function parseWhole(text: string): Document.Parsed[] {
  try {
    const parsed = parseAllDocuments(text, YAML_OPTIONS);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    // The parser is error-tolerant; this guards the invariant against its own bugs.
    return [];
  }
}

/**
 * Cuts a text at its `---` document markers (column 0), one chunk per document. Returns undefined
 * when the text has directives (`%YAML`), where documents are not independent of each other.
 */
export function splitDocuments(text: string): Array<{ text: string; start: number }> | undefined {
  if (text.charCodeAt(0) === 37 /* % */ || text.includes('\n%')) return undefined;
  return splitAt(text, 0, true);
}

/**
 * Cuts `text` (which starts at offset `base` of its file, at a line start) at its `---` markers.
 * `fileStart`: the text starts the file, where a first chunk of only comments joins the next.
 */
function splitAt(text: string, base: number, fileStart: boolean): Chunk[] {
  const starts: number[] = [0];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) if (m.index > 0) starts.push(m.index);
  const out: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    out.push({ text: text.slice(start, end), start: base + start });
  }
  // A first chunk made only of comments and blank lines belongs to the next document.
  if (fileStart && out.length > 1 && /^(\s*(#.*)?(\r?\n|$))*$/.test(out[0].text)) {
    out[1] = { text: out[0].text + out[1].text, start: base };
    out.shift();
  }
  return out;
}

/**
 * Moves every offset of a parsed document by `delta` (its nodes, its range, its errors). On the hot
 * path of typing: an insertion moves every document after it (about 200,000 nodes in a 65k-line
 * file), so nodes are told apart by the parser's own type tag rather than probed for properties. A
 * composed document is a tree (an alias is a node of its own that names its anchor; merge keys stay
 * pairs), so no node is reached twice.
 */
function shiftDocument(doc: Document.Parsed, delta: number): void {
  if (!delta) return;
  shiftRange(doc.range, delta);
  for (const e of doc.errors) shiftRange(e.pos, delta);
  for (const w of doc.warnings) shiftRange(w.pos, delta);
  shiftNode(doc.contents, delta);
}

const NODE_TYPE = Symbol.for('yaml.node.type');
const PAIR = Symbol.for('yaml.pair');
const MAP = Symbol.for('yaml.map');
const SEQ = Symbol.for('yaml.seq');

function shiftNode(node: unknown, delta: number): void {
  if (node === null || typeof node !== 'object') return;
  const n = node as { [NODE_TYPE]?: symbol; range?: unknown; items?: unknown[]; key?: unknown; value?: unknown };
  const type = n[NODE_TYPE];
  if (type === PAIR) {
    shiftNode(n.key, delta);
    shiftNode(n.value, delta);
    return;
  }
  shiftRange(n.range, delta);
  if (type === MAP || type === SEQ) {
    const items = n.items!;
    for (let i = 0; i < items.length; i++) shiftNode(items[i], delta);
  }
}

function shiftRange(r: unknown, delta: number): void {
  if (!Array.isArray(r)) return;
  for (let i = 0; i < r.length; i++) if (typeof r[i] === 'number') r[i] += delta;
}

/** What a document is, by its content: the same for a reused (moved) document, so computed once. */
export interface Identity {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The document is a Kubernetes object: a map with both `apiVersion` and `kind`. */
  isKubernetes: boolean;
  /** The document holds Go template markers (`{{ }}`, e.g. an unrendered Helm template). */
  isTemplate: boolean;
}
const identities = new WeakMap<object, Identity>();

function identityOf(doc: Document.Parsed, root: AnyNode, text: string, start: number, end: number): Identity {
  const hit = identities.get(doc);
  if (hit) return hit;
  const meta = findPair(root, 'metadata')?.value;
  const id: Identity = {
    apiVersion: str(findPair(root, 'apiVersion')?.value),
    kind: str(findPair(root, 'kind')?.value),
    name: str(findPair(meta, 'name')?.value),
    namespace: str(findPair(meta, 'namespace')?.value),
    isKubernetes: isMap(root) && findPair(root, 'apiVersion') !== undefined && findPair(root, 'kind') !== undefined,
    isTemplate: text.slice(start, end).includes('{{'),
  };
  identities.set(doc, id);
  return id;
}

function toManifest(doc: Document.Parsed, index: number, text: string): Manifest {
  const root = doc.contents as AnyNode;
  const [start, , end] = doc.range ?? [0, 0, 0];
  const syntax: SyntaxProblem[] = [];
  for (const e of doc.errors) syntax.push(problem(e, 'error', text.length));
  for (const w of doc.warnings) syntax.push(problem(w, 'warning', text.length));
  return {
    index,
    doc,
    root,
    start,
    end,
    contentStart: root && root.range ? root.range[0] : start,
    ...identityOf(doc, root, text, start, end),
    syntax,
  };
}

function problem(e: { message: string; pos: [number, number]; code: string }, severity: 'error' | 'warning', max: number): SyntaxProblem {
  const [s, en] = e.pos ?? [0, 0];
  const start = Math.min(Math.max(0, s), max);
  const end = Math.min(Math.max(start, en), max);
  // The parser's messages sometimes carry a source excerpt after a line break; keep the sentence.
  const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { message, start, end: end === start ? Math.min(start + 1, max) : end, code: e.code, severity };
}

/** The metadata map of a manifest, if present. */
export function metadataOf(m: Manifest): YAMLMap | undefined {
  const v = findPair(m.root, 'metadata')?.value;
  return isMap(v) ? v : undefined;
}

export type { Pair, Node };
