#!/usr/bin/env node
/** `kube-expose` command line. */
process.stdout.write('kube-expose: the check command is not built yet\n');
process.exit(2);
