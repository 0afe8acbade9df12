import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { analyze } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { LineIndex } from '../../../server/src/core/text';

test('multi-document files give one manifest per document, each knowing its identity', () => {
  const f = parseFile('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n');
  assert.equal(f.manifests.length, 2);
  assert.deepEqual(
    f.manifests.map((m) => [m.kind, m.apiVersion, m.name, m.namespace, m.isKubernetes]),
    [['Service', 'v1', 'web', 'shop', true], ['Deployment', 'apps/v1', 'api', undefined, true]],
  );
  assert.ok(f.hasKubernetes);
});

test('a syntax error in one document does not hide the others', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n';
  const f = parseFile(text);
  assert.equal(f.manifests.length, 2);
  assert.ok(f.manifests[0].syntax.length > 0);
  assert.equal(f.manifests[1].syntax.length, 0);
  assert.equal(f.manifests[1].name, 'b');
  const findings = analyze(f, { settings: normalizeSettings({}) });
  const syntax = findings.filter((x) => x.ruleId === 'kube-expose/yaml/syntax');
  assert.ok(syntax.length > 0);
  assert.ok(syntax.every((x) => x.range.start.line <= 3), 'syntax errors stay in the first document');
});

test('YAML that is not a Kubernetes manifest gets no findings at all', () => {
  for (const text of ['services:\n  web:\n    image: nginx\n    ports: [80\n', 'replicaCount: 2\nimage:\n  tag: "1.0"\n', 'on: push\njobs: {}\n']) {
    const f = parseFile(text);
    assert.equal(f.hasKubernetes, false);
    assert.deepEqual(analyze(f, { settings: normalizeSettings({}) }), []);
  }
});

test('YAML 1.1 booleans are read the way Kubernetes tools read them', () => {
  const f = parseFile('apiVersion: v1\nkind: ConfigMap\ndata:\n  a: yes\n');
  const v = (f.manifests[0].doc.toJS() as { data: { a: unknown } }).data.a;
  assert.equal(v, true);
});

test('Helm templates are recognised and not checked', () => {
  const f = parseFile('apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n');
  assert.equal(f.manifests[0].isTemplate, true);
});

test('LineIndex maps offsets and positions both ways, with CRLF', () => {
  const li = new LineIndex('ab\r\ncd\nef');
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(8), { line: 2, character: 1 });
  assert.equal(li.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(li.lineText(0), 'ab');
  assert.equal(li.offsetAt({ line: 0, character: 99 }), 2);
});

test('LineIndex finds \\n, \\r\\n and lone \\r line breaks, fresh and after edits', () => {
  // Reference: one line start after every line break, a \r\n pair counting once.
  const reference = (t: string) => {
    const starts = [0];
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '\n') starts.push(i + 1);
      else if (t[i] === '\r') {
        if (t[i + 1] === '\n') i++;
        starts.push(i + 1);
      }
    }
    return starts;
  };
  const starts = (li: LineIndex) => Array.from({ length: li.lineCount }, (_, l) => li.lineStart(l));
  let seed = 3;
  const rand = (n: number) => {
    seed = (seed * 48271) % 2147483647;
    return seed % n;
  };
  const alphabet = ['a', '\n', '\r', '\r\n', 'bc'];
  let text = 'a\nb\r\nc\rd';
  let index = new LineIndex(text);
  for (let i = 0; i < 500; i++) {
    if (i % 50 === 0) text = Array.from({ length: rand(30) }, () => alphabet[rand(alphabet.length)]).join('');
    const start = rand(text.length + 1);
    const oldEnd = Math.min(text.length, start + rand(4));
    const piece = Array.from({ length: rand(3) }, () => alphabet[rand(alphabet.length)]).join('');
    const next = text.slice(0, start) + piece + text.slice(oldEnd);
    const edited = i % 50 === 0 ? new LineIndex(next) : LineIndex.edited(index, next, { start, oldEnd, newEnd: start + piece.length });
    assert.deepEqual(starts(edited), reference(next), JSON.stringify(next));
    assert.deepEqual(starts(new LineIndex(next)), reference(next));
    text = next;
    index = edited;
  }
});
