#!/usr/bin/env node
// Memory across a long session: open, edit and close 1,000 documents in the language server and
// report its heap before and after (and its peak RSS). Figures only; the bounded-heap guarantee is
// a test in test/lsp/reliability.test.ts.
//   node bench/memory-bench.mjs [documents]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import rpc from 'vscode-jsonrpc/node';
import { generateManifests } from './generate.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const N = Number(process.argv[2] ?? 1000);
const child = spawn(process.execPath, ['--expose-gc', join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
let waiting = null;
conn.onNotification('textDocument/publishDiagnostics', (p) => { if (waiting && p.uri === waiting.uri && p.version === waiting.version) { const w = waiting; waiting = null; w.resolve(); } });
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
conn.onNotification('window/logMessage', () => {});
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
conn.sendNotification('initialized', {});
const text = generateManifests(3);
const stats = () => conn.sendRequest('kubeExpose/stats', { collectGarbage: true }); // after a full GC: what is retained
const diag = (uri, version) => new Promise((resolve) => { waiting = { uri, version, resolve }; });
const mb = (b) => (b / 1048576).toFixed(1);
const before = await stats();
for (let i = 0; i < N; i++) {
  const uri = `file:///mem/doc-${i}.yaml`;
  let p = diag(uri, 1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: text.replace(/app-/g, `a${i}-`) } });
  await p;
  p = diag(uri, 2);
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + `# ${i}\n` }] });
  await p;
  conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
await new Promise((r) => setTimeout(r, 500));
const after = await stats();
const rss = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
console.log(`documents opened/edited/closed: ${N} (${text.split('\n').length} lines each)`);
console.log(`heap used: ${mb(before.memory.heapUsed)} MB before, ${mb(after.memory.heapUsed)} MB after; open documents after: ${after.documents}; peak RSS ${rss.toFixed(0)} MB`);
conn.sendNotification('exit');
child.kill();
process.exit(0);
