/**
 * Comment directives that silence rules, per document or per line:
 *
 *   # kube-expose-disable                       every rule, in this document
 *   # kube-expose-disable service/nodeport-exposure ingress/no-tls
 *                                               these rules, in this document
 *   # kube-expose-disable-next-line annotations/unknown
 *                                               these rules (or all, when none are named), on the next line
 *
 * Rule ids may be written with or without the `kube-expose/` prefix, separated by spaces or commas.
 */
import { RULE_PREFIX } from './findings';
import type { LineIndex } from './text';

export interface Directives {
  /** Rules silenced in the whole document; `*` for all. */
  document: Set<string>;
  /** Line number → rules silenced on that line; `*` for all. */
  lines: Map<number, Set<string>>;
}

const DIRECTIVE = /#\s*kube-expose-disable(-next-line)?(?=\s|$)([^\n#]*)/;

/** Offsets of every `kube-expose-disable` mention in a text (one scan per file). */
export function directiveOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('kube-expose-disable'); i !== -1; i = text.indexOf('kube-expose-disable', i + 1)) out.push(i);
  return out;
}

const NONE: Directives = Object.freeze({ document: new Set<string>(), lines: new Map<number, Set<string>>() }) as Directives;

export function parseDirectives(text: string, start: number, end: number, lines: LineIndex, offsets?: readonly number[]): Directives {
  if (offsets && !offsets.some((o) => o >= start && o < end)) return NONE;
  const out: Directives = { document: new Set(), lines: new Map() };
  let i = text.indexOf('kube-expose-disable', start);
  while (i !== -1 && i < end) {
    const line = lines.positionAt(i).line;
    const lineText = lines.lineText(line);
    const m = DIRECTIVE.exec(lineText);
    if (m) {
      const ids = m[2].split(/[\s,]+/).filter(Boolean).map(normalizeId);
      const set = ids.length ? new Set(ids) : new Set(['*']);
      if (m[1]) {
        const target = out.lines.get(line + 1) ?? new Set<string>();
        for (const id of set) target.add(id);
        out.lines.set(line + 1, target);
      } else {
        for (const id of set) out.document.add(id);
      }
    }
    i = text.indexOf('kube-expose-disable', lines.lineEnd(line) + 1);
  }
  return out;
}

export function normalizeId(id: string): string {
  return id.startsWith(RULE_PREFIX) ? id.slice(RULE_PREFIX.length) : id;
}

export function isSilenced(d: Directives, ruleId: string, line: number): boolean {
  if (d.document.has('*') || d.document.has(ruleId)) return true;
  const l = d.lines.get(line);
  return !!l && (l.has('*') || l.has(ruleId));
}
