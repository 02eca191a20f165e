// The VS Code side of trail-lint: starts the bundled language server and contributes the commands.
// Everything that understands templates lives in the server; this file only wires VS Code to it.
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { explicitSettings } from './explicit-settings';
import type { LiveNode } from './live-tree';
import { registerLive } from './live-vscode';

const SECTION = 'trailLint';

let client: LanguageClient | undefined;

/** What `vscode.extensions.getExtension('trail-lint.trail-lint').exports` gives: read-only, for tests. */
export interface TrailLintApi {
  /** The "trail-lint: Live account" view's tree, as last shown. */
  liveFindings(): readonly LiveNode[];
}

export async function activate(context: vscode.ExtensionContext): Promise<TrailLintApi> {
  // The server is the same bundle as the CLI (`trail-lint lsp`), so the editor and CI run one engine.
  const serverModule = context.asAbsolutePath('dist/trail-lint.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, args: ['lsp'], transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      args: ['lsp'],
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6010'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    // Templates are plain YAML/JSON files; the server decides by content which of them are templates.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
      // Template extensions VS Code does not know as YAML/JSON; `templates` globs in .trail-lint.yaml apply
      // to files the editor sends, so other names need a files.associations entry.
      { scheme: 'file', pattern: '**/*.{template,cfn}' },
      // Terraform: `terraform` is HashiCorp's language id, which package.json also declares for .tf so that
      // it applies without their extension. The patterns catch .tf files another extension has claimed under
      // a different id, and .tf.json (JSON, but a module file the server must hear about whatever its id).
      { scheme: 'file', language: 'terraform' },
      { scheme: 'untitled', language: 'terraform' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', pattern: '**/*.tf.json' },
    ],
    diagnosticCollectionName: 'trail-lint',
    // The server registers its own watcher for .trail-lint.{yaml,yml,json} (dynamic registration); declaring
    // synchronize.fileEvents here as well would deliver every change twice.
    middleware: {
      workspace: {
        // Answer the server's settings pull with only what the user set, so that defaults never override
        // the project's configuration file. Other sections keep the standard answer.
        configuration: async (params, token, next) => {
          const standard = await next(params, token);
          if (!Array.isArray(standard)) return standard;
          return params.items.map((item, i): unknown => {
            if (item.section !== SECTION) return standard[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const config = vscode.workspace.getConfiguration(SECTION, scope);
            return explicitSettings((key) => config.inspect(key));
          });
        },
      },
    },
  };
  client = new LanguageClient(SECTION, 'trail-lint', serverOptions, clientOptions);

  // The live account check: the server does the AWS work, the client picks, shows and exports.
  const liveView = registerLive(context, client);
  await client.start();
  return { liveFindings: () => liveView.items };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
