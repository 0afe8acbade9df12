/**
 * The e2e suite loader. VS Code's extension host loads the bundled form of this file
 * (out/test/e2e/suite/index.js, given as extensionTestsPath) and awaits `run()`.
 *
 * It runs every `*.test.js` beside it with mocha's `tdd` interface (`suite`, `test`,
 * `suiteSetup`, ...), prints one `[e2e]` line per test to the extension host's console (the
 * runner forwards those), and writes a JSON summary to $KUBE_EXPOSE_E2E_RESULTS so the runner
 * does not depend on log forwarding to count results. `run()` rejects when a test failed.
 *
 * Environment (set by scripts/e2e/run.mjs):
 *   KUBE_EXPOSE_E2E_RESULTS   where to write the summary JSON
 *   KUBE_EXPOSE_E2E_GREP      only run tests whose full title matches this regular expression
 *   KUBE_EXPOSE_E2E_TIMEOUT   per-test timeout in ms (default 30000)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface E2eTestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface E2eSummary {
  passes: number;
  failures: number;
  pending: number;
  tests: E2eTestResult[];
}

export function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function run(): Promise<void> {
  const grep = process.env.KUBE_EXPOSE_E2E_GREP;
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.KUBE_EXPOSE_E2E_TIMEOUT) || 30_000,
    // The runner reads our own [e2e] lines; mocha's default reporter would print everything twice.
    reporter: class Silent {} as unknown as Mocha.ReporterConstructor,
    ...(grep ? { grep: new RegExp(grep) } : {}),
  });
  const files = testFiles(__dirname);
  for (const f of files) mocha.addFile(f);
  console.log(`[e2e] loading ${files.length} test file(s): ${files.map((f) => path.basename(f)).join(', ')}`);

  const results: E2eTestResult[] = [];
  const summary = (): E2eSummary => ({
    passes: results.filter((r) => r.state === 'passed').length,
    failures: results.filter((r) => r.state === 'failed').length,
    pending: results.filter((r) => r.state === 'pending').length,
    tests: results,
  });
  const write = () => {
    const out = process.env.KUBE_EXPOSE_E2E_RESULTS;
    if (out) fs.writeFileSync(out, JSON.stringify(summary(), null, 2));
  };

  try {
    await mocha.loadFilesAsync();
  } catch (e) {
    // A test file that does not load is a failure, not an empty run.
    results.push({ title: 'loading the e2e test files', state: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) });
    write();
    throw e;
  }

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t: Mocha.Test) => {
      results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      console.log(`[e2e] ok    ${t.fullTitle()} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t: Mocha.Runnable, err: Error) => {
      // Hook failures ("before all" hook ...) count too: they stop the tests they guard.
      results.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
      console.log(`[e2e] FAIL  ${t.fullTitle()}: ${err?.message ?? String(err)}`);
    });
    runner.on('pending', (t: Mocha.Test) => {
      results.push({ title: t.fullTitle(), state: 'pending' });
      console.log(`[e2e] skip  ${t.fullTitle()}`);
    });
  });

  const s = summary();
  write();
  console.log(`[e2e] mocha finished: ${s.passes} passed, ${s.failures} failed, ${s.pending} pending`);
  if (s.failures > 0) throw new Error(`${s.failures} e2e test(s) failed`);
  if (s.passes === 0) throw new Error('no e2e test ran');
}
