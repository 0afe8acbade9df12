import type { Fix, Severity } from '../findings';
import type { Settings } from '../settings';
import type { LineIndex } from '../text';
import type { AnyNode } from '../yaml/ast';
import type { Manifest, ParsedFile } from '../yaml/parse';
import type { WorkspaceView } from '../workspace/view';

/** What a user reads about a rule: in settings, in `--list-rules`, in SARIF. */
export interface RuleMeta {
  /** Stable id without the `kube-expose/` prefix: `<family>/<name>`, e.g. `service/port-range`. */
  id: string;
  severity: Severity;
  /** One line: what the rule finds. */
  summary: string;
  /** A few sentences: why it matters and what to do. */
  description?: string;
}

export interface Report {
  /** The rule id (must be one of the checker's `rules`). */
  rule: string;
  message: string;
  /** The node at fault; its value span is used. */
  node?: AnyNode;
  /** Or explicit offsets. */
  span?: [number, number];
  /** Overrides the rule's default severity for this one finding (e.g. information-level variants). */
  severity?: Severity;
  fixes?: Fix[];
  tags?: Array<'unnecessary' | 'deprecated'>;
}

export interface RuleContext {
  /** The whole parsed file. Reading it marks the checker's findings as depending on other documents (not cached). */
  file: ParsedFile;
  manifest: Manifest;
  lines: LineIndex;
  /** The whole file's text (slice your own document's spans from it). Reading it keeps results cacheable, unlike `file`. */
  text: string;
  settings: Settings;
  /** Other manifests of the workspace (and of this file), for cross-resource checks. Absent in single-file runs. Reading it marks the findings as not cacheable. */
  workspace?: WorkspaceView;
  /** The file's URI or path, as the adapter knows it. */
  uri: string;
  report(r: Report): void;
}

/**
 * A checker runs over one manifest and may report several rules. Checkers are pure: no I/O,
 * no clocks, no globals; everything they need is in the context.
 */
export interface Checker {
  /** A name for logs when the checker throws. */
  name: string;
  rules: RuleMeta[];
  /** Manifest kinds it looks at; undefined means every Kubernetes manifest. */
  kinds?: string[];
  /** Costly checkers are skipped on files over the size limit. */
  expensive?: boolean;
  check(ctx: RuleContext): void;
}
