#!/usr/bin/env node
// Runs the e2e suite (out/test/e2e/suite/*.test.js, mocha tdd) inside a real VS Code extension host:
// code-server (VS Code 1.139 server + web workbench) on 127.0.0.1, opened by headless Chromium
// through playwright-core. The workbench URL carries extensionDevelopmentPath/extensionTestsPath;
// the extension host loads the extension, runs the suite and reports its exit code through the
// window.codeAutomationExit hook, which this script provides.
//
//   node scripts/e2e/run.mjs                     test the repository build (builds it if missing)
//   node scripts/e2e/run.mjs --vsix FILE         test FILE, installed with --install-extension into
//                                                a fresh extensions folder (only an empty driver
//                                                extension is loaded from the repository)
//   --screenshot FILE   save a PNG of the workbench when the suite ends
//   --build             rebuild dev bundles + tests first (otherwise only when missing)
//   --grep REGEX        only tests whose full title matches
//   --timeout SECONDS   give up after this long (default 480); the run then counts as failed
//   --verbose           also print code-server's and the workbench's own output
//
// stdout ends with exactly one line `N passed, N failed`; the exit code is 0 only when every test
// passed and at least one ran. Progress and diagnostics go to stderr. Tools missing? This runs
// scripts/e2e/setup.sh first. Everything written at run time stays in .vscode-test/e2e/run-*/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  ROOT,
  copyWorkspace,
  ensureDependencies,
  ensureBuild,
  ensureTools,
  installVsix,
  launchChromium,
  log,
  makeRunDir,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      vsix: { type: 'string' },
      screenshot: { type: 'string' },
      build: { type: 'boolean', default: false },
      grep: { type: 'string' },
      timeout: { type: 'string', default: '480' },
      verbose: { type: 'boolean', default: false },
    },
  }));
  if (!(Number(opts.timeout) > 0)) throw new Error(`--timeout must be a number of seconds, got ${opts.timeout}`);
} catch (e) {
  console.error(`${e.message}\nusage: node scripts/e2e/run.mjs [--vsix FILE] [--screenshot FILE] [--build] [--grep REGEX] [--timeout SECONDS] [--verbose]`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const timeoutMs = Number(opts.timeout) * 1000;

/** The closing line test-all.mjs and CI read. Printed exactly once. */
function finish(passed, failed, why) {
  if (why) log(why);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

// Lines the workbench forwards that are never about our tests (offline marketplace, chat UI...).
const NOISE = /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)|^(Resolving|Resolved) connection token|^Creating a socket|^Updating additional builtin|getaddrinfo ENOTFOUND|^Canceled: |^\s+at /;

async function main() {
  ensureDependencies();
  const tools = ensureTools();
  ensureBuild({ force: opts.build, needDist: !opts.vsix });
  const testsPath = join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js');

  const run = makeRunDir('e2e');
  log(`run folder ${run.dir}`);
  writeUserSettings(run, {
    // Completion tests must only see what extensions offer, not words from the document.
    'editor.wordBasedSuggestions': 'off',
    'files.autoSave': 'off',
  });
  const workspace = copyWorkspace(run, join(ROOT, 'test', 'e2e', 'workspace'));
  const resultsFile = join(run.dir, 'results.json');

  let extensionDevelopmentPath = ROOT;
  if (opts.vsix) {
    installVsix(tools, run, opts.vsix);
    extensionDevelopmentPath = join(ROOT, 'test', 'e2e', 'vsix-driver');
  }

  const server = await startCodeServer(tools, run, {
    verbose: opts.verbose,
    env: {
      KUBE_EXPOSE_E2E_RESULTS: resultsFile,
      KUBE_EXPOSE_E2E_MODE: opts.vsix ? 'vsix' : 'dev',
      KUBE_EXPOSE_E2E_REPO: ROOT,
      ...(opts.grep ? { KUBE_EXPOSE_E2E_GREP: opts.grep } : {}),
    },
  });
  let browser;
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  };
  const onSignal = (sig) => {
    log(`${sig}: stopping code-server and Chromium`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    log(`code-server listening on 127.0.0.1:${server.port}`);
    browser = await launchChromium(run);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => opts.verbose && log('page error:', e.message));
    if (opts.verbose) page.on('console', (m) => log(`[browser ${m.type()}]`, m.text()));

    let exitCode;
    const exited = new Promise((r) => (exitCode = r));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const parts = (Array.isArray(args) ? args : [args]).map(String);
      const first = parts[0] ?? '';
      if (first.startsWith('[e2e]')) console.error(parts.join(' '));
      else if (opts.verbose && !NOISE.test(first)) console.error(`[vscode ${type}]`, ...parts);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exitCode(code));

    const url = workbenchUrl(server.port, workspace, { extensionDevelopmentPath, extensionTestsPath: testsPath });
    log(`opening the workbench in headless Chromium ${browser.version()}`);
    let timer;
    const timedOut = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);

    if (opts.screenshot || code === 'timeout') {
      const file = code === 'timeout' && !opts.screenshot ? join(run.dir, 'timeout.png') : resolve(opts.screenshot);
      await page.screenshot({ path: file }).then(() => log(`screenshot saved to ${file}`), (e) => log(`screenshot failed: ${e.message}`));
    }

    const summary = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
    for (const t of summary?.tests ?? []) {
      if (t.state === 'failed') console.error(`\nFAILED: ${t.title}\n${t.error}\n`);
    }
    // CI keeps only what is printed: on a failure, the end of the extension's own log goes with it.
    if (code !== 0 || !summary || summary.failures > 0) printExtensionLog(run.dir);
    if (code === 'timeout') {
      const done = summary ? summary.passes + summary.failures : 0;
      return finish(summary?.passes ?? 0, (summary?.failures ?? 0) + 1, `TIMEOUT after ${opts.timeout} s (${done} test(s) had finished); logs and timeout.png in ${run.dir}`);
    }
    if (!summary) return finish(0, 1, `the extension host exited with code ${code} without running the suite; see ${run.log}`);
    if (code !== 0 && summary.failures === 0) {
      return finish(summary.passes, 1, `the extension host reported exit code ${code} although no test failed; see ${run.log}`);
    }
    log(`extension host finished with exit code ${code}`);
    return finish(summary.passes, summary.failures);
  } finally {
    await cleanup();
    log(`logs in ${run.dir}`);
  }
}

/** The last lines of the Kube Expose output channel of this run (it lives under the user-data logs). */
function printExtensionLog(dir) {
  const logs = join(dir, 'user-data', 'logs');
  if (!existsSync(logs)) return;
  for (const session of readdirSync(logs)) {
    for (const host of readdirSync(join(logs, session)).filter((d) => d.startsWith('exthost'))) {
      const file = join(logs, session, host, 'kube-expose.kube-expose', 'Kube Expose.log');
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      console.error(`\n--- last ${Math.min(60, lines.length)} lines of ${file} ---\n${lines.slice(-60).join('\n')}\n---`);
    }
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(finish(0, 1));
  },
);
