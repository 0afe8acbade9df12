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
import { withReads } from './workspace/reads';

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
 * Remembers, per parsed document, what the checkers found, so an edit re-checks only what it
 * touched. Findings that depend on nothing but the document are reused while the document is;
 * findings of checks that read the workspace are reused while the stamps of the kinds they read
 * (WorkspaceView.stamp) are unchanged. Findings of checks that read other documents of the file
 * are never reused.
 */
export class AnalysisCache {
  private readonly perDoc = new WeakMap<object, CacheEntry>();

  get(doc: object, settings: Settings): CacheEntry | undefined {
    const e = this.perDoc.get(doc);
    return e && (e.settings === settings || e.settingsKey === settingsKey(settings)) ? e : undefined;
  }

  set(doc: object, entry: CacheEntry): void {
    this.perDoc.set(doc, entry);
  }
}

/**
 * Settings compared by value: the adapter reads them again (a new object with the same values)
 * whenever the client may have changed them, which must not throw the cache away.
 */
const settingsKeys = new WeakMap<Settings, string>();
function settingsKey(settings: Settings): string {
  let key = settingsKeys.get(settings);
  if (key === undefined) settingsKeys.set(settings, (key = JSON.stringify(settings)));
  return key;
}

interface CacheEntry {
  settings: Settings;
  settingsKey: string;
  /** Offset of the document when the findings were made (they move with it). */
  base: number;
  results: Map<string, Finding[]>;
  /** For checks that asked for the workspace: which one they got, and the stamps of what they read. */
  stamps: Map<string, Reads>;
  /**
   * Every finding of the document, in order, when every check's findings could be kept (no check
   * read other documents of the file or threw), with the offset and line of the document then:
   * an edit elsewhere reuses them as a whole, the same objects when the document has not moved.
   */
  whole?: { findings: Finding[]; base: number; line: number; large: boolean };
}

/**
 * What a check read of the workspace: the view it got (undefined when there was none: its
 * findings hold only while there still is none) and the stamp of each kind it read then.
 */
interface Reads {
  ws: WorkspaceView | undefined;
  stamps: Map<string, number>;
}

function readsHold(reads: Reads, ws: WorkspaceView | undefined): boolean {
  return reads.ws === ws && (ws === undefined || stillValid(ws, reads.stamps));
}

/** A view of the workspace that notes the stamp of every kind a check reads. */
function recordingView(ws: WorkspaceView & { stamp(kind: string): number }, read: Map<string, number>): WorkspaceView {
  const note = (kind: string) => {
    if (!read.has(kind)) read.set(kind, ws.stamp(kind));
  };
  return {
    all: () => (note('*'), ws.all()),
    byKind: (kind) => (note(kind), ws.byKind(kind)),
    get: (kind, namespace, name) => (note(kind), ws.get(kind, namespace, name)),
    namespaceOf: ws.namespaceOf ? (uri, manifest) => (note(''), ws.namespaceOf!(uri, manifest)) : undefined,
    stamp: (kind) => ws.stamp(kind),
    source: ws.source ?? ws,
  };
}

function stillValid(ws: WorkspaceView, read: Map<string, number>): boolean {
  if (!ws.stamp) return false;
  for (const [kind, stamp] of read) if (ws.stamp(kind) !== stamp) return false;
  return true;
}

/** The document's findings from the cache as a whole, moved to where the document is now; undefined when some may differ. */
function reuseWhole(entry: CacheEntry | undefined, manifest: Manifest, file: ParsedFile, large: boolean, ws: WorkspaceView | undefined): Finding[] | undefined {
  const whole = entry?.whole;
  if (!whole || whole.large !== large) return undefined;
  for (const reads of entry!.stamps.values()) if (!readsHold(reads, ws)) return undefined;
  const delta = manifest.start - whole.base;
  const line = file.lines.positionAt(manifest.start).line;
  if (delta === 0 && line === whole.line) return whole.findings;
  const findings = whole.findings.map((f) => moved(f, delta, file));
  entry!.whole = { findings, base: manifest.start, line, large };
  return findings;
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
  let directiveAt: number[] | undefined;
  // The checkers that apply to each kind, worked out once per call.
  const byKind = new Map<string, readonly Checker[]>();
  for (const manifest of file.manifests) {
    const zoneStart = prevEnd;
    prevEnd = manifest.end;
    const checked = manifest.isKubernetes && !manifest.isTemplate;
    const cached = checked ? cache?.get(manifest.doc, settings) : undefined;
    // An untouched document whose checks read nothing that changed: its findings as they were.
    const whole = reuseWhole(cached, manifest, file, large, opts.workspace);
    if (whole) {
      for (const f of whole) out.push(f);
      continue;
    }
    const first = out.length;
    const directives = parseDirectives(file.text, zoneStart, manifest.end, file.lines, (directiveAt ??= directiveOffsets(file.text)));
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
    if (!checked) continue;
    let wholeCacheable = true;
    const delta = cached ? manifest.start - cached.base : 0;
    const results = new Map<string, Finding[]>();
    const stamps = new Map<string, Reads>();
    let forKind = byKind.get(manifest.kind ?? '');
    if (!forKind) byKind.set(manifest.kind ?? '', (forKind = checkers.filter((c) => !c.kinds || (!!manifest.kind && c.kinds.includes(manifest.kind)))));
    for (const checker of forKind) {
      if (large && checker.expensive) continue;
      const reuse = cached?.results.get(checker.name);
      const read = cached?.stamps.get(checker.name);
      if (reuse && (!read || readsHold(read, opts.workspace))) {
        const again = reuse.map((f) => moved(f, delta, file));
        for (const f of again) out.push(f);
        results.set(checker.name, again);
        if (read) stamps.set(checker.name, read);
        continue;
      }
      const known = rulesOf(checker);
      const mine: Finding[] = [];
      sink = mine;
      let cacheable = true;
      let workspace: WorkspaceView | undefined;
      let reads: Reads | undefined;
      try {
        const check = () => checker.check({
          get file() {
            cacheable = false;
            return file;
          },
          manifest,
          lines: file.lines,
          text: file.text,
          settings,
          get workspace() {
            const ws = opts.workspace;
            if (!ws) {
              reads ??= { ws: undefined, stamps: new Map() };
              return undefined;
            }
            if (!ws.stamp) {
              cacheable = false;
              return ws;
            }
            if (!workspace) {
              reads = { ws, stamps: new Map() };
              workspace = recordingView(ws as WorkspaceView & { stamp(kind: string): number }, reads.stamps);
            }
            return workspace;
          },
          uri: opts.uri ?? '',
          report: (r) => {
            const id = normalizeId(r.rule);
            const meta = known.get(id);
            if (!meta) throw new Error(`checker ${checker.name} reported undeclared rule ${id}`);
            push(id, meta.severity, r);
          },
        });
        // Facts read beyond the kinds looked up (workspace/reads.ts) are noted with their stamps too.
        withReads((key) => {
          if (reads?.ws?.stamp && !reads.stamps.has(key)) reads.stamps.set(key, reads.ws.stamp(key));
        }, check);
      } catch (error) {
        cacheable = false;
        opts.onCheckerError?.(checker.name, manifest, error);
        push(INTERNAL_ERROR.id, INTERNAL_ERROR.severity, {
          message: `kube-expose: the ${checker.name} check failed on this document (${errorText(error)}); other checks still ran.`,
          span: [manifest.start, Math.min(manifest.end, manifest.start + 1)],
        });
      }
      sink = out;
      out.push(...mine);
      if (cacheable) {
        results.set(checker.name, mine);
        if (reads) stamps.set(checker.name, reads);
      } else {
        wholeCacheable = false;
      }
    }
    const entry: CacheEntry = { settings, settingsKey: settingsKey(settings), base: manifest.start, results, stamps };
    if (wholeCacheable) entry.whole = { findings: out.slice(first), base: manifest.start, line: file.lines.positionAt(manifest.start).line, large };
    cache?.set(manifest.doc, entry);
  }
  return out;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
