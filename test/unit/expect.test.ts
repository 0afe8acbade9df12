import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkFixture, parseExpectations } from './expect';

test('caret lines mark the span on the nearest line above them', () => {
  const { expectations } = parseExpectations('a: 1\nkind: [x\n#      ^ error yaml/syntax\n#=> 0:4 warning x/y "text"\n');
  assert.deepEqual(expectations.map((e) => [e.line, e.startCol, e.endCol, e.severity, e.rule, e.messageIncludes]), [
    [1, 7, 8, 'error', 'yaml/syntax', undefined],
    [1, 0, 4, 'warning', 'x/y', 'text'],
  ]);
});

test('a fixture fails when a finding is missing, misplaced or unexpected', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a\n';
  const problems = checkFixture(text);
  assert.ok(problems.some((p) => p.startsWith('unexpected error yaml/syntax')), problems.join('\n'));
  const wrong = checkFixture(text + '#   ^ error yaml/syntax\n');
  assert.ok(wrong.some((p) => p.startsWith('expected error yaml/syntax')), wrong.join('\n'));
});
