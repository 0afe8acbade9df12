/** The report as Markdown (for sharing) and JSON (for tests and tools). Pure. */
import type { CheckStatus, Report } from './types';

const MARK: Record<CheckStatus, string> = { pass: '✅ pass', warn: '⚠️ warn', fail: '❌ fail', info: 'ℹ️ info', skip: '— skip' };

function esc(s: string): string {
  return s.replace(/([\\`*_[\]|<>])/g, '\\$1');
}

export function reportToMarkdown(r: Report): string {
  const t = r.target;
  const out: string[] = [];
  out.push(`# Diagnose Service ${esc(t.namespace)}/${esc(t.name)}${t.context ? ` (context ${esc(t.context)})` : ''}`, '');
  out.push(`**Verdict (${r.verdict.status}):** ${esc(r.verdict.headline)}`, '');
  out.push(`- inside the cluster: ${r.verdict.inCluster ? 'yes' : 'no'}`);
  if (r.verdict.fromNodes !== null) out.push(`- from nodes: ${r.verdict.fromNodes ? 'yes' : 'no'}`);
  if (r.verdict.fromOutside !== null) out.push(`- from outside: ${r.verdict.fromOutside ? 'yes' : 'no'}`);
  for (const u of r.verdict.urls) out.push(`- URL: ${u}`);
  out.push('', '## Path', '');
  out.push(r.hops.map((h) => `${h.label} [${h.status}]`).join(' → '), '');
  out.push('## Checks', '');
  for (const c of r.checks) {
    out.push(`### ${MARK[c.status]} — ${esc(c.title)}`, '', esc(c.summary), '');
    for (const e of c.evidence) out.push(`- ${esc(e)}`);
    if (c.evidence.length) out.push('');
    if (c.fix) out.push(`**Fix:** ${esc(c.fix)}`, '');
  }
  if (r.gaps.length) {
    out.push('## Partial report', '');
    for (const g of r.gaps) out.push(`- could not ${g.verb} ${g.resource}${g.namespace ? ` in ${g.namespace}` : ''}: ${esc(g.message)}`);
    out.push('');
  }
  return out.join('\n');
}

export function reportToJson(r: Report): string {
  return JSON.stringify(r, null, 2);
}
