// Repairs in a real VS Code: the light bulb's preferred quick-fix and `source.fixAll.trail-lint`, asked for
// through vscode.executeCodeActionProvider as the editor asks, applied as the editor applies them, and the
// findings they repair gone from the Problems view. The document is reverted after each test.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';
import { code, diagnosticsFor } from './wait';

describe('trail-lint fixes in VS Code', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const uri = vscode.Uri.file(path.join(folder, 'insecure-trail.yaml'));

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('applies the preferred quick-fix of CT003 from the light bulb', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const list = await diagnosticsFor(uri, (d) => d.some((x) => code(x) === 'CT003'));
    const ct003 = list.find((d) => code(d) === 'CT003') as vscode.Diagnostic;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      ct003.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred && a.diagnostics?.some((d) => code(d) === 'CT003'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsFor(uri, (d) => d.length > 0 && !d.some((x) => code(x) === 'CT003'));
    assert.match(doc.getText(), /EnableLogFileValidation: true/);
  });

  it('fixes every safe finding of the file with source.fixAll.trail-lint', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await diagnosticsFor(uri, (d) => d.some((x) => code(x) === 'CT001'));
    const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      whole,
      'source.fixAll.trail-lint',
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Fix all safe trail-lint problems'],
    );
    const edit = actions[0]?.edit;
    assert.ok(edit);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const left = await diagnosticsFor(uri, (d) => d.length > 0 && !d.some((x) => code(x) === 'CT001'));
    assert.ok(!left.some((d) => ['CT001', 'CT002', 'CT003'].includes(code(d))), left.map(code).join(', '));
  });
});
