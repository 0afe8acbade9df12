#!/usr/bin/env node
// Extension activation time in the real VS Code (code-server) harness: runs the e2e activation test
// a few times against the packaged production build and reports what `activate` took, as the
// extension measured it. Figures only.
//   node bench/activation.mjs [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('..', import.meta.url).pathname);
const RUNS = Number(process.argv[2] ?? 3);
const out = [];
for (let i = 0; i < RUNS; i++) {
  const file = join(mkdtempSync(join(tmpdir(), 'kx-act-')), 'activation.json');
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'e2e', 'run.mjs'), '--grep', 'activates when a Kubernetes manifest is opened'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, KUBE_EXPOSE_BENCH_OUT: file },
  });
  if (!existsSync(file)) {
    console.error(r.stdout?.slice(-2000), r.stderr?.slice(-2000));
    throw new Error('the activation test did not report a figure');
  }
  out.push(JSON.parse(readFileSync(file, 'utf8')).activationMs);
}
out.sort((a, b) => a - b);
console.log(`activate(): ${out.join(', ')} ms over ${RUNS} runs; median ${out[Math.floor((out.length - 1) / 2)]} ms`);
