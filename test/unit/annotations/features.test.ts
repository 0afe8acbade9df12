/** Completion and hover of annotations, at the core level. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { normalizeSettings } from '../../../server/src/core/settings';
import type { IndexedManifest, WorkspaceView } from '../../../server/src/core/workspace/view';
import { parseFile } from '../../../server/src/core/yaml/parse';

/** Text with a `|` cursor marker → parsed file and offset. */
function at(text: string): { file: ReturnType<typeof parseFile>; offset: number; text: string } {
  const offset = text.indexOf('|');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  return { file: parseFile(clean), offset, text: clean };
}

const S = normalizeSettings({});
const ING = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n  annotations:\n';
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  annotations:\n';

test('key completion on an Ingress: ingress-nginx and cert-manager keys, with documentation', () => {
  const { file, offset } = at(`${ING}    nginx.ingress.kubernetes.io/rewr|\nspec: {}\n`);
  const items = complete(file, offset, S).filter((i) => i.kind === 'annotation');
  const labels = items.map((i) => i.label);
  assert.ok(labels.includes('nginx.ingress.kubernetes.io/rewrite-target'));
  assert.ok(labels.includes('cert-manager.io/cluster-issuer'));
  assert.ok(!labels.some((l) => l.startsWith('service.beta.kubernetes.io/')), 'no Service annotations on an Ingress');
  assert.ok(!labels.includes('nginx.ingress.kubernetes.io/secure-backends'), 'removed annotations are not offered');
  const rt = items.find((i) => i.label === 'nginx.ingress.kubernetes.io/rewrite-target')!;
  assert.match(rt.documentation!, /capture groups/);
  assert.match(rt.documentation!, /Risk \| Medium/);
  // Replaces the partial key typed so far.
  assert.deepEqual(rt.replace, [offset - 'nginx.ingress.kubernetes.io/rewr'.length, offset]);
  const bool = items.find((i) => i.label === 'nginx.ingress.kubernetes.io/ssl-redirect')!;
  assert.equal(bool.insertText, 'nginx.ingress.kubernetes.io/ssl-redirect: "${1|true,false|}"');
  assert.equal(bool.snippet, true);
});

test('key completion on a Service: cloud and MetalLB keys; none on other kinds', () => {
  const { file, offset } = at(`${SVC}    existing: x\n    |\nspec: {}\n`);
  const labels = complete(file, offset, S).filter((i) => i.kind === 'annotation').map((i) => i.label);
  for (const k of ['service.beta.kubernetes.io/aws-load-balancer-type', 'networking.gke.io/load-balancer-type', 'service.beta.kubernetes.io/azure-load-balancer-internal', 'metallb.io/address-pool']) assert.ok(labels.includes(k), k);
  assert.ok(!labels.some((l) => l.startsWith('nginx.')));
  const cm = at('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    |\n');
  assert.equal(complete(cm.file, cm.offset, S).filter((i) => i.kind === 'annotation').length, 0);
});

test('keys already present are not offered again; the configured prefix is used', () => {
  const { file, offset } = at(`${ING}    ingress.example.com/ssl-redirect: "false"\n    ingress.example.com/|\nspec: {}\n`);
  const labels = complete(file, offset, normalizeSettings({ ingressNginxAnnotationPrefix: 'ingress.example.com' })).map((i) => i.label);
  assert.ok(labels.includes('ingress.example.com/rewrite-target'));
  assert.ok(!labels.includes('ingress.example.com/ssl-redirect'));
  assert.ok(!labels.some((l) => l.startsWith('nginx.ingress.kubernetes.io/')));
});

test('value completion: bools are always quoted, enums offer their options', () => {
  const b = at(`${ING}    nginx.ingress.kubernetes.io/ssl-redirect: |\nspec: {}\n`);
  const items = complete(b.file, b.offset, S);
  assert.deepEqual(items.map((i) => i.insertText), ['"true"', '"false"']);
  const e = at(`${ING}    nginx.ingress.kubernetes.io/backend-protocol: "GR|"\nspec: {}\n`);
  const enums = complete(e.file, e.offset, S);
  assert.ok(enums.some((i) => i.insertText === '"GRPCS"'));
  // Replaces the whole quoted value, quotes included.
  const start = e.text.indexOf('"GR"');
  assert.deepEqual(enums[0].replace, [start, start + 4]);
});

test('value completion offers workspace Secrets for auth-secret and namespace/name for auth-tls-secret', () => {
  const ws = parseFile('apiVersion: v1\nkind: Secret\nmetadata:\n  name: basic-auth\n  namespace: shop\ntype: Opaque\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: ca\n  namespace: pki\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\n');
  const items: IndexedManifest[] = ws.manifests.map((manifest) => ({ uri: 'file:///ws/s.yaml', manifest, namespace: manifest.namespace ?? 'default' }));
  const view: WorkspaceView = { all: () => items, byKind: (k) => items.filter((i) => i.manifest.kind === k), get: () => [] };
  const a = at(`${ING}    nginx.ingress.kubernetes.io/auth-secret: |\nspec: {}\n`);
  const refs = complete(a.file, a.offset, S, '', view).filter((i) => i.kind === 'reference').map((i) => i.label);
  assert.deepEqual(refs, ['basic-auth', 'pki/ca']);
  const t = at(`${ING}    nginx.ingress.kubernetes.io/auth-tls-secret: |\nspec: {}\n`);
  const tls = complete(t.file, t.offset, S, '', view).filter((i) => i.kind === 'reference').map((i) => i.label);
  assert.deepEqual(tls, ['pki/ca', 'shop/basic-auth', 'shop/web-tls']);
  assert.equal(complete(a.file, a.offset, S).filter((i) => i.kind === 'reference').length, 0, 'no workspace, no references');
});

test('hover on a key: description, type, default, risk, status and link', () => {
  const { file, offset } = at(`${ING}    nginx.ingress.kubernetes.io/proxy-bo|dy-size: 8m\nspec: {}\n`);
  const h = hover(file, offset, S)!;
  assert.ok(h);
  assert.match(h.markdown, /\*\*nginx\.ingress\.kubernetes\.io\/proxy-body-size\*\*/);
  assert.match(h.markdown, /413/);
  assert.match(h.markdown, /Default \| `1m`/);
  assert.match(h.markdown, /Risk \| Medium/);
  assert.match(h.markdown, /Accepted \| regex `\^\\d\+\[bkmg\]\?\$` \(any case, spaces removed first\)/);
  assert.match(h.markdown, /Status \| current/);
  assert.match(h.markdown, /\(https:\/\/kubernetes\.github\.io\/ingress-nginx\//);
  const start = file.text.indexOf('nginx.ingress.kubernetes.io/proxy-body-size');
  assert.deepEqual(h.span, [start, start + 'nginx.ingress.kubernetes.io/proxy-body-size'.length]);
});

test('hover on removed and deprecated keys shows the status; unknown keys show nothing', () => {
  const r = at(`${ING}    nginx.ingress.kubernetes.io/secure-back|ends: "true"\nspec: {}\n`);
  assert.match(hover(r.file, r.offset, S)!.markdown, /removed in 0\.21\.0.*backend-protocol/);
  const m = at(`${SVC}    metallb.universe.tf/address-p|ool: public\nspec: {}\n`);
  assert.match(hover(m.file, m.offset, S)!.markdown, /deprecated.*metallb\.io\/address-pool/);
  const u = at(`${ING}    example.com/ow|ner: me\nspec: {}\n`);
  const h = hover(u.file, u.offset, S);
  assert.ok(!h || !/example\.com\/owner\*\*/.test(h.markdown));
});
