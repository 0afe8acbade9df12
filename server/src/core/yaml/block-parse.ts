/**
 * A fast path for the YAML that Kubernetes manifests are almost always written in: block maps and
 * block sequences of plain scalars (one line or several), one-line quoted strings, `|`/`>` block
 * scalars and one-line flow collections of scalars (`[a, "b"]`, `{k: v}`).
 *
 * It builds the same node tree the `yaml` package composes (the same node classes, ranges, scalar
 * values, types and sources, resolved through the same YAML 1.1 schema tags), in one pass over the
 * text and without the package's token stream, which is most of its cost. Anything outside that
 * subset (anchors, aliases, tags, nested or multi-line flow collections, multi-line quoted
 * scalars, complex keys, tabs, a CR that is not part of a CRLF line break, duplicate keys, comment
 * runs where a block ends, a `...` marker, anything the package would report as an error or
 * warning) makes it give up on the document, and the caller parses that document with the package
 * instead. Lines may end in LF or CRLF (files saved on Windows), even mixed.
 * `test/unit/core/block-parse.test.ts` holds it to the package's output, node by node, over the
 * fixtures, generated manifests, random mutations and (when present) the shared corpus.
 * KUBE_EXPOSE_BLOCK_DEBUG=1 prints where it gives up.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { YAML_OPTIONS } from './options';

type Node = Scalar | YAMLMap | YAMLSeq;

const DOCUMENT_END = /^\.\.\.(?:[ \n]|$)/m;
/** A CR that does not start a CRLF line break (a line break of its own in YAML). */
const LONE_CR = /\r(?!\n)/;

/** Thrown (as this one object, without a stack) when the document leaves the supported subset. */
const GIVE_UP = { giveUp: true };

const DEBUG = typeof process !== 'undefined' && Boolean(process.env?.KUBE_EXPOSE_BLOCK_DEBUG);

/** Leaves the fast path for this document. */
function fail(): never {
  if (DEBUG) console.error(new Error('block parser gives up').stack?.split('\n').slice(1, 3).join(' '));
  throw GIVE_UP;
}

const SPACE = 32;
const NL = 10;
const CR = 13;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQUOTE = 34;
const SQUOTE = 39;

/** Tags and options of a YAML 1.1 document, taken once from the package itself. */
const template = new Document(undefined, YAML_OPTIONS);
const scalarTags = template.schema.tags.filter((t) => t.default === true && !t.collection && t.test);
type Resolve = (value: string, onError: (message: string) => void, options: unknown) => unknown;

/*
 * Node constructors for the tree. The package's own constructors define the node-type tag on
 * every object with `Object.defineProperty`, which is most of their cost; these put the tag (and a
 * collection's schema) on a prototype that inherits from the package's class instead. The nodes
 * are the package's classes for every purpose: `isScalar`/`isMap`/..., `instanceof`, `constructor`
 * and all methods (`toJSON`, `clone`, `get`, ...).
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
function nodePrototype(base: { prototype: object }, type: symbol, withSchema: boolean): object {
  const props: PropertyDescriptorMap = {
    constructor: { value: base, writable: true, configurable: true },
    [NODE_TYPE]: { value: type },
  };
  if (withSchema) props.schema = { value: template.schema, writable: true, configurable: true };
  return Object.create(base.prototype, props);
}
interface FastScalar { value: unknown; range?: [number, number, number]; source?: string; type?: Scalar.Type }
function FastScalar(this: FastScalar, value: unknown) {
  this.value = value;
  this.range = undefined;
  this.source = undefined;
  this.type = undefined;
}
FastScalar.prototype = nodePrototype(Scalar, Symbol.for('yaml.scalar'), false);
function FastPair(this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
  this.key = key;
  this.value = value;
}
FastPair.prototype = nodePrototype(Pair, Symbol.for('yaml.pair'), false);
function FastMap(this: { items: unknown[]; range?: unknown }) {
  this.items = [];
  this.range = undefined;
}
FastMap.prototype = nodePrototype(YAMLMap, Symbol.for('yaml.map'), true);
function FastSeq(this: { items: unknown[]; range?: unknown }) {
  this.items = [];
  this.range = undefined;
}
FastSeq.prototype = nodePrototype(YAMLSeq, Symbol.for('yaml.seq'), true);
// Documents share the template's options and schema (nothing changes them after parsing) and
// one of two directives objects (with or without a `---` marker).
const plainDirectives = new Document(undefined, YAML_OPTIONS).directives!;
const markedDirectives = new Document(undefined, YAML_OPTIONS).directives!;
markedDirectives.docStart = true;
interface FastDocument { commentBefore: null; comment: null; errors: unknown[]; warnings: unknown[]; options: unknown; directives: unknown; schema: unknown; contents: unknown; range: unknown }
function FastDocument(this: FastDocument, contents: unknown, range: unknown, marker: boolean) {
  this.commentBefore = null;
  this.comment = null;
  this.errors = [];
  this.warnings = [];
  this.options = template.options;
  this.directives = marker ? markedDirectives : plainDirectives;
  this.schema = template.schema;
  this.contents = contents;
  this.range = range;
}
FastDocument.prototype = Object.create(Document.prototype, {
  constructor: { value: Document, writable: true, configurable: true },
  [NODE_TYPE]: { value: Symbol.for('yaml.document') },
});
type Constructor<T> = new (...args: unknown[]) => T;
const newScalar = (value: unknown): Scalar => new (FastScalar as unknown as Constructor<Scalar>)(value);
const newPair = (key: Scalar, value: Node): Pair => new (FastPair as unknown as Constructor<Pair>)(key, value);
const newMap = (): YAMLMap => new (FastMap as unknown as Constructor<YAMLMap>)();
const newSeq = (): YAMLSeq => new (FastSeq as unknown as Constructor<YAMLSeq>)();

/**
 * Parses one document (the text of one `---` chunk) whose first character is at `base` in its
 * file. Returns undefined when the document is outside the fast path's subset.
 */
export function parseBlockDocument(text: string, base = 0): Document.Parsed | undefined {
  if (text.indexOf('\t') >= 0 || (text.indexOf('\r') >= 0 && LONE_CR.test(text))) return undefined;
  // A `...` document end marker: what follows it is not this document.
  if (text.indexOf('...') >= 0 && DOCUMENT_END.test(text)) return undefined;
  try {
    return new BlockParser(text, base).document();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** A run of comment lines (and blank lines between them) between two content lines. */
interface CommentRun {
  /** Indentation of the comments (all the same, or the parser gives up). */
  indent: number;
  /** Offset of the first character of the content line after the run, or the end of the text. */
  end: number;
}

class BlockParser {
  private readonly s: string;
  private readonly n: number;
  private readonly base: number;
  private lastEmpty: Scalar | undefined;
  /** Where the node parsed last ends: the start of the line after it. */
  private next = 0;
  private lookNext = 0;
  private lookIndent = 0;
  private lookRun: CommentRun | undefined;

  constructor(text: string, base: number) {
    this.s = text;
    this.n = text.length;
    this.base = base;
  }

  document(): Document.Parsed {
    const s = this.s;
    this.skipCommentLines(0);
    if (this.lookIndent > 0) fail(); // an indented root node
    let p = this.lookNext;
    let docStart = p;
    let marker = false;
    if (p < this.n && s.startsWith('---', p) && (p + 3 === this.n || s.charCodeAt(p + 3) === SPACE || s.charCodeAt(p + 3) === NL || s.charCodeAt(p + 3) === CR)) {
      marker = true;
      docStart = p;
      const le = this.lineEnd(p);
      const rest = this.skipSpaces(p + 3, le);
      if (rest < le && (s.charCodeAt(rest) !== HASH || s.charCodeAt(rest - 1) !== SPACE)) fail();
      this.skipCommentLines(this.lineAfter(le));
      if (this.lookIndent > 0) fail();
      p = this.lookNext;
    }
    if (p >= this.n) fail(); // an empty document
    const c = s.charCodeAt(p);
    if (c === 46 /* . */ && s.startsWith('...', p)) fail();
    const node = this.isSeqItem(p) ? this.seq(0, p) : this.map(0, p);
    const next = this.next;
    // Only comment lines and blank lines may follow the root node.
    this.skipCommentLines(next);
    if (this.lookNext < this.n) fail();
    // A document ending in an empty value ends before its last line break: left to the package.
    if (this.lastEmpty && this.lastEmpty.range![2] === node.range![2]) fail();
    const range = [this.base + docStart, node.range![2], this.base + this.n];
    return new (FastDocument as unknown as Constructor<Document.Parsed>)(node, range, marker);
  }

  // ── Blocks ────────────────────────────────────────────────────────────────────────────────

  /** A block map whose keys sit at column `indent`, the first key at `first` (maybe after a `- `). */
  private map(indent: number, first: number): YAMLMap {
    const map = newMap();
    const seen = new Set<string>();
    let keyAt = first;
    for (;;) {
      const le = this.lineEnd(keyAt);
      const colon = this.keyEnd(keyAt, le);
      if (colon < 0) fail();
      const key = this.keyScalar(keyAt, colon);
      const id = typeof key.value === 'string' ? key.value : `\u0000${String(key.value)}`;
      if (key.value === '<<' || seen.has(id)) fail();
      seen.add(id);
      const value = this.value(indent, colon + 1, le, true);
      map.items.push(newPair(key, value));
      keyAt = this.afterItem(map, value, indent, first, false);
      if (keyAt < 0) return map;
    }
  }

  /** A block sequence whose `-` indicators sit at column `indent`, the first at `first`. */
  private seq(indent: number, first: number): YAMLSeq {
    const seq = newSeq();
    let dash = first;
    for (;;) {
      const le = this.lineEnd(dash);
      const lineStart = dash - indent;
      const after = dash + 1;
      let item: Node;
      const q = this.skipSpaces(after, le);
      if (q < le && this.s.charCodeAt(q) !== HASH && this.keyEnd(q, le) >= 0) {
        if (this.isSeqItem(q)) fail();
        item = this.map(q - lineStart, q);
      } else {
        item = this.value(indent, after, le, false);
      }
      seq.items.push(item);
      dash = this.afterItem(seq, item, indent, first, true);
      if (dash < 0) return seq;
    }
  }

  /**
   * After an item of a block (keys, or `-` indicators when `seqItems`) at column `indent` that
   * starts at `first`: the offset where the next item starts, or -1 when the block ends there, its
   * range then set and `next` left at the line after its last item.
   */
  private afterItem(block: YAMLMap | YAMLSeq, item: Node, indent: number, first: number, seqItems: boolean): number {
    const next = this.next;
    this.skipCommentLines(next);
    const at = this.lookNext;
    const d = this.lookIndent;
    const goesOn = d === indent && this.isSeqItem(at) === seqItems;
    // (A line deeper than the block gives up below, whatever the comments before it did.)
    const claimed = this.lookRun ? this.settleRun(item, indent, this.lookRun, !goesOn, d < 0) : undefined;
    if (goesOn) return at;
    if (d > indent) fail();
    const end = item.range![2];
    block.range = [this.base + first, end, claimed ?? end];
    this.next = next;
    return -1;
  }

  /**
   * Comment lines after a block's item. Between items of a block that goes on, the package keeps
   * them as comments (no range moves) or, deeper than the block, ends the item's scalar with them.
   * Where a block ends, its tokenizer's indentation tracking decides which node's range they end,
   * in ways this parser does not mirror; it gives up there, except for the two cases that are
   * clear: comments shallower than the block (they belong further out) and comments at column 0
   * at the end of the document (they belong to the document).
   */
  private settleRun(last: Node, indent: number, run: CommentRun, blockEnds: boolean, atEnd: boolean): number | undefined {
    const runEnd = this.base + run.end;
    if (last.range![2] >= runEnd) return undefined; // a nested block took them
    if (blockEnds) {
      if (run.indent < indent || (atEnd && run.indent === 0)) return undefined;
      fail();
    }
    if (run.indent > indent) {
      const scalar = last instanceof Scalar && (last.type === Scalar.PLAIN || last.type === Scalar.QUOTE_DOUBLE || last.type === Scalar.QUOTE_SINGLE) && last.source !== '';
      if (!scalar) fail();
      last.range![2] = runEnd;
    }
    return undefined;
  }

  // ── Values ────────────────────────────────────────────────────────────────────────────────

  /**
   * The value after a map key's `:` (or a sequence item's `-`) at `from`, inside a block at column
   * `indent`. Returns the node and the offset of the line after it.
   */
  private value(indent: number, from: number, le: number, inMap: boolean): Node {
    const s = this.s;
    const q = this.skipSpaces(from, le);
    if (q >= le || s.charCodeAt(q) === HASH) {
      if (q < le && q === from) fail(); // `#` right after the indicator
      return this.nestedOrEmpty(indent, q, le, inMap, q < le);
    }
    const c = s.charCodeAt(q);
    const nextLine = this.lineAfter(le);
    switch (c) {
      case DQUOTE:
      case SQUOTE: {
        const close = this.closingQuote(q, le);
        const node = this.quoted(q, close);
        node.range![2] = this.base + this.endOfLine(close + 1, le, nextLine);
        this.next = nextLine;
        return node;
      }
      case 124 /* | */:
      case 62 /* > */:
        return this.blockScalar(indent, q, le);
      case 91 /* [ */:
      case 123 /* { */: {
        const node = this.flow(q, le);
        const after = node.range![1] - this.base;
        node.range![2] = this.base + this.endOfLine(after, le, nextLine);
        this.next = nextLine;
        return node;
      }
      default: {
        if (!this.plainStart(q, le)) fail();
        let e = q;
        let valueEnd = q;
        while (e < le) {
          const ch = s.charCodeAt(e);
          if (ch === HASH && s.charCodeAt(e - 1) === SPACE) break;
          if (ch === COLON && (e + 1 === le || s.charCodeAt(e + 1) === SPACE)) fail();
          if (ch !== SPACE) valueEnd = e + 1;
          e++;
        }
        if (e >= le) {
          const more = this.continuation(indent, nextLine);
          if (more) {
            const node = this.resolvePlain(s.slice(q, valueEnd) + more.value);
            node.range = [this.base + q, this.base + more.valueEnd, this.base + more.next];
            this.next = more.next;
            return node;
          }
        }
        const node = this.plain(q, valueEnd);
        node.range![2] = this.base + nextLine;
        this.next = nextLine;
        return node;
      }
    }
  }

  /**
   * The continuation lines of a plain scalar (lines deeper than the block at `indent`, folded: a
   * line break becomes a space, blank lines become line breaks), from `from`; undefined when the
   * next content line is not one. Anything unusual in them gives up.
   */
  private continuation(indent: number, from: number): { value: string; valueEnd: number; next: number } | undefined {
    const s = this.s;
    let value = '';
    let valueEnd = -1;
    let next = from;
    let blanks = 0;
    let p = from;
    while (p < this.n) {
      const le = this.lineEnd(p);
      const ind = this.indentAt(p, le);
      const c = p + ind;
      if (c === le) {
        // A blank line: part of the scalar only if more content follows.
        blanks++;
        if (le >= this.n) break;
        p = this.lineAfter(le);
        continue;
      }
      const ch = s.charCodeAt(c);
      if (ind <= indent || ch === HASH) break;
      if (!this.plainStart(c, le) || ch === DASH) fail();
      let e = c;
      let end = c;
      let comment = false;
      while (e < le) {
        const x = s.charCodeAt(e);
        if (x === HASH && s.charCodeAt(e - 1) === SPACE) { comment = true; break; }
        if (x === COLON && (e + 1 === le || s.charCodeAt(e + 1) === SPACE)) fail();
        if (x !== SPACE) end = e + 1;
        e++;
      }
      value += blanks ? '\n'.repeat(blanks) : ' ';
      value += s.slice(c, end);
      blanks = 0;
      valueEnd = end;
      next = this.lineAfter(le);
      if (comment) break; // a comment ends the scalar
      p = next;
    }
    return valueEnd < 0 ? undefined : { value, valueEnd, next };
  }

  /**
   * A flow sequence or map on one line (`[a, "b", 1]`, `{k: v}`) whose items are one-line scalars;
   * nested or multi-line flow collections, empty items and trailing commas give up.
   */
  private flow(q: number, le: number): YAMLSeq | YAMLMap {
    const s = this.s;
    const isSeq = s.charCodeAt(q) === 91;
    const close = isSeq ? 93 : 125;
    const node = isSeq ? newSeq() : newMap();
    node.flow = true;
    const seen = new Set<string>();
    let i = this.skipSpaces(q + 1, le);
    if (s.charCodeAt(i) !== close) {
      for (;;) {
        if (isSeq) {
          const item = this.flowScalar(i, le);
          (node as YAMLSeq).items.push(item);
          i = item.range![2] - this.base;
        } else {
          const key = this.flowScalar(i, le, true);
          const colon = key.range![1] - this.base;
          if (s.charCodeAt(colon) !== COLON || s.charCodeAt(colon + 1) !== SPACE) fail();
          const id = typeof key.value === 'string' ? key.value : `\u0000${String(key.value)}`;
          if (seen.has(id) || key.value === '<<') fail();
          seen.add(id);
          const value = this.flowScalar(this.skipSpaces(colon + 1, le), le);
          (node as YAMLMap).items.push(newPair(key, value));
          i = value.range![2] - this.base;
        }
        const c = s.charCodeAt(i);
        if (c === close) break;
        if (c !== 44 /* , */) fail();
        i = this.skipSpaces(i + 1, le);
        if (s.charCodeAt(i) === close) fail(); // a trailing comma
      }
    }
    node.range = [this.base + q, this.base + i + 1, this.base + i + 1];
    return node;
  }

  /**
   * A scalar inside a one-line flow collection at `at`: its range runs over the spaces after it
   * (up to the `,` or closing bracket). A key stops before its `:`.
   */
  private flowScalar(at: number, le: number, isKey = false): Scalar {
    const s = this.s;
    const c = s.charCodeAt(at);
    let node: Scalar;
    let end: number;
    if (c === DQUOTE || c === SQUOTE) {
      const closeAt = this.closingQuote(at, le);
      node = this.quoted(at, closeAt);
      end = closeAt + 1;
    } else {
      if (!this.plainStart(at, le)) fail();
      // `-`, `?` or `:` starts a plain scalar only before a character that may be in one, and in a
      // flow collection `,[]{}` may not (`[a, -]` holds a block sequence indicator: an error).
      if (c === DASH || c === 63 || c === COLON) {
        const n = s.charCodeAt(at + 1);
        if (n === 44 || n === 91 || n === 93 || n === 123 || n === 125) fail();
      }
      let e = at;
      let valueEnd = at;
      for (; e < le; e++) {
        const x = s.charCodeAt(e);
        if (x === 44 || x === 93 || x === 125) break; // , ] }
        if (x === 91 || x === 123 || (x === HASH && s.charCodeAt(e - 1) === SPACE)) fail();
        if (x === COLON) {
          const n = s.charCodeAt(e + 1);
          if (isKey && n === SPACE) break;
          if (isKey || n === SPACE || n === 44 || n === 93 || n === 125 || e + 1 >= le) fail();
        }
        if (x !== SPACE) valueEnd = e + 1;
      }
      if (valueEnd === at) fail();
      node = this.plain(at, valueEnd);
      end = valueEnd;
    }
    if (isKey) {
      node.range![2] = node.range![1];
      return node;
    }
    const after = this.skipSpaces(end, le);
    node.range![2] = this.base + after;
    return node;
  }

  /** After `key:` or `-` with nothing else on the line: a nested block, a compact sequence, or null. */
  private nestedOrEmpty(indent: number, at: number, le: number, inMap: boolean, commented = false): Node {
    const nextLine = this.lineAfter(le);
    this.skipCommentLines(nextLine);
    const at2 = this.lookNext;
    const ind = this.lookIndent;
    const run = this.lookRun;
    if (ind > indent) {
      if (run && run.indent <= indent) fail();
      return this.isSeqItem(at2) ? this.seq(ind, at2) : this.map(ind, at2);
    }
    if (inMap && ind === indent && this.isSeqItem(at2)) return this.seq(indent, at2);
    if (run || commented) fail(); // comments after an empty value: left to the package
    const node = this.resolvePlain('');
    node.range = [this.base + at, this.base + at, this.base + at];
    this.lastEmpty = node;
    this.next = nextLine;
    return node;
  }

  /** A `|` or `>` block scalar whose header starts at `q`. */
  private blockScalar(indent: number, q: number, le: number): Node {
    const s = this.s;
    const folded = s.charCodeAt(q) === 62;
    let h = q + 1;
    let chomp: 'clip' | 'strip' | 'keep' = 'clip';
    if (s.charCodeAt(h) === DASH) { chomp = 'strip'; h++; } else if (s.charCodeAt(h) === 43 /* + */) fail();
    const afterHeader = this.skipSpaces(h, le);
    if (afterHeader < le && (s.charCodeAt(afterHeader) !== HASH || afterHeader === h)) fail();
    if (le >= this.n) fail();
    // Content lines: the first non-blank line sets the indentation.
    let p = this.lineAfter(le);
    let contentIndent = -1;
    const lines: Array<[number, number]> = [];
    let lastContentEnd = p;
    while (p < this.n) {
      const e = this.lineEnd(p);
      const ind = this.indentAt(p, e);
      if (p + ind === e) {
        // A blank line: more spaces than the content indentation would be content.
        if (contentIndent < 0 ? ind > 0 : ind > contentIndent) fail();
        lines.push([e, e]);
        p = this.lineAfter(e);
        continue;
      }
      if (contentIndent < 0) {
        if (ind <= indent) break;
        contentIndent = ind;
      } else if (ind < contentIndent) {
        if (ind > indent) fail();
        break;
      }
      if (folded && ind > contentIndent) fail(); // more-indented lines of a folded scalar
      lines.push([p + contentIndent, e]);
      if (e >= this.n) fail(); // no line break after the last line
      lastContentEnd = this.lineAfter(e);
      p = lastContentEnd;
    }
    if (contentIndent < 0) fail(); // an empty block scalar
    if (folded && lines[0][0] === lines[0][1]) fail(); // leading blank lines of a folded scalar
    // Drop trailing blank lines (the chomping indicator decides the final line breaks).
    let count = lines.length;
    while (count > 0 && lines[count - 1][0] === lines[count - 1][1]) count--;
    const kept = lines.slice(0, count).map(([a, b]) => s.slice(a, b));
    let value: string;
    if (folded) {
      value = '';
      for (let i = 0; i < kept.length; i++) {
        const line = kept[i];
        if (i === 0) value = line;
        else if (line === '') value += '\n';
        else if (kept[i - 1] === '') value += line;
        else value += ' ' + line;
      }
    } else {
      value = kept.join('\n');
    }
    if (chomp === 'clip') value += '\n';
    const node = newScalar(value);
    node.source = value;
    node.type = folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL;
    node.range = [this.base + q, this.base + lastContentEnd, this.base + lastContentEnd];
    this.next = lastContentEnd;
    return node;
  }

  // ── Scalars ───────────────────────────────────────────────────────────────────────────────

  private keyScalar(at: number, colon: number): Scalar {
    const c = this.s.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      const close = this.closingQuote(at, colon);
      if (close + 1 !== colon) fail();
      const node = this.quoted(at, close);
      node.range![2] = node.range![1];
      return node;
    }
    if (!this.plainStart(at, colon)) fail();
    if (this.s.charCodeAt(colon - 1) === SPACE) fail();
    const node = this.plain(at, colon);
    node.range![2] = node.range![1];
    return node;
  }

  private plain(start: number, end: number): Scalar {
    const node = this.resolvePlain(this.s.slice(start, end));
    node.range = [this.base + start, this.base + end, this.base + end];
    return node;
  }

  /** A plain scalar's value, resolved like the package does: the first default 1.1 tag whose test matches. */
  private resolvePlain(source: string): Scalar {
    let tag: (typeof scalarTags)[number] | undefined;
    if (mayBeNonString(source)) {
      for (const t of scalarTags) {
        if (t.test!.test(source)) { tag = t; break; }
      }
    }
    const res = tag ? (tag.resolve as unknown as Resolve)(source, fail, template.options) : source;
    const node = newScalar(res instanceof Scalar ? res.value : res);
    node.source = source;
    node.type = Scalar.PLAIN;
    if (tag?.format) node.format = tag.format;
    return node;
  }

  /** A single-line quoted scalar from its opening quote at `at` to its closing quote at `close`. */
  private quoted(at: number, close: number): Scalar {
    const s = this.s;
    const double = s.charCodeAt(at) === DQUOTE;
    const raw = s.slice(at + 1, close);
    let value: string;
    if (double) value = raw.indexOf('\\') >= 0 ? unescapeDouble(raw) : raw;
    else value = raw.indexOf("'") >= 0 ? raw.replace(/''/g, "'") : raw;
    const node = newScalar(value);
    node.source = value;
    node.type = double ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    node.range = [this.base + at, this.base + close + 1, this.base + close + 1];
    return node;
  }

  /** The offset of the closing quote of a quoted scalar opening at `at`, on the same line. */
  private closingQuote(at: number, le: number): number {
    const s = this.s;
    const quote = s.charCodeAt(at);
    for (let i = at + 1; i < le; i++) {
      const c = s.charCodeAt(i);
      if (quote === DQUOTE && c === 92 /* \ */) { i++; continue; }
      if (c === quote) {
        if (quote === SQUOTE && s.charCodeAt(i + 1) === SQUOTE) { i++; continue; }
        return i;
      }
    }
    fail(); // a quoted scalar running over several lines
  }

  // ── Lines ─────────────────────────────────────────────────────────────────────────────────

  /** Where the content of the line at `p` ends: its line break (the CR of a CRLF), or the end of the text. */
  private lineEnd(p: number): number {
    const e = this.s.indexOf('\n', p);
    if (e < 0) return this.n;
    return e > p && this.s.charCodeAt(e - 1) === CR ? e - 1 : e;
  }

  /** The start of the line after the one whose content ends at `le` (past its LF or CRLF). */
  private lineAfter(le: number): number {
    if (le >= this.n) return this.n;
    return le + (this.s.charCodeAt(le) === CR ? 2 : 1);
  }

  private indentAt(p: number, le: number): number {
    let i = p;
    while (i < le && this.s.charCodeAt(i) === SPACE) i++;
    return i - p;
  }

  private skipSpaces(p: number, le: number): number {
    while (p < le && this.s.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /**
   * From a line start, skips blank lines and comment lines. Leaves in `look*` the first content
   * line (its start, the offset of its first character, its indentation, or -1 at the end of the
   * text) and the comments skipped. Fields rather than a result object: it runs once per line.
   */
  private skipCommentLines(p: number): void {
    let run: CommentRun | undefined;
    while (p < this.n) {
      const le = this.lineEnd(p);
      const ind = this.indentAt(p, le);
      const c = p + ind;
      if (c < le && this.s.charCodeAt(c) !== HASH) {
        if (run) run.end = c;
        this.lookNext = c;
        this.lookIndent = ind;
        this.lookRun = run;
        return;
      }
      if (c < le) {
        if (run && run.indent !== ind) fail(); // comments at several depths: left to the package
        run = { indent: ind, end: 0 };
      }
      if (le >= this.n) break;
      p = this.lineAfter(le);
    }
    if (run) run.end = this.n;
    this.lookNext = this.n;
    this.lookIndent = -1;
    this.lookRun = run;
  }

  /** The offset where the rest of a line after a value ends: its line break, after any comment. */
  private endOfLine(after: number, le: number, nextLine: number): number {
    const r = this.skipSpaces(after, le);
    if (r < le && (this.s.charCodeAt(r) !== HASH || r === after)) fail();
    return nextLine;
  }

  private isSeqItem(p: number): boolean {
    if (this.s.charCodeAt(p) !== DASH) return false;
    const c = this.s.charCodeAt(p + 1);
    return p + 1 >= this.n || c === SPACE || c === NL || c === CR;
  }

  /** Whether a plain scalar may start at `p` (no YAML indicator that would make it something else). */
  private plainStart(p: number, le: number): boolean {
    if (p >= le) return false;
    const c = this.s.charCodeAt(p);
    switch (c) {
      case 91: case 93: case 123: case 125: case 44: // [ ] { } ,
      case HASH: case 38: case 42: case 33: case 124: case 62: // # & * ! | >
      case SQUOTE: case DQUOTE: case 37: case 64: case 96: // ' " % @ `
        return false;
      case DASH: case 63: case COLON: { // - ? :
        const n = p + 1 < le ? this.s.charCodeAt(p + 1) : SPACE;
        return n !== SPACE;
      }
      default:
        return true;
    }
  }

  /**
   * The offset of the `:` that ends a key starting at `p` on its line, or -1 when the line does
   * not start a `key: value` pair there.
   */
  private keyEnd(p: number, le: number): number {
    const s = this.s;
    const c = s.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) {
      let close: number;
      try {
        close = this.closingQuote(p, le);
      } catch {
        return -1;
      }
      const after = close + 1;
      return s.charCodeAt(after) === COLON && (after + 1 >= le || s.charCodeAt(after + 1) === SPACE) ? after : -1;
    }
    for (let i = p; i < le; i++) {
      const ch = s.charCodeAt(i);
      if (ch === COLON && (i + 1 >= le || s.charCodeAt(i + 1) === SPACE)) return i;
      if (ch === HASH && i > p && s.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }
}

/**
 * Whether a plain scalar could resolve to something other than a string under the YAML 1.1 tags
 * (null, bool, int, float, timestamp). A cheap test on its first character and length that lets
 * the common case (names, images, paths) skip a dozen regular expressions.
 */
export function mayBeNonString(v: string): boolean {
  if (v.length === 0) return true;
  const c = v.charCodeAt(0);
  if (c >= 48 && c <= 57) return true; // digit
  switch (c) {
    case 126: case 46: case 43: case DASH: // ~ . + -
      return true;
    case 121: case 89: case 110: case 78: case 116: case 84: case 102: case 70: case 111: case 79: // y Y n N t T f F o O
      return v.length <= 5;
    default:
      return false;
  }
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

/** The value of a single-line double-quoted scalar's content with escapes. */
function unescapeDouble(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') { out += c; continue; }
    const e = raw[++i];
    if (e === undefined) fail();
    const simple = ESCAPES[e];
    if (simple !== undefined) { out += simple; continue; }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const hex = raw.substr(i + 1, len);
    if (!len || hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) fail();
    out += String.fromCodePoint(parseInt(hex, 16));
    i += len;
  }
  return out;
}
