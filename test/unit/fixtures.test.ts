/**
 * Data-driven rule tests: every `test/fixtures/rules/**.yaml` is run through the analyzer and its
 * findings must equal the inline expectations (see expect.ts for the syntax).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkFixture } from './expect';

const ROOT = resolve(__dirname, '..', '..', '..');
const DIR = join(ROOT, 'test', 'fixtures', 'rules');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

const files = walk(DIR).sort();
test('rule fixtures exist', () => {
  assert.ok(files.length > 0, `no fixtures under ${DIR}`);
});
for (const file of files) {
  test(`fixture ${relative(DIR, file)}`, () => {
    const problems = checkFixture(readFileSync(file, 'utf8'));
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}
