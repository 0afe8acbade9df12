#!/usr/bin/env node
// `npm run demo`: builds kube-expose and opens it in a real VS Code (code-server) on examples/.
//
//   npm run demo                          prints a local URL to open in your browser; Ctrl-C stops
//   npm run demo -- --port 9000           choose the port (default 8765, or a free one if taken)
//   npm run demo -- --screenshot FILE     instead: open the workbench in headless Chromium, open
//                                         examples/mistakes.yaml, wait for kube-expose's
//                                         diagnostics, save a PNG of the window and exit
//
// The extension is loaded from this repository (as an extension under development), so rebuild
// (`npm run build:dev`) and reload the browser tab to see changes. Missing tools (code-server,
// Node 24, Chromium) are installed first by scripts/e2e/setup.sh. Everything code-server writes
// stays in .vscode-test/demo/; examples/ is opened in place.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, ensureDependencies, ensureTools, launchChromium, log, makeRunDir, setLogName, startCodeServer, workbenchUrl, writeUserSettings } from './e2e/code-server.mjs';

setLogName('demo');

const { values: opts } = parseArgs({
  options: {
    screenshot: { type: 'string' },
    port: { type: 'string' },
    file: { type: 'string', default: 'mistakes.yaml' },
    verbose: { type: 'boolean', default: false },
  },
});

function portIsFree(port) {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

async function main() {
  ensureDependencies();
  const tools = ensureTools();
  log('building the extension (dev bundles)');
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--dev'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (b.status !== 0) throw new Error('the build failed; see the errors above');

  const run = makeRunDir('demo', 3);
  writeUserSettings(run, { 'window.commandCenter': true, 'editor.minimap.enabled': false });
  const folder = join(ROOT, 'examples');

  let port = opts.port ? Number(opts.port) : 8765;
  if (opts.screenshot || !(await portIsFree(port))) {
    if (opts.port && !opts.screenshot) throw new Error(`port ${port} is already in use`);
    port = 0; // any free port
  }
  const server = await startCodeServer(tools, run, { port, verbose: opts.verbose, folder });
  const url = workbenchUrl(server.port, folder, { extensionDevelopmentPath: ROOT });
  let browser;
  const stop = async () => {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  };
  process.once('SIGINT', () => stop().finally(() => process.exit(0)));
  process.once('SIGTERM', () => stop().finally(() => process.exit(0)));

  if (!opts.screenshot) {
    console.log(`\nkube-expose is running in VS Code (code-server) on examples/. Open this URL in your browser:\n\n  ${url}\n\nPress Ctrl-C to stop.`);
    await new Promise(() => {}); // until a signal arrives
  }

  try {
    const file = resolve(opts.screenshot);
    browser = await launchChromium(run);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench .explorer-folders-view', { timeout: 60_000 });
    log('workbench is up; opening', opts.file);
    // Quick Open the example with mistakes.
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type(opts.file);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${opts.file}"]`, { timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tab.active[aria-label*="${opts.file}"]`, { timeout: 15_000 });
    // Wait for kube-expose's diagnostics: F8 (Go to Next Problem) shows the first problem's
    // message under its line once the language server has checked the file.
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+Home');
    let found = false;
    for (const end = Date.now() + 45_000; !found && Date.now() < end; ) {
      await page.keyboard.press('F8');
      found = await page.waitForSelector('.marker-widget', { timeout: 1_000 }).then(() => true, () => false);
    }
    if (found) {
      // Also show the Problems panel (messages with rule ids), then go back to the editor and show
      // the first problem inline again: opening the panel closes the inline widget.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 10_000 }).catch(() => {});
      await page.click('.monaco-editor .view-lines');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('F8');
      await page.waitForSelector('.marker-widget', { timeout: 5_000 }).catch(() => {});
    }
    await page.waitForTimeout(800); // let the last layout and fonts settle before the picture
    await page.screenshot({ path: file });
    log(`screenshot saved to ${file}`);
    if (!found) {
      log('kube-expose put no diagnostics on the example within 45 s');
      return 1;
    }
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
