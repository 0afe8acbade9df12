/**
 * Half-typed documents are normal while editing: the schema check, completion and hover must
 * never throw on any prefix of a real manifest, nor on arbitrary edits of it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkSchema } from '../../../server/src/core/rules/schema';
import { schemaCompletion } from '../../../server/src/core/features/schema-completion';
import { schemaHover } from '../../../server/src/core/features/schema-hover';
import { featureContext } from '../../../server/src/core/features/context';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import type { RuleContext } from '../../../server/src/core/rules/types';

const settings = normalizeSettings({});
const DOC = [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: web',
  '  annotations: {a: "1"}',
  'spec:',
  '  ingressClassName: nginx',
  '  tls:',
  '    - hosts: [web.example.com]',
  '      secretName: web-tls',
  '  rules:',
  '    - host: web.example.com',
  '      http:',
  '        paths:',
  '          - path: /',
  '            pathType: Prefix',
  '            backend:',
  '              service:',
  '                name: web',
  '                port: {number: 80}',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: web}',
  'spec:',
  '  ports:',
  '  - port: 80',
  '    targetPort: http',
  '',
].join('\n');

function exercise(text: string, offset: number): number {
  const file = parseFile(text);
  let reports = 0;
  for (const manifest of file.manifests) {
    if (!manifest.isKubernetes) continue;
    const ctx = { file, manifest, lines: file.lines, settings, uri: 'x', report: () => reports++ } as unknown as RuleContext;
    checkSchema(ctx);
  }
  const fctx = featureContext(file, Math.min(offset, text.length), settings);
  schemaCompletion(fctx);
  schemaHover(fctx);
  return reports;
}

test('the complete document has no schema findings', () => {
  assert.equal(exercise(DOC, 0), 0);
});

test('every prefix of the document: no throw, completion and hover at its end', () => {
  for (let i = 0; i <= DOC.length; i++) {
    const text = DOC.slice(0, i);
    assert.doesNotThrow(() => exercise(text, text.length), `prefix of ${i} characters`);
  }
});

test('random edits (insertions of YAML punctuation, deletions) never throw', () => {
  fc.assert(
    fc.property(fc.nat(DOC.length), fc.nat(8), fc.constantFrom('', ':', '- ', '  ', '\n', '{', '[', '"', "'", '|\n', 'x', '#', '&a ', '*a', '!!int ', 'null'), fc.nat(DOC.length), (at, del, ins, cursor) => {
      const text = DOC.slice(0, at) + ins + DOC.slice(at + del);
      exercise(text, cursor);
    }),
    { numRuns: 400, seed: 42 },
  );
});
