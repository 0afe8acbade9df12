/** Label selector matching, as the API server does it. Pure. */
import type { LabelSelector } from './types';

/** A Service-style selector (map of equalities). An empty map matches nothing for a Service. */
export function matchesMap(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const keys = Object.keys(selector);
  if (keys.length === 0) return false;
  const l = labels ?? {};
  return keys.every((k) => l[k] === selector[k]);
}

/** A metav1.LabelSelector; an empty selector matches everything. */
export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return true;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const key = e.key ?? '';
    const has = Object.prototype.hasOwnProperty.call(l, key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function formatLabels(labels: Record<string, string> | undefined): string {
  const e = Object.entries(labels ?? {});
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(',') : '(no labels)';
}

export function formatSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '(all pods)';
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key ?? '');
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key ?? ''}`);
    else parts.push(`${e.key ?? ''} ${e.operator === 'NotIn' ? 'notin' : 'in'} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '(all pods)';
}
