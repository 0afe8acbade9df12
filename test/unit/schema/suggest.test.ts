import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, didYouMean, editDistance, suggest } from '../../../server/src/core/suggest';

test('edit distance counts insertions, deletions, substitutions and swaps', () => {
  assert.equal(editDistance('port', 'port'), 0);
  assert.equal(editDistance('prot', 'port'), 1); // swap
  assert.equal(editDistance('targetport', 'targetPort'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('selectr', 'selector'), 1);
});

test('edit distance stops early past the limit', () => {
  assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
  assert.equal(editDistance('a', 'abcdef', 2), 3);
});

test('suggest finds the closest field names, best first', () => {
  const keys = ['port', 'targetPort', 'nodePort', 'protocol', 'name', 'appProtocol'];
  assert.deepEqual(suggest('targetport', keys), ['targetPort']);
  assert.equal(closest('prot', keys), 'port');
  assert.deepEqual(suggest('xyz', keys), []);
  assert.equal(closest('Prefx', ['Exact', 'ImplementationSpecific', 'Prefix']), 'Prefix');
  assert.equal(closest('prefix', ['Exact', 'ImplementationSpecific', 'Prefix']), 'Prefix');
  assert.equal(closest('implementation', ['Exact', 'ImplementationSpecific', 'Prefix']), 'ImplementationSpecific');
  assert.equal(closest('clusterip', ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']), 'ClusterIP');
});

test('didYouMean phrases one or several candidates', () => {
  assert.equal(didYouMean([]), '');
  assert.equal(didYouMean(['Prefix']), 'did you mean `Prefix`?');
  assert.equal(didYouMean(['a', 'b', 'c']), 'did you mean `a`, `b` or `c`?');
});
