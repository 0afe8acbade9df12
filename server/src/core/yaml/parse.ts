/**
 * Multi-document YAML parsing into manifests.
 *
 * Invariant: parsing never fails. It returns every document, each with its own errors, so a
 * syntax error in one document never hides the others.
 */
import { parseAllDocuments, type Document, type Node } from 'yaml';
import { LineIndex } from '../text';
import { findPair, isMap, str, type AnyNode, type Pair, type YAMLMap } from './ast';

export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
  code: string;
  severity: 'error' | 'warning';
}

/** One YAML document of a file, with what a Kubernetes user knows it by. */
export interface Manifest {
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
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The document is a Kubernetes object: a map with both `apiVersion` and `kind`. */
  isKubernetes: boolean;
  /** The document holds Go template markers (`{{ }}`, e.g. an unrendered Helm template). */
  isTemplate: boolean;
  syntax: SyntaxProblem[];
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  manifests: Manifest[];
  /** At least one document is a Kubernetes object. */
  hasKubernetes: boolean;
}

/** YAML 1.1 is what the Kubernetes tools read (sigs.k8s.io/yaml): `yes`/`no`/`on`/`off` are booleans there. */
export const YAML_OPTIONS = { version: '1.1' as const, prettyErrors: false, uniqueKeys: true, strict: false };

export function parseFile(text: string): ParsedFile {
  const lines = new LineIndex(text);
  let docs: Document.Parsed[];
  try {
    const parsed = parseAllDocuments(text, YAML_OPTIONS);
    docs = Array.isArray(parsed) ? parsed : [];
  } catch {
    // The parser is error-tolerant; this guards the invariant against its own bugs.
    docs = [];
  }
  const manifests = docs.map((doc, index) => toManifest(doc, index, text));
  return { text, lines, manifests, hasKubernetes: manifests.some((m) => m.isKubernetes) };
}

function toManifest(doc: Document.Parsed, index: number, text: string): Manifest {
  const root = doc.contents as AnyNode;
  const [start, , end] = doc.range ?? [0, 0, 0];
  const apiVersion = str(findPair(root, 'apiVersion')?.value);
  const kind = str(findPair(root, 'kind')?.value);
  const meta = findPair(root, 'metadata')?.value;
  const isKubernetes = isMap(root) && findPair(root, 'apiVersion') !== undefined && findPair(root, 'kind') !== undefined;
  const syntax: SyntaxProblem[] = [];
  for (const e of doc.errors) syntax.push(problem(e, 'error', text.length));
  for (const w of doc.warnings) syntax.push(problem(w, 'warning', text.length));
  return {
    index,
    doc,
    root,
    start,
    end,
    contentStart: (root && root.range ? root.range[0] : start),
    apiVersion,
    kind,
    name: str(findPair(meta, 'name')?.value),
    namespace: str(findPair(meta, 'namespace')?.value),
    isKubernetes,
    isTemplate: text.slice(start, end).includes('{{'),
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
