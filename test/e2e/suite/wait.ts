// Waiting for trail-lint's diagnostics in the extension host: on VS Code's change event, with a deadline,
// never a fixed sleep. Shared by the suite's files (index.ts loads only *.e2e.js, so this is not a suite).
import * as vscode from 'vscode';

/** Resolves with the document's trail-lint diagnostics once `accept` approves them; never a fixed sleep. */
export function diagnosticsFor(
  uri: vscode.Uri,
  accept: (d: vscode.Diagnostic[]) => boolean,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const current = (): vscode.Diagnostic[] =>
      vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'trail-lint');
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics never matched; last: ${JSON.stringify(current())}`));
    }, 30_000);
    const check = (): boolean => {
      const list = current();
      if (!accept(list)) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(list);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

export const code = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' ? String(d.code.value) : String(d.code);
