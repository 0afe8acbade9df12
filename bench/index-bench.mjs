#!/usr/bin/env node
// Workspace indexing benchmark: generates a workspace of N YAML files (default 2,000: per app a
// Deployment in one file and its Service + Ingress in another, plus vendored copies under
// node_modules that must be skipped), starts the built server (dist/server.js --stdio) with that
// folder as its root, and measures
//   - indexing time: `$/progress` begin → end (and `initialized` → end),
//   - responsiveness while indexing: hover requests on an open document, sent one after another
//     from `initialized` until indexing ends (count, p50, p95, max latency),
//   - after indexing: go-to-definition across files, and the server's peak RSS (VmHWM).
//   node scripts/build.mjs && node bench/index-bench.mjs [--files 2000] [--runs 3] [--write]
// --write replaces bench/index-bench.md with the results. Not part of the tests (no timing asserts).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { parseAllDocuments } = require('yaml');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER = join(ROOT, 'dist', 'server.js');
const { values: opts } = parseArgs({ options: { files: { type: 'string', default: '2000' }, runs: { type: 'string', default: '3' }, write: { type: 'boolean', default: false } } });
const FILES = Number(opts.files);
// Answers to the server's last requests may be written after it exited: not a benchmark failure.
process.on('uncaughtException', (e) => {
  if (e && e.code === 'ERR_STREAM_DESTROYED') return;
  throw e;
});
const RUNS = Number(opts.runs);

function deployment(i) {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: web
          image: registry.example.com/app-${i}:1.0.0
          ports:
            - name: http
              containerPort: 8080
`;
}

function serviceAndIngress(i) {
  // Every 50th app has a cross-file fault: a backend port the Service does not expose.
  return `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  selector:
    app: app-${i}
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app-${i}
  namespace: team-${i % 7}
spec:
  rules:
    - host: app-${i}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-${i}
                port:
                  number: ${i % 50 === 0 ? 8080 : 80}
`;
}

function generate(dir, files) {
  const apps = Math.ceil(files / 2);
  for (let i = 0; i < apps; i++) {
    const sub = join(dir, `team-${i % 7}`, `app-${i}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'deployment.yaml'), deployment(i));
    writeFileSync(join(sub, 'service.yaml'), serviceAndIngress(i));
  }
  const vendored = join(dir, 'node_modules', 'chart');
  mkdirSync(vendored, { recursive: true });
  for (let i = 0; i < 200; i++) writeFileSync(join(vendored, `s${i}.yaml`), serviceAndIngress(i));
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function once(dir) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.on('error', () => undefined); // the server may exit before our last write
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let begin = 0;
  let end = 0;
  let resolveEnd;
  const ended = new Promise((r) => (resolveEnd = r));
  const logs = [];
  conn.onNotification('$/progress', (p) => {
    if (p.value.kind === 'begin') begin = performance.now();
    if (p.value.kind === 'end') {
      end = performance.now();
      resolveEnd();
    }
  });
  conn.onNotification('window/logMessage', (m) => logs.push(m.message));
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const rootUri = pathToFileURL(dir).href;
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  const docUri = pathToFileURL(join(dir, 'team-1', 'app-1', 'service.yaml')).href;
  const docText = readFileSync(join(dir, 'team-1', 'app-1', 'service.yaml'), 'utf8');
  const t0 = performance.now();
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'yaml', version: 1, text: docText } });
  // Hover on `app-1` of the backend name, one request after another, until indexing ends.
  const lines = docText.split('\n');
  const line = lines.findLastIndex((l) => l.includes('name: app-1'));
  const position = { line, character: lines[line].indexOf('app-1') + 1 };
  const latencies = [];
  let done = false;
  void ended.then(() => (done = true));
  while (!done) {
    const s = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position });
    latencies.push(performance.now() - s);
  }
  await ended;
  const def = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    const r = await conn.sendRequest('textDocument/definition', { textDocument: { uri: docUri }, position });
    def.push(performance.now() - s);
    if (i === 0 && (!Array.isArray(r) || r.length === 0)) throw new Error('definition found nothing after indexing');
  }
  let rssMb = NaN;
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    rssMb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024;
  } catch {
    /* not Linux */
  }
  const indexedLine = logs.find((l) => l.startsWith('indexed '));
  try {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
    conn.sendNotification('exit');
  } catch {
    /* gone */
  }
  conn.dispose();
  child.kill();
  return {
    indexMs: end - begin,
    initToEndMs: end - t0,
    hovers: latencies.length,
    hoverP50: pct(latencies, 50),
    hoverP95: pct(latencies, 95),
    hoverMax: Math.max(...latencies),
    defP50: pct(def, 50),
    defP95: pct(def, 95),
    rssMb,
    indexedLine,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'kube-expose-index-bench-'));
try {
  generate(dir, FILES);
  const results = [];
  const texts = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) { if (e.name !== 'node_modules') walk(join(d, e.name)); } else texts.push(readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir);
  for (let i = 0; i < RUNS; i++) {
    // The floor: the raw YAML parse of the same files in this process, just before the server run.
    const f0 = performance.now();
    for (const t of texts) parseAllDocuments(t, { version: '1.1' });
    const floorMs = performance.now() - f0;
    const r = { ...(await once(dir)), floorMs };
    results.push(r);
    console.error(`run ${i + 1}: raw parse ${r.floorMs.toFixed(0)} ms; index ${r.indexMs.toFixed(0)} ms (initialized→end ${r.initToEndMs.toFixed(0)} ms); ${r.hovers} hovers while indexing: p50 ${r.hoverP50.toFixed(1)} ms, p95 ${r.hoverP95.toFixed(1)} ms, max ${r.hoverMax.toFixed(1)} ms; definition p95 ${r.defP95.toFixed(2)} ms; peak RSS ${r.rssMb.toFixed(0)} MB — ${r.indexedLine}`);
  }
  const med = (k) => pct(results.map((r) => r[k]), 50);
  const table = [
    `| figure (median of ${RUNS} runs) | value |`,
    '|---|---|',
    `| YAML files in the workspace (+ 200 under node_modules, skipped) | ${FILES} |`,
    `| indexing: \`$/progress\` begin → end | ${med('indexMs').toFixed(0)} ms |`,
    `| \`initialized\` → indexing end | ${med('initToEndMs').toFixed(0)} ms |`,
    `| floor: raw \`yaml.parseAllDocuments\` of the same files, in the driver, before each run | ${med('floorMs').toFixed(0)} ms |`,
    `| indexing / floor (per-run ratio, median) | ${pct(results.map((r) => r.indexMs / r.floorMs), 50).toFixed(2)} |`,
    `| hover requests answered while indexing | ${med('hovers')} |`,
    `| hover latency while indexing p50 / p95 / max | ${med('hoverP50').toFixed(1)} / ${med('hoverP95').toFixed(1)} / ${med('hoverMax').toFixed(1)} ms |`,
    `| go to definition across files after indexing p50 / p95 | ${med('defP50').toFixed(2)} / ${med('defP95').toFixed(2)} ms |`,
    `| server peak RSS (VmHWM) | ${med('rssMb').toFixed(0)} MB |`,
  ].join('\n');
  console.log(table);
  if (opts.write) {
    const md = `# Workspace indexing benchmark

Target (issue 11): index 2,000 files in ≤ 2 s without blocking requests on open documents.

Command: \`node scripts/build.mjs && node bench/index-bench.mjs --files ${FILES} --runs ${RUNS} --write\`

Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average at the end ${loadavg()[0].toFixed(1)}${loadavg()[0] > 1.5 ? ' (other work ran at the same time, so absolute times are inflated — compare with the floor measured in the same run)' : ' (nothing else was running)'}.

Workspace: ${Math.ceil(FILES / 2)} apps, each a Deployment file and a Service + Ingress file (3 manifests, 2 files per app), in 7 namespaces; every 50th Ingress routes to a port its Service lacks. The server is \`dist/server.js --stdio\`; the driver opens one Service file and sends hover requests back to back from \`initialized\` until the indexing progress ends.

${table}
`;
    writeFileSync(join(ROOT, 'bench', 'index-bench.md'), md);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
