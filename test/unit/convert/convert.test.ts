import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { snippetToPlain } from '../../../server/src/core/convert/snippet';
import type { Conversion } from '../../../server/src/core/convert/types';
import { applyPlain, byId, conversions, errorsOf } from './helpers';

/** Lines of `before` outside every edit must appear in `after`, unchanged and in order. */
function assertUntouchedLinesKept(before: string, after: string, c: Conversion): void {
  const edits = c.plainEdits ?? c.edits;
  const lines = before.split('\n');
  let offset = 0;
  const untouched: string[] = [];
  for (const line of lines) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    const touched = edits.some((e) => e.start <= end && e.end >= start && !(e.start === e.end && (e.start === start || e.start === end + 1)));
    if (!touched) untouched.push(line);
  }
  const out = after.split('\n');
  let j = 0;
  for (const l of untouched) {
    while (j < out.length && out[j] !== l) j++;
    assert.ok(j < out.length, `untouched line ${JSON.stringify(l)} is missing or moved in:\n${after}`);
    j++;
  }
}

const NODEPORT = `# web service
apiVersion: v1
kind: Service
metadata:
  name: web   # keep me
  namespace: shop
spec:
  type: NodePort
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: 8080
      nodePort: 30080
    - nodePort: 30432
      name: postgres
      port: 5432
---
apiVersion: v1
kind: ConfigMap
metadata: {name: x}
`;

test('NodePort → LoadBalancer keeps nodePorts, or drops them, and nothing else changes', () => {
  const list = conversions(NODEPORT, 'NodePort');
  const keep = byId(list, 'service/nodeport-to-loadbalancer-keep-nodeports');
  const drop = byId(list, 'service/nodeport-to-loadbalancer');
  const kept = applyPlain(NODEPORT, keep);
  assert.match(kept, /\n {2}type: LoadBalancer\n/);
  assert.match(kept, /nodePort: 30080/);
  const dropped = applyPlain(NODEPORT, drop);
  assert.doesNotMatch(dropped, /nodePort/);
  assert.match(dropped, /\n {4}- name: postgres\n {6}port: 5432\n/, 'a key sharing the dash line gives its place to the next key');
  for (const [c, out] of [[keep, kept], [drop, dropped]] as const) {
    assertUntouchedLinesKept(NODEPORT, out, c);
    assert.deepEqual(errorsOf(out), []);
  }
});

test('NodePort → LoadBalancer offers tab stops for the source ranges, and only comments without snippets', () => {
  const c = byId(conversions(NODEPORT, 'NodePort'), 'service/nodeport-to-loadbalancer');
  assert.equal(c.snippet, true);
  const snippetText = c.edits.map((e) => e.newText).join('\n');
  assert.match(snippetText, /externalTrafficPolicy: \$\{1\|Local,Cluster\|\}/);
  assert.match(snippetText, /- \$\{2:203\.0\.113\.0\/24\}/);
  const plain = applyPlain(NODEPORT, c);
  assert.match(plain, /# loadBalancerSourceRanges:/);
  assert.doesNotMatch(plain, /^\s+loadBalancerSourceRanges:/m, 'no made-up source range is applied without the user choosing it');
});

test('→ ClusterIP + Ingress: type changed, node-port fields removed, an Ingress routes HTTP ports and explains skipped ones', () => {
  const svc = NODEPORT.replace('  selector:', '  externalTrafficPolicy: Local\n  selector:');
  const c = byId(conversions(svc, 'NodePort'), 'service/to-clusterip-ingress');
  const out = applyPlain(svc, c);
  assert.match(out, /\n {2}type: ClusterIP\n/);
  assert.doesNotMatch(out, /nodePort|externalTrafficPolicy/);
  const docs = parseFile(out).manifests;
  assert.deepEqual(docs.map((m) => m.kind), ['Service', 'Ingress', 'ConfigMap'], 'the Ingress comes right after the Service');
  const ingress = docs[1].doc.toJS() as { metadata: { name: string; namespace: string }; spec: { rules: Array<{ http: { paths: Array<{ path: string; pathType: string; backend: unknown }> } }> } };
  assert.equal(ingress.metadata.namespace, 'shop');
  assert.deepEqual(ingress.spec.rules[0].http.paths, [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }]);
  assert.ok(c.notes.some((n) => n.includes('postgres') && n.includes('not routed')), c.notes.join('\n'));
  assert.match(out, /# not routed: port postgres \(5432\)/);
  assertUntouchedLinesKept(svc, out, c);
  assert.deepEqual(errorsOf(out), []);
});

test('→ ClusterIP + Ingress drops the load-balancer source-ranges annotation, which only LoadBalancers may carry', () => {
  const svc = NODEPORT.replace('  namespace: shop\n', '  namespace: shop\n  annotations:\n    service.beta.kubernetes.io/load-balancer-source-ranges: 10.0.0.0/8\n');
  const out = applyPlain(svc, byId(conversions(svc, 'NodePort'), 'service/to-clusterip-ingress'));
  assert.doesNotMatch(out, /annotations:|load-balancer-source-ranges/);
  assert.deepEqual(errorsOf(out), []);
});

test('→ ClusterIP + Ingress with TLS adds cert-manager and a TLS section; uses the workspace default IngressClass', () => {
  const withClass = `${NODEPORT}---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: public\n  annotations:\n    ingressclass.kubernetes.io/is-default-class: "true"\nspec:\n  controller: k8s.io/ingress-nginx\n`;
  const c = byId(conversions(withClass, 'NodePort'), 'service/to-clusterip-ingress-tls');
  const out = applyPlain(withClass, c);
  assert.match(out, /cert-manager\.io\/cluster-issuer: letsencrypt/);
  assert.match(out, /ingressClassName: public/);
  assert.match(out, /secretName: web-tls/);
  assert.deepEqual(errorsOf(out), []);
});

test('a Service with no HTTP port gets the Ingress conversion disabled, with the reason', () => {
  const dns = 'apiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec:\n  type: NodePort\n  ports:\n    - {name: dns, port: 53, protocol: UDP}\n';
  const c = byId(conversions(dns, 'NodePort'), 'service/to-clusterip-ingress');
  assert.deepEqual(c.edits, []);
  assert.match(c.disabledReason ?? '', /no port of this Service looks like HTTP \(dns \(53\): UDP is not HTTP\)/);
});

test('a Service port name longer than an Ingress allows is referenced by number', () => {
  const svc = NODEPORT.replace('- name: http', '- name: pushgateway-external');
  const out = applyPlain(svc, byId(conversions(svc, 'NodePort'), 'service/to-clusterip-ingress'));
  assert.match(out, /port:\n {18}number: 80\n/);
  assert.deepEqual(errorsOf(out), []);
});

test('conversions are offered only where they apply', () => {
  assert.deepEqual(conversions('apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: 80}]\n').map((c) => c.id), []);
  assert.deepEqual(conversions('services:\n  web: {image: nginx}\n'), []);
  assert.deepEqual(conversions('apiVersion: v1\nkind: Service\nmetadata: {name: a\nspec:\n  type: NodePort\n'), [], 'a document that does not parse is not rewritten');
});

const OLD_INGRESS = `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: old
  annotations:
    kubernetes.io/ingress.class: nginx
    nginx.ingress.kubernetes.io/ssl-redirect: "false"
spec:
  backend:
    serviceName: def
    servicePort: 80
  rules:
  - host: a.example.com
    http:
      paths:
      - path: /api   # the API
        backend:
          serviceName: api
          servicePort: http
      - backend: {serviceName: web, servicePort: 8080}
`;

test('a removed Ingress apiVersion migrates to networking.k8s.io/v1 with minimal edits', () => {
  for (const version of ['extensions/v1beta1', 'networking.k8s.io/v1beta1']) {
    const text = OLD_INGRESS.replace('extensions/v1beta1', version);
    const c = byId(conversions(text, 'old', { convertOriginal: 'remove' }), 'ingress/migrate-to-v1');
    const out = applyPlain(text, c);
    const obj = parseFile(out).manifests[0].doc.toJS() as { apiVersion: string; metadata: { annotations: Record<string, string> }; spec: Record<string, unknown> };
    assert.equal(obj.apiVersion, 'networking.k8s.io/v1');
    assert.deepEqual(obj.metadata.annotations, { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' });
    assert.equal(obj.spec.ingressClassName, 'nginx');
    assert.deepEqual(obj.spec.defaultBackend, { service: { name: 'def', port: { number: 80 } } });
    assert.deepEqual(obj.spec.rules, [{
      host: 'a.example.com',
      http: { paths: [
        { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } },
        { backend: { service: { name: 'web', port: { number: 8080 } } }, path: '/', pathType: 'Prefix' },
      ] },
    }]);
    assert.match(out, /- path: \/api {3}# the API\n/, 'comments stay where they were');
    assertUntouchedLinesKept(text, out, c);
    assert.deepEqual(errorsOf(out), []);
  }
});

test('the migration keeps the original as comments when the setting says so', () => {
  const c = byId(conversions(OLD_INGRESS, 'old', { convertOriginal: 'comment' }), 'ingress/migrate-to-v1');
  const out = applyPlain(OLD_INGRESS, c);
  assert.match(out, /^# Before migration to networking\.k8s\.io\/v1:\n# apiVersion: extensions\/v1beta1\n/);
  assert.equal(parseFile(out).manifests.length, 1);
  assert.deepEqual(errorsOf(out), []);
});

const GATEWAY_INPUT = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
    nginx.ingress.kubernetes.io/rewrite-target: /
    nginx.ingress.kubernetes.io/proxy-read-timeout: "120"
    nginx.ingress.kubernetes.io/upstream-vhost: internal.shop
    nginx.ingress.kubernetes.io/limit-rps: "10"
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Frame-Options: DENY";
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api
                port:
                  name: http
          - path: /
            pathType: Exact
            backend:
              service: {name: web, port: {number: 80}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop-canary
  namespace: shop
  annotations:
    nginx.ingress.kubernetes.io/canary: "true"
    nginx.ingress.kubernetes.io/canary-weight: "20"
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend:
              service:
                name: api-v2
                port:
                  number: 8080
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec:
  ports: [{name: http, port: 8080}]
`;

interface Route { kind: string; metadata: { name: string }; spec: { parentRefs: Array<{ name: string; sectionName?: string }>; hostnames?: string[]; rules: Array<Record<string, unknown>>; listeners?: Array<Record<string, unknown>>; gatewayClassName?: string } }

test('Ingress → Gateway API: Gateway, HTTPRoute with translated annotations, HTTPS redirect, canary weights', () => {
  const c = byId(conversions(GATEWAY_INPUT, 'rewrite-target', { convertOriginal: 'remove' }), 'ingress/to-gateway-api');
  const out = applyPlain(GATEWAY_INPUT, c);
  const docs = parseFile(out).manifests.map((m) => m.doc.toJS() as Route);
  assert.deepEqual(docs.map((d) => `${d.kind}/${d.metadata.name}`), ['Gateway/nginx', 'HTTPRoute/shop', 'HTTPRoute/shop-https-redirect', 'Ingress/shop-canary', 'Service/api']);
  const [gw, route, redirect] = docs;
  assert.equal(gw.spec.gatewayClassName, 'example-gateway-class');
  assert.deepEqual(gw.spec.listeners?.map((l) => [l.protocol, l.port, l.hostname]), [['HTTP', 80, undefined], ['HTTPS', 443, 'shop.example.com']]);
  assert.deepEqual(route.spec.hostnames, ['shop.example.com']);
  const api = route.spec.rules[0];
  assert.deepEqual(api.matches, [{ path: { type: 'PathPrefix', value: '/api' } }]);
  assert.deepEqual(api.backendRefs, [{ name: 'api', port: 8080, weight: 80 }, { name: 'api-v2', port: 8080, weight: 20 }], 'named port resolved through the Service; canary merged with weights');
  assert.deepEqual(api.timeouts, { backendRequest: '120s' });
  const filters = api.filters as Array<{ type: string }>;
  assert.deepEqual(filters.map((f) => f.type), ['URLRewrite', 'RequestHeaderModifier']);
  assert.deepEqual((route.spec.rules[1].matches as unknown[])[0], { path: { type: 'Exact', value: '/' } });
  assert.deepEqual(redirect.spec.parentRefs, [{ name: 'nginx', sectionName: 'http' }]);
  // Untranslatable annotations: listed in a comment and in the notes, never dropped silently.
  assert.match(out, /# {3}nginx\.ingress\.kubernetes\.io\/limit-rps: 10\n/);
  assert.match(out, /# {3}nginx\.ingress\.kubernetes\.io\/configuration-snippet: more_set_headers "X-Frame-Options: DENY";\n/);
  const note = c.notes.find((n) => n.startsWith('Not translated'));
  assert.ok(note?.includes('limit-rps') && note.includes('configuration-snippet'), c.notes.join('\n'));
  assert.ok(!note?.includes('rewrite-target') && !note?.includes('upstream-vhost'));
  assert.deepEqual(errorsOf(out), []);
});

test('Ingress → Gateway API keeps the original Ingress as comments by default, and uses the gatewayClassName setting', () => {
  const c = byId(conversions(GATEWAY_INPUT, 'rewrite-target', { gatewayClassName: 'eg' }), 'ingress/to-gateway-api');
  assert.match(snippetToPlain(c.edits[0].newText), /gatewayClassName: eg\n/);
  const out = applyPlain(GATEWAY_INPUT, c);
  assert.match(out, /^# Converted to Gateway API by kube-expose\. The original Ingress:\n# apiVersion: networking\.k8s\.io\/v1\n/);
});

test('with a Gateway already in the workspace, the route attaches to it without naming listeners it may not have', () => {
  const text = `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: shop}\nspec:\n  gatewayClassName: eg\n  listeners: [{name: web, protocol: HTTP, port: 80}]\n---\n${GATEWAY_INPUT}`;
  const c = byId(conversions(text, 'rewrite-target', { convertOriginal: 'remove' }), 'ingress/to-gateway-api');
  const docs = parseFile(applyPlain(text, c)).manifests.map((m) => m.doc.toJS() as Route);
  assert.deepEqual(docs.map((d) => `${d.kind}/${d.metadata.name}`), ['Gateway/public', 'HTTPRoute/shop', 'Ingress/shop-canary', 'Service/api']);
  assert.deepEqual(docs[1].spec.parentRefs, [{ name: 'public' }]);
  assert.ok(c.notes.some((n) => n.includes('HTTP→HTTPS redirect was not generated')), c.notes.join('\n'));
});

test('regex rewrites and unknown redirects are reported, not guessed', () => {
  const text = GATEWAY_INPUT.replace('rewrite-target: /', 'rewrite-target: /$2');
  const c = byId(conversions(text, 'rewrite-target', { convertOriginal: 'remove' }), 'ingress/to-gateway-api');
  assert.ok(c.notes.some((n) => n.includes('capture groups')), c.notes.join('\n'));
  assert.match(applyPlain(text, c), /# {3}nginx\.ingress\.kubernetes\.io\/rewrite-target: \/\$2/);
});

// Every conversion of every Service and Ingress we have (fixtures and, when present, the shared
// corpus of real-world manifests) must produce YAML that parses and validates with zero errors.
function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

test('every conversion over the fixture and real-world corpus yields valid manifests', () => {
  const root = resolve(__dirname, '..', '..', '..', '..');
  const files = [...yamlFiles(join(root, 'test', 'fixtures')), ...yamlFiles(resolve(root, '..', 'shared', 'corpus')), ...yamlFiles(join(root, 'examples'))];
  let converted = 0;
  const failures: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const parsed = parseFile(text);
    if (errorsOf(text).length) continue; // a file with its own errors says nothing about the conversion
    for (const m of parsed.manifests) {
      if (m.kind !== 'Service' && m.kind !== 'Ingress') continue;
      for (const c of conversions(text, m.start).filter((x) => !x.disabledReason)) {
        converted++;
        const out = applyPlain(text, c);
        const after = parseFile(out);
        const syntax = after.manifests.flatMap((x) => x.syntax.filter((p) => p.severity === 'error'));
        const errors = errorsOf(out);
        if (syntax.length || errors.length) failures.push(`${file} ${m.kind}/${m.name} ${c.id}: ${[...syntax.map((s) => s.message), ...errors].join('; ')}`);
      }
    }
  }
  assert.ok(converted >= 5, `only ${converted} conversions were tried`);
  assert.deepEqual(failures, []);
});

test('snippet text turns into plain text with the defaults, escapes included', () => {
  assert.equal(snippetToPlain('a: ${1|Local,Cluster|}\nb: ${2:x-\\${P\\}.com}\nc: $3\\$'), 'a: Local\nb: x-${P}.com\nc: $');
});
