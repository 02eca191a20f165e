// Wires the live check to VS Code: the editor and the language client behind live-command.ts's interfaces,
// the findings view, and the three commands (check, export, open in console).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { LiveCheck, type LiveServer, type LiveUi } from './live-command';
import { LIVE_PROGRESS, type LiveProgressParams } from './live-protocol';
import type { LiveNode } from './live-tree';
import { LiveFindingsView } from './live-view';

/** Returns the findings view, whose items the extension's API hands to tests. */
export function registerLive(context: vscode.ExtensionContext, client: LanguageClient): LiveFindingsView {
  const view = new LiveFindingsView();
  const check = new LiveCheck(editorUi(view), serverOf(client));
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('trailLint.checkLiveAccount', (preset?: unknown) => check.run(preset)),
    vscode.commands.registerCommand('trailLint.exportLiveReport', () => check.exportReport()),
    vscode.commands.registerCommand('trailLint.openInConsole', (node?: LiveNode) => openUrl(node?.console)),
  );
  return view;
}

/**
 * Opens a link in the browser. The link goes as a string: a `vscode.Uri` would decode and re-encode it
 * (microsoft/vscode#85930), and console links rely on their exact encoding (a trail's ARN in the fragment,
 * a log group's `$252F`).
 */
async function openUrl(url: string | undefined): Promise<void> {
  if (url) await vscode.commands.executeCommand('vscode.open', url);
}

function serverOf(client: LanguageClient): LiveServer {
  return {
    request: <R>(method: string, params: unknown, token?: vscode.CancellationToken) =>
      token ? client.sendRequest<R>(method, params, token) : client.sendRequest<R>(method, params),
    onProgress: (listener) =>
      client.onNotification(LIVE_PROGRESS, (params: LiveProgressParams) => listener(params.message)),
  };
}

function editorUi(view: LiveFindingsView): LiveUi<vscode.Uri> {
  return {
    pick: async (items, options) => vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true }),
    pickMany: async (items, options) =>
      vscode.window.showQuickPick(items, { ...options, canPickMany: true, ignoreFocusOut: true }),
    withProgress: async (title, task) =>
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, token) => task((message) => progress.report({ message }), token),
      ),
    showResult: (result, summary) => view.show(result, summary),
    info: (message) => void vscode.window.showInformationMessage(message),
    error: (message) => void vscode.window.showErrorMessage(message),
    saveLocation: async ({ defaultName, filters }) => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      return vscode.window.showSaveDialog({
        title: 'trail-lint: Export live report',
        filters,
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}),
      });
    },
    writeFile: async (target, text) => vscode.workspace.fs.writeFile(target, Buffer.from(text, 'utf8')),
  };
}
