/** The three report formats of `kube-expose check`: text, JSON and SARIF 2.1.0. */
import type { Finding, LineIndex, RuleMeta, Severity } from '../../server/src/core';
import { fullId, helpUri, VERSION } from './rules';
import type { InputFile } from './files';

/** One file as checked: its text (for source excerpts) and what was found in it. */
export interface CheckedFile {
  input: InputFile;
  lines: LineIndex;
  findings: Finding[];
}

export interface Report {
  files: CheckedFile[];
  /** I/O problems (missing files, unreadable directories): the run still reports the rest. */
  errors: string[];
  rules: RuleMeta[];
  cwd: string;
}

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function counts(report: Report): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of report.files) for (const x of f.findings) c[x.severity]++;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Text

interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Severity, s: string): string;
}

const PLAIN: Paint = { bold: (s) => s, dim: (s) => s, severity: (_sev, s) => s };
const SEV_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '90' };
const ANSI: Paint = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  severity: (sev, s) => `\x1b[${SEV_COLOR[sev]}m${s}\x1b[39m`,
};

export function formatText(report: Report, color: boolean): string {
  const p = color ? ANSI : PLAIN;
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      const { line, character } = f.range.start;
      out.push(`${p.bold(`${file.input.display}:${line + 1}:${character + 1}`)} ${p.severity(f.severity, f.severity)} ${p.dim(f.ruleId)} ${f.message}`);
      out.push(...excerpt(file.lines, f, p));
    }
  }
  const c = counts(report);
  const total = c.error + c.warning + c.info + c.hint;
  const fileCount = `${report.files.length} ${report.files.length === 1 ? 'file' : 'files'}`;
  if (total === 0) {
    out.push(`No problems found in ${fileCount}.`);
  } else {
    const parts = (['error', 'warning', 'info', 'hint'] as Severity[])
      .filter((s) => c[s] > 0)
      .map((s) => p.severity(s, `${c[s]} ${plural(s, c[s])}`));
    out.push(p.bold(`${total} ${total === 1 ? 'problem' : 'problems'}`) + ` (${parts.join(', ')}) in ${fileCount}.`);
  }
  return `${out.join('\n')}\n`;
}

function plural(sev: Severity, n: number): string {
  if (n === 1) return sev;
  return sev === 'info' ? 'info' : `${sev}s`;
}

/** The source line of a finding with carets under its range (to the end of the line when it spans lines). */
function excerpt(lines: LineIndex, f: Finding, p: Paint): string[] {
  const { start, end } = f.range;
  const source = lines.lineText(start.line);
  const gutter = String(start.line + 1);
  const pad = ' '.repeat(gutter.length);
  const from = Math.min(start.character, source.length);
  const to = end.line === start.line ? Math.min(end.character, source.length) : source.length;
  const width = Math.max(1, to - from);
  // Keep tabs in the lead so the carets line up with the source in any terminal.
  const lead = source.slice(0, from).replace(/[^\t]/g, ' ');
  return [`  ${p.dim(`${gutter} |`)} ${source}`, `  ${p.dim(`${pad} |`)} ${lead}${p.severity(f.severity, '^'.repeat(width))}`];
}

// ---------------------------------------------------------------------------------------------
// JSON

export function formatJson(report: Report): string {
  const c = counts(report);
  const findings = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      file: file.input.display,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      helpUri: f.docsUrl ?? helpUri(f.ruleId),
      fixes: (f.fixes ?? []).map((x) => x.title),
    })),
  );
  const body = {
    tool: 'kube-expose',
    version: VERSION,
    summary: { files: report.files.length, errors: c.error, warnings: c.warning, infos: c.info, hints: c.hint },
    files: report.files.map((f) => f.input.display),
    findings,
    ioErrors: report.errors,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0 (what GitHub code scanning reads)

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(report: Report): string {
  const rules = [...report.rules];
  const index = new Map(rules.map((r, i) => [fullId(r.id), i]));
  // A finding of a rule the registry does not list (should not happen) still gets a rule entry.
  for (const file of report.files) {
    for (const f of file.findings) {
      if (!index.has(f.ruleId)) {
        index.set(f.ruleId, rules.length);
        rules.push({ id: f.ruleId, severity: f.severity, summary: f.ruleId });
      }
    }
  }
  const driverRules = rules.map((r) => {
    const id = fullId(r.id);
    const full = r.description ? `${r.summary} ${r.description}` : r.summary;
    const uri = helpUri(r.id);
    return {
      id,
      name: ruleName(r.id),
      shortDescription: { text: r.summary },
      fullDescription: { text: full },
      help: {
        text: `${full}\nDocumentation: ${uri}`,
        markdown: `${markdownEscape(full)}\n\n[Documentation for ${id}](${uri})`,
      },
      helpUri: uri,
      defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
      properties: { tags: ['kubernetes', id.split('/')[1] ?? 'kube-expose'] },
    };
  });
  const results = report.files.flatMap((file) =>
    file.findings.map((f) => {
      const { start, end } = f.range;
      let endLine = end.line + 1;
      let endColumn = end.character + 1;
      if (endLine < start.line + 1 || (endLine === start.line + 1 && endColumn <= start.character + 1)) {
        // An empty range: cover one character so viewers have something to highlight.
        endLine = start.line + 1;
        endColumn = start.character + 2;
      }
      return {
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId)!,
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(file.input),
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine, endColumn },
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-expose',
            semanticVersion: VERSION,
            version: VERSION,
            informationUri: helpUri('').replace(/#.*$/, ''),
            rules: driverRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: toFileUri(report.cwd, true) } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: report.errors.map((e) => ({ level: 'error', message: { text: e } })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A PascalCase name for a rule id, as SARIF viewers like it: `service/port-range` → `ServicePortRange`. */
function ruleName(id: string): string {
  return id
    .replace(/^kube-expose\//, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function markdownEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** Files inside the working directory (and stdin, by its name) are relative to %SRCROOT%; others are absolute file URIs. */
function artifactLocation(input: InputFile): { uri: string; uriBaseId?: string } {
  if (!input.stdin && input.display.startsWith('/')) return { uri: toFileUri(input.path, false) };
  return { uri: input.display.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function toFileUri(absPath: string, dir: boolean): string {
  const segments = absPath.split(/[\\/]/).map(encodeURIComponent).join('/');
  const withSlash = segments.startsWith('/') ? segments : `/${segments}`;
  return `file://${withSlash}${dir && !withSlash.endsWith('/') ? '/' : ''}`;
}
