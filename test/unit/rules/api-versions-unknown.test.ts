import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';

// Kept out of test/fixtures: the agreement test sends every fixture Service to a real API server,
// which has no Knative CRD installed.
test('a kind of the same name in another group (Knative Serving) gets no api-versions/unknown', () => {
  const text = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\nspec: {}\n';
  const ids = analyze(parseFile(text), { settings: normalizeSettings({}) }).map((f) => f.ruleId);
  assert.ok(!ids.includes('kube-expose/api-versions/unknown'), ids.join(', '));
  const typo = analyze(parseFile(text.replace('serving.knative.dev/v1', 'v3')), { settings: normalizeSettings({}) }).map((f) => f.ruleId);
  assert.ok(typo.includes('kube-expose/api-versions/unknown'), typo.join(', '));
});
