/**
 * `--format sarif` validates against the SARIF 2.1.0 JSON schema (the OASIS schema as shipped in the
 * npm package @microsoft/jest-sarif) and carries what GitHub code scanning needs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { FIXTURES, json, kubeExpose, ROOT, SYNTAX, SYNTAX_WARNING } from './cli';

const SCHEMA_FILE = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');

/**
 * The schema is written for JSON Schema draft-04; its only draft-04-specific keyword is the top-level
 * `id` (no boolean exclusiveMinimum/Maximum), so it validates the same under Ajv's draft-07 once `id`
 * is spelled `$id`.
 */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  assert.match(String(schema.title), /SARIF\) Version 2\.1\.0/);
  assert.ok(!JSON.stringify(schema).includes('exclusiveM'), 'the schema uses draft-04 exclusive bounds: adapt the loader');
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // One of its patterns is not valid with the `u` flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

function sarif(args: string[], opts: { cwd?: string; input?: string } = {}): { log: Log; code: number | null } {
  const r = kubeExpose(['check', '--format', 'sarif', ...args], opts);
  try {
    return { log: JSON.parse(r.stdout) as Log, code: r.code };
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

test('the SARIF output validates against the SARIF 2.1.0 schema', () => {
  const validate = sarifValidator();
  for (const args of [['mixed'], ['clean'], ['cross'], ['-']]) {
    const { log } = sarif(args, { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n' });
    const ok = validate(log);
    assert.ok(ok, `${args.join(' ')}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
});

test('the validator does reject a broken log (so the validation above means something)', () => {
  const validate = sarifValidator();
  const { log } = sarif(['mixed']);
  const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
  broken.runs[0].results[0].level = 'fatal';
  assert.equal(validate(broken), false);
  const noVersion = { ...log, version: undefined };
  assert.equal(validate(JSON.parse(JSON.stringify(noVersion))), false);
});

test('every rule carries what GitHub code scanning shows: descriptions, help, help URI, default level', () => {
  const { log } = sarif(['mixed']);
  const rules = log.runs[0].tool.driver.rules ?? [];
  const listed = JSON.parse(kubeExpose(['--list-rules', '--format', 'json']).stdout) as { rules: Array<{ id: string; severity: string }> };
  assert.deepEqual(
    rules.map((r) => r.id),
    listed.rules.map((r) => r.id),
    'the driver lists every rule of --list-rules, in the same order',
  );
  const levels: Record<string, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  for (const [i, r] of rules.entries()) {
    assert.match(r.id, /^kube-expose\/[a-z0-9-]+\/[a-z0-9-]+$/);
    assert.ok(r.shortDescription?.text, `${r.id} shortDescription`);
    assert.ok(r.fullDescription?.text, `${r.id} fullDescription`);
    assert.ok(r.help?.text && r.help.markdown, `${r.id} help`);
    assert.match(r.helpUri ?? '', /^https:\/\/github\.com\/.+\/docs\/rules\.md#kube-expose[a-z0-9-]+$/);
    assert.equal(r.defaultConfiguration?.level, levels[listed.rules[i].severity], r.id);
  }
  assert.equal(log.runs[0].tool.driver.name, 'kube-expose');
});

test('results: ruleId and ruleIndex agree, levels map, locations are relative to %SRCROOT% with 1-based regions', () => {
  const { log, code } = sarif(['mixed']);
  assert.equal(code, 1, 'SARIF keeps the exit code');
  const run = log.runs[0];
  const rules = run.tool.driver.rules as ReportingDescriptor[];
  const results = run.results as Result[];
  assert.equal(results.length, 2);
  for (const r of results) assert.equal(rules[r.ruleIndex!].id, r.ruleId);
  const tagged = results.find((r) => r.ruleId === SYNTAX_WARNING)!;
  assert.equal(tagged.level, 'warning');
  assert.equal(tagged.message.text, 'Unresolved tag: !custom');
  const loc = tagged.locations![0].physicalLocation!;
  assert.deepEqual(loc.artifactLocation, { uri: 'mixed/tagged.yaml', uriBaseId: '%SRCROOT%' });
  assert.deepEqual(loc.region, { startLine: 6, startColumn: 9, endLine: 6, endColumn: 16 });
  const broken = results.find((r) => r.ruleId === SYNTAX)!;
  assert.equal(broken.level, 'error');
  assert.equal(broken.locations![0].physicalLocation!.artifactLocation!.uri, 'mixed/broken.yaml');
  assert.equal(run.originalUriBaseIds?.['%SRCROOT%']?.uri, `file://${FIXTURES}/`);
});

test('SARIF regions equal the JSON positions for every finding', () => {
  const report = json(kubeExpose(['check', '-f', 'json', 'mixed', 'clean']));
  const { log } = sarif(['mixed', 'clean']);
  const regions = (log.runs[0].results ?? []).map((r) => {
    const p = r.locations![0].physicalLocation!;
    return [p.artifactLocation!.uri, r.ruleId, p.region!.startLine, p.region!.startColumn];
  });
  assert.deepEqual(
    regions,
    report.findings.map((f) => [f.file, f.ruleId, f.line, f.column]),
  );
});

test('SARIF for a clean run has no results and a successful invocation', () => {
  const { log, code } = sarif(['clean']);
  assert.equal(code, 0);
  assert.deepEqual(log.runs[0].results, []);
  assert.equal(log.runs[0].invocations?.[0].executionSuccessful, true);
  assert.equal(log.version, '2.1.0');
});

test('SARIF names stdin by --stdin-filename, relative to %SRCROOT%', () => {
  const { log } = sarif(['--stdin-filename', 'k8s/rendered app.yaml', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n' });
  const loc = log.runs[0].results![0].locations![0].physicalLocation!.artifactLocation!;
  assert.equal(loc.uri, 'k8s/rendered%20app.yaml');
});
