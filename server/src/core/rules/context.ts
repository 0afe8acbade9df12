import type { RuleContext } from './types';

/**
 * A context for part of a check (an object of a List, a report that trims spans): `changes`
 * replace fields of `ctx`; `file` and `workspace` stay getters reading `ctx`'s, so that reading
 * them is still noticed by analyze.ts (a spread would read both).
 */
export function deriveContext(ctx: RuleContext, changes: Partial<Pick<RuleContext, 'manifest' | 'report'>>): RuleContext {
  return {
    manifest: changes.manifest ?? ctx.manifest,
    lines: ctx.lines,
    text: ctx.text,
    settings: ctx.settings,
    uri: ctx.uri,
    report: changes.report ?? ctx.report,
    get file() {
      return ctx.file;
    },
    get workspace() {
      return ctx.workspace;
    },
  };
}
