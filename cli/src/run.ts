/**
 * `kube-expose check`: read the files, parse them all, build one workspace over them (so the
 * cross-file checks see every file of the run), analyze each, print the report, pick the exit code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, analyze, parseFile, type Manifest, type ParsedFile, type Settings } from '../../server/src/core';
import type { Checker } from '../../server/src/core/rules/types';
import { HELP, parseArgs, UsageError, type CheckOptions } from './args';
import { ConfigError, loadConfig } from './config';
import { expandInputs, ioReason, type InputFile } from './files';
import { formatJson, formatSarif, formatText, SEVERITY_RANK, type CheckedFile, type Report } from './output';
import { rulesJson, rulesMarkdown, rulesText, VERSION } from './rules';
import { buildWorkspace } from '../../server/src/core/workspace/index';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Everything the command touches outside the file system, so it can be driven from a test. */
export interface Io {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  readStdin(): Promise<string>;
  out(text: string): void;
  err(text: string): void;
}

export async function run(io: Io): Promise<number> {
  let opts: CheckOptions;
  try {
    opts = parseArgs(io.argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kube-expose: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
  const emit = (text: string): boolean => {
    if (!opts.output) {
      io.out(text);
      return true;
    }
    try {
      writeFileSync(opts.output, text);
      return true;
    } catch (e) {
      io.err(`kube-expose: cannot write ${opts.output}: ${ioReason(e)}.\n`);
      return false;
    }
  };
  switch (opts.command) {
    case 'help':
      io.out(HELP);
      return EXIT_CLEAN;
    case 'version':
      io.out(`${VERSION}\n`);
      return EXIT_CLEAN;
    case 'list-rules': {
      const text = opts.format === 'json' ? rulesJson() : opts.format === 'markdown' ? rulesMarkdown() : rulesText();
      return emit(text) ? EXIT_CLEAN : EXIT_ERROR;
    }
    case 'check':
      break;
  }

  let config;
  try {
    config = loadConfig(opts.config, io.cwd);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.err(`kube-expose: ${e.message}\n`);
      return EXIT_ERROR;
    }
    throw e;
  }
  for (const w of config.warnings) io.err(`kube-expose: warning: ${w}\n`);

  const stdinName = opts.stdinFilename ?? '<stdin>';
  const { files: inputs, errors, warnings } = expandInputs(opts.paths, io.cwd, stdinName);
  for (const w of warnings) io.err(`kube-expose: warning: ${w}\n`);

  // Read and parse everything first: the workspace must hold every file before any is analyzed.
  const parsed: ParsedInput[] = [];
  for (const input of inputs) {
    let text: string;
    try {
      text = input.stdin ? await io.readStdin() : readFileSync(input.path, 'utf8');
    } catch (e) {
      errors.push(`cannot read '${input.display}': ${ioReason(e)}.`);
      continue;
    }
    // Stdin named with --stdin-filename is placed where that file would be, so cross-file checks
    // (kustomization namespaces, "also defined in ...") read it like a file of the run.
    const uri = !input.stdin
      ? pathToFileURL(input.path).href
      : opts.stdinFilename
        ? pathToFileURL(resolve(io.cwd, opts.stdinFilename)).href
        : 'stdin:';
    const file = parseFile(text);
    parsed.push({ input, uri, file });
  }

  const checked = checkParsed(parsed, config.settings, {
    onCheckerError: (checker, input, manifest, error) => {
      const where = `${input.display}${manifest.name ? ` (${manifest.kind ?? 'document'} ${manifest.name})` : ''}`;
      io.err(`kube-expose: warning: the ${checker} check failed on ${where}: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  });

  const report: Report = { files: checked, errors, rules: allRules(), cwd: io.cwd };
  for (const e of errors) io.err(`kube-expose: ${e}\n`);
  const color = opts.color ?? (io.stdoutIsTTY && !opts.output && !('NO_COLOR' in io.env && io.env.NO_COLOR !== ''));
  const text = opts.format === 'json' ? formatJson(report) : opts.format === 'sarif' ? formatSarif(report) : formatText(report, color);
  if (!emit(text)) return EXIT_ERROR;

  if (errors.length) return EXIT_ERROR;
  const threshold = SEVERITY_RANK[opts.failOn];
  const failing = checked.some((f) => f.findings.some((x) => SEVERITY_RANK[x.severity] >= threshold));
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

export interface ParsedInput {
  input: InputFile;
  /** The URI the core sees for the file: a file: URL, or `stdin:` for unnamed standard input. */
  uri: string;
  file: ParsedFile;
}

/**
 * Analyzes every file of one run against one workspace made of all of them, so a check on one
 * file sees the manifests of the others. Findings come back in file order, then text order.
 */
export function checkParsed(
  parsed: readonly ParsedInput[],
  settings: Settings,
  opts: {
    checkers?: readonly Checker[];
    onCheckerError?: (checker: string, input: InputFile, manifest: Manifest, error: unknown) => void;
  } = {},
): CheckedFile[] {
  // The same index the language server keeps for the editor, built once over the whole run.
  const workspace = buildWorkspace(parsed.map((p) => ({ uri: p.uri, parsed: p.file })));
  return parsed.map(({ input, uri, file }) => ({
    input,
    lines: file.lines,
    findings: analyze(file, {
      settings,
      uri,
      workspace,
      checkers: opts.checkers,
      onCheckerError: opts.onCheckerError && ((checker, manifest, error) => opts.onCheckerError!(checker, input, manifest, error)),
    }).sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId)),
  }));
}
