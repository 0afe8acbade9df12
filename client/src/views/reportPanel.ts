/** The Diagnose report in a webview panel: path picture, checks, "Copy as Markdown", "Re-run". */
import * as vscode from 'vscode';
import { reportToMarkdown } from '../diagnose/format';
import type { Report } from '../diagnose/types';
import { newNonce, renderReportHtml } from './reportHtml';

export class ReportPanel {
  private static panels = new Map<string, ReportPanel>();
  private report: Report;
  private running = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    report: Report,
    private readonly rerun: () => Promise<Report | undefined>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.report = report;
    panel.webview.onDidReceiveMessage((m: { type?: string }) => void this.onMessage(m));
    this.render();
  }

  static show(extensionUri: vscode.Uri, report: Report, rerun: () => Promise<Report | undefined>, log: vscode.LogOutputChannel): ReportPanel {
    const key = `${report.target.context ?? ''}/${report.target.namespace}/${report.target.name}`;
    const existing = ReportPanel.panels.get(key);
    if (existing) {
      existing.report = report;
      existing.render();
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'report');
    const panel = vscode.window.createWebviewPanel('kubeExpose.diagnoseReport', `Diagnose ${report.target.namespace}/${report.target.name}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
      retainContextWhenHidden: false,
    });
    const p = new ReportPanel(panel, extensionUri, report, rerun, log);
    ReportPanel.panels.set(key, p);
    panel.onDidDispose(() => ReportPanel.panels.delete(key));
    return p;
  }

  /** The open report panels (for tests). */
  static open(): { title: string; report: Report; html: string }[] {
    return [...ReportPanel.panels.values()].map((p) => ({ title: p.panel.title, report: p.report, html: p.panel.webview.html }));
  }

  private render(): void {
    const w = this.panel.webview;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'report');
    w.html = renderReportHtml(this.report, {
      cspSource: w.cspSource,
      nonce: newNonce(),
      scriptUri: w.asWebviewUri(vscode.Uri.joinPath(media, 'diagnose.js')).toString(),
      styleUri: w.asWebviewUri(vscode.Uri.joinPath(media, 'diagnose.css')).toString(),
      running: this.running,
    });
  }

  private async onMessage(m: { type?: string }): Promise<void> {
    if (m.type === 'copyMarkdown') {
      await vscode.env.clipboard.writeText(reportToMarkdown(this.report));
      void this.panel.webview.postMessage({ type: 'copied' });
    } else if (m.type === 'rerun' && !this.running) {
      this.running = true;
      this.render();
      try {
        const r = await this.rerun();
        if (r) this.report = r;
      } catch (e) {
        this.log.error(`re-run failed: ${e instanceof Error ? e.message : String(e)}`);
        void vscode.window.showErrorMessage(`Kube Expose: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.running = false;
        this.render();
      }
    }
  }
}
