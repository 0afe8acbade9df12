#!/usr/bin/env node
/**
 * Entry point of the language server. VS Code starts it over IPC; other editors run
 * `kube-expose-language-server --stdio`.
 */
import './heap';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import * as core from './core';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: kube-expose-language-server --stdio\n\nThe kube-expose language server for Kubernetes Service and Ingress YAML.\n');
  process.exit(0);
}
if (process.argv.includes('--version')) {
  process.stdout.write('0.1.0\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a.startsWith('--node-ipc') || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('kube-expose-language-server: pass --stdio (or run it from an editor that uses IPC)\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { checkers: faultInjected() });

/**
 * For reliability tests only: KUBE_EXPOSE_FAULT_INJECT=<checker name> makes that checker throw, to
 * prove that one failing rule neither stops the others nor floods the user with notifications.
 */
function faultInjected(): core.Checker[] | undefined {
  const name = process.env.KUBE_EXPOSE_FAULT_INJECT;
  if (!name) return undefined;
  return core.CHECKERS.map((c) => (c.name === name ? { ...c, check: () => { throw new Error(`fault injected into ${name}`); } } : c));
}
