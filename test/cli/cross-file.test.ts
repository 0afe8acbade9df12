/**
 * Cross-file checks in the CLI: one workspace holds every manifest of every file of the run, and each
 * file is analyzed against it. Tested with a small cross-file checker written here (so the test does
 * not depend on which cross-resource rules exist yet), and, where the real cross-resource rules
 * exist, through the binary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeSettings, parseFile } from '../../server/src/core';
import { findPair, str } from '../../server/src/core/yaml/ast';
import type { Checker } from '../../server/src/core/rules/types';
import { checkParsed, type ParsedInput } from '../../cli/src/run';
import { namespaceIn } from '../../server/src/core/workspace/index';
import { crossResourceCheckers } from '../../server/src/core/rules/cross-resource';
import { FIXTURES, json, kubeExpose } from './cli';

/** Reports a Service whose selector `app` label matches no Deployment's pod template in its namespace. */
const selectorChecker: Checker = {
  name: 'test-selector',
  kinds: ['Service'],
  rules: [{ id: 'test/selector-matches-nothing', severity: 'warning', summary: 'test rule' }],
  check(ctx) {
    const selector = findPair(findPair(ctx.manifest.root, 'spec')?.value, 'selector')?.value;
    const app = str(findPair(selector, 'app')?.value);
    if (!app || !ctx.workspace) return;
    const ns = namespaceIn(ctx.workspace, ctx.uri, ctx.manifest);
    const matches = [...ctx.workspace.byKind('Deployment')].filter((d) => {
      const labels = findPair(findPair(findPair(findPair(d.manifest.root, 'spec')?.value, 'template')?.value, 'metadata')?.value, 'labels')?.value;
      return d.namespace === ns && str(findPair(labels, 'app')?.value) === app;
    });
    if (matches.length === 0) ctx.report({ rule: 'test/selector-matches-nothing', message: `no Deployment has app: ${app}`, node: findPair(selector, 'app')?.value });
  },
};

function input(name: string): ParsedInput {
  const path = join(FIXTURES, 'cross', name);
  return { input: { path, display: `cross/${name}` }, uri: pathToFileURL(path).href, file: parseFile(readFileSync(path, 'utf8')) };
}

test('a file is analyzed against the manifests of every other file of the run', () => {
  const settings = normalizeSettings({});
  const together = checkParsed([input('service.yaml'), input('deployment.yaml'), input('ingress.yaml'), input('ingress-class.yaml')], settings, { checkers: [selectorChecker] });
  assert.deepEqual(together.map((f) => f.findings.length), [0, 0, 0, 0]);
  const alone = checkParsed([input('service.yaml')], settings, { checkers: [selectorChecker] });
  assert.equal(alone[0].findings.length, 1);
  assert.equal(alone[0].findings[0].ruleId, 'kube-expose/test/selector-matches-nothing');
  assert.equal(alone[0].findings[0].range.start.line, 7, 'at the selector value `web`');
});

test('a kustomization among the files sets the namespace of the files it lists', () => {
  const settings = normalizeSettings({});
  const files = ['base/kustomization.yaml', 'base/service.yaml', 'deployment.yaml'].map((rel) => {
    const path = join(FIXTURES, 'kustomize', rel);
    return { input: { path, display: rel }, uri: pathToFileURL(path).href, file: parseFile(readFileSync(path, 'utf8')) };
  });
  const withKustomization = checkParsed(files, settings, { checkers: [selectorChecker] });
  assert.deepEqual(withKustomization.map((f) => f.findings.length), [0, 0, 0], 'the Service is in `shop`, with the Deployment');
  const without = checkParsed(files.slice(1), settings, { checkers: [selectorChecker] });
  assert.deepEqual(without.map((f) => f.findings.map((x) => x.message)), [['no Deployment has app: web'], []], 'without it the Service is in `default`');
});

test('through the binary: the cross files checked together agree; a file checked alone misses its other half', (t) => {
  const crossIds = new Set(crossResourceCheckers.flatMap((c) => c.rules.map((r) => `kube-expose/${r.id}`)));
  if (crossIds.size === 0) {
    t.skip('no cross-resource rules are registered yet');
    return;
  }
  const together = json(kubeExpose(['check', '-f', 'json', 'cross']));
  assert.deepEqual(together.files, ['cross/deployment.yaml', 'cross/ingress-class.yaml', 'cross/ingress.yaml', 'cross/service.yaml']);
  const crossTogether = together.findings.filter((f) => crossIds.has(f.ruleId));
  assert.deepEqual(crossTogether, [], 'a Service, its Deployment, its Ingress and IngressClass that agree');
  const alone = json(kubeExpose(['check', '-f', 'json', 'cross/ingress.yaml']));
  assert.ok(
    alone.findings.some((f) => crossIds.has(f.ruleId) && f.line === 16),
    `an Ingress whose backend Service (line 16) is not among the files given: ${JSON.stringify(alone.findings)}`,
  );
  // The same files given as a glob agree with the folder run.
  const viaGlob = json(kubeExpose(['check', '-f', 'json', 'cross/*.yaml']));
  assert.deepEqual(viaGlob.findings, together.findings);
});
