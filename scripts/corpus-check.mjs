#!/usr/bin/env node
// Runs the validator over every YAML file under DIR and prints the number of findings per rule and
// severity. Exits 1 when an error occurs that test/corpus-expectations.json does not list (by file
// path relative to DIR and rule id, each with the reason it is a real mistake in that file).
// Expectations that no longer occur are reported as stale.
//   node scripts/corpus-check.mjs DIR [--expectations FILE] [--json] [--list]
//   npm run corpus -- DIR
// The core is bundled from server/src/core on the fly with esbuild, so the check always runs the
// current source without a separate build step.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';

const root = resolve(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--expectations');
if (!dir) {
  console.error('usage: node scripts/corpus-check.mjs DIR [--expectations FILE] [--json] [--list]');
  process.exit(2);
}
const base = resolve(dir);
if (!existsSync(base) || !statSync(base).isDirectory()) {
  console.error(`corpus-check: ${base} is not a directory`);
  process.exit(2);
}
const expectationsFile = resolve(option('expectations') ?? join(root, 'test', 'corpus-expectations.json'));

const bundle = await esbuild.build({
  stdin: {
    contents: "export { parseFile } from './server/src/core/yaml/parse'; export { analyze } from './server/src/core/analyze'; export { normalizeSettings } from './server/src/core/settings';",
    resolveDir: root,
    sourcefile: 'corpus-entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  write: false,
  logLevel: 'error',
});
const mod = { exports: {} };
const req = createRequire(join(root, 'package.json'));
new Function('module', 'exports', 'require', bundle.outputFiles[0].text)(mod, mod.exports, req);
const { parseFile, analyze, normalizeSettings } = mod.exports;

function walk(d) {
  return readdirSync(d).sort().flatMap((f) => {
    const p = join(d, f);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.ya?ml$/i.test(f) ? [p] : [];
  });
}

const raw = existsSync(expectationsFile) ? JSON.parse(readFileSync(expectationsFile, 'utf8')) : { expectations: [] };
const expectations = (raw.expectations ?? []).map((e) => ({ ...e, rule: e.rule.replace(/^kube-expose\//, ''), seen: 0 }));
const settings = normalizeSettings(raw.settings ?? {});

const files = walk(base);
const counts = new Map(); // "severity rule" -> count
const unexpected = [];
let total = 0;
const t0 = Date.now();
for (const path of files) {
  const rel = relative(base, path).split('\\').join('/');
  const text = readFileSync(path, 'utf8');
  const findings = analyze(parseFile(text), { settings, uri: rel });
  for (const f of findings) {
    total++;
    const rule = f.ruleId.replace(/^kube-expose\//, '');
    const key = `${f.severity}\t${rule}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (f.severity !== 'error') continue;
    const x = expectations.find((e) => e.file === rel && e.rule === rule);
    if (x) x.seen++;
    else unexpected.push({ file: rel, line: f.range.start.line + 1, column: f.range.start.character + 1, rule, message: f.message });
  }
}
const ms = Date.now() - t0;
const stale = expectations.filter((e) => e.seen === 0);

if (flag('json')) {
  console.log(JSON.stringify({ files: files.length, findings: total, counts: Object.fromEntries(counts), unexpected, stale: stale.map(({ seen, ...e }) => e) }, null, 2));
} else {
  const order = { error: 0, warning: 1, info: 2, hint: 3 };
  const rows = [...counts].map(([k, n]) => [...k.split('\t'), n]).sort((a, b) => order[a[0]] - order[b[0]] || b[2] - a[2] || a[1].localeCompare(b[1]));
  console.log(`corpus: ${files.length} YAML files under ${base}, ${total} findings in ${ms} ms`);
  for (const [sev, rule, n] of rows) console.log(`  ${String(n).padStart(5)}  ${sev.padEnd(7)}  ${rule}`);
  const expected = expectations.reduce((n, e) => n + e.seen, 0);
  console.log(`errors: ${expected} expected (${expectations.length - stale.length} listed file/rule pairs), ${unexpected.length} unexpected`);
  if (flag('list') || unexpected.length) for (const u of unexpected) console.log(`  UNEXPECTED ${u.file}:${u.line}:${u.column} ${u.rule}: ${u.message}`);
  for (const s of stale) console.log(`  STALE expectation (no longer reported): ${s.file} ${s.rule} — ${s.why}`);
}
process.exit(unexpected.length ? 1 : 0);
