/**
 * The language server under stress: edit storms, a crashing rule, a long session of documents,
 * large files. Each test would fail if its guarantee broke.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './harness';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: ClusterIP\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n      nodePort: 30080\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - host: web.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefx\n            backend:\n              service: {name: web, port: {number: 80}}\n';

interface Diag { code?: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
const key = (d: Diag) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;

test('edit storm: after hundreds of unawaited edits the last diagnostics equal a fresh open of the final text', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///ws/storm.yaml';
    const first = server.diagnostics(uri, 1);
    await server.open(uri, SERVICE);
    await first;
    let text = SERVICE;
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const pieces = ['x', ' ', '\n', ': ', '- ', '9', '"', '#', '  port: 70000\n', '{', 'NodePort'];
    let version = 1;
    const lineCol = (t: string, offset: number) => {
      const before = t.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    for (let i = 0; i < 300; i++) {
      const at = rand(text.length + 1);
      const del = Math.min(rand(3), text.length - at);
      const ins = pieces[rand(pieces.length)];
      const range = { start: lineCol(text, at), end: lineCol(text, at + del) };
      text = text.slice(0, at) + ins + text.slice(at + del);
      version++;
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: ins }] });
    }
    const last = (await server.diagnostics(uri, version, 20000)) as Diag[];
    const freshUri = 'file:///ws/storm-fresh.yaml';
    const fresh = server.diagnostics(freshUri, 1);
    await server.open(freshUri, text);
    assert.deepEqual(last.map(key), ((await fresh) as Diag[]).map(key));
  } finally {
    await server.stop();
  }
});

test('edits checked one by one (the parse told each edit) give the diagnostics of a fresh open of the same text', async () => {
  const server = await startServer();
  try {
    const uri = 'file:///ws/typed.yaml';
    let text = Array.from({ length: 6 }, (_, i) => SERVICE.replace(/web/g, `web${i}`)).join('---\n');
    const first = server.diagnostics(uri, 1);
    await server.open(uri, text);
    await first;
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const pieces = ['x', '\n', ': ', '---\n', '-', '9', '# c', '  port: 70000\n', '[a, b]', '\n  more'];
    const lineCol = (t: string, offset: number) => {
      const before = t.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    let version = 1;
    for (let i = 0; i < 40; i++) {
      const at = rand(text.length + 1);
      const del = Math.min(rand(4), text.length - at);
      const ins = pieces[rand(pieces.length)];
      const range = { start: lineCol(text, at), end: lineCol(text, at + del) };
      text = text.slice(0, at) + ins + text.slice(at + del);
      version++;
      const d = server.diagnostics(uri, version);
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: ins }] });
      const got = (await d) as Diag[];
      if (i % 8 === 7) {
        const freshUri = `file:///ws/fresh-${i}.yaml`;
        const fresh = server.diagnostics(freshUri, 1);
        await server.open(freshUri, text);
        // Cross-file findings differ between the two files (each sees the other): compared without them.
        const own = (list: Diag[]) => list.filter((x) => !String(x.code).includes('cross/')).map(key);
        assert.deepEqual(own(got), own((await fresh) as Diag[]), `after edit ${i}`);
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      }
    }
  } finally {
    await server.stop();
  }
});

test('a rule that throws is logged with its name and the document; the other rules still report; one notification at most', async () => {
  const server = await startServer({}, null, { KUBE_EXPOSE_FAULT_INJECT: 'service' });
  try {
    const a = server.diagnostics('file:///ws/a.yaml');
    await server.open('file:///ws/a.yaml', SERVICE);
    const diags = (await a) as Diag[];
    const codes = diags.map((d) => d.code);
    assert.ok(codes.includes('kube-expose/internal/checker-crashed'), codes.join(', '));
    assert.ok(codes.some((c) => c && c !== 'kube-expose/internal/checker-crashed'), `other rules must still report: ${codes.join(', ')}`);
    const b = server.diagnostics('file:///ws/b.yaml');
    await server.open('file:///ws/b.yaml', SERVICE.replace(/web/g, 'api'));
    await b;
    await new Promise((r) => setTimeout(r, 200));
    const errorsShown = server.messages.filter((m) => m.type === 1);
    assert.equal(errorsShown.length, 1, JSON.stringify(server.messages));
    assert.match(errorsShown[0].message, /service check failed/);
    assert.ok(server.stderr.join('').includes('checker service failed on file:///ws/a.yaml document 1 (Service/web)') || server.logs.some((l) => l.includes('checker service failed on file:///ws/a.yaml document 1 (Service/web)')), `log: ${server.stderr.join('')}`);
  } finally {
    await server.stop();
  }
});

test('a long session of 1,000 documents leaves no document state behind and the heap bounded', async () => {
  const server = await startServer();
  try {
    const stats = () => server.request<{ documents: number; memory: { heapUsed: number } }>('kubeExpose/stats', {});
    for (let i = 0; i < 50; i++) {
      const uri = `file:///ws/warm-${i}.yaml`;
      const d = server.diagnostics(uri);
      await server.open(uri, SERVICE);
      await d;
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    const start = (await stats()).memory.heapUsed;
    for (let i = 0; i < 1000; i++) {
      const uri = `file:///ws/doc-${i}.yaml`;
      const d = server.diagnostics(uri, 2);
      await server.open(uri, SERVICE.replace(/web/g, `web-${i}`));
      await server.change(uri, 2, SERVICE.replace(/web/g, `app-${i}`) + `# edit ${i}\n`);
      await d;
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    const end = await stats();
    assert.equal(end.documents, 0, 'closed documents are forgotten');
    // Generous bound: 1,000 small documents must not pile up (a leak of their parse trees would be far above this).
    assert.ok(end.memory.heapUsed - start < 60 * 1024 * 1024, `heap grew from ${start} to ${end.memory.heapUsed}`);
  } finally {
    await server.stop();
  }
});

test('editing one document of a large file again and again keeps no copy of each version of the text', async () => {
  const server = await startServer();
  try {
    const stats = () => server.request<{ memory: { heapUsed: number } }>('kubeExpose/stats', { collectGarbage: true });
    const docs = Array.from({ length: 1500 }, (_, i) => SERVICE.replace(/web/g, `web-${i}`));
    const uri = 'file:///ws/large.yaml';
    let version = 1;
    let d = server.diagnostics(uri, version);
    await server.open(uri, docs.join('---\n'));
    await d;
    const textBytes = docs.join('---\n').length;
    const before = (await stats()).memory.heapUsed;
    for (let k = 0; k < 40; k++) {
      const i = (k * 37) % docs.length; // a different document each time, spread over the file
      // The Ingress's backend port: its document holds strings long enough to be cut from the text.
      docs[i] = docs[i].replace(/number: 8[01]\b/, (p) => (p === 'number: 80' ? 'number: 81' : 'number: 80'));
      d = server.diagnostics(uri, ++version);
      await server.change(uri, version, docs.join('---\n'));
      await d;
    }
    const after = (await stats()).memory.heapUsed;
    // A re-parsed document that kept its version's text alive would add one whole text per edit: 40 of them.
    assert.ok(after - before < 10 * textBytes, `heap grew by ${after - before} bytes over 40 edits of a ${textBytes}-byte file`);
  } finally {
    await server.stop();
  }
});

test('ranged edits (the parse told each edit) keep no copy of each version of the text either', async () => {
  const server = await startServer();
  try {
    const stats = () => server.request<{ memory: { heapUsed: number } }>('kubeExpose/stats', { collectGarbage: true });
    let text = Array.from({ length: 1500 }, (_, i) => SERVICE.replace(/web/g, `web-${i}`)).join('---\n');
    const uri = 'file:///ws/large-ranged.yaml';
    let version = 1;
    let d = server.diagnostics(uri, version);
    await server.open(uri, text);
    await d;
    const before = (await stats()).memory.heapUsed;
    for (let k = 0; k < 40; k++) {
      // The Ingress backend port of a document spread over the file: 80 <-> 81.
      const at = text.indexOf('number: 8', Math.floor((k * 37 % 1500) * (text.length / 1500))) + 'number: 8'.length;
      const lines = text.slice(0, at).split('\n');
      const pos = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const digit = text[at] === '0' ? '1' : '0';
      text = text.slice(0, at) + digit + text.slice(at + 1);
      d = server.diagnostics(uri, ++version);
      await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: digit }] });
      await d;
    }
    const after = (await stats()).memory.heapUsed;
    assert.ok(after - before < 10 * text.length, `heap grew by ${after - before} bytes over 40 edits of a ${text.length}-byte file`);
  } finally {
    await server.stop();
  }
});

test('a file over the large-file limit is still checked, and the user is told once', async () => {
  const server = await startServer({ largeFileLineLimit: 100 });
  try {
    const big = Array.from({ length: 12 }, () => SERVICE).join('---\n');
    const uri = 'file:///ws/big.yaml';
    const d = server.diagnostics(uri, 1);
    await server.open(uri, big);
    const diags = (await d) as Diag[];
    assert.ok(diags.length > 0, 'checks still run');
    const d2 = server.diagnostics(uri, 2);
    await server.change(uri, 2, big + '# more\n');
    await d2;
    const told = server.messages.filter((m) => m.message.includes('largeFileLineLimit'));
    assert.equal(told.length, 1, JSON.stringify(server.messages));
  } finally {
    await server.stop();
  }
});

test('heap policy: memory-saving mode while the open documents are small, V8 default once they pass 1 MB, and back', async () => {
  const server = await startServer();
  try {
    const mode = async () => (await server.request<{ heapMode: string }>('kubeExpose/stats', {})).heapMode;
    assert.equal(await mode(), 'saving');
    const small = 'file:///ws/small.yaml';
    let d = server.diagnostics(small, 1);
    await server.open(small, SERVICE);
    await d;
    assert.equal(await mode(), 'saving');
    const big = 'file:///ws/big.yaml';
    const text = Array.from({ length: Math.ceil(1_100_000 / SERVICE.length) }, (_, i) => SERVICE.replace(/web/g, `w${i}`)).join('---\n');
    d = server.diagnostics(big, 1);
    await server.open(big, text);
    await d;
    assert.equal(await mode(), 'default');
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: big } });
    assert.equal(await mode(), 'saving');
  } finally {
    await server.stop();
  }
});
