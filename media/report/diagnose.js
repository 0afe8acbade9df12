// Diagnose report webview: two actions, sent to the extension. Loaded by URL with a nonce (CSP).
(function () {
  const vscode = acquireVsCodeApi();
  const send = (type) => vscode.postMessage({ type });
  const rerun = document.getElementById('rerun');
  const copy = document.getElementById('copy');
  rerun && rerun.addEventListener('click', () => send('rerun'));
  copy && copy.addEventListener('click', () => send('copyMarkdown'));
  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const tag = (ev.target && ev.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA') return;
    if (ev.key === 'r' || ev.key === 'R') send('rerun');
    else if (ev.key === 'c' || ev.key === 'C') send('copyMarkdown');
  });
  window.addEventListener('message', (ev) => {
    const m = ev.data || {};
    if (m.type === 'copied' && copy) {
      copy.textContent = 'Copied';
      setTimeout(() => (copy.textContent = 'Copy as Markdown'), 1500);
    }
  });
})();
