import type { RuleMeta } from './types';

/** Rules reported by the analysis pipeline itself rather than by a checker. */
export const SYNTAX_ERROR: RuleMeta = {
  id: 'yaml/syntax',
  severity: 'error',
  summary: 'The YAML does not parse.',
  description: 'kubectl and the API server cannot read a document with a YAML syntax error; nothing in it is applied.',
};

export const SYNTAX_WARNING: RuleMeta = {
  id: 'yaml/syntax-warning',
  severity: 'warning',
  summary: 'The YAML parses, but with a construct that other tools read differently.',
};

export const INTERNAL_ERROR: RuleMeta = {
  id: 'internal/checker-crashed',
  severity: 'hint',
  summary: 'A kube-expose check failed on this document; the other checks still ran.',
};

export const FILE_RULES: RuleMeta[] = [SYNTAX_ERROR, SYNTAX_WARNING, INTERNAL_ERROR];
