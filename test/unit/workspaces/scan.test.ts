import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { excludeMatcher, globToRegExp } from '../../../server/src/workspace/glob';
import { findYamlFiles } from '../../../server/src/workspace/scan';
import { canonicalUri, mayHoldManifests } from '../../../server/src/workspace/indexer';

test('files.exclude globs match relative paths the way VS Code reads them', () => {
  const ex = excludeMatcher({ '**/.git': true, '**/charts/*/templates': true, 'build/**': true, '**/*.{tmp,bak}.yaml': true, 'off/**': false });
  assert.equal(ex('.git'), true);
  assert.equal(ex('a/b/.git'), true);
  assert.equal(ex('deploy/charts/web/templates'), true);
  assert.equal(ex('deploy/charts/web/values.yaml'), false);
  assert.equal(ex('build/out/x.yaml'), true);
  assert.equal(ex('x.bak.yaml'), true);
  assert.equal(ex('off/x.yaml'), false);
  assert.equal(ex('k8s/service.yaml'), false);
  assert.ok(globToRegExp('a?c[0-9].yaml').test('abc1.yaml'));
  assert.ok(!globToRegExp('*.yaml').test('dir/x.yaml'));
});

test('the scan finds YAML files, skipping vendored folders, excluded paths and files over the size cap', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-expose-scan-'));
  try {
    const put = (rel: string, text = 'kind: Service\n') => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    };
    put('k8s/service.yaml');
    put('k8s/deploy.yml');
    put('README.md');
    put('node_modules/chart/svc.yaml');
    put('.git/x.yaml');
    put('vendor/x.yaml');
    put('generated/big.yaml', 'x'.repeat(2000));
    put('hidden/h.yaml');
    const { files, skippedLarge } = await findYamlFiles(dir, { isExcluded: excludeMatcher({ hidden: true }), maxBytes: 1000 });
    assert.deepEqual(files.map((f) => relative(dir, f.path)).sort(), ['k8s/deploy.yml', 'k8s/service.yaml']);
    assert.deepEqual(skippedLarge.map((p) => relative(dir, p)), ['generated/big.yaml']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only files that may hold manifests are parsed; URIs have one spelling', () => {
  assert.equal(mayHoldManifests('file:///w/svc.yaml', 'apiVersion: v1\nkind: Service\n'), true);
  assert.equal(mayHoldManifests('file:///w/svc.yaml', '{"apiVersion": "v1", "kind": "Service"}'), true);
  assert.equal(mayHoldManifests('file:///w/compose.yaml', 'services:\n  web:\n    image: nginx\n'), false);
  assert.equal(mayHoldManifests('file:///w/kustomization.yaml', 'resources: [a.yaml]\n'), true);
  assert.equal(canonicalUri('file:///w/a%20b/x.yaml'), canonicalUri('file:///w/a b/x.yaml'));
  assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
});
