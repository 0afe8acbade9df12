/**
 * The HTML of the Diagnose report webview. Pure (no vscode import) so it can also be rendered in a
 * plain browser for screenshots and tests.
 *
 * Security: a strict Content-Security-Policy (nothing by default; styles and the one script only
 * from the extension's media folder, the script also bound to a per-render nonce), no inline
 * script or style, no remote content, and every text from the cluster HTML-escaped.
 */
import type { CheckStatus, Report } from '../diagnose/types';

export interface ReportHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** Shown while a re-run is in flight. */
  running?: boolean;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const WORD: Record<CheckStatus, string> = { pass: 'pass', warn: 'warning', fail: 'broken', info: 'info', skip: 'not checked' };
const SYMBOL: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✕', info: 'i', skip: '–' };

export function newNonce(random: () => number = Math.random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars[Math.floor(random() * chars.length)];
  return s;
}

export function renderReportHtml(r: Report, o: ReportHtmlOptions): string {
  const e = escapeHtml;
  const t = r.target;
  const csp = [`default-src 'none'`, `style-src ${o.cspSource}`, `script-src 'nonce-${o.nonce}'`, `img-src ${o.cspSource}`, `font-src ${o.cspSource}`].join('; ');
  const hops = r.hops
    .map(
      (h, i) => `${i ? '<li class="arrow" aria-hidden="true">→</li>' : ''}<li class="hop status-${h.status}" tabindex="0" aria-label="${e(`${h.label}: ${WORD[h.status]}. ${h.detail}`)}">
        <span class="badge" aria-hidden="true">${SYMBOL[h.status]}</span>
        <span class="hop-label">${e(h.label)}</span>
        <span class="hop-detail">${e(h.detail)}</span>
      </li>`,
    )
    .join('\n');
  const order: CheckStatus[] = ['fail', 'warn', 'pass', 'info', 'skip'];
  const checks = [...r.checks]
    .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))
    .map(
      (c) => `<details class="check status-${c.status}"${c.status === 'fail' || c.status === 'warn' ? ' open' : ''}>
        <summary><span class="badge" aria-hidden="true">${SYMBOL[c.status]}</span><span class="sr">${WORD[c.status]}:</span> <span class="check-title">${e(c.title)}</span> <span class="check-summary">${e(c.summary)}</span></summary>
        ${c.evidence.length ? `<ul class="evidence">${c.evidence.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : ''}
        ${c.fix ? `<p class="fix"><strong>Fix:</strong> ${e(c.fix)}</p>` : ''}
      </details>`,
    )
    .join('\n');
  const reach = [
    `<li>Inside the cluster: <strong>${r.verdict.inCluster ? 'yes' : 'no'}</strong>${r.dnsName ? ` <code>${e(r.dnsName)}</code>` : ''}</li>`,
    r.verdict.fromNodes === null ? '' : `<li>From nodes: <strong>${r.verdict.fromNodes ? 'yes' : 'no'}</strong></li>`,
    r.verdict.fromOutside === null ? '' : `<li>From outside: <strong>${r.verdict.fromOutside ? 'yes' : 'no'}</strong></li>`,
    ...r.verdict.urls.map((u) => `<li>URL: <code>${e(u)}</code></li>`),
  ].join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${e(o.styleUri)}">
<title>Diagnose ${e(t.namespace)}/${e(t.name)}</title>
</head>
<body>
<header>
  <h1>Service <span class="name">${e(t.namespace)}/${e(t.name)}</span>${t.type ? ` <span class="type">${e(t.type)}</span>` : ''}${t.context ? ` <span class="context">context ${e(t.context)}</span>` : ''}</h1>
  <div class="actions" role="toolbar" aria-label="Report actions">
    <button id="rerun" type="button" title="Read the cluster again and re-run the checks (R)"${o.running ? ' disabled' : ''}>${o.running ? 'Running…' : 'Re-run'}</button>
    <button id="copy" type="button" class="secondary" title="Copy the report as Markdown (C)">Copy as Markdown</button>
  </div>
</header>
<main>
<section class="verdict status-${r.verdict.status}" role="status" aria-live="polite">
  <p class="headline"><span class="badge" aria-hidden="true">${SYMBOL[r.verdict.status]}</span> ${e(r.verdict.headline)}</p>
  <ul class="reach">${reach}</ul>
</section>
<section aria-labelledby="path-h">
  <h2 id="path-h">Path</h2>
  <ol class="path">${hops}</ol>
</section>
<section aria-labelledby="checks-h">
  <h2 id="checks-h">Checks</h2>
  ${checks}
</section>
${r.gaps.length ? `<section class="gaps" aria-labelledby="gaps-h"><h2 id="gaps-h">Partial report</h2><ul>${r.gaps.map((g) => `<li>${e(g.message)}</li>`).join('')}</ul></section>` : ''}
</main>
<script nonce="${o.nonce}" src="${e(o.scriptUri)}"></script>
</body>
</html>`;
}
