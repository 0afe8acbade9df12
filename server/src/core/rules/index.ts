/** The registry: every checker of every family, in the order they run. */
import type { Checker, RuleMeta } from './types';
import { schemaCheckers } from './schema';
import { metadataCheckers } from './metadata';
import { apiVersionsCheckers } from './api-versions';
import { serviceCheckers } from './service';
import { ingressCheckers } from './ingress';
import { annotationsCheckers } from './annotations';
import { workloadsCheckers } from './workloads';
import { crossResourceCheckers } from './cross-resource';
import { FILE_RULES } from './file-rules';

export const CHECKERS: readonly Checker[] = [
  ...apiVersionsCheckers,
  ...schemaCheckers,
  ...metadataCheckers,
  ...serviceCheckers,
  ...ingressCheckers,
  ...annotationsCheckers,
  ...workloadsCheckers,
  ...crossResourceCheckers,
];

/** Every rule the product can report, by id (without prefix). */
export function allRules(): RuleMeta[] {
  const seen = new Map<string, RuleMeta>();
  for (const r of FILE_RULES) seen.set(r.id, r);
  for (const c of CHECKERS) for (const r of c.rules) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id));
}
