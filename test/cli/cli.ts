/** Runs the built `dist/cli.js` as a child process, the way a user or a CI job does. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'cli', 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubeExpose(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {}): CliResult {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'node scripts/build.mjs --dev --tests' first`);
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  Object.assign(env, opts.env ?? {});
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? FIXTURES,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: env as NodeJS.ProcessEnv,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder with the given files (paths with `/`). */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-expose-cli-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return dir;
}

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  helpUri: string;
  fixes: string[];
}

export interface JsonReport {
  tool: string;
  version: string;
  summary: { files: number; errors: number; warnings: number; infos: number; hints: number };
  files: string[];
  findings: JsonFinding[];
  ioErrors: string[];
}

export function json(r: CliResult): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

export const SYNTAX = 'kube-expose/yaml/syntax';
export const SYNTAX_WARNING = 'kube-expose/yaml/syntax-warning';
