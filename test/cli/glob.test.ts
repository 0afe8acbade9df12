/** The CLI's own glob matcher (Node 20 has no fs.glob). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globBase, globToRegExp, isGlob } from '../../cli/src/glob';

function matches(glob: string, paths: string[]): string[] {
  const re = globToRegExp(glob);
  return paths.filter((p) => re.test(p));
}

const PATHS = ['a.yaml', 'a.yml', 'b.json', 'k8s/svc.yaml', 'k8s/prod/ing.yaml', 'k8s/prod/deep/x.yml', '.hidden.yaml', 'a.b.yaml', 'a[1].yaml'];

test('* stays inside one path segment', () => {
  assert.deepEqual(matches('*.yaml', PATHS), ['a.yaml', '.hidden.yaml', 'a.b.yaml', 'a[1].yaml']);
  assert.deepEqual(matches('k8s/*.yaml', PATHS), ['k8s/svc.yaml']);
  assert.deepEqual(matches('k8s/*/*.yaml', PATHS), ['k8s/prod/ing.yaml']);
});

test('** spans any number of segments, including none', () => {
  assert.deepEqual(matches('**/*.yml', PATHS), ['a.yml', 'k8s/prod/deep/x.yml']);
  assert.deepEqual(matches('k8s/**/*.yaml', PATHS), ['k8s/svc.yaml', 'k8s/prod/ing.yaml']);
  assert.deepEqual(matches('k8s/**', PATHS), ['k8s/svc.yaml', 'k8s/prod/ing.yaml', 'k8s/prod/deep/x.yml']);
  assert.deepEqual(matches('**', PATHS), PATHS);
  assert.deepEqual(matches('k8s/**/deep/*', PATHS), ['k8s/prod/deep/x.yml']);
});

test('? is one character; [..] a class, [!..] its complement', () => {
  assert.deepEqual(matches('a.y?ml', PATHS), ['a.yaml']);
  assert.deepEqual(matches('[ab].*', PATHS), ['a.yaml', 'a.yml', 'b.json', 'a.b.yaml']);
  assert.deepEqual(matches('[!a]*', PATHS), ['b.json', '.hidden.yaml']);
  assert.deepEqual(matches('[a-b].json', PATHS), ['b.json']);
});

test('{a,b} alternatives, nested, with globs inside', () => {
  assert.deepEqual(matches('*.{yaml,yml}', PATHS), ['a.yaml', 'a.yml', '.hidden.yaml', 'a.b.yaml', 'a[1].yaml']);
  assert.deepEqual(matches('k8s/{svc,prod/{ing,none}}.yaml', PATHS), ['k8s/svc.yaml', 'k8s/prod/ing.yaml']);
  assert.deepEqual(matches('{k8s/**/*.yml,b.*}', PATHS), ['b.json', 'k8s/prod/deep/x.yml']);
});

test('regex characters in a glob are literal; a backslash escapes a glob character', () => {
  assert.deepEqual(matches('a.b.yaml', PATHS), ['a.b.yaml']);
  assert.deepEqual(matches('a\\[1\\].yaml', PATHS), ['a[1].yaml']);
  assert.ok(!globToRegExp('a.yaml').test('axyaml'));
  assert.ok(globToRegExp('(x)+$.yaml').test('(x)+$.yaml'));
});

test('an unclosed [ or { is taken literally', () => {
  assert.ok(globToRegExp('a[b').test('a[b'));
  assert.ok(globToRegExp('a{b').test('a{b'));
});

test('isGlob tells patterns from paths', () => {
  assert.equal(isGlob('deploy/app.yaml'), false);
  assert.equal(isGlob('deploy/*.yaml'), true);
  assert.equal(isGlob('deploy/{a,b}.yaml'), true);
  assert.equal(isGlob('a?.yaml'), true);
});

test('globBase splits the literal directory to walk from the pattern', () => {
  assert.deepEqual(globBase('deploy/k8s/**/*.yaml'), { base: 'deploy/k8s', rest: '**/*.yaml' });
  assert.deepEqual(globBase('*.yaml'), { base: '.', rest: '*.yaml' });
  assert.deepEqual(globBase('/abs/dir/*.yml'), { base: '/abs/dir', rest: '*.yml' });
  assert.deepEqual(globBase('/*.yml'), { base: '/', rest: '*.yml' });
  assert.deepEqual(globBase('{a,b}/x.yaml'), { base: '.', rest: '{a,b}/x.yaml' });
});
