/** `--list-rules` in its three formats, and the generated docs/rules.md kept in step with the code. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/core';
import { kubeExpose, ROOT } from './cli';

interface ListedRule {
  id: string;
  name: string;
  severity: string;
  summary: string;
  description: string | null;
  helpUri: string;
}

function listed(): ListedRule[] {
  const r = kubeExpose(['--list-rules', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { rules: ListedRule[] }).rules;
}

test('--list-rules --format json lists every rule of the core with id, default severity and summary', () => {
  const rules = listed();
  const core = allRules();
  assert.deepEqual(
    rules.map((r) => [r.id, r.severity, r.summary]),
    core.map((r) => [`kube-expose/${r.id}`, r.severity, r.summary]),
  );
  assert.ok(rules.some((r) => r.id === 'kube-expose/yaml/syntax' && r.severity === 'error'));
  for (const r of rules) assert.ok(r.summary.length > 0 && !r.summary.includes('\n'), `${r.id}: a one-line summary`);
});

test('--list-rules prints one aligned line per rule: id, severity, summary', () => {
  const r = kubeExpose(['--list-rules']);
  assert.equal(r.code, 0);
  const lines = r.stdout.trimEnd().split('\n');
  const rules = listed();
  assert.equal(lines.length, rules.length + 1);
  for (const [i, rule] of rules.entries()) {
    assert.match(lines[i], new RegExp(`^${rule.id.replace(/[/.-]/g, '\\$&')} +${rule.severity} +`));
    assert.ok(lines[i].endsWith(rule.summary), lines[i]);
  }
  const summaryColumn = lines.slice(0, -1).map((l, i) => l.lastIndexOf(rules[i].summary));
  assert.equal(new Set(summaryColumn).size, 1, 'the summaries start in one column');
  assert.equal(lines.at(-1), `${rules.length} rules. Turn one off or re-level it under 'rules:' in .kube-expose.yaml.`);
  assert.equal(kubeExpose(['check', '--list-rules']).stdout, r.stdout, '`check --list-rules` is the same');
});

test('--list-rules --format markdown has a table row and a section (the help anchor) for every rule', () => {
  const md = kubeExpose(['--list-rules', '--format', 'markdown']).stdout;
  for (const r of listed()) {
    const anchor = r.helpUri.split('#')[1];
    assert.ok(md.includes(`| [\`${r.id}\`](#${anchor}) | ${r.severity} |`), `${r.id}: table row`);
    assert.ok(md.includes(`\n## ${r.id}\n`), `${r.id}: section`);
    // GitHub's anchor for a heading: lower case, punctuation other than - and _ dropped.
    assert.equal(anchor, r.id.toLowerCase().replace(/[^a-z0-9 _-]/g, ''));
  }
});

test('docs/rules.md is the current generated table (run `npm run docs:rules` after changing rules)', () => {
  const committed = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  const generated = kubeExpose(['--list-rules', '--format', 'markdown']).stdout;
  assert.equal(committed, generated, 'docs/rules.md is stale: run `npm run docs:rules` and commit it');
});

test('--list-rules with paths, or as SARIF, is a usage error', () => {
  assert.equal(kubeExpose(['--list-rules', 'mixed']).code, 2);
  assert.equal(kubeExpose(['--list-rules', '--format', 'sarif']).code, 2);
});
