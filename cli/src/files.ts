/** Turns the command line's paths, directories, globs and `-` into the list of files to check. */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { globBase, globToRegExp, isGlob } from './glob';

export interface InputFile {
  /** Absolute path; empty for standard input. */
  path: string;
  /** How the file is shown: relative to the working directory when inside it. */
  display: string;
  stdin?: boolean;
}

export interface Expansion {
  files: InputFile[];
  /** I/O and "nothing matched" problems, one sentence each. */
  errors: string[];
  /** Worth saying, but not a failure (a directory with no YAML in it). */
  warnings: string[];
}

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}

export function expandInputs(inputs: readonly string[], cwd: string, stdinName = '<stdin>'): Expansion {
  const files: InputFile[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: abs, display: displayPath(abs, cwd) });
  };
  let stdinSeen = false;
  for (const input of inputs) {
    if (input === '-') {
      if (!stdinSeen) files.push({ path: '', display: stdinName, stdin: true });
      stdinSeen = true;
      continue;
    }
    const abs = resolve(cwd, input);
    const st = statOrError(abs);
    if (st.ok) {
      if (st.dir) {
        let found = 0;
        walk(abs, (f) => YAML_FILE.test(f), (f) => (found++, add(f)), errors, cwd);
        if (found === 0) warnings.push(`no *.yaml or *.yml files in '${input}'.`);
      } else add(abs);
      continue;
    }
    if (isGlob(input)) {
      const pattern = input.split(sep).join('/');
      const { base, rest } = globBase(pattern);
      const baseAbs = resolve(cwd, base);
      const re = globToRegExp(rest);
      const before = files.length;
      const baseStat = statOrError(baseAbs);
      if (baseStat.ok && baseStat.dir) {
        const matches: string[] = [];
        walk(baseAbs, (_name, abs) => re.test(relative(baseAbs, abs).split(sep).join('/')), (f) => matches.push(f), errors, cwd);
        for (const m of matches) add(m);
      }
      if (files.length === before) errors.push(`no files match '${input}'.`);
      continue;
    }
    errors.push(st.missing ? `cannot find '${input}': no such file or directory.` : `cannot read '${input}': ${st.reason}.`);
  }
  return { files, errors, warnings };
}

type StatResult = { ok: true; dir: boolean } | { ok: false; missing: boolean; reason: string };

function statOrError(abs: string): StatResult {
  try {
    const st = statSync(abs);
    return { ok: true, dir: st.isDirectory() };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, missing: code === 'ENOENT' || code === 'ENOTDIR', reason: ioReason(e) };
  }
}

/** A short reason for an I/O error, without Node's stack or syscall noise. */
export function ioReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return err?.message ?? String(e);
  }
}

/** Visits files below `dir` in a stable (sorted) order, following symbolic links once. */
function walk(
  dir: string,
  want: (name: string, abs: string) => boolean,
  add: (abs: string) => void,
  errors: string[],
  cwd: string,
  visited = new Set<string>(),
): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    errors.push(`cannot read directory '${displayPath(dir, cwd)}': ${ioReason(e)}.`);
    return;
  }
  if (visited.has(real)) return;
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`cannot read directory '${displayPath(dir, cwd)}': ${ioReason(e)}.`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const st = statSync(abs);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // a dangling link is not a file to check
      }
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(abs, want, add, errors, cwd, visited);
    } else if (isFile && want(entry.name, abs)) {
      add(abs);
    }
  }
}
