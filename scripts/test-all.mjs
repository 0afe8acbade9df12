#!/usr/bin/env node
// Runs every test of the project, in stages, and ends with one closing line `N passed, N failed`.
// A failing stage fails the whole command (exit 1). Stages:
//   typecheck · build · unit (node:test) · lsp (node:test, the built server as a child process)
//   · cli · cluster (a real kube-apiserver + etcd, scripts/cluster) · corpus check (when ../shared/corpus exists) · e2e in a real VS Code (dev build, then the .vsix)
// Options: --only=unit,lsp   run only these stages;  --skip=e2e   skip stages (reported as skipped).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
process.chdir(root);
const arg = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]?.split(',') ?? null;
const only = arg('only');
const skip = arg('skip') ?? [];
const corpusDir = process.env.KUBE_EXPOSE_CORPUS ?? resolve(root, '..', 'shared', 'corpus');

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', env: { ...process.env, ...(opts.env ?? {}) } });
  if (opts.capture && r.stdout) process.stdout.write(r.stdout);
  return r;
}

/** A stage whose result is one check (build, typecheck). */
function single(name, cmd, args) {
  const t = Date.now();
  const r = run(cmd, args);
  const ok = r.status === 0;
  ok ? passed++ : failed++;
  summary.push(`${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return ok;
}

/** A node:test stage: counts come from its TAP output. */
function nodeTests(name, dir) {
  if (!existsSync(dir)) {
    summary.push(`${name}: no tests in ${dir}`);
    failed++;
    return false;
  }
  const t = Date.now();
  const tapFile = join(mkdtempSync(join(tmpdir(), 'kube-expose-tap-')), 'out.tap');
  const r = run(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tapFile}`, dir]);
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const num = (k) => Number((new RegExp(`^# ${k} (\\d+)`, 'm').exec(tap) ?? [])[1] ?? 0);
  const p = num('pass');
  let f = num('fail') + num('cancelled');
  if (r.status !== 0 && f === 0) f = 1; // the runner itself failed
  if (p + f === 0) f = 1; // a stage that ran no test is a failure
  passed += p;
  failed += f;
  skipped += num('skipped') + num('todo');
  summary.push(`${name}: ${p} passed, ${f} failed (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return f === 0;
}

/** A stage that prints its own `N passed, N failed` line (the e2e runner). */
function countedStage(name, cmd, args, env) {
  const t = Date.now();
  const r = run(cmd, args, { capture: true, env });
  const m = [...(r.stdout ?? '').matchAll(/^(\d+) passed, (\d+) failed/gm)].pop();
  let p = m ? Number(m[1]) : 0;
  let f = m ? Number(m[2]) : 0;
  if (r.status !== 0 && f === 0) f = 1;
  if (p + f === 0) f = 1;
  passed += p;
  failed += f;
  summary.push(`${name}: ${p} passed, ${f} failed (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return f === 0;
}

const stages = [
  // build first: it generates schemas/catalog.json, which the core imports (and typecheck reads).
  ['build', () => single('build', process.execPath, ['scripts/build.mjs', '--dev', '--tests'])],
  ['typecheck', () => single('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'])],
  ['unit', () => nodeTests('unit', 'out/test/unit')],
  ['lsp', () => nodeTests('lsp', 'out/test/lsp')],
  ['cli', () => (existsSync('out/test/cli') ? nodeTests('cli', 'out/test/cli') : true)],
  // A real etcd + kube-apiserver (issue 8): built from the Go modules once per machine, then cached.
  ['cluster', () => {
    const built = single('cluster: build kube-apiserver', 'bash', ['scripts/cluster/build-apiserver.sh']);
    const tested = nodeTests('cluster', 'out/test/cluster'); // without the binaries they fail, saying how to build them
    return built && tested;
  }],
  ['corpus', () => {
    if (!existsSync(corpusDir)) {
      summary.push(`corpus: skipped (${corpusDir} not present)`);
      skipped++;
      return true;
    }
    return single('corpus', process.execPath, ['scripts/corpus-check.mjs', corpusDir]);
  }],
  ['e2e', () => {
    if (!existsSync('scripts/e2e/run.mjs')) return true;
    const ok1 = countedStage('e2e (dev build)', process.execPath, ['scripts/e2e/run.mjs']);
    const pk = single('package .vsix', 'npm', ['run', '--silent', 'package']);
    const ok2 = pk && countedStage('e2e (installed .vsix)', process.execPath, ['scripts/e2e/run.mjs', '--vsix', 'kube-expose.vsix']);
    return ok1 && ok2;
  }],
];

for (const [name, fn] of stages) {
  if ((only && !only.includes(name)) || skip.includes(name)) {
    summary.push(`${name}: skipped`);
    continue;
  }
  console.log(`\n=== ${name} ===`);
  const ok = fn();
  if (!ok && (name === 'build' || name === 'typecheck') && !process.env.KEEP_GOING) {
    // Later stages depend on the build.
    if (name === 'build') break;
  }
}

console.log('\n=== summary ===');
for (const s of summary) console.log(`  ${s}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
