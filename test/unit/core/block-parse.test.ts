/**
 * The fast block parser must build exactly the tree the `yaml` package builds, or give up.
 * Differential tests: every document it accepts, over the rule fixtures, the examples, generated
 * manifests, hand-written edge cases, random mutations and (when present) the shared corpus, is
 * compared node by node with `yaml.parseAllDocuments` (classes, ranges, values, types, sources,
 * formats, flow flags, document ranges and the absence of errors).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parseAllDocuments, isDocument, isMap, isSeq, isScalar, isPair, type Document } from 'yaml';
import { parseBlockDocument, mayBeNonString } from '../../../server/src/core/yaml/block-parse';
import { YAML_OPTIONS, splitDocuments, parseFile } from '../../../server/src/core/yaml/parse';
import { yamlFiles } from '../files';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

/** The first difference between two trees, as a path and both sides; undefined when equal. */
export function treeDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (a === b) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return `${path}: ${show(a)} vs ${show(b)}`;
  if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} vs ${b.constructor.name}`;
  if (isPair(a) && isPair(b)) return treeDifference(a.key, b.key, `${path}.key`) ?? treeDifference(a.value, b.value, `${path}.value`);
  const ra = (a as { range?: number[] }).range;
  const rb = (b as { range?: number[] }).range;
  if (JSON.stringify(ra) !== JSON.stringify(rb)) return `${path}.range: ${show(ra)} vs ${show(rb)}`;
  if (isScalar(a) && isScalar(b)) {
    for (const k of ['type', 'source', 'format', 'tag'] as const) {
      if (a[k] !== b[k]) return `${path}.${k}: ${show(a[k])} vs ${show(b[k])}`;
    }
    const va = a.value instanceof Date ? a.value.toISOString() : a.value;
    const vb = b.value instanceof Date ? b.value.toISOString() : b.value;
    if (!Object.is(va, vb)) return `${path}.value: ${show(va)} vs ${show(vb)}`;
    return undefined;
  }
  if ((isMap(a) && isMap(b)) || (isSeq(a) && isSeq(b))) {
    if (Boolean(a.flow) !== Boolean(b.flow)) return `${path}.flow: ${a.flow} vs ${b.flow}`;
    if (a.items.length !== b.items.length) return `${path}.items: ${a.items.length} vs ${b.items.length}`;
    for (let i = 0; i < a.items.length; i++) {
      const d = treeDifference(a.items[i], b.items[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return `${path}: unexpected ${a.constructor.name}`;
}

function show(v: unknown): string {
  return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
}

export interface Comparison {
  documents: number;
  accepted: number;
  mismatches: string[];
}

/** Splits a text like the server does and compares every document the fast path accepts. */
export function compareText(text: string, label: string, out: Comparison = { documents: 0, accepted: 0, mismatches: [] }): Comparison {
  const chunks = splitDocuments(text);
  if (!chunks) return out;
  for (const c of chunks) {
    out.documents++;
    const fast = parseBlockDocument(c.text, c.start);
    if (!fast) continue;
    out.accepted++;
    const reference = parseAllDocuments(c.text, YAML_OPTIONS) as Document.Parsed[];
    const problem = differenceFromReference(fast, reference, c.start);
    if (problem) out.mismatches.push(`${label} @${c.start}: ${problem}\n--- document ---\n${c.text.slice(0, 600)}`);
  }
  return out;
}

function differenceFromReference(fast: Document.Parsed, reference: Document.Parsed[], base: number): string | undefined {
  if (reference.length !== 1) return `the package found ${reference.length} documents`;
  const ref = reference[0];
  if (ref.errors.length || ref.warnings.length) return `the package reports ${[...ref.errors, ...ref.warnings].map((e) => e.code).join(', ')}`;
  const shifted = ref.range.map((x) => x + base);
  if (JSON.stringify(fast.range) !== JSON.stringify(shifted)) return `document range ${show(fast.range)} vs ${show(shifted)}`;
  if (Boolean(fast.directives?.docStart) !== Boolean(ref.directives?.docStart)) return 'document start marker';
  if (!isDocument(fast)) return 'not a yaml Document';
  const js = (d: Document.Parsed) => JSON.stringify(d.toJSON(), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
  if (js(fast) !== js(ref)) return `toJSON differs: ${js(fast).slice(0, 200)} vs ${js(ref).slice(0, 200)}`;
  // Compare on the same offsets: move the reference tree by `base`.
  return treeDifference(fast.contents, shiftTree(ref.contents, base));
}

function shiftTree<T>(node: T, d: number): T {
  if (!d || node === null || typeof node !== 'object') return node;
  if (isPair(node)) { shiftTree(node.key, d); shiftTree(node.value, d); return node; }
  const n = node as { range?: number[]; items?: unknown[] };
  if (n.range) n.range = n.range.map((x) => x + d);
  if (n.items) n.items.forEach((i) => shiftTree(i, d));
  return node;
}

const EDGE_CASES: string[] = [
  'a: b  # x\nc:\n  - d\n  -\n  - e: 1\n    f: yes\ng: 1\nh: |\n  x\n\n  y\n\ni:\n- 1\n# end\n\n',
  '# c\na: 1\n', 'a: 1\n# end\n', 'a:\n  b: 1\n  # c\nd: 2\n', 'a:\n  b: 1\n# c\nd: 2\n', 'a:\n  b: 1\n  # c\n',
  'a:\n  b: 1\n  # c\n\nd: 2\n', 'a:\n  b: 1\n\n  # c\nd: 2\n', 'a:\n  b: 1\n    # c\nd: 2\n', 'a:\n- b\n  # c\nd: 2\n',
  '- a: 1\n  # c\n- b\n', 'a:\n  b:\n    c: 1\n    # x\nd: 1\n', 'a:\n  b:\n    c: 1\n  # x\nd: 1\n', 'a:\n  - b\n  # x\nd: 1\n',
  'a:\n  - b\n    # x\nd: 1\n', 'a:\n  b: 1\n# c\n  e: 2\n', 'a: 1\n  # c\n', 'a: {}\nb: []  # x\nc: "q"  # y\nd: x\n',
  '"a": 1\n\'b\': 2\n', 'a: |-\n  x\n  y\n\nb: >\n  p\n  q\n\n  r\nc: 1', '- a: 1\n  b: 2\n- |\n  x\n- c\n', 'a:\n  # c\n  b: 1\n',
  '---\na: 1\n', '--- # c\na: 1\n', '# lead\n---\n# c\na: 1\n', 'a: 0x1F\nb: 017\nc: 1_000\nd: 1e3\ne: .5\nf: -.inf\ng: .NaN\nh: 1:30\ni: 2001-12-14\nj: ~\nk: Null\nl: On\nm: off\nn: n\no: Y\np: yes please\n',
  'a: "x\\ty\\u00e9\\"z"\nb: \'it\'\'s\'\nc: "#not comment"\nd: x#y\ne: http://a:8080/p\nf: -1\ng: - x\n', 'a: b\n  c\n', 'a: "x\n  y"\n',
  'a:\n  - - x\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: [1, 2]\n', '? a\n: b\n', 'a: 1\na: 2\n', '<<: {}\n', 'a:\tb\n', 'a: 1\r\nb: 2\r\n',
  'a: |+\n  x\n\nb: 1\n', 'a: |2\n   x\n', 'a: >\n  x\n    y\n  z\n', 'a: |\n  x\n   \n  y\n', 'a: |\nb: 1\n', 'a: |\n\n  x\n', 'a: >\n\n  x\n',
  'a:\n', 'a:\nb:\n', '-\n-\n', '- \n', 'a: "x"y\n', 'a: \'x\n', 'a:b\n', 'a : b\n', ' a: 1\n', '...\n', 'a: 1\n...\n', '---\n', '', '# only\n',
  'a:\n  b: 1\n c: 2\n', 'a:\n    b: 1\n  c: 2\n', '- a\n - b\n', 'a: 1 # c\nb: 2#c\n', 'a:  \nb: 1\n', 'a: # c\n  b: 1\n', '- # c\n  a: 1\n',
  'key with spaces: v\n', '"quoted: key": v\n', 'a: "unterminated\n', 'a: 1\nb:\n  - x\n  -   y\n', '- - a\n', '- a: 1\n- b: 2\n  c: 3\n',
  'a:\n- b\n- c\nd: e\n', 'a: 2020-01-01T10:00:00Z\n', 'a: 12:30:45.5\n', 'a: 0b101\n', 'a: +12\n', 'a: 1.\n', 'a: TRUE\nb: NO\n',
  'a: |\n  x\n# c\nb: 1\n', 'a: |\n  x\n  # not a comment\nb: 1\n', 'a: >-\n  x\n  y\n', 'a: "a\\x41\\U0001F600"\n', 'a: "\\q"\n',
  // 84-: multi-line plain scalars and one-line flow collections
  'a: one two\n  three  four \n\n  five\nb: 1\n', 'a: x\n    y\n  z  # c\nb: 1\n', '- x\n  y\n- z\n', 'a: x\n  # c\n  y\n', 'a: x\n  - y\n', 'a: x\n  y: z\n',
  'a: [x, "y", 1]  # c\nb: [ a , b ]\nc: {k: v, "q": 1}\n', 'a: [x,]\n', 'a: [x, [y]]\n', 'a: {k: v, k: w}\n', 'a: [http://x, y:z]\n', 'a: [x: y]\n', 'a: {k : v}\n',
  'a: [ ]\n', 'a: {"a b": [1]}\n', 'a: [1, 2\n  , 3]\n', 'a: x\n\n\n  y\n\nb: 1\n', 'a: 1\n  2\n',
  'a: x\n  y\n    # c\nb: 1\n', 'a: x\n  y\n  # c\nb: 1\n', '- x\n  y\n  # c\n- z\n', 'a: [a}\n', 'a: ["a"b]\n', 'a: {k: v]\n', 'a: [a, b] x\n',
  'a: [a, -]\n', 'a: [-, a]\n', 'a: [a, -b, :c, ?d]\n', 'a: {k: -}\n', 'a: [a, -}\n', 'a: [?]\n',
];

test('fast block parser: hand-written edge cases give the same tree as the package or give up', () => {
  const r: Comparison = { documents: 0, accepted: 0, mismatches: [] };
  for (const [i, t] of EDGE_CASES.entries()) compareText(t, `edge case ${i}`, r);
  assert.deepEqual(r.mismatches, []);
  // It must not give up on what it exists for.
  for (const i of [0, 1, 2, 4, 17, 18, 19, 20, 21, 22, 23, 24, 25, 62, 63, 64, 65, 66, 69, 71, 72, 79, 80, 81, 82, 84, 85, 86, 90, 97, 100, 101]) {
    assert.ok(parseBlockDocument(EDGE_CASES[i]), `gave up on edge case ${i}: ${JSON.stringify(EDGE_CASES[i])}`);
  }
});

test('fast block parser: accepts the plain Kubernetes shapes', () => {
  const text = [
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  labels:', '    app: web', '  annotations:',
    '    service.beta.kubernetes.io/aws-load-balancer-type: "nlb"', 'spec:', '  type: LoadBalancer', '  ports:',
    '  - name: http', '    port: 80', '    targetPort: 8080', '  selector:', '    app: web', '',
  ].join('\n');
  const doc = parseBlockDocument(text);
  assert.ok(doc, 'the fast path gave up on a plain Service');
  assert.equal(compareText(text, 'service').mismatches.length, 0);
});

test('fast block parser: every document of the fixtures, examples and generated manifests', async () => {
  const files = [...yamlFiles(join(ROOT, 'test', 'fixtures')), ...yamlFiles(join(ROOT, 'examples'))];
  const r: Comparison = { documents: 0, accepted: 0, mismatches: [] };
  for (const f of files) compareText(readFileSync(f, 'utf8'), f.slice(ROOT.length + 1), r);
  const { generateManifests } = await import(join(ROOT, 'bench', 'generate.mjs'));
  const generated = compareText(generateManifests(60), 'generated');
  assert.deepEqual([...r.mismatches, ...generated.mismatches], []);
  assert.equal(generated.accepted, generated.documents, 'the fast path should take every generated document');
  assert.ok(r.accepted > r.documents / 2, `accepted ${r.accepted} of ${r.documents} fixture documents`);
});

const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');

test('fast block parser: CRLF line breaks (files saved on Windows) give the same trees as the package', async () => {
  const r: Comparison = { documents: 0, accepted: 0, mismatches: [] };
  for (const [i, t] of EDGE_CASES.entries()) compareText(crlf(t), `edge case ${i} (CRLF)`, r);
  for (const f of [...yamlFiles(join(ROOT, 'test', 'fixtures')), ...yamlFiles(join(ROOT, 'examples'))]) compareText(crlf(readFileSync(f, 'utf8')), `${f.slice(ROOT.length + 1)} (CRLF)`, r);
  // Mixed line breaks in one document, and a text that ends without one.
  for (const t of ['a: 1\r\nb:\n  - x\r\n  - y\nc: |\r\n  p\n  q\r\nd: e', 'a: x\r\n  y\r\n\r\n  z\r\nb: 1\r\n', '---\r\na: 1\r\n', '--- # c\r\na: 1\r\n# end\r\n', '- a\r\n-\r\n- b: 1\r\n  c: 2\r\n']) compareText(t, JSON.stringify(t), r);
  const { generateManifests } = await import(join(ROOT, 'bench', 'generate.mjs'));
  const generated = compareText(crlf(generateManifests(60)), 'generated (CRLF)');
  assert.deepEqual([...r.mismatches, ...generated.mismatches], []);
  assert.equal(generated.accepted, generated.documents, 'the fast path should take every generated document with CRLF line breaks');
  for (const i of [0, 1, 2, 4, 20, 21, 22, 23, 24, 84, 90]) assert.ok(parseBlockDocument(crlf(EDGE_CASES[i])), `gave up on edge case ${i} with CRLF`);
  // A CR that is not part of a CRLF is a line break of its own in YAML: left to the package.
  assert.equal(parseBlockDocument('a: 1\rb: 2\n'), undefined);
  assert.equal(parseBlockDocument('a: 1\r\nb: 2\r'), undefined);
});

const corpus = resolve(process.env.KUBE_EXPOSE_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
test('fast block parser: every document of the shared corpus', { skip: existsSync(corpus) ? false : `no corpus at ${corpus}` }, () => {
  const lf: Comparison = { documents: 0, accepted: 0, mismatches: [] };
  for (const f of yamlFiles(corpus)) compareText(readFileSync(f, 'utf8'), f.slice(corpus.length + 1), lf);
  assert.deepEqual(lf.mismatches.slice(0, 5), []);
  assert.ok(lf.accepted > lf.documents * 0.6, `accepted ${lf.accepted} of ${lf.documents}`);
  // The same files saved with CRLF line breaks: the same trees, and about as many accepted.
  const r: Comparison = { documents: 0, accepted: 0, mismatches: [] };
  for (const f of yamlFiles(corpus)) compareText(crlf(readFileSync(f, 'utf8')), `${f.slice(corpus.length + 1)} (CRLF)`, r);
  assert.deepEqual(r.mismatches.slice(0, 5), []);
  assert.ok(r.accepted >= lf.accepted * 0.95, `CRLF: accepted ${r.accepted} of ${r.documents} (LF: ${lf.accepted})`);
});

test('fast block parser: random edits of real manifests never disagree with the package', () => {
  const seeds = yamlFiles(join(ROOT, 'test', 'fixtures', 'rules')).map((f) => readFileSync(f, 'utf8')).filter((t) => t.length < 4000);
  const pieces = [' ', '  ', '\n', '\r\n', '\r', '- ', ': ', '#', ' # c', '"', "'", '|', '>', '-', '{}', '[]', 'x', '1', 'yes', '~', '\n  ', '\n- ', 'a: b\n', '...', '---\n', '[a, "b"]', '{k: v}', ',', ']', '}', '[', '\n    x', '\n\n  ', 'x\n  y', ' : ', '- a\n  b'];
  fc.assert(fc.property(
    fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
    (which, edits, windows) => {
      let t = windows ? crlf(seeds[which]) : seeds[which];
      for (const [at, del, piece] of edits) {
        const p = at % (t.length + 1);
        t = t.slice(0, p) + piece + t.slice(p + del);
      }
      const r = compareText(t, 'mutated');
      assert.deepEqual(r.mismatches, []);
    },
  ), { numRuns: Number(process.env.KUBE_EXPOSE_FUZZ_RUNS ?? 150) * 4, seed: Number(process.env.KUBE_EXPOSE_FUZZ_SEED ?? 20261125) });
});

test('mayBeNonString never hides a value the YAML 1.1 tags would resolve', () => {
  const words = ['', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'NO', 'true', 'True', 'TRUE', 'false', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
    'null', 'Null', 'NULL', '~', '.inf', '-.Inf', '.nan', '1', '0x1f', '0b1', '017', '1e3', '.5', '+1', '-1', '1:30', '2020-01-01', 'yesno', 'nginx', 'nginx-ingress', 'web', 'Offline', 'tcp', 'TCP', 'ok'];
  for (const w of words) {
    const resolved = parseAllDocuments(`k: ${w}\n`, YAML_OPTIONS)[0] as Document.Parsed;
    const v = (resolved.contents as { items: Array<{ value: { value: unknown } }> }).items[0].value.value;
    if (typeof v !== 'string') assert.ok(mayBeNonString(w), `${JSON.stringify(w)} resolves to ${String(v)}`);
  }
  assert.equal(mayBeNonString('nginx-ingress'), false);
  assert.equal(mayBeNonString('Offline'), false);
});

test('parseFile gives the same manifests with the fast path as the package alone', () => {
  const text = readFileSync(join(ROOT, 'examples', readdirSync(join(ROOT, 'examples')).find((f) => f.endsWith('.yaml'))!), 'utf8');
  const file = parseFile(text);
  for (const m of file.manifests) {
    const ref = parseAllDocuments(text.slice(m.start, m.end), YAML_OPTIONS)[0] as Document.Parsed;
    assert.equal(JSON.stringify(m.doc.toJSON()), JSON.stringify(ref.toJSON()));
  }
});
