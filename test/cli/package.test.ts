/** The `kube-expose` bin as npm installs it: declared, executable by node, inside the packed tarball. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
