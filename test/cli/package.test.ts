/** The `kube-expose` bin as npm installs it: declared, executable by node, inside the packed tarball. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from './cli';

test('package.json declares the kube-expose bin as dist/cli.js, a node script', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
  assert.equal(pkg.bin['kube-expose'], 'dist/cli.js');
  assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'), 'npm links the bin as an executable script');
  assert.match(pkg.scripts['docs:rules'], /--list-rules --format markdown/);
});

test('npm pack puts the CLI, the language server and the rule docs in the tarball, and no sources or tests', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
  for (const f of ['dist/cli.js', 'dist/server.js', 'package.json', 'docs/rules.md']) assert.ok(files.includes(f), `${f} in ${files.join(', ')}`);
  assert.deepEqual(files.filter((f) => /^(test|server|cli|client|scripts)\//.test(f) || f.endsWith('.map')), []);
});

test('the CLI in the packed tarball runs on its own (the bundle needs no node_modules)', () => {
  const dest = mkdtempSync(join(tmpdir(), 'kube-expose-pack-'));
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dest], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const tgz = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  assert.ok(tgz, 'a tarball was written');
  const untar = spawnSync('tar', ['-xzf', tgz, '-C', dest], { cwd: dest, encoding: 'utf8' });
  assert.equal(untar.status, 0, untar.stderr);
  writeFileSync(join(dest, 'tagged.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata:\n  a: !x y\n');
  const r = spawnSync(process.execPath, [join(dest, 'package', 'dist', 'cli.js'), 'check', '--fail-on', 'warning', 'tagged.yaml'], { cwd: dest, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^tagged\.yaml:6:6 warning kube-expose\/yaml\/syntax-warning /);
});

test('`npx kube-expose` runs the checkout\'s own bin', () => {
  const r = spawnSync('npx', ['--offline', '--no-install', 'kube-expose', '--version'], { cwd: ROOT, encoding: 'utf8' });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), pkg.version);
});
