/** Command-line parsing for `kube-expose`. Pure: argv in, options or a usage error out. */

export type OutputFormat = 'text' | 'json' | 'sarif' | 'markdown';
export type FailLevel = 'error' | 'warning' | 'info' | 'hint';

export interface CheckOptions {
  command: 'check' | 'list-rules' | 'help' | 'version';
  paths: string[];
  format: OutputFormat;
  failOn: FailLevel;
  config?: string;
  /** The name to show for `-`: in messages, JSON and SARIF. */
  stdinFilename?: string;
  output?: string;
  /** `true`/`false` when forced by a flag; undefined means decide from the terminal and NO_COLOR. */
  color?: boolean;
}

export class UsageError extends Error {}

const FORMATS: OutputFormat[] = ['text', 'json', 'sarif', 'markdown'];
const FAIL_LEVELS: FailLevel[] = ['error', 'warning', 'info', 'hint'];

/** Flags that take a value, by every spelling. */
const VALUE_FLAGS: Record<string, keyof CheckOptions> = {
  '--format': 'format',
  '-f': 'format',
  '--fail-on': 'failOn',
  '--config': 'config',
  '-c': 'config',
  '--stdin-filename': 'stdinFilename',
  '--output': 'output',
  '-o': 'output',
};

export function parseArgs(argv: readonly string[]): CheckOptions {
  const opts: CheckOptions = { command: 'check', paths: [], format: 'text', failOn: 'error' };
  let sawCommand = false;
  let listRules = false;
  let help = false;
  let version = false;
  let formatGiven = false;
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || arg === '-' || !arg.startsWith('-')) {
      if (!sawCommand && !onlyPaths) {
        if (arg === 'check') {
          sawCommand = true;
          continue;
        }
        if (arg === 'help') {
          help = true;
          sawCommand = true;
          continue;
        }
        throw new UsageError(`unknown command '${arg}'. Use 'kube-expose check [paths...]'.`);
      }
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      if (!sawCommand) sawCommand = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const key = VALUE_FLAGS[flag];
    if (key) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-')) {
        throw new UsageError(`${flag} needs a value.`);
      }
      if (key === 'format') {
        if (!FORMATS.includes(value as OutputFormat)) {
          throw new UsageError(`unknown format '${value}' for ${flag}; use one of text, json, sarif (or markdown with --list-rules).`);
        }
        opts.format = value as OutputFormat;
        formatGiven = true;
      } else if (key === 'failOn') {
        if (!FAIL_LEVELS.includes(value as FailLevel)) {
          throw new UsageError(`unknown level '${value}' for --fail-on; use one of ${FAIL_LEVELS.join(', ')}.`);
        }
        opts.failOn = value as FailLevel;
      } else if (value === '') {
        throw new UsageError(`${flag} needs a value.`);
      } else {
        (opts as unknown as Record<string, string>)[key] = value;
      }
      continue;
    }
    if (inline !== undefined) throw new UsageError(`${flag} takes no value.`);
    switch (flag) {
      case '--list-rules':
        listRules = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--version':
      case '-v':
        version = true;
        break;
      case '--color':
        opts.color = true;
        break;
      case '--no-color':
        opts.color = false;
        break;
      default:
        throw new UsageError(`unknown option '${arg}'. Run 'kube-expose --help' for the options.`);
    }
  }
  if (help) opts.command = 'help';
  else if (version) opts.command = 'version';
  else if (listRules) {
    opts.command = 'list-rules';
    if (opts.paths.length) throw new UsageError('--list-rules takes no paths.');
    if (opts.format === 'sarif') throw new UsageError('--list-rules prints text, json or markdown, not sarif.');
  } else {
    if (!sawCommand) throw new UsageError("missing command. Use 'kube-expose check [paths...]'.");
    if (formatGiven && opts.format === 'markdown') throw new UsageError('--format markdown is only for --list-rules; use text, json or sarif.');
    if (opts.paths.length === 0) opts.paths.push('.');
  }
  return opts;
}

export const HELP = `kube-expose: checks Kubernetes Service, Ingress and related manifests.

Usage:
  kube-expose check [options] [paths or globs...]   check files, directories, globs, or - for stdin
  kube-expose --list-rules [--format text|json|markdown]
  kube-expose --help | --version

Paths:
  a file          checked whatever its extension
  a directory     every *.yaml and *.yml below it, skipping node_modules and .git
  a glob          e.g. 'deploy/**/*.yaml' or 'k8s/{prod,staging}/*.yml' (quote it so the shell keeps it)
  -               read one YAML stream from standard input (helm template ... | kube-expose check -)
  (none)          the current directory

Options:
  -f, --format text|json|sarif   output format (default: text)
      --fail-on LEVEL            exit 1 when a finding is at or above LEVEL: error, warning, info, hint
                                 (default: error)
  -c, --config FILE              use this config file instead of looking for .kube-expose.yaml
                                 in the working directory and upward to the git root
  -o, --output FILE              write the report to FILE instead of standard output
      --stdin-filename NAME      the name to show for standard input (default: <stdin>)
      --color, --no-color        force colours on or off (default: on for a terminal, off when NO_COLOR is set)
      --list-rules               print every rule with its id, default severity and summary
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes:
  0  no finding at or above --fail-on
  1  at least one finding at or above --fail-on
  2  a usage, configuration or file error
`;
