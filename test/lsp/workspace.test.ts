/**
 * The workspace index through the protocol: the server indexes a fixture folder on disk (skipping
 * node_modules), and answers definition, references, hover, completion and CodeLens across files;
 * cross-file diagnostics follow edits of open documents and file events of unopened ones.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { ROOT, startServer, type TestServer } from './harness';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'workspaces', 'navigation');
const uriOf = (dir: string, rel: string) => pathToFileURL(join(dir, rel)).href;

interface Loc { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }

/** Line/character of the `n`-th occurrence of `needle` in `text`, plus `delta` characters. */
function pos(text: string, needle: string, delta = 0, n = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not found`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const read = (dir: string, rel: string) => readFileSync(join(dir, rel), 'utf8');

let server: TestServer;
const progress: string[] = [];
before(async () => {
  server = await startServer({}, pathToFileURL(FIXTURE).href);
  server.connection.onNotification('$/progress', (p: { value: { kind: string } }) => {
    progress.push(p.value.kind);
  });
});
after(async () => {
  await server.stop();
});

const ingressText = read(FIXTURE, 'ingress.yaml');
const serviceText = read(FIXTURE, 'app/service.yaml');
const deploymentText = read(FIXTURE, 'app/deployment.yaml');
const ingressUri = uriOf(FIXTURE, 'ingress.yaml');
const serviceUri = uriOf(FIXTURE, 'app/service.yaml');
const deploymentUri = uriOf(FIXTURE, 'app/deployment.yaml');

test('indexing reports progress, and go to definition from a backend service name reaches the Service in another (unopened) file', async () => {
  await server.open(ingressUri, ingressText);
  const locs = await until('the index', async () => {
    const r = await server.request<Loc[]>('textDocument/definition', { textDocument: { uri: ingressUri }, position: pos(ingressText, 'name: web', 7, 1) });
    return r.length ? r : undefined;
  });
  assert.deepEqual(locs, [{ uri: serviceUri, range: { start: pos(serviceText, 'web'), end: pos(serviceText, 'web', 3) } }]);
  assert.equal(progress[0], 'begin');
  assert.equal(progress.at(-1), 'end');
});

test('definition: backend port name → the Service port; targetPort name → the container port; selector → the pod template labels', async () => {
  const port = await server.request<Loc[]>('textDocument/definition', { textDocument: { uri: ingressUri }, position: pos(ingressText, 'name: http', 7) });
  assert.deepEqual(port.map((l) => [l.uri, l.range.start]), [[serviceUri, pos(serviceText, 'http')]]);
  await server.open(serviceUri, serviceText);
  const target = await server.request<Loc[]>('textDocument/definition', { textDocument: { uri: serviceUri }, position: pos(serviceText, 'targetPort: http', 13) });
  assert.deepEqual(target.map((l) => [l.uri, l.range.start]), [[deploymentUri, pos(deploymentText, 'name: http', 6)]]);
  const sel = await server.request<Loc[]>('textDocument/definition', { textDocument: { uri: serviceUri }, position: pos(serviceText, 'app: web', 6) });
  assert.deepEqual(sel.map((l) => [l.uri, l.range.start]), [[deploymentUri, pos(deploymentText, 'app: web', 0, 1)]]);
});

test('references: Service → the Ingresses routing to it; workload → the Services selecting it', async () => {
  const fromService = await server.request<Loc[]>('textDocument/references', { textDocument: { uri: serviceUri }, position: pos(serviceText, 'web'), context: { includeDeclaration: false } });
  assert.deepEqual(fromService.map((l) => [l.uri, l.range.start]), [[ingressUri, pos(ingressText, 'name: web', 6, 1)]]);
  await server.open(deploymentUri, deploymentText);
  const fromDeployment = await server.request<Loc[]>('textDocument/references', { textDocument: { uri: deploymentUri }, position: pos(deploymentText, 'web'), context: { includeDeclaration: false } });
  assert.deepEqual(fromDeployment.map((l) => [l.uri, l.range.start]), [[serviceUri, pos(serviceText, 'app: web')]]);
});

test('hover on a selector lists the matching workloads; on a backend name it summarises the Service', async () => {
  const h = await server.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: serviceUri }, position: pos(serviceText, 'app: web', 1) });
  assert.match(h.contents.value, /Deployment `web` \(2 replicas\)/);
  const b = await server.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: ingressUri }, position: pos(ingressText, 'name: web', 7, 1) });
  assert.match(b.contents.value, /type: ClusterIP/);
  assert.match(b.contents.value, /http 80→http\/TCP/);
});

test('CodeLens above the Service names its pods and the Ingress routing to it', async () => {
  const lenses = await server.request<Array<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }>>('textDocument/codeLens', { textDocument: { uri: serviceUri } });
  assert.equal(lenses.length, 1);
  assert.equal(lenses[0].command.title, 'selects 2 pods from Deployment web · routed from Ingress web');
  assert.equal(lenses[0].command.command, 'kubeExpose.showReferences');
  assert.equal(lenses[0].range.start.line, 0);
  assert.equal((lenses[0].command.arguments[2] as Loc[]).length, 2);
});

test('completion offers the Services of the namespace for a backend name, and container port names for targetPort', async () => {
  const text = ingressText.replace('name: web\n                port', 'name: \n                port');
  await server.change(ingressUri, 2, text);
  const items = await server.request<Array<{ label: string; detail?: string }>>('textDocument/completion', { textDocument: { uri: ingressUri }, position: pos(text, 'name: \n', 6) });
  const web = items.find((i) => i.label === 'web');
  assert.ok(web, JSON.stringify(items.map((i) => i.label)));
  assert.match(web.detail ?? '', /http 80/);
  const svc = serviceText.replace('targetPort: http', 'targetPort: ');
  await server.change(serviceUri, 2, svc);
  const tp = await server.request<Array<{ label: string }>>('textDocument/completion', { textDocument: { uri: serviceUri }, position: pos(svc, 'targetPort: ', 12) });
  assert.ok(tp.some((i) => i.label === 'http') && tp.some((i) => i.label === '8080'), JSON.stringify(tp.map((i) => i.label)));
  await server.change(serviceUri, 3, serviceText);
  await server.change(ingressUri, 3, ingressText);
});

test('vendored folders are not indexed: the copy under node_modules is no duplicate', async () => {
  const wait = server.diagnostics(serviceUri, 4);
  await server.change(serviceUri, 4, serviceText + '\n');
  const diags = await wait;
  assert.deepEqual(diags.filter((d) => String(d.code).startsWith('kube-expose/cross/')), []);
});

// ---- cross-file diagnostics that follow the other file ----

test('a cross-file diagnostic appears and goes as the other file changes, open or not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kube-expose-ws-'));
  const s2 = await startServer({}, pathToFileURL(dir).href);
  try {
    cpSync(join(FIXTURE, 'app'), dir, { recursive: true });
    const svc = uriOf(dir, 'service.yaml');
    const dep = uriOf(dir, 'deployment.yaml');
    const cross = (d: Diagnostic[]) => d.filter((x) => String(x.code).startsWith('kube-expose/cross/')).map((x) => String(x.code));
    let version = 1;
    // Waits for publications of the Service's diagnostics until the cross-file ones equal `expected`
    // (an earlier re-check may still be in flight when the action is taken); fails on timeout.
    const next = () => {
      const first = s2.diagnostics(svc);
      return async (expected: string[]): Promise<string[]> => {
        let got = cross(await first);
        const end = Date.now() + 8000;
        while (JSON.stringify(got) !== JSON.stringify(expected) && Date.now() < end) got = cross(await s2.diagnostics(svc, undefined, Math.max(1, end - Date.now())).catch((): Diagnostic[] => [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'no further diagnostics', code: 'kube-expose/cross/(timeout)' }]));
        return got;
      };
    };
    // Wait until indexing is done: the Service's first check after it has no cross finding.
    await s2.open(svc, read(dir, 'service.yaml'));
    await until('the index', async () => ((await s2.request<Loc[]>('textDocument/definition', { textDocument: { uri: svc }, position: pos(serviceText, 'app: web', 6) })).length ? true : undefined));

    // The Deployment changes on disk (not open): the Service's selector no longer matches.
    writeFileSync(join(dir, 'deployment.yaml'), deploymentText.replace(/app: web/g, 'app: web-v2'));
    let wait = next();
    await s2.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dep, type: 2 }] });
    assert.deepEqual(await wait(['kube-expose/cross/selector-no-match']), ['kube-expose/cross/selector-no-match']);

    // Fixed on disk again.
    writeFileSync(join(dir, 'deployment.yaml'), deploymentText);
    wait = next();
    await s2.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dep, type: 2 }] });
    assert.deepEqual(await wait([]), []);

    // Deleted: no workload at all.
    rmSync(join(dir, 'deployment.yaml'));
    wait = next();
    await s2.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: dep, type: 3 }] });
    assert.deepEqual(await wait(['kube-expose/cross/selector-no-match']), ['kube-expose/cross/selector-no-match']);

    // A folder appears holding a Deployment, and the watcher reports only the folder (it was not
    // watching the folder yet when the file was written): the server reads the folder itself.
    mkdirSync(join(dir, 'moved-in', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'moved-in', 'deep', 'deployment.yaml'), deploymentText);
    wait = next();
    await s2.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'moved-in'), type: 1 }] });
    assert.deepEqual(await wait([]), []);
    // The folder is deleted, and again only the folder is reported.
    rmSync(join(dir, 'moved-in'), { recursive: true });
    wait = next();
    await s2.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(dir, 'moved-in'), type: 3 }] });
    assert.deepEqual(await wait(['kube-expose/cross/selector-no-match']), ['kube-expose/cross/selector-no-match']);

    // Typed into an open (unsaved) document: the editor's text counts.
    wait = next();
    await s2.open(dep, deploymentText);
    assert.deepEqual(await wait([]), []);
    wait = next();
    await s2.change(dep, ++version, deploymentText.replace('containerPort: 8080', 'containerPort: 8080').replace('name: http', 'name: web'));
    assert.deepEqual(await wait(['kube-expose/cross/target-port-name']), ['kube-expose/cross/target-port-name']);
    // Closing it without saving brings back the disk version (the file is deleted on disk).
    wait = next();
    await s2.connection.sendNotification('textDocument/didClose', { textDocument: { uri: dep } });
    assert.deepEqual(await wait(['kube-expose/cross/selector-no-match']), ['kube-expose/cross/selector-no-match']);
  } finally {
    await s2.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the index follows files.exclude and the workspace folders as they change', async () => {
  const a = mkdtempSync(join(tmpdir(), 'kube-expose-ws-a-'));
  const b = mkdtempSync(join(tmpdir(), 'kube-expose-ws-b-'));
  cpSync(join(FIXTURE, 'app', 'service.yaml'), join(a, 'service.yaml'));
  mkdirSync(join(a, 'workloads'));
  cpSync(join(FIXTURE, 'app', 'deployment.yaml'), join(a, 'workloads', 'deployment.yaml'));
  cpSync(join(FIXTURE, 'app', 'deployment.yaml'), join(b, 'deployment.yaml'));
  const s3 = await startServer({}, pathToFileURL(a).href);
  try {
    const svc = uriOf(a, 'service.yaml');
    const selectorFinding = (d: Diagnostic[]) => d.some((x) => x.code === 'kube-expose/cross/selector-no-match');
    /** Publications of the Service's diagnostics until `want` holds of one (the first may come before indexing ends). */
    const publication = async (want: (d: Diagnostic[]) => boolean, what: string) => {
      const end = Date.now() + 8000;
      for (;;) {
        const d = await s3.diagnostics(svc, undefined, Math.max(1, end - Date.now())).catch(() => undefined);
        if (d && want(d)) return;
        if (!d) throw new Error(`timed out waiting for ${what}`);
      }
    };
    let wait = publication((d) => !selectorFinding(d), 'the Deployment under workloads/ to be found');
    await s3.open(svc, read(a, 'service.yaml'));
    await wait;
    // The first indexing is done once the selector leads to the Deployment under workloads/.
    await until('the first index', async () => ((await s3.request<Loc[]>('textDocument/definition', { textDocument: { uri: svc }, position: pos(serviceText, 'app: web', 6) })).length ? true : undefined));

    // files.exclude hides workloads/: the index is built again without the Deployment.
    s3.filesExclude = { '**/workloads': true };
    wait = publication(selectorFinding, 'the selector finding once workloads/ is excluded');
    await s3.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await wait;

    // A second workspace folder with the Deployment: found again.
    wait = publication((d) => !selectorFinding(d), 'the Deployment of the added folder');
    await s3.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: pathToFileURL(b).href, name: 'b' }], removed: [] } });
    await wait;

    // And removed again.
    wait = publication(selectorFinding, 'the selector finding once the folder is removed');
    await s3.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: pathToFileURL(b).href, name: 'b' }] } });
    await wait;
  } finally {
    await s3.stop();
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  }
});
