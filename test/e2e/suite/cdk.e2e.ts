// CDK output in a real VS Code: a synthesized template under cdk.out/ gets its findings, and since the JSON is
// generated, its code actions point at the CDK app (a disabled action naming the construct) instead of
// editing the file.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';
import { code, diagnosticsFor } from './wait';

describe('trail-lint on CDK output in VS Code', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const uri = vscode.Uri.file(path.join(folder, 'cdk.out', 'TrailBadStack.template.json'));

  it('reports the synthesized stack and offers "Fix in the CDK app" instead of an edit', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const list = await diagnosticsFor(uri, (d) => d.some((x) => code(x) === 'CT003'));
    const ct003 = list.find((x) => code(x) === 'CT003') as vscode.Diagnostic;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      ct003.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const cdk = actions.find((a) => a.title.startsWith('Fix in the CDK app'));
    assert.ok(cdk, actions.map((a) => a.title).join(', '));
    assert.ok(cdk.disabled, 'the CDK action only explains; it must not edit generated JSON');
    assert.equal(
      actions.some((a) => a.edit !== undefined),
      false,
    );
  });
});
