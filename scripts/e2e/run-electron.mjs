#!/usr/bin/env node
// The same e2e suite in desktop VS Code (Electron) through @vscode/test-electron, for machines
// that can download VS Code (update.code.visualstudio.com). Offline machines use the default
// runner, scripts/e2e/run.mjs (code-server + headless Chromium). Linux without a display needs
// a virtual one, e.g. `xvfb-run -a node scripts/e2e/run-electron.mjs`.
//
//   node scripts/e2e/run-electron.mjs [--vsix FILE] [--vscode VERSION] [--grep REGEX]
//
// VERSION defaults to $KUBE_EXPOSE_VSCODE_VERSION or "stable". Like run.mjs it prints exactly one
// closing line `N passed, N failed` and exits 0 only when every test passed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ROOT, copyWorkspace, ensureBuild, log, makeRunDir, writeUserSettings } from './code-server.mjs';

const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    vscode: { type: 'string', default: process.env.KUBE_EXPOSE_VSCODE_VERSION ?? 'stable' },
    grep: { type: 'string' },
  },
});

function finish(passed, failed, why) {
  if (why) log(why);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

async function main() {
  const { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } = await import('@vscode/test-electron');
  ensureBuild({ needDist: !opts.vsix });
  const run = makeRunDir('electron');
  writeUserSettings(run, { 'editor.wordBasedSuggestions': 'off', 'files.autoSave': 'off' });
  const workspace = copyWorkspace(run, join(ROOT, 'test', 'e2e', 'workspace'));
  const resultsFile = join(run.dir, 'results.json');
  const cachePath = join(ROOT, '.vscode-test', 'electron-cache');

  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: opts.vscode, cachePath });
  let extensionDevelopmentPath = ROOT;
  if (opts.vsix) {
    const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath);
    const r = spawnSync(cli, [...cliArgs, '--extensions-dir', run.extensions, '--user-data-dir', run.userData, '--install-extension', opts.vsix], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.status !== 0) throw new Error(`installing ${opts.vsix} failed:\n${r.stdout}${r.stderr}`);
    extensionDevelopmentPath = join(ROOT, 'test', 'e2e', 'vsix-driver');
  }

  let code;
  try {
    code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath: join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'),
      extensionTestsEnv: {
        ...run.env,
        KUBE_EXPOSE_E2E_RESULTS: resultsFile,
        KUBE_EXPOSE_E2E_MODE: opts.vsix ? 'vsix' : 'dev',
        KUBE_EXPOSE_E2E_REPO: ROOT,
        ...(opts.grep ? { KUBE_EXPOSE_E2E_GREP: opts.grep } : {}),
      },
      launchArgs: [
        workspace,
        '--user-data-dir', run.userData,
        '--extensions-dir', run.extensions,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
      ],
    });
  } catch (e) {
    code = `failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  const summary = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : null;
  for (const t of summary?.tests ?? []) if (t.state === 'failed') console.error(`\nFAILED: ${t.title}\n${t.error}\n`);
  if (!summary) return finish(0, 1, `VS Code ended (${code}) without running the suite`);
  return finish(summary.passes, summary.failures + (code !== 0 && summary.failures === 0 ? 1 : 0));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    if (/ENOTFOUND|fetch failed|ECONNREFUSED/.test(String(err?.message ?? err))) {
      console.error('VS Code could not be downloaded; offline, use the default runner: node scripts/e2e/run.mjs');
    }
    process.exit(finish(0, 1));
  },
);
