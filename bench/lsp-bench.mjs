#!/usr/bin/env node
// Side-by-side LSP benchmark: kube-expose's language server and yaml-language-server (the server
// behind VS Code's YAML extension, configured with strict Kubernetes JSON Schemas) on the same
// generated multi-document files, alternately, in one process tree.
//   npm run bench                         sizes 100,300,1000 apps; 3 rounds; writes bench/out/results.json
//   node bench/lsp-bench.mjs --sizes=100 --rounds=1 --servers=kube-expose
//   node bench/lsp-bench.mjs --crlf       the same files with CRLF line breaks (as saved on Windows)
// Measures: open → first diagnostics; one-character edit → diagnostics (p50/p95 over 20 edits
// spread over the file: same-length replacements, then typed and deleted characters);
// completion and hover (p50/p95 at 20 positions); peak RSS (VmHWM);
// and the raw `yaml.parseAllDocuments` time of the same text (the floor for any YAML tool).
// Diagnosis aids: BENCH_VERBOSE=1 prints every edit's latency, BENCH_PAUSE=<ms> waits that long
// after the open before editing, BENCH_STDERR=1 prints the end of each server's stderr,
// BENCH_CPU_PROF=<dir> writes a CPU profile of kube-expose's server, BENCH_NODE_FLAGS="..." passes Node/V8 flags to it.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import rpc from 'vscode-jsonrpc/node';
import { generateManifests } from './generate.mjs';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const arg = (k, d) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split('=')[1] ?? d;
// Sizes in apps of the generator, and `corpus`: every manifest of ../shared/corpus joined into one
// file (real-world YAML: comments, flow style, block scalars, Helm leftovers), when that folder exists.
const CORPUS = resolve(process.env.KUBE_EXPOSE_CORPUS ?? join(ROOT, '..', 'shared', 'corpus'));
const SIZES = arg('sizes', existsSync(CORPUS) ? '100,300,1000,corpus' : '100,300,1000').split(',').map((x) => (x === 'corpus' ? x : Number(x)));
const ROUNDS = Number(arg('rounds', '3'));
const SERVERS = arg('servers', 'kube-expose,yaml-language-server').split(',');
const EDITS = Number(arg('edits', '20'));
const CRLF = process.argv.includes('--crlf');
const POINTS = Number(arg('points', '20'));
const OUT = join(ROOT, 'bench', 'out');
mkdirSync(OUT, { recursive: true });

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (a, p) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };

/** Strict JSON Schemas for yaml-language-server: ours (schemas/json-schema) when generated, else the anchors in shared/. */
function schemaForYls() {
  const ours = join(ROOT, 'schemas', 'json-schema');
  const pick = (dir, re) => readdirSync(dir).find((f) => re.test(f));
  let dir = ours;
  let files = existsSync(ours) ? [pick(ours, /service/i), pick(ours, /ingress(?!class)/i), pick(ours, /deployment/i)] : [];
  if (files.some((f) => !f)) {
    dir = resolve(ROOT, '..', 'shared', 'anchor-schemas');
    files = ['service-v1.json', 'ingress-networking-v1.json', 'deployment-apps-v1.json'];
  }
  const subset = join(OUT, 'k8s-subset.json');
  writeFileSync(subset, JSON.stringify({ oneOf: files.map((f) => ({ $ref: `file://${join(dir, f)}` })) }));
  return { subset, source: dir };
}

const SERVER_CMDS = {
  'kube-expose': () => [process.execPath, [...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), join(ROOT, 'dist', 'server.js'), '--stdio']],
  'yaml-language-server': () => [process.env.YLS_NODE ?? process.execPath, [join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio']],
};

async function runServer(name, text, fileUri, schema) {
  const [cmd, args] = SERVER_CMDS[name]();
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let waiter = null;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (p.uri === fileUri && waiter && (p.version === undefined || p.version === null || p.version >= waiter.version)) {
      const w = waiter; waiter = null; w.resolve(p.diagnostics.length);
    }
  });
  const ylsSettings = { validate: true, hover: true, completion: true, format: { enable: false }, schemas: { [`file://${schema.subset}`]: ['*.yaml'] }, schemaStore: { enable: false }, maxItemsComputed: 5000 };
  conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'yaml' ? ylsSettings : i.section === 'kubeExpose' ? {} : i.section === 'http' ? { proxy: '', proxyStrictSSL: false } : null)));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.onNotification('telemetry/event', () => {});
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null, workspaceFolders: null,
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } } },
  });
  conn.sendNotification('initialized', {});
  if (name === 'yaml-language-server') conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: ylsSettings } });
  const diagnostics = (version) => new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${name}: no diagnostics for version ${version} in 120 s`)), 120000);
    waiter = { version, resolve: (n) => { clearTimeout(t); resolve(n); } };
  });
  const r = { name };
  let t = performance.now();
  let p = diagnostics(1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'yaml', version: 1, text } });
  r.diagnosticsCount = await p;
  r.openMs = performance.now() - t;

  if (process.env.BENCH_PAUSE) await new Promise((res) => setTimeout(res, Number(process.env.BENCH_PAUSE)));
  // One-character edits spread over the file: flip the replicas digit of apps spread evenly.
  const lines = text.split(CRLF ? '\r\n' : '\n');
  const replicaLines = lines.map((l, i) => (/^ {2}replicas: \d$/.test(l) ? i : -1)).filter((i) => i >= 0);
  const editMs = [];
  let version = 1;
  for (let k = 0; k < EDITS; k++) {
    const line = replicaLines[Math.floor((k * replicaLines.length) / EDITS)];
    const ch = lines[line].length - 1;
    const digit = String((Number(lines[line][ch]) % 3) + 1);
    lines[line] = lines[line].slice(0, ch) + digit;
    version++;
    t = performance.now();
    p = diagnostics(version);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: fileUri, version }, contentChanges: [{ range: { start: { line, character: ch }, end: { line, character: ch + 1 } }, text: digit }] });
    await p;
    editMs.push(performance.now() - t);
  }
  if (process.env.BENCH_VERBOSE) console.error(`[bench] ${name} edits ms: ${editMs.map((x) => x.toFixed(0)).join(' ')}`);
  r.editP50 = pct(editMs, 50);
  r.editP95 = pct(editMs, 95);

  // Typing inserts: a character typed at the end of a line, then deleted, at lines spread over the
  // file. Every document after the edit moves, which a same-length replacement never shows.
  const insertMs = [];
  for (let k = 0; k < EDITS; k++) {
    const line = replicaLines[Math.floor((Math.floor(k / 2) * 2 * replicaLines.length) / EDITS)];
    const ch = lines[line].length;
    const typing = k % 2 === 0;
    const change = typing
      ? { range: { start: { line, character: ch }, end: { line, character: ch } }, text: '0' }
      : { range: { start: { line, character: ch - 1 }, end: { line, character: ch } }, text: '' };
    lines[line] = typing ? lines[line] + '0' : lines[line].slice(0, -1);
    version++;
    t = performance.now();
    p = diagnostics(version);
    conn.sendNotification('textDocument/didChange', { textDocument: { uri: fileUri, version }, contentChanges: [change] });
    await p;
    insertMs.push(performance.now() - t);
  }
  if (process.env.BENCH_VERBOSE) console.error(`[bench] ${name} inserts ms: ${insertMs.map((x) => x.toFixed(0)).join(" ")}`);
  r.insertP50 = pct(insertMs, 50);
  r.insertP95 = pct(insertMs, 95);

  // Completion inside a Service spec (a key position) and hover on Deployment keys, spread over the file.
  let svcSpecLines = lines.map((l, i) => (l === '  selector:' && lines[i - 2] === 'spec:' ? i : -1)).filter((i) => i >= 0);
  // Real-world files are not laid out like the generated ones: any key of a top-level map's child.
  if (!svcSpecLines.length) svcSpecLines = lines.map((l, i) => (/^ {2}[a-zA-Z]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
  const hoverLines = lines.map((l, i) => (/^ {2}replicas:/.test(l) ? i : -1)).filter((i) => i >= 0);
  const compMs = [];
  const hoverMs = [];
  let compItems = 0;
  let hoverHits = 0;
  for (let k = 0; k < POINTS; k++) {
    const cl = svcSpecLines[Math.floor((k * svcSpecLines.length) / POINTS)];
    t = performance.now();
    const items = await conn.sendRequest('textDocument/completion', { textDocument: { uri: fileUri }, position: { line: cl, character: 2 } });
    compMs.push(performance.now() - t);
    compItems += Array.isArray(items) ? items.length : items?.items?.length ?? 0;
    const hl = hoverLines[Math.floor((k * hoverLines.length) / POINTS)];
    t = performance.now();
    const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri: fileUri }, position: { line: hl, character: 4 } });
    hoverMs.push(performance.now() - t);
    if (h) hoverHits++;
  }
  if (process.env.BENCH_VERBOSE) console.error(`[bench] ${name} completion ms: ${compMs.map((x) => x.toFixed(1)).join(' ')}; hover ms: ${hoverMs.map((x) => x.toFixed(1)).join(' ')}`);
  r.completionP50 = pct(compMs, 50);
  r.completionP95 = pct(compMs, 95);
  r.completionItemsAvg = compItems / POINTS;
  r.hoverP50 = pct(hoverMs, 50);
  r.hoverP95 = pct(hoverMs, 95);
  r.hoverHits = hoverHits;
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    r.peakRssMb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch { r.peakRssMb = NaN; }
  await Promise.race([conn.sendRequest('shutdown').catch(() => {}), new Promise((res) => setTimeout(res, 2000))]);
  conn.sendNotification('exit');
  // Let the server exit by itself (a --cpu-prof profile is written at exit), then make sure.
  await new Promise((res) => { const t = setTimeout(res, 5000); child.once('exit', () => { clearTimeout(t); res(); }); });
  conn.dispose();
  child.kill();
  if (r.diagnosticsCount === undefined) r.stderr = stderr.slice(-2000);
  if (process.env.BENCH_STDERR) console.error(stderr.slice(-3000));
  return r;
}

function parseFloor(text) {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    parseAllDocuments(text, { version: '1.1' });
    times.push(performance.now() - t);
  }
  return median(times);
}

const schema = schemaForYls();
const results = { date: new Date().toISOString(), lineBreaks: CRLF ? 'CRLF' : 'LF', node: process.version, cpus: (await import('node:os')).cpus().length, ylsSchemas: schema.source, sizes: [] };
/** The corpus as one multi-document file (files that are not YAML streams of objects are skipped). */
function corpusText() {
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, f.name);
      if (f.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f.name)) files.push(p);
    }
  };
  walk(CORPUS);
  return files.sort().map((f) => readFileSync(f, 'utf8').replace(/\s*$/, '\n')).join('---\n');
}

for (const apps of SIZES) {
  const lf = apps === 'corpus' ? corpusText() : generateManifests(apps);
  const text = CRLF ? lf.replace(/\r?\n/g, '\r\n') : lf;
  const file = join(OUT, `bench-${apps}${CRLF ? '-crlf' : ''}.yaml`);
  writeFileSync(file, text);
  const uri = `file://${file}`;
  const size = { apps, lines: text.split('\n').length, parseMs: parseFloor(text), runs: {} };
  for (const s of SERVERS) size.runs[s] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const s of round % 2 === 0 ? SERVERS : [...SERVERS].reverse()) {
      const r = await runServer(s, text, uri, schema);
      size.runs[s].push(r);
      console.error(`[bench] ${apps} apps, round ${round + 1}, ${s}: open ${r.openMs.toFixed(0)} ms, edit p95 ${r.editP95.toFixed(1)} ms, insert p95 ${r.insertP95.toFixed(1)} ms, completion p95 ${r.completionP95.toFixed(1)} ms, hover p95 ${r.hoverP95.toFixed(1)} ms, RSS ${r.peakRssMb.toFixed(0)} MB, ${r.diagnosticsCount} diagnostics`);
    }
  }
  size.median = Object.fromEntries(Object.entries(size.runs).map(([s, runs]) => [s, Object.fromEntries(
    ['openMs', 'editP50', 'editP95', 'insertP50', 'insertP95', 'completionP50', 'completionP95', 'hoverP50', 'hoverP95', 'peakRssMb', 'diagnosticsCount', 'completionItemsAvg', 'hoverHits'].map((k) => [k, median(runs.map((x) => x[k]))]),
  )]));
  results.sizes.push(size);
}
writeFileSync(join(OUT, 'results.json'), JSON.stringify(results, null, 2));

// A table for bench/RESULTS.md
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const rows = ['| apps | lines | parse floor ms | server | open→diag ms | edit→diag p50 / p95 ms | insert→diag p50 / p95 ms | completion p50 / p95 ms | hover p50 / p95 ms | peak RSS MB | diagnostics |', '|---|---|---|---|---|---|---|---|---|---|---|'];
for (const s of results.sizes) {
  for (const [name, m] of Object.entries(s.median)) {
    rows.push(`| ${s.apps} | ${s.lines} | ${f(s.parseMs, 0)} | ${name} | ${f(m.openMs, 0)} | ${f(m.editP50)} / ${f(m.editP95)} | ${f(m.insertP50)} / ${f(m.insertP95)} | ${f(m.completionP50)} / ${f(m.completionP95)} | ${f(m.hoverP50)} / ${f(m.hoverP95)} | ${f(m.peakRssMb, 0)} | ${m.diagnosticsCount} |`);
  }
  const a = s.median['kube-expose'];
  const b = s.median['yaml-language-server'];
  if (a && b) {
    rows.push(`| ${s.apps} | | | **ratio ours/yls** | ${f(a.openMs / b.openMs, 2)} | ${f(a.editP50 / b.editP50, 2)} / ${f(a.editP95 / b.editP95, 2)} | ${f(a.insertP50 / b.insertP50, 2)} / ${f(a.insertP95 / b.insertP95, 2)} | ${f(a.completionP95 / b.completionP95, 2)} (p95) | ${f(a.hoverP95 / b.hoverP95, 2)} (p95) | ${f(a.peakRssMb / b.peakRssMb, 2)} | |`);
  }
  if (a) rows.push(`| ${s.apps} | | | **ours / parse floor** | ${f(a.openMs / s.parseMs, 2)} | | | | | | |`);
}
writeFileSync(join(OUT, 'table.md'), rows.join('\n') + '\n');
console.log(rows.join('\n'));
