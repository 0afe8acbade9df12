/**
 * Fixture workspaces: every folder `test/fixtures/workspaces/<rule>.<fail|pass>[-variant]/` holds
 * several YAML files that form one workspace. Each file is analyzed against the index of the whole
 * folder, and its `cross/*` findings must equal the inline caret expectations of that file
 * (see test/unit/expect.ts for the syntax). Every cross-resource rule must have a failing case
 * (with at least one expectation of that rule) and a passing case (with none).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseExpectations, type Expectation } from '../expect';
import { analyze } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { buildWorkspace } from '../../../server/src/core/workspace';
import { CROSS_RULES } from '../../../server/src/core/rules/cross-resource';
import { SKIPPED_DIRS } from '../../../server/src/workspace/scan';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'workspaces');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return SKIPPED_DIRS.has(f) ? [] : walk(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}

interface CaseResult {
  problems: string[];
  expected: Expectation[];
}

export function runCase(dir: string): CaseResult {
  const files = walk(dir).sort().map((p) => ({ path: p, uri: pathToFileURL(p).href, text: readFileSync(p, 'utf8') }));
  const parsed = files.map((f) => ({ ...f, parsed: parseFile(f.text) }));
  const ws = buildWorkspace(parsed);
  const problems: string[] = [];
  const expected: Expectation[] = [];
  for (const f of parsed) {
    const { expectations, settings } = parseExpectations(f.text);
    expected.push(...expectations);
    const findings = analyze(f.parsed, { settings: normalizeSettings(settings), uri: f.uri, workspace: ws })
      .map((x) => ({ ...x, rule: x.ruleId.replace(/^kube-expose\//, '') }))
      .filter((x) => x.rule.startsWith('cross/'));
    const used = new Set<object>();
    const name = relative(dir, f.path);
    const show = (x: (typeof findings)[number]) => `${x.severity} ${x.rule} at ${x.range.start.line + 1}:${x.range.start.character + 1}-${x.range.end.character + 1} "${x.message}"`;
    for (const e of expectations) {
      const hit = findings.find((x) => !used.has(x) && x.rule === e.rule && x.severity === e.severity && x.range.start.line === e.line &&
        x.range.start.character === e.startCol && (x.range.end.line !== e.line || x.range.end.character === e.endCol) &&
        (!e.messageIncludes || x.message.includes(e.messageIncludes)));
      if (hit) used.add(hit);
      else problems.push(`${name}: expected ${e.severity} ${e.rule} at ${e.line + 1}:${e.startCol + 1}-${e.endCol + 1}${e.messageIncludes ? ` "${e.messageIncludes}"` : ''}; found: ${findings.filter((x) => x.rule === e.rule).map(show).join('; ') || 'none of that rule'}`);
    }
    for (const x of findings) if (!used.has(x)) problems.push(`${name}: unexpected ${show(x)}`);
  }
  return { problems, expected };
}

const cases = readdirSync(DIR).filter((d) => statSync(join(DIR, d)).isDirectory()).sort();

for (const c of cases) {
  test(`workspace fixture ${c}`, () => {
    const { problems, expected } = runCase(join(DIR, c));
    assert.deepEqual(problems, [], problems.join('\n'));
    const m = /^([a-z0-9-]+)\.(fail|pass)/.exec(c);
    if (m?.[2] === 'fail') assert.ok(expected.some((e) => e.rule === `cross/${m[1]}`), `${c} must expect at least one cross/${m[1]} finding`);
    if (m?.[2] === 'pass') assert.ok(!expected.some((e) => e.rule === `cross/${m[1]}`), `${c} must expect no cross/${m[1]} finding`);
  });
}

test('every cross-resource rule has a failing and a passing fixture workspace', () => {
  const missing: string[] = [];
  for (const r of CROSS_RULES) {
    const name = r.id.replace(/^cross\//, '');
    for (const kind of ['fail', 'pass']) if (!cases.some((c) => c === `${name}.${kind}` || c.startsWith(`${name}.${kind}-`))) missing.push(`${name}.${kind}`);
  }
  assert.deepEqual(missing, []);
});
