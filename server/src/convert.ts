/** Conversions between core values and LSP types: the only place both are known. */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type TextEdit,
} from 'vscode-languageserver';
import type * as core from './core';

const SEVERITY: Record<core.Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DOCS_BASE = 'https://github.com/kube-expose/kube-expose/blob/main/docs/rules.md';

/** The heading anchor GitHub gives a rule's section in docs/rules.md. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

export function toDiagnostic(f: core.Finding): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: 'kube-expose',
    code: f.ruleId,
    codeDescription: { href: `${DOCS_BASE}#${ruleAnchor(f.ruleId)}` },
    message: f.message,
  };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === 'deprecated' ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  return d;
}

const COMPLETION_KIND: Record<core.CompletionItem['kind'], CompletionItemKind> = {
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  enum: CompletionItemKind.EnumMember,
  snippet: CompletionItemKind.Snippet,
  annotation: CompletionItemKind.Property,
  reference: CompletionItemKind.Reference,
  keyword: CompletionItemKind.Keyword,
  document: CompletionItemKind.Module,
};

export function toCompletionItem(item: core.CompletionItem, lines: core.LineIndex): CompletionItem {
  const out: CompletionItem = {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    sortText: item.sortText,
    filterText: item.filterText,
    preselect: item.preselect,
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (item.documentation) out.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  if (item.deprecated) out.tags = [1];
  const text = item.insertText ?? item.label;
  if (item.replace) out.textEdit = { range: lines.rangeOf(item.replace[0], item.replace[1]), newText: text };
  else out.insertText = text;
  return out;
}

export function toHover(h: core.HoverResult, lines: core.LineIndex): Hover {
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: h.span ? lines.rangeOf(h.span[0], h.span[1]) : undefined,
  };
}

const SYMBOL_KIND: Record<core.DocumentSymbol['kind'], SymbolKind> = {
  object: SymbolKind.Class,
  port: SymbolKind.Field,
  rule: SymbolKind.Namespace,
  path: SymbolKind.Method,
  tls: SymbolKind.Key,
  backend: SymbolKind.Interface,
};

export function toDocumentSymbol(s: core.DocumentSymbol, lines: core.LineIndex): DocumentSymbol {
  return {
    name: s.name || '?',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind],
    range: lines.rangeOf(s.span[0], s.span[1]),
    selectionRange: lines.rangeOf(s.selection[0], s.selection[1]),
    children: s.children.map((c) => toDocumentSymbol(c, lines)),
  };
}

export function toTextEdit(e: core.TextEdit, lines: core.LineIndex): TextEdit {
  return { range: lines.rangeOf(e.start, e.end), newText: e.newText };
}
