#!/usr/bin/env node
// The one executable: `trail-lint lsp` serves editors over LSP, anything else is the CLI. One bundle, one
// engine, so a pull request is gated on exactly what the editor shows.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { runCli } from './cli/main';
import { startServer } from './lsp/server';

const args = process.argv.slice(2);
if (args[0] === 'lsp') {
  // VS Code passes a transport flag (--node-ipc); other editors run `trail-lint lsp` and talk over stdio.
  const transportGiven = args.some((a) => /^--(node-ipc|stdio|socket|pipe|clientProcessId)/.test(a));
  const connection = transportGiven
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
} else {
  // A reader that stops early (`trail-lint . | head`) closes the pipe: what is left to print has no one to
  // read it, which is no failure of the run.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
  runCli(args, { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`trail-lint: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
