import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, visit, type Document } from 'yaml';
import { parseFile, splitDocuments, YAML_OPTIONS } from '../../../server/src/core/yaml/parse';
import { analyze, AnalysisCache } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';

const settings = normalizeSettings({});
const findings = (f: ReturnType<typeof parseFile>) => analyze(f, { settings }).map((x) => `${x.ruleId} ${x.start}-${x.end} ${x.message}`);

const DOC = (i: number) => `# app ${i}\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  type: ClusterIP\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n`;
const BASE = Array.from({ length: 6 }, (_, i) => DOC(i)).join('---\n');

test('documents are split at column-0 `---` markers; a leading comment joins the first document', () => {
  const chunks = splitDocuments('# header\n---\na: 1\n---\nb: |\n  ---\n  x\n--- # c\nc: 3\n')!;
  assert.deepEqual(chunks.map((c) => c.text), ['# header\n---\na: 1\n', '---\nb: |\n  ---\n  x\n', '--- # c\nc: 3\n']);
  assert.equal(splitDocuments('%YAML 1.1\n---\na: 1\n'), undefined, 'directives fall back to a whole-file parse');
});

test('an incremental re-parse reuses untouched documents and equals a fresh parse', () => {
  const first = parseFile(BASE);
  const edited = BASE.replace('name: app-2', 'name: app-2-renamed').replace('port: 80\n      targetPort: 8080\n---\n# app 4', 'port: 99999\n      targetPort: 8080\n---\n# app 4');
  const inc = parseFile(edited, first);
  const fresh = parseFile(edited);
  assert.equal(inc.manifests.length, fresh.manifests.length);
  inc.manifests.forEach((m, i) => {
    const f = fresh.manifests[i];
    assert.deepEqual([m.start, m.end, m.contentStart, m.name], [f.start, f.end, f.contentStart, f.name]);
    assert.deepEqual(JSON.stringify(m.doc.contents), JSON.stringify(f.doc.contents));
  });
  assert.equal(inc.manifests[0].doc, first.manifests[0].doc, 'the document before the edit is the same object');
  assert.equal(inc.manifests[5].doc, first.manifests[5].doc, 'a document after the edit is reused, moved');
  assert.notEqual(inc.manifests[2].doc, first.manifests[2].doc);
  // Node ranges of a moved document point at the same text as a fresh parse.
  const nameNode = (m: (typeof inc.manifests)[number]) => (m.root as { items: Array<{ key: { value: string }; value: { items: Array<{ value: { range: number[] } }> } }> }).items.find((p) => p.key.value === 'metadata')!.value.items[0].value.range;
  assert.deepEqual(nameNode(inc.manifests[5]), nameNode(fresh.manifests[5]));
  assert.deepEqual(findings(inc), findings(fresh));
});

test('random edit sequences give the same findings incrementally as from scratch', () => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['---\n', 'x', ':', ' ', '\n', '  ', 'port: 70000\n', '- ', '{', '}', 'kind: Ingress\n', '#', '"'];
  let text = BASE;
  let prev = parseFile(text);
  const cache = new AnalysisCache();
  for (let i = 0; i < 300; i++) {
    const at = rand(text.length + 1);
    const del = rand(4) === 0 ? rand(8) : 0;
    text = text.slice(0, at) + pieces[rand(pieces.length)] + text.slice(at + del);
    const inc = parseFile(text, prev);
    const fresh = parseFile(text);
    assert.deepEqual(findings(inc), findings(fresh), `edit ${i} diverged`);
    const cached = analyze(inc, { settings, cache }).map((x) => `${x.ruleId} ${x.start}-${x.end} ${x.range.start.line}:${x.range.start.character} ${x.message}`);
    const uncached = analyze(fresh, { settings }).map((x) => `${x.ruleId} ${x.start}-${x.end} ${x.range.start.line}:${x.range.start.character} ${x.message}`);
    assert.deepEqual(cached, uncached, `edit ${i}: cached findings diverged`);
    assert.deepEqual(inc.manifests.map((m) => [m.start, m.end, m.kind, m.name]), fresh.manifests.map((m) => [m.start, m.end, m.kind, m.name]));
    // Cutting at `---` reads the same documents as the YAML parser does on the whole text.
    const whole = parseAllDocuments(text, YAML_OPTIONS);
    const docs = Array.isArray(whole) ? whole : [];
    if (docs.every((d) => d.errors.length === 0)) {
      assert.deepEqual(inc.manifests.map((m) => JSON.stringify(m.doc.toJS())), docs.map((d) => JSON.stringify(d.toJS())), `edit ${i}: documents differ from a whole-text parse`);
    }
    prev = inc;
  }
});

test('a document moved by an insertion before it has every node range of a fresh parse (anchors, aliases, merge keys, flow and block scalars)', () => {
  const tricky = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  labels: &labels {app: web, tier: "front"}',
    'spec:',
    '  selector:',
    '    matchLabels: *labels',
    '  template:',
    '    metadata:',
    '      labels:',
    '        <<: *labels',
    '        extra: [a, b, {c: d}]',
    '    spec:',
    '      containers:',
    '        - name: web  # trailing comment',
    '          image: nginx',
    '          args:',
    '            - |',
    '              multi',
    '              line',
    '            - !!str 42',
    '',
  ].join('\n');
  const before = DOC(0) + '---\n' + tricky;
  const first = parseFile(before);
  const after = DOC(0).replace('name: app-0', 'name: app-0-longer-name') + '---\n' + tricky;
  const inc = parseFile(after, first);
  assert.equal(inc.manifests[1].doc, first.manifests[1].doc, 'the Deployment was reused, moved');
  const ranges = (d: Document.Parsed) => {
    const out: unknown[] = [d.range, d.errors.map((e) => e.pos)];
    visit(d, { Node: (_key, node) => void out.push([node.constructor.name, node.range]) });
    return out;
  };
  assert.deepEqual(ranges(inc.manifests[1].doc), ranges(parseFile(after).manifests[1].doc));
});

test('a parse told the edit (TextChange) equals a fresh parse: documents, every node range, line index, findings', () => {
  editsAgreeWithFreshParses(BASE + '---\n' + DOC(7), 7);
});

test('the same with CRLF line breaks (a file saved on Windows), edits adding LF, CR and CRLF', () => {
  editsAgreeWithFreshParses((BASE + '---\n' + DOC(7)).replace(/\n/g, '\r\n'), 11);
});

function editsAgreeWithFreshParses(initial: string, seedValue: number): void {
  let seed = seedValue;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pieces = ['---\n', '---', '-', '\n', 'x', ': ', ' ', '  ', '# c\n', 'kind: Ingress\n', '%YAML 1.1\n', '"', '[a, b]', '\n  y', '...\n', '\r\n', '\r', '---\r\n', '\r\n  y', ''];
  const tree = (d: Document.Parsed) => {
    const out: unknown[] = [d.range];
    visit(d, { Node: (_key, node) => void out.push([node.constructor.name, node.range, (node as { value?: unknown }).value instanceof Object ? '' : (node as { value?: unknown }).value]) });
    return JSON.stringify(out);
  };
  let text = initial;
  let prev = parseFile(text);
  const cache = new AnalysisCache();
  for (let i = 0; i < 400; i++) {
    const start = rand(text.length + 1);
    const oldEnd = Math.min(text.length, start + (rand(3) === 0 ? rand(12) : 0));
    const piece = pieces[rand(pieces.length)];
    const next = text.slice(0, start) + piece + text.slice(oldEnd);
    const hinted = parseFile(next, prev, { start, oldEnd, newEnd: start + piece.length });
    const fresh = parseFile(next);
    const where = `edit ${i} (${JSON.stringify(piece)} at ${start}, replacing ${oldEnd - start})`;
    assert.deepEqual(hinted.manifests.map((m) => [m.start, m.end, m.contentStart, m.kind, m.name]), fresh.manifests.map((m) => [m.start, m.end, m.contentStart, m.kind, m.name]), where);
    assert.deepEqual(hinted.manifests.map((m) => tree(m.doc)), fresh.manifests.map((m) => tree(m.doc)), `${where}: node ranges`);
    assert.equal(hinted.lines.lineCount, fresh.lines.lineCount, `${where}: line count`);
    for (let o = 0; o <= next.length; o += 1 + rand(40)) assert.deepEqual(hinted.lines.positionAt(o), fresh.lines.positionAt(o), `${where}: position of ${o}`);
    const cached = analyze(hinted, { settings, cache }).map((x) => `${x.ruleId} ${x.start}-${x.end} ${x.range.start.line}:${x.range.start.character}`);
    const uncached = analyze(fresh, { settings }).map((x) => `${x.ruleId} ${x.start}-${x.end} ${x.range.start.line}:${x.range.start.character}`);
    assert.deepEqual(cached, uncached, `${where}: findings`);
    text = next;
    prev = hinted;
  }
}
