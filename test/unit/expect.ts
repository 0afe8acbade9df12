/**
 * Inline expectations for fixture YAML, so a test reads like the feature:
 *
 *   metadata:
 *     name: Web_Service
 *   #       ^^^^^^^^^^^ error service/name-format
 *
 * A comment line made of `#`, spaces and carets, then a severity and a rule id (with or without
 * the `kube-expose/` prefix), marks the exact span on the nearest line above it that is not an
 * expectation line. The finding must start at the first caret and, when it ends on the same line,
 * end after the last one. For a span starting in column 0, write `#=> 0:10 error yaml/x`
 * (column and length). An optional quoted text after the rule id must appear in the message.
 *
 * Header lines at the top of a fixture (before any YAML):
 *   # check: service/* ingress/host     only compare findings whose rule id matches these patterns
 *   # settings: {"nodePortRange": "30000-32000"}
 */
import { analyze } from '../../server/src/core/analyze';
import { normalizeSettings } from '../../server/src/core/settings';
import { parseFile } from '../../server/src/core/yaml/parse';
import type { Finding } from '../../server/src/core/findings';

export interface Expectation {
  line: number;
  startCol: number;
  endCol: number;
  severity: string;
  rule: string;
  messageIncludes?: string;
  /** Line of the expectation comment itself (for error messages). */
  at: number;
}

const CARET = /^(\s*#)(\s*)(\^+)\s+(error|warning|info|hint)\s+(\S+)(?:\s+"([^"]*)")?\s*$/;
const EXPLICIT = /^\s*#=>\s*(\d+):(\d+)\s+(error|warning|info|hint)\s+(\S+)(?:\s+"([^"]*)")?\s*$/;

export function isExpectationLine(line: string): boolean {
  return CARET.test(line) || EXPLICIT.test(line);
}

export function parseExpectations(text: string): { expectations: Expectation[]; check: string[]; settings: unknown } {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let check: string[] = [];
  let settings: unknown = {};
  let target = -1;
  let header = true;
  lines.forEach((line, i) => {
    if (header) {
      const c = /^#\s*check:\s*(.+)$/.exec(line);
      const s = /^#\s*settings:\s*(.+)$/.exec(line);
      if (c) check = c[1].split(/[\s,]+/).filter(Boolean).map(strip);
      if (s) settings = JSON.parse(s[1]);
      if (!/^\s*#/.test(line) && line.trim() !== '') header = false;
    }
    const m = CARET.exec(line);
    const e = EXPLICIT.exec(line);
    if (m) {
      const start = m[1].length + m[2].length;
      out.push({ line: target, startCol: start, endCol: start + m[3].length, severity: m[4], rule: strip(m[5]), messageIncludes: m[6], at: i });
    } else if (e) {
      const start = Number(e[1]);
      out.push({ line: target, startCol: start, endCol: start + Number(e[2]), severity: e[3], rule: strip(e[4]), messageIncludes: e[5], at: i });
    } else {
      target = i;
    }
  });
  return { expectations: out, check, settings };
}

function strip(id: string): string {
  return id.replace(/^kube-expose\//, '');
}

function matches(patterns: string[], rule: string): boolean {
  if (!patterns.length) return true;
  return patterns.some((p) => (p.endsWith('*') ? rule.startsWith(p.slice(0, -1)) : rule === p));
}

/** Runs the analyzer on a fixture and returns a list of mismatch descriptions (empty when all agree). */
export function checkFixture(text: string, extraSettings: Record<string, unknown> = {}): string[] {
  const { expectations, check, settings } = parseExpectations(text);
  const file = parseFile(text);
  const findings = analyze(file, { settings: normalizeSettings({ ...(settings as object), ...extraSettings }) })
    .map((f) => ({ ...f, rule: strip(f.ruleId) }))
    .filter((f) => matches(check, f.rule));
  const problems: string[] = [];
  const used = new Set<Finding>();
  for (const x of expectations) {
    const hit = findings.find((f) =>
      !used.has(f) && f.rule === x.rule && f.severity === x.severity && f.range.start.line === x.line && f.range.start.character === x.startCol &&
      (f.range.end.line !== x.line || f.range.end.character === x.endCol) && (!x.messageIncludes || f.message.includes(x.messageIncludes)),
    );
    if (hit) used.add(hit);
    else {
      const near = findings.filter((f) => f.rule === x.rule).map(describe).join('; ') || 'none of that rule';
      problems.push(`expected ${x.severity} ${x.rule} at ${x.line + 1}:${x.startCol + 1}-${x.endCol + 1}${x.messageIncludes ? ` "${x.messageIncludes}"` : ''} (expectation on line ${x.at + 1}); found: ${near}`);
    }
  }
  for (const f of findings) if (!used.has(f)) problems.push(`unexpected ${describe(f)}`);
  return problems;
}

function describe(f: Finding & { rule: string }): string {
  const s = f.range.start;
  const e = f.range.end;
  return `${f.severity} ${f.rule} at ${s.line + 1}:${s.character + 1}-${e.line === s.line ? e.character + 1 : `${e.line + 1}:${e.character + 1}`} "${f.message}"`;
}
