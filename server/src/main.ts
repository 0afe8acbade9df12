#!/usr/bin/env node
/**
 * Entry point of the language server. VS Code starts it over IPC; other editors run
 * `kube-expose-language-server --stdio`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

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
startServer(connection);
