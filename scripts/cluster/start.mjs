#!/usr/bin/env node
// Starts the test control plane (etcd + kube-apiserver on loopback, see test/cluster/apiserver.ts)
// for manual use: trying the explorer and Diagnose by hand, e2e runs, screenshots. With
// --scenarios it also creates the diagnosis scenarios (test/cluster/scenarios.ts).
// Prints the kubeconfig path (contexts `admin` and `viewer`) and runs until Ctrl-C, then stops
// the two processes it started.
//   node scripts/cluster/start.mjs [--scenarios] [--kubeconfig-out=<file>]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('../..', import.meta.url).pathname);
const out = mkdtempSync(join(tmpdir(), 'kube-expose-start-'));
await esbuild.build({
  entryPoints: { helper: join(root, 'test/cluster/start-entry.ts') },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: out,
  packages: 'external',
  logLevel: 'warning',
});
const require = createRequire(join(root, 'package.json'));
// The helper finds scripts/cluster and the cached binaries from here.
process.env.KUBE_EXPOSE_ROOT = root;
const { startCluster, buildScenarios } = require(join(out, 'helper.js'));
rmSync(out, { recursive: true, force: true });

const cluster = await startCluster();
if (process.argv.includes('--scenarios')) {
  const list = await buildScenarios(cluster);
  for (const s of list) console.log(`scenario ${s.id}: Service ${s.namespace}/${s.service} — ${s.expect}`);
}
const copyTo = process.argv.find((a) => a.startsWith('--kubeconfig-out='))?.split('=')[1];
if (copyTo) copyFileSync(cluster.kubeconfigPath, resolve(copyTo));
console.log(`${cluster.versions.split('\n').join(', ')}`);
console.log(`API server: ${cluster.server}`);
console.log(`kubeconfig: ${copyTo ? resolve(copyTo) : cluster.kubeconfigPath}  (contexts: admin, viewer)`);
console.log('Ctrl-C stops etcd and kube-apiserver.');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
