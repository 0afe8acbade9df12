/**
 * Property-based fuzzing of the whole core: random edits, truncations, indentation and line-ending
 * changes, anchors and alias bombs, deep nesting, long lines, BOMs, odd numbers, duplicate keys and
 * other kinds of YAML. Every request (diagnostics, completion, hover, symbols, conversions) must
 * return without throwing. Fixed seed and bounded count in CI; KUBE_EXPOSE_FUZZ_RUNS raises it.
 * Inputs that once failed are kept below as regular tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { analyze } from '../../../server/src/core/analyze';
import { complete } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { documentSymbols } from '../../../server/src/core/features/symbols';
import { conversionsAt } from '../../../server/src/core/convert';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { yamlFiles } from '../files';

const RUNS = Number(process.env.KUBE_EXPOSE_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.KUBE_EXPOSE_FUZZ_SEED ?? 20261125);
const ROOT = resolve(__dirname, '..', '..', '..', '..');
const settings = normalizeSettings({});

const SEEDS = yamlFiles(join(ROOT, 'test', 'fixtures', 'rules')).map((f) => readFileSync(f, 'utf8'));

/** Runs every request of the core on a text at a few offsets; throws if anything throws. */
function exercise(text: string, offsets: number[]): void {
  const file = parseFile(text);
  analyze(file, { settings, uri: 'file:///fuzz.yaml', onCheckerError: (name, _m, e) => { throw new Error(`checker ${name} threw: ${e instanceof Error ? e.stack : String(e)}`); } });
  documentSymbols(file);
  for (const raw of offsets) {
    const offset = Math.min(Math.max(0, raw), text.length);
    complete(file, offset, settings);
    hover(file, offset, settings);
    conversionsAt(file, offset, settings);
  }
  // An incremental re-parse of a mutated text must not throw either.
  parseFile(text.slice(0, Math.floor(text.length / 2)) + '\n---\n' + text.slice(Math.floor(text.length / 2)), file);
}

const fragment = fc.constantFrom(
  '---\n', '\n', '  ', '\t', ': ', '- ', '{', '}', '[', ']', ',', '"', "'", '#', '&a ', '*a', '!!str ', '|\n', '>-\n', '? ', '...\n',
  'kind: Service\n', 'kind: Ingress\n', 'apiVersion: v1\n', 'apiVersion: networking.k8s.io/v1\n', 'metadata:\n  name: x\n',
  'spec:\n  ports:\n  - port: 80\n', '  type: NodePort\n', 'nodePort: 99999\n', 'annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /$1\n',
  '\r\n', '\uFEFF', '\u0000', '1e400', '0x', '-0', '.inf', 'yes', 'null', '~', '💥', 'a'.repeat(300),
);

test('fuzz: random edits of real manifests never make a request throw', { timeout: 600_000 }, () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...SEEDS),
      fc.array(fc.tuple(fc.nat(), fc.nat(12), fragment), { maxLength: 12 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      (base, edits, offsets) => {
        let text = base;
        for (const [at, del, ins] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + ins + text.slice(i + del);
        }
        exercise(text, offsets.map((o) => o % (text.length + 1)));
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
});

test('fuzz: truncations, tab/space mixes, CRLF and BOMs of real manifests', { timeout: 600_000 }, () => {
  fc.assert(
    fc.property(fc.constantFrom(...SEEDS), fc.nat(), fc.constantFrom('crlf', 'tabs', 'bom', 'cut', 'indent'), (base, n, how) => {
      let text = base;
      if (how === 'crlf') text = text.replace(/\n/g, '\r\n');
      if (how === 'tabs') text = text.replace(/^( {2})+/gm, (m) => (n % 2 ? '\t' : ' \t').repeat(m.length / 2));
      if (how === 'bom') text = '\uFEFF' + text;
      if (how === 'cut') text = text.slice(0, n % (text.length + 1));
      if (how === 'indent') text = text.replace(/\n/g, '\n' + ' '.repeat(n % 5));
      exercise(text, [n % (text.length + 1), text.length]);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('fuzz: arbitrary YAML-ish strings', { timeout: 600_000 }, () => {
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 40 }), fc.nat(), (parts, o) => {
      const text = 'apiVersion: v1\nkind: Service\n' + parts.join('');
      exercise(text, [o % (text.length + 1)]);
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('an alias bomb ("billion laughs") is analysed without expanding it', { timeout: 60_000 }, () => {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', '  annotations:', '    a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`    a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  lines.push('data:', '  x: *a9', '---', 'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', '  labels: *a9', 'spec:', '  ports: *a9');
  const text = lines.join('\n') + '\n';
  exercise(text, [text.length - 5, text.indexOf('labels')]);
});

test('deep nesting and very long lines', { timeout: 60_000 }, () => {
  const deep = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: deep\nspec:\n' + Array.from({ length: 400 }, (_, i) => `${' '.repeat(2 * (i + 1))}k${i}:`).join('\n') + ' 1\n';
  exercise(deep, [deep.length - 3, 40]);
  const flowDeep = 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: ' + '['.repeat(2000) + ']'.repeat(2000) + '\n';
  exercise(flowDeep, [flowDeep.length - 10]);
  const long = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: ' + 'x'.repeat(200_000) + '\n  annotations:\n    a: "' + 'y'.repeat(100_000) + '"\n';
  exercise(long, [long.length - 5, 50]);
});

test('huge numbers, odd scalars and duplicate keys', () => {
  const text = [
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: odd', '  name: odd2', 'spec:',
    '  ports:', '    - port: 1e400', '      targetPort: 0x1F', '      nodePort: -0', '    - port: 99999999999999999999999', '      protocol: .inf',
    '  type: ~', '  selector: {a: yes, b: on, c: 0o17}',
  ].join('\n');
  exercise(text, [text.length, text.indexOf('protocol')]);
  assert.ok(parseFile(text).manifests[0].syntax.some((p) => /unique/.test(p.message)), 'duplicate keys are reported as YAML errors');
});
