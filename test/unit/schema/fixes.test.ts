/** The quick fixes the schema rules attach, applied to the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import type { Finding } from '../../../server/src/core/findings';

function schemaFindings(text: string): Finding[] {
  return analyze(parseFile(text), { settings: normalizeSettings({}), uri: 'x.yaml' }).filter((f) => f.ruleId.startsWith('kube-expose/schema/'));
}
function applyFix(text: string, f: Finding, index = 0): string {
  const fix = f.fixes![index];
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

test('enum: one preferred fix to the closest value', () => {
  const text = `${SVC}spec:\n  type: nodeport\n`;
  const [f] = schemaFindings(text);
  assert.equal(f.ruleId, 'kube-expose/schema/enum-value');
  assert.equal(f.fixes?.length, 1);
  assert.equal(f.fixes![0].preferred, true);
  assert.equal(applyFix(text, f), `${SVC}spec:\n  type: NodePort\n`);
});

test('enum with no close value: a fix per accepted value, none preferred', () => {
  const [f] = schemaFindings(`${SVC}spec:\n  sessionAffinity: Sticky\n`);
  assert.deepEqual(f.fixes?.map((x) => x.title), ['Change to `ClientIP`', 'Change to `None`']);
  assert.ok(f.fixes!.every((x) => !x.preferred));
});

test('unknown field: rename to the closest field', () => {
  const text = `${SVC}spec:\n  ports:\n    - port: 80\n      targetport: 8080\n`;
  const [f] = schemaFindings(text);
  assert.equal(f.ruleId, 'kube-expose/schema/unknown-field');
  assert.equal(f.fixes![0].preferred, true);
  assert.equal(applyFix(text, f), `${SVC}spec:\n  ports:\n    - port: 80\n      targetPort: 8080\n`);
});

test('wrong type: quote a number where a string belongs, keeping its text', () => {
  const text = `${SVC}  labels:\n    release: 1.10\n`;
  const [f] = schemaFindings(text);
  assert.equal(f.ruleId, 'kube-expose/schema/wrong-type');
  assert.equal(applyFix(text, f), `${SVC}  labels:\n    release: "1.10"\n`);
});

test('wrong type: unquote a quoted integer', () => {
  const text = `${SVC}spec:\n  ports:\n    - port: "443"\n`;
  const [f] = schemaFindings(text);
  assert.equal(applyFix(text, f), `${SVC}spec:\n  ports:\n    - port: 443\n`);
});

test('the range is the exact node at fault', () => {
  const text = `${SVC}spec:\n  type: Loadbalancer\n`;
  const [f] = schemaFindings(text);
  assert.equal(text.slice(f.start, f.end), 'Loadbalancer');
  assert.deepEqual(f.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 20 } });
});
