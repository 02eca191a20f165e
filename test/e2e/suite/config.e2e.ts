// The project configuration file in a real VS Code: creating, changing and deleting `.trail-lint.yaml`
// re-lints the open templates (the server's dynamic file watcher, registered through the client).
import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';
import { code, diagnosticsFor } from './wait';

describe('trail-lint configuration file in VS Code', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const uri = vscode.Uri.file(path.join(folder, 'insecure-trail.yaml'));
  const config = vscode.Uri.file(path.join(folder, '.trail-lint.yaml'));

  after(async () => {
    await vscode.workspace.fs.delete(config).then(undefined, () => undefined);
  });

  it('applies .trail-lint.yaml as it is created, changed and deleted', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const has = (id: string) => (d: vscode.Diagnostic[]) => d.some((x) => code(x) === id);
    await diagnosticsFor(uri, has('CT001'));

    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  CT001: off\n'));
    await diagnosticsFor(uri, (d) => d.length > 0 && !has('CT001')(d));

    await vscode.workspace.fs.writeFile(config, Buffer.from('rules:\n  CT001: info\n  CT003: off\n'));
    const changed = await diagnosticsFor(uri, (d) => has('CT001')(d) && !has('CT003')(d));
    const ct001 = changed.find((x) => code(x) === 'CT001') as vscode.Diagnostic;
    assert.equal(ct001.severity, vscode.DiagnosticSeverity.Information);

    await vscode.workspace.fs.delete(config);
    const restored = await diagnosticsFor(uri, (d) => has('CT001')(d) && has('CT003')(d));
    const back = restored.find((x) => code(x) === 'CT001') as vscode.Diagnostic;
    assert.notEqual(back.severity, vscode.DiagnosticSeverity.Information);
  });
});
