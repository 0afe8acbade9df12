/**
 * `kube-expose check` end to end: the built binary over fixture folders and stdin; output, exit codes.
 * The YAML syntax rules (`yaml/syntax` error, `yaml/syntax-warning` warning) are the findings these
 * tests rely on, because their results do not depend on rules still being written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, json, kubeExpose, ROOT, SYNTAX, SYNTAX_WARNING, tempTree } from './cli';

const TAGGED = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tagged\ndata:\n  mode: !custom fast\n';
const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  labels: {app: web\ndata:\n  a: b\n';
const ANSI = /\x1b\[/;

// ---------------------------------------------------------------- help, version, usage errors

test('--help prints the usage and exits 0', () => {
  const r = kubeExpose(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /kube-expose check \[options\] \[paths or globs\.\.\.\]/);
  assert.match(r.stdout, /--fail-on/);
  assert.match(r.stdout, /Exit codes:/);
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const r = kubeExpose(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), pkg.version);
});

for (const [args, pattern] of [
  [['check', '--frobnicate'], /unknown option '--frobnicate'/],
  [['lint', 'x.yaml'], /unknown command 'lint'/],
  [[], /missing command/],
  [['check', '--format', 'xml', 'mixed'], /unknown format 'xml'/],
  [['check', '--format'], /--format needs a value/],
  [['check', '--fail-on=fatal', 'mixed'], /unknown level 'fatal' for --fail-on/],
  [['check', '--format', 'markdown', 'mixed'], /markdown is only for --list-rules/],
] as Array<[string[], RegExp]>) {
  test(`usage error: kube-expose ${args.join(' ') || '(nothing)'} exits 2 with a message`, () => {
    const r = kubeExpose(args);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.equal(r.stdout, '');
  });
}

// ---------------------------------------------------------------- text output

test('a clean folder exits 0 and says how many files it checked', () => {
  const r = kubeExpose(['check', 'clean']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  // app-config.yaml, docker-compose.yaml, sub/feature-flags.yml: README.md is not YAML.
  assert.equal(r.stdout, 'No problems found in 3 files.\n');
  assert.equal(r.stderr, '');
});

test('text output: file:line:col severity rule-id message, the source line and carets under the node', () => {
  const r = kubeExpose(['check', 'mixed/tagged.yaml']);
  assert.equal(r.code, 0, 'a warning does not fail the default --fail-on error');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], `mixed/tagged.yaml:6:9 warning ${SYNTAX_WARNING} Unresolved tag: !custom`);
  assert.equal(lines[1], '  6 |   mode: !custom fast');
  assert.equal(lines[2], '    |         ^^^^^^^');
  assert.equal(lines[3], '1 problem (1 warning) in 1 file.');
  assert.doesNotMatch(r.stdout, ANSI, 'no colour when stdout is not a terminal');
});

test('text output: carets line up under a range that starts after a tab', () => {
  const dir = tempTree({ 'tab.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: t\ndata: {a: \t!x y}\n' });
  const r = kubeExpose(['check', 'tab.yaml'], { cwd: dir });
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^tab\.yaml:5:12 warning /);
  assert.equal(lines[1], '  5 | data: {a: \t!x y}');
  assert.equal(lines[2], `    | ${' '.repeat(10)}\t^^`, 'the tab is kept in the lead so the carets sit under `!x`');
});

test('errors fail the run (exit 1) and every file of a folder is reported, in path order', () => {
  const r = kubeExpose(['check', 'mixed']);
  assert.equal(r.code, 1);
  const heads = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l));
  assert.equal(heads.length, 2, r.stdout);
  assert.match(heads[0], new RegExp(`^mixed/broken\\.yaml:\\d+:\\d+ error ${SYNTAX} `));
  assert.match(heads[1], new RegExp(`^mixed/tagged\\.yaml:6:9 warning ${SYNTAX_WARNING} `));
  assert.match(r.stdout, /2 problems \(1 error, 1 warning\) in 3 files\.\n$/);
});

test('--color forces ANSI colours; without a terminal there are none', () => {
  const r = kubeExpose(['check', '--color', 'mixed/tagged.yaml']);
  assert.match(r.stdout, /\x1b\[33mwarning\x1b\[39m/);
  assert.doesNotMatch(kubeExpose(['check', 'mixed/tagged.yaml']).stdout, ANSI);
});

function inTerminal(args: string[], env: Record<string, string>): string | undefined {
  const which = spawnSync('script', ['--version'], { encoding: 'utf8' });
  if (which.error) return undefined;
  const cmd = [process.execPath, join(ROOT, 'dist', 'cli.js'), ...args].map((a) => `'${a}'`).join(' ');
  const base = { ...process.env };
  delete base.NO_COLOR;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: FIXTURES, encoding: 'utf8', env: { ...base, ...env } });
  return r.stdout;
}

test('in a terminal the output is coloured, unless NO_COLOR is set', (t) => {
  const coloured = inTerminal(['check', 'mixed/tagged.yaml'], {});
  if (coloured === undefined) {
    t.skip('the `script` command (util-linux) is not installed, so no pseudo-terminal');
    return;
  }
  assert.match(coloured, /\x1b\[33mwarning/);
  const plain = inTerminal(['check', 'mixed/tagged.yaml'], { NO_COLOR: '1' });
  assert.ok(plain?.includes(`mixed/tagged.yaml:6:9 warning ${SYNTAX_WARNING}`), plain);
  assert.doesNotMatch(plain!, ANSI);
});

// ---------------------------------------------------------------- JSON output

test('--format json: findings with 1-based positions, severities and a summary', () => {
  const r = kubeExpose(['check', '--format', 'json', 'mixed']);
  assert.equal(r.code, 1);
  const report = json(r);
  assert.equal(report.tool, 'kube-expose');
  assert.deepEqual(report.files, ['mixed/broken.yaml', 'mixed/ok.yml', 'mixed/tagged.yaml']);
  assert.deepEqual(report.summary, { files: 3, errors: 1, warnings: 1, infos: 0, hints: 0 });
  const tagged = report.findings.find((f) => f.file === 'mixed/tagged.yaml');
  assert.ok(tagged);
  assert.deepEqual(
    { ruleId: tagged.ruleId, severity: tagged.severity, line: tagged.line, column: tagged.column, endLine: tagged.endLine, endColumn: tagged.endColumn },
    { ruleId: SYNTAX_WARNING, severity: 'warning', line: 6, column: 9, endLine: 6, endColumn: 16 },
  );
  assert.equal(tagged.message, 'Unresolved tag: !custom');
  assert.match(tagged.helpUri, /docs\/rules\.md#kube-exposeyamlsyntax-warning$/);
  const broken = report.findings.find((f) => f.file === 'mixed/broken.yaml');
  assert.equal(broken?.ruleId, SYNTAX);
  assert.equal(broken?.severity, 'error');
  assert.deepEqual(report.ioErrors, []);
});

test('--output writes the report to a file and keeps stdout empty', () => {
  const dir = tempTree({ 'app/tagged.yaml': TAGGED });
  const r = kubeExpose(['check', '-f', 'json', '-o', 'report.json', 'app'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { summary: { warnings: number } };
  assert.equal(report.summary.warnings, 1);
});

// ---------------------------------------------------------------- exit codes and --fail-on

for (const [failOn, code] of [
  [undefined, 0],
  ['error', 0],
  ['warning', 1],
  ['info', 1],
  ['hint', 1],
] as Array<[string | undefined, number]>) {
  test(`a warning-only file with --fail-on ${failOn ?? '(default)'} exits ${code}`, () => {
    const r = kubeExpose(['check', ...(failOn ? ['--fail-on', failOn] : []), 'mixed/tagged.yaml']);
    assert.equal(r.code, code, r.stdout + r.stderr);
  });
}

test('an error fails every --fail-on level', () => {
  for (const level of ['error', 'warning', 'info', 'hint']) {
    assert.equal(kubeExpose(['check', `--fail-on=${level}`, 'mixed/broken.yaml']).code, 1, level);
  }
});

test('a missing file is exit 2 with a clear message, and the other files are still reported', () => {
  const r = kubeExpose(['check', 'mixed/tagged.yaml', 'no-such-file.yaml']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot find 'no-such-file\.yaml': no such file or directory/);
  assert.match(r.stdout, /mixed\/tagged\.yaml:6:9 warning/);
});

test('a path that cannot be read as a file is exit 2', () => {
  const dir = tempTree({ 'a.yaml': TAGGED });
  // A file used as a directory: ENOTDIR, whoever runs the test (root reads any permission bits).
  const r = kubeExpose(['check', 'a.yaml/inner.yaml'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot find 'a\.yaml\/inner\.yaml'/);
});

test('the exit code is 2 for I/O errors even in JSON and SARIF, which still list them', () => {
  const r = kubeExpose(['check', '--format', 'json', 'mixed/ok.yml', 'gone/']);
  assert.equal(r.code, 2);
  assert.deepEqual(json(r).ioErrors, ["cannot find 'gone/': no such file or directory."]);
  const s = kubeExpose(['check', '--format', 'sarif', 'gone/']);
  assert.equal(s.code, 2);
  const log = JSON.parse(s.stdout) as { runs: Array<{ invocations: Array<{ executionSuccessful: boolean }> }> };
  assert.equal(log.runs[0].invocations[0].executionSuccessful, false);
});

// ---------------------------------------------------------------- directories, globs, stdin

test('directories are walked recursively for *.yaml and *.yml, skipping node_modules and .git', () => {
  const dir = tempTree({
    'k8s/a.yaml': TAGGED,
    'k8s/deep/er/b.yml': TAGGED,
    'k8s/c.YAML': TAGGED,
    'k8s/notes.txt': BROKEN,
    'k8s/node_modules/pkg/d.yaml': BROKEN,
    'k8s/.git/e.yaml': BROKEN,
  });
  const report = json(kubeExpose(['check', '-f', 'json', 'k8s'], { cwd: dir }));
  assert.deepEqual(report.files, ['k8s/a.yaml', 'k8s/c.YAML', 'k8s/deep/er/b.yml']);
  assert.equal(report.summary.errors, 0);
});

test('with no path, the current directory is checked', () => {
  const dir = tempTree({ 'x.yaml': TAGGED, 'sub/y.yml': BROKEN });
  const report = json(kubeExpose(['check', '-f', 'json'], { cwd: dir }));
  assert.deepEqual(report.files, ['sub/y.yml', 'x.yaml']);
});

test('a file named explicitly is checked whatever its extension, once even if named twice', () => {
  const dir = tempTree({ 'rendered.txt': BROKEN });
  const report = json(kubeExpose(['check', '-f', 'json', 'rendered.txt', './rendered.txt'], { cwd: dir }));
  assert.deepEqual(report.files, ['rendered.txt']);
  assert.equal(report.summary.errors, 1);
});

test('globs: *, **, ?, [..] and {a,b} select files; quoting keeps them from the shell', () => {
  const files = (pattern: string) => json(kubeExpose(['check', '-f', 'json', pattern])).files;
  assert.deepEqual(files('mixed/*.yaml'), ['mixed/broken.yaml', 'mixed/tagged.yaml']);
  assert.deepEqual(files('**/*.yml'), ['clean/sub/feature-flags.yml', 'mixed/ok.yml']);
  assert.deepEqual(files('{cross,mixed}/[st]*.yaml'), ['cross/service.yaml', 'mixed/tagged.yaml']);
  assert.deepEqual(files('mixed/ok.y?l'), ['mixed/ok.yml']);
  assert.deepEqual(files('clean/**'), ['clean/README.md', 'clean/app-config.yaml', 'clean/docker-compose.yaml', 'clean/sub/feature-flags.yml']);
});

test('a glob that matches nothing is exit 2', () => {
  const r = kubeExpose(['check', 'mixed/*.json']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no files match 'mixed\/\*\.json'/);
});

test('globs skip node_modules and .git too', () => {
  const dir = tempTree({ 'a/x.yaml': TAGGED, 'a/node_modules/y.yaml': BROKEN, 'a/.git/z.yaml': BROKEN });
  assert.deepEqual(json(kubeExpose(['check', '-f', 'json', '**/*.yaml'], { cwd: dir })).files, ['a/x.yaml']);
});

test('- reads one YAML stream from stdin (helm template ... | kube-expose check -)', () => {
  const stream = `${TAGGED}---\n${BROKEN}`;
  const r = kubeExpose(['check', '-'], { input: stream });
  assert.equal(r.code, 1);
  assert.match(r.stdout, new RegExp(`^<stdin>:6:9 warning ${SYNTAX_WARNING} `, 'm'));
  assert.match(r.stdout, new RegExp(`^<stdin>:\\d+:\\d+ error ${SYNTAX} `, 'm'));
});

test('--stdin-filename names stdin in the output, and stdin mixes with files', () => {
  const r = kubeExpose(['check', '-f', 'json', '--stdin-filename', 'rendered/app.yaml', 'mixed/ok.yml', '-'], { input: TAGGED });
  const report = json(r);
  assert.deepEqual(report.files, ['mixed/ok.yml', 'rendered/app.yaml']);
  assert.equal(report.findings[0].file, 'rendered/app.yaml');
});

test('non-Kubernetes YAML gets no findings, even broken, from stdin or a file', () => {
  const compose = 'services:\n  web:\n    image: nginx\n    ports: [80\n';
  const r = kubeExpose(['check', '-'], { input: compose });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'No problems found in 1 file.\n');
  assert.equal(kubeExpose(['check', 'clean/docker-compose.yaml']).code, 0);
});

test('comment directives in the manifest silence a finding in the CLI too', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tagged\ndata:\n  # kube-expose-disable-next-line yaml/syntax-warning\n  mode: !custom fast\n';
  const r = kubeExpose(['check', '-', '--fail-on', 'hint'], { input: text });
  assert.equal(r.code, 0, r.stdout);
});

test('CRLF files report the same positions as LF files', () => {
  const r = kubeExpose(['check', '-f', 'json', '-'], { input: TAGGED.replace(/\n/g, '\r\n') });
  const f = json(r).findings[0];
  assert.deepEqual([f.line, f.column, f.endColumn], [6, 9, 16]);
});

test('a big stdin stream is read whole', () => {
  const docs: string[] = [];
  for (let i = 0; i < 3000; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`);
  docs.push(TAGGED);
  const r = kubeExpose(['check', '-f', 'json', '-'], { input: docs.join('---\n') });
  const report = json(r);
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0].line, 3000 * 7 + 6);
});

test('a reader that closes the pipe early (| head) ends the run quietly', () => {
  const dir = tempTree({});
  const docs: string[] = [];
  for (let i = 0; i < 2000; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  mode: !custom fast\n`);
  writeFileSync(join(dir, 'many.yaml'), docs.join('---\n'));
  const cli = join(ROOT, 'dist', 'cli.js');
  const r = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" check many.yaml 2>stderr.txt | head -n 1`], { cwd: dir, encoding: 'utf8' });
  assert.match(r.stdout, /^many\.yaml:6:9 warning /);
  assert.equal(readFileSync(join(dir, 'stderr.txt'), 'utf8'), '');
});

test('a directory with no YAML in it is a warning on stderr, not a failure', () => {
  const dir = tempTree({ 'charts/README.md': 'no manifests here\n', 'k8s/a.yaml': TAGGED });
  const r = kubeExpose(['check', 'charts', 'k8s'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.equal(r.stderr, "kube-expose: warning: no *.yaml or *.yml files in 'charts'.\n");
  assert.match(r.stdout, /in 1 file\.\n$/);
});
