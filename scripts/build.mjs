#!/usr/bin/env node
// Bundles the extension (client), the language server and the CLI into dist/ with esbuild.
//   node scripts/build.mjs            production bundles (minified, no source maps)
//   node scripts/build.mjs --dev      readable bundles with source maps
//   node scripts/build.mjs --tests    also bundles every test file into out/ (one CommonJS file per test)
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const dev = process.argv.includes('--dev');
const tests = process.argv.includes('--tests');
const t0 = Date.now();

// Schema data (schemas/catalog.json, imported by the core) is generated from kubernetes-models first.
import { spawnSync } from 'node:child_process';
const gen = spawnSync(process.execPath, ['scripts/gen-schemas.mjs'], { stdio: 'inherit' });
if (gen.status !== 0) process.exit(gen.status ?? 1);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: dev ? 'linked' : false,
  minify: !dev,
  // Function names in stack traces for the dev build; in production they cost time on hot paths.
  keepNames: dev,
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] }),
  // The cluster view's code (and @kubernetes/client-node) in its own bundle, loaded on first use.
  esbuild.build({ ...common, entryPoints: { cluster: 'client/src/views/clusterBundle.ts' }, outdir: 'dist', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' }),
  esbuild.build({ ...common, entryPoints: { cli: 'cli/src/main.ts' }, outdir: 'dist' }),
]);

if (tests) {
  const files = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) {
        if (f !== 'fixtures' && f !== 'workspace' && f !== 'node_modules') walk(p);
      } else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) files.push(p);
    }
  };
  walk('test');
  rmSync('out', { recursive: true, force: true });
  await esbuild.build({
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: files,
    outdir: 'out',
    outbase: '.',
    packages: 'external',
    external: ['vscode'],
  });
}
console.log(`build: ${dev ? 'dev' : 'production'} bundles${tests ? ' + tests' : ''} in ${Date.now() - t0} ms`);
