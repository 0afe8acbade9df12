import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A text replacement inside one file, by offsets into the text the finding was computed on. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A fix offered for a finding (becomes a quick fix code action). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix: marked preferred so "Fix all" can apply it. */
  preferred?: boolean;
}

/** Something a rule found, at the exact node at fault. */
export interface Finding {
  /** Full stable id, e.g. `kube-expose/service/port-range`. */
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the file text. */
  start: number;
  end: number;
  range: Range;
  fixes?: Fix[];
  /** Diagnostic tags: unnecessary (faded) or deprecated (struck through). */
  tags?: Array<'unnecessary' | 'deprecated'>;
  /** Optional link to the rule's documentation. */
  docsUrl?: string;
}

export const RULE_PREFIX = 'kube-expose/';
