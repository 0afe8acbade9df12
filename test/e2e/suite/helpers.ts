/**
 * Helpers for e2e tests that run inside VS Code's extension host (see docs/testing.md).
 * Import what you need from './helpers'; this file is not a test file itself.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KubeExposeApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'kube-expose.kube-expose';
export const SOURCE = 'kube-expose';

/** 'dev' when the extension is loaded from the repository, 'vsix' when the packaged .vsix is installed. */
export const MODE: 'dev' | 'vsix' = process.env.KUBE_EXPOSE_E2E_MODE === 'vsix' ? 'vsix' : 'dev';
/** The repository the tests were built from (set by the runner). */
export const REPO = process.env.KUBE_EXPOSE_E2E_REPO ?? '';

export function kubeExpose(): vscode.Extension<KubeExposeApi> {
  const ext = vscode.extensions.getExtension<KubeExposeApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** Activates the extension (if it is not yet) and waits until its language server runs. */
export async function activate(timeoutMs = 20_000): Promise<KubeExposeApi> {
  const ext = kubeExpose();
  const api = await ext.activate();
  await until('the kube-expose language server to be running', () => api.languageClient()?.isRunning() === true, timeoutMs);
  return api;
}

/** The workspace the runner opened (a fresh copy of test/e2e/workspace). */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run must open a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function openWorkspaceFile(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(doc);
}

/** Opens an unsaved YAML document with the given text. */
export async function openUntitledYaml(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  return vscode.window.showTextDocument(doc);
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Diagnostics that kube-expose put on a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE || codeOf(d)?.startsWith('kube-expose/'));
}

export function describe(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) return '(none)';
  return diags
    .map((d) => `${codeOf(d) ?? '?'} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
    .join('; ');
}

/** Waits until kube-expose's diagnostics on `uri` satisfy `accept`, and returns them. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what = 'the expected diagnostics',
  timeoutMs = 15_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = ours(uri);
      if (!accept(diags)) return false;
      cleanup();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.toString()}; current: ${describe(ours(uri))}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** Polls `condition` until it holds. */
export async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Closes every editor, discarding unsaved changes (closing a dirty one would otherwise prompt). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 100 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}
