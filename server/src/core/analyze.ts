/**
 * The validation pipeline: parsed file + settings (+ workspace) → findings.
 * Pure and total: a checker that throws is reported, never propagated.
 */
import { RULE_PREFIX, type Finding, type Severity } from './findings';
import { isSilenced, normalizeId, parseDirectives } from './directives';
import { CHECKERS } from './rules';
import { INTERNAL_ERROR, SYNTAX_ERROR, SYNTAX_WARNING } from './rules/file-rules';
import type { Checker, Report } from './rules/types';
import type { RuleLevel, Settings } from './settings';
import { nodeSpan } from './yaml/ast';
import type { Manifest, ParsedFile } from './yaml/parse';
import type { WorkspaceView } from './workspace/view';

export interface AnalyzeOptions {
  settings: Settings;
  uri?: string;
  workspace?: WorkspaceView;
  /** Restrict to these checkers (tests, benchmarks). Defaults to the whole registry. */
  checkers?: readonly Checker[];
  /** Called when a checker throws; the adapter logs it with the rule and document. */
  onCheckerError?: (checker: string, manifest: Manifest, error: unknown) => void;
}

export function ruleLevel(settings: Settings, id: string, fallback: Severity): RuleLevel {
  return settings.rules[id] ?? settings.rules[RULE_PREFIX + id] ?? fallback;
}

export function analyze(file: ParsedFile, opts: AnalyzeOptions): Finding[] {
  const out: Finding[] = [];
  // A file with no Kubernetes document is someone else's YAML (compose, workflows, values): say nothing.
  if (!file.hasKubernetes) return out;
  const { settings } = opts;
  const checkers = opts.checkers ?? CHECKERS;
  const large = file.lines.lineCount > settings.largeFileLineLimit;
  let prevEnd = 0;
  for (const manifest of file.manifests) {
    const zoneStart = prevEnd;
    prevEnd = manifest.end;
    const directives = parseDirectives(file.text, zoneStart, manifest.end, file.lines);
    const push = (ruleId: string, defaultSeverity: Severity, r: Omit<Report, 'rule'>) => {
      const override = settings.rules[ruleId] ?? settings.rules[RULE_PREFIX + ruleId];
      if (override === 'off') return;
      const severity: Severity = override ?? r.severity ?? defaultSeverity;
      const span = r.span ?? nodeSpan(r.node) ?? [manifest.start, manifest.start];
      let [start, end] = span;
      if (end < start) [start, end] = [end, start];
      const range = file.lines.rangeOf(start, end);
      if (isSilenced(directives, ruleId, range.start.line)) return;
      out.push({
        ruleId: RULE_PREFIX + ruleId,
        severity,
        message: r.message,
        start,
        end,
        range,
        fixes: r.fixes,
        tags: r.tags,
      });
    };
    // Syntax problems are reported for every document of a Kubernetes file, including half-typed ones.
    for (const p of manifest.syntax) {
      const meta = p.severity === 'error' ? SYNTAX_ERROR : SYNTAX_WARNING;
      push(meta.id, meta.severity, { message: p.message, span: [p.start, p.end] });
    }
    if (!manifest.isKubernetes || manifest.isTemplate) continue;
    for (const checker of checkers) {
      if (checker.kinds && (!manifest.kind || !checker.kinds.includes(manifest.kind))) continue;
      if (large && checker.expensive) continue;
      const known = new Map(checker.rules.map((r) => [r.id, r]));
      try {
        checker.check({
          file,
          manifest,
          lines: file.lines,
          settings,
          workspace: opts.workspace,
          uri: opts.uri ?? '',
          report: (r) => {
            const id = normalizeId(r.rule);
            const meta = known.get(id);
            if (!meta) throw new Error(`checker ${checker.name} reported undeclared rule ${id}`);
            push(id, meta.severity, r);
          },
        });
      } catch (error) {
        opts.onCheckerError?.(checker.name, manifest, error);
        push(INTERNAL_ERROR.id, INTERNAL_ERROR.severity, {
          message: `kube-expose: the ${checker.name} check failed on this document (${errorText(error)}); other checks still ran.`,
          span: [manifest.start, Math.min(manifest.end, manifest.start + 1)],
        });
      }
    }
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
