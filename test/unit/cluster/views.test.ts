/** The pure parts of the cluster view: the report HTML (CSP, escaping) and the Service locator of the CodeLens. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseService } from '../../../client/src/diagnose/diagnose';
import { escapeHtml, newNonce, renderReportHtml } from '../../../client/src/views/reportHtml';
import { locateServices } from '../../../client/src/views/serviceLocator';
import { fixtureSnapshot, loadFixtures } from './fixtures';

const OPTS = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: 'N0nce123', scriptUri: 'https://x/media/report/diagnose.js', styleUri: 'https://x/media/report/diagnose.css' };

test('the report page has a strict CSP, one external script bound to the nonce, no inline script or style, no remote content', () => {
  for (const f of loadFixtures()) {
    const html = renderReportHtml(diagnoseService(fixtureSnapshot(f)), OPTS);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.ok(csp, f.file);
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-N0nce123'(;|$)/);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp), csp);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, / nonce="N0nce123" src="https:\/\/x\/media\/report\/diagnose\.js"/);
    assert.equal(scripts[0]![2], '');
    assert.ok(!/\sstyle=|<style|\son[a-z]+=/i.test(html), `${f.file}: inline style or handler`);
    const remote = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((u) => !u.startsWith('https://x/'));
    assert.deepEqual(remote, []);
  }
});

test('the report page puts the verdict first, one hop per path step, and escapes cluster text', () => {
  const f = loadFixtures().find((x) => x.file === 'pods-crashloop.json')!;
  const r = diagnoseService(fixtureSnapshot(f));
  r.checks[0]!.evidence.push('<img src=x onerror=alert(1)>');
  const html = renderReportHtml(r, OPTS);
  assert.ok(!html.includes('<img src=x'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.indexOf('class="verdict') < html.indexOf('class="path"'));
  assert.equal([...html.matchAll(/<li class="hop /g)].length, r.hops.length);
  assert.match(html, /<button id="rerun" type="button"[^>]*>Re-run<\/button>/);
  assert.match(html, /<button id="copy" type="button"[^>]*>Copy as Markdown<\/button>/);
  // Failing checks are open and listed first.
  assert.match(html, /<details class="check status-fail" open>/);
  assert.ok(html.indexOf('status-fail" open') < html.indexOf('<details class="check status-pass"'));
  assert.equal(escapeHtml(`"'&<>`), '&quot;&#39;&amp;&lt;&gt;');
  assert.match(newNonce(), /^[A-Za-z0-9]{32}$/);
  assert.notEqual(newNonce(), newNonce());
});

test('the CodeLens finds each Service manifest by name and namespace, and nothing else', () => {
  const text = [
    '# a comment',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    '  labels:',
    '    name: not-this-one',
    'spec:',
    '  selector: {app: web}',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '---',
    'kind: "Service"',
    'apiVersion: v1',
    'metadata:',
    '    annotations:',
    '      x: y',
    '    name: "api" # the api',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: {{ .Release.Name }}',
    '---',
    'apiVersion: serving.knative.dev/v1',
    'kind: Service',
    'metadata:',
    '  name: knative',
  ].join('\n');
  assert.deepEqual(locateServices(text), [
    { line: 2, name: 'web', namespace: 'shop' },
    { line: 16, name: 'api' },
  ]);
  assert.deepEqual(locateServices(''), []);
  assert.deepEqual(locateServices('kind: Service\nmetadata:\n'), []);
  assert.deepEqual(locateServices('kind: Service\r\nmetadata:\r\n  name: crlf\r\n'), [{ line: 0, name: 'crlf' }]);
});
