/**
 * Every snippet expands (placeholders to their defaults, choices to the first choice, bare tab
 * stops to a sample value) to manifests that the whole rule registry accepts with zero errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { normalizeSettings } from '../../server/src/core/settings';
import { parseFile } from '../../server/src/core/yaml/parse';

const ROOT = resolve(__dirname, '..', '..', '..');
const FILE = join(ROOT, 'snippets', 'kubernetes.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const DOLLAR = '\u0000';
const CLOSE = '\u0001';

/** Expands a VS Code snippet body the way it reads before the user types anything. */
export function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  let s = body.replace(/\\\$/g, DOLLAR).replace(/\\\}/g, CLOSE);
  const refs = (t: string) => t.replace(/\$\{?(\d+)\}?/g, (_, n: string) => (n === '0' ? '' : values.get(n) ?? 'example'));
  for (let guard = 0; guard < 1000; guard++) {
    const choice = /\$\{(\d+)\|([^|]*)\|\}/.exec(s);
    const placeholder = /\$\{(\d+):((?:[^{}$]|\$\d+)*)\}/.exec(s);
    const m = [choice, placeholder].filter((x): x is RegExpExecArray => !!x).sort((a, b) => a.index - b.index)[0];
    if (!m) break;
    const value = m === choice ? m[2].split(',')[0] : refs(m[2]);
    if (!values.has(m[1])) values.set(m[1], value);
    s = s.slice(0, m.index) + value + s.slice(m.index + m[0].length);
  }
  return refs(s).replace(new RegExp(DOLLAR, 'g'), '$').replace(new RegExp(CLOSE, 'g'), '}');
}

const snippets = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Snippet>;
const text = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

test('the expander resolves placeholders, mirrors, choices and escapes', () => {
  assert.equal(expandSnippet('name: ${1:web}\napp: ${2:$1}\nx: $1\ntype: ${3|A,B|}\nre: /\\$2 ${4:}$0'), 'name: web\napp: web\nx: web\ntype: A\nre: /$2 ');
  assert.equal(expandSnippet('secret: ${5:${1:web}-tls}'.replace('${1:web}', '$1')), 'secret: example-tls');
});

test('the snippet file covers every kind the issue lists', () => {
  const kinds = Object.values(snippets).flatMap((s) => [...text(s).matchAll(/^kind: (\S+)/gm)].map((m) => m[1]));
  for (const k of ['Service', 'Ingress', 'IngressClass', 'NetworkPolicy', 'IPAddressPool', 'L2Advertisement', 'ClusterIssuer']) assert.ok(kinds.includes(k), `no snippet for ${k}`);
  const types = Object.values(snippets).flatMap((s) => [...text(s).matchAll(/^\s+type: (ClusterIP|NodePort|LoadBalancer|ExternalName)$/gm)].map((m) => m[1]));
  for (const t of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) assert.ok(types.includes(t), `no ${t} Service snippet`);
  assert.ok(Object.values(snippets).some((s) => /clusterIP: None/.test(text(s))), 'no headless Service snippet');
  const prefixes = Object.values(snippets).flatMap((s) => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]));
  assert.equal(new Set(prefixes).size, prefixes.length, 'snippet prefixes must be unique');
  for (const [name, s] of Object.entries(snippets)) assert.ok(s.description && s.description.length > 10, `${name} needs a description`);
});

test('package.json contributes the snippet file for YAML', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.ok(pkg.contributes.snippets.some((c: { language: string; path: string }) => c.language === 'yaml' && c.path.replace(/^\.\//, '') === 'snippets/kubernetes.code-snippets'));
});

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}" expands to manifests with zero errors`, () => {
    const expanded = expandSnippet(text(snippet));
    // Escaped dollars (`\$2` in a rewrite target) are literal text; nothing else may be left.
    assert.doesNotMatch(expandSnippet(text(snippet).replace(/\\\$/g, '')), /\$/, 'placeholders left after expansion');
    const file = parseFile(expanded);
    assert.ok(file.manifests.length > 0 && file.manifests.every((m) => m.isKubernetes), 'every document is a Kubernetes object');
    const errors = analyze(file, { settings: normalizeSettings({}) }).filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `${f.ruleId} at ${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.message}`), [], expanded);
  });
}
