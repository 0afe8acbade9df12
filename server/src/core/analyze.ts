/**
 * The validation pipeline: parsed file + settings (+ workspace) → findings.
 * Pure and total: a checker that throws is reported, never propagated.
 */
import { RULE_PREFIX, type Finding, type Severity } from './findings';
import { directiveOffsets, isSilenced, normalizeId, parseDirectives } from './directives';
import { CHECKERS } from './rules';
import { INTERNAL_ERROR, SYNTAX_ERROR, SYNTAX_WARNING } from './rules/file-rules';
import type { Checker, Report, RuleMeta } from './rules/types';
import type { Settings } from './settings';
import { nodeSpan } from './yaml/ast';
import type { Manifest, ParsedFile } from './yaml/parse';
import type { WorkspaceView } from './workspace/view';

export interface AnalyzeOptions {
  settings: Settings;
  uri?: string;
  workspace?: WorkspaceView;
  /** Restrict to these checkers (tests, benchmarks). Defaults to the whole registry. */
  checkers?: readonly Checker[];
  /** Reuse findings of unchanged documents across calls (the server keeps one per open file). */
  cache?: AnalysisCache;
  /** Called when a checker throws; the adapter logs it with the rule and document. */
  onCheckerError?: (checker: string, manifest: Manifest, error: unknown) => void;
}

/**
 * Remembers, per parsed document, what the checkers found that depends on nothing but the document
 * itself, so an edit re-checks only the documents it touched. Findings of checkers that read the
 * workspace or other documents of the file are never reused.
 */
export class AnalysisCache {
  private readonly perDoc = new WeakMap<object, { settings: Settings; workspace?: WorkspaceView; base: number; results: Map<string, Finding[]> }>();

  get(doc: object, settings: Settings): { base: number; results: Map<string, Finding[]> } | undefined {
    const e = this.perDoc.get(doc);
    return e && e.settings === settings ? e : undefined;
  }

  set(doc: object, settings: Settings, base: number, results: Map<string, Finding[]>): void {
    this.perDoc.set(doc, { settings, base, results });
  }
}

const ruleIndex = new WeakMap<Checker, Map<string, RuleMeta>>();
function rulesOf(checker: Checker): Map<string, RuleMeta> {
  let m = ruleIndex.get(checker);
  if (!m) ruleIndex.set(checker, (m = new Map(checker.rules.map((r) => [r.id, r]))));
  return m;
}

function moved(f: Finding, delta: number, file: ParsedFile): Finding {
  if (!delta) return { ...f, range: file.lines.rangeOf(f.start, f.end) };
  return {
    ...f,
    start: f.start + delta,
    end: f.end + delta,
    range: file.lines.rangeOf(f.start + delta, f.end + delta),
    fixes: f.fixes?.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta })) })),
  };
}

export function analyze(file: ParsedFile, opts: AnalyzeOptions): Finding[] {
  const out: Finding[] = [];
  // A file with no Kubernetes document is someone else's YAML (compose, workflows, values): say nothing.
  if (!file.hasKubernetes) return out;
  const { settings, cache } = opts;
  const checkers = opts.checkers ?? CHECKERS;
  const large = file.lines.lineCount > settings.largeFileLineLimit;
  let prevEnd = 0;
  const directiveAt = directiveOffsets(file.text);
  // The checkers that apply to each kind, worked out once per call.
  const byKind = new Map<string, readonly Checker[]>();
  for (const manifest of file.manifests) {
    const zoneStart = prevEnd;
    prevEnd = manifest.end;
    const directives = parseDirectives(file.text, zoneStart, manifest.end, file.lines, directiveAt);
    let sink: Finding[] = out;
    const push = (ruleId: string, defaultSeverity: Severity, r: Omit<Report, 'rule'>) => {
      const override = settings.rules[ruleId] ?? settings.rules[RULE_PREFIX + ruleId];
      if (override === 'off') return;
      const severity: Severity = override ?? r.severity ?? defaultSeverity;
      const span = r.span ?? nodeSpan(r.node) ?? [manifest.start, manifest.start];
      let [start, end] = span;
      if (end < start) [start, end] = [end, start];
      const range = file.lines.rangeOf(start, end);
      if (isSilenced(directives, ruleId, range.start.line)) return;
      sink.push({
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
    const cached = cache?.get(manifest.doc, settings);
    const delta = cached ? manifest.start - cached.base : 0;
    const results = new Map<string, Finding[]>();
    let forKind = byKind.get(manifest.kind ?? '');
    if (!forKind) byKind.set(manifest.kind ?? '', (forKind = checkers.filter((c) => !c.kinds || (!!manifest.kind && c.kinds.includes(manifest.kind)))));
    for (const checker of forKind) {
      if (large && checker.expensive) continue;
      const reuse = cached?.results.get(checker.name);
      if (reuse) {
        const again = reuse.map((f) => moved(f, delta, file));
        for (const f of again) out.push(f);
        results.set(checker.name, again);
        continue;
      }
      const known = rulesOf(checker);
      const mine: Finding[] = [];
      sink = mine;
      let selfContained = true;
      try {
        checker.check({
          get file() {
            selfContained = false;
            return file;
          },
          manifest,
          lines: file.lines,
          text: file.text,
          settings,
          get workspace() {
            selfContained = false;
            return opts.workspace;
          },
          uri: opts.uri ?? '',
          report: (r) => {
            const id = normalizeId(r.rule);
            const meta = known.get(id);
            if (!meta) throw new Error(`checker ${checker.name} reported undeclared rule ${id}`);
            push(id, meta.severity, r);
          },
        });
      } catch (error) {
        selfContained = false;
        opts.onCheckerError?.(checker.name, manifest, error);
        push(INTERNAL_ERROR.id, INTERNAL_ERROR.severity, {
          message: `kube-expose: the ${checker.name} check failed on this document (${errorText(error)}); other checks still ran.`,
          span: [manifest.start, Math.min(manifest.end, manifest.start + 1)],
        });
      }
      sink = out;
      out.push(...mine);
      if (selfContained) results.set(checker.name, mine);
    }
    cache?.set(manifest.doc, settings, manifest.start, results);
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
