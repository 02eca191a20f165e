// The packaged extension in a real VS Code: it activates on a template, starts its bundled server, and the
// findings reach the Problems view with their rule ids, docs links and ranges, updating as the text changes.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import * as vscode from 'vscode';
import { code, diagnosticsFor } from './wait';

describe('trail-lint in VS Code', () => {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const uri = vscode.Uri.file(path.join(folder, 'insecure-trail.yaml'));

  it('shows the findings of a template with rule ids, docs links and ranges', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const list = await diagnosticsFor(uri, (d) => d.length >= 7);
    assert.deepEqual(list.map(code).sort(), ['CT001', 'CT002', 'CT003', 'CT004', 'CT005', 'IAM001', 'S3004']);
    const ct001 = list.find((d) => code(d) === 'CT001');
    assert.ok(ct001 && typeof ct001.code === 'object');
    assert.equal(
      String(ct001.code.target),
      'https://github.com/trail-lint/trail-lint/blob/main/docs/rules/CT001-trail-multi-region.md',
    );
    assert.equal(doc.getText(ct001.range), 'IsMultiRegionTrail: false');
  });

  it('updates as the text changes, without saving', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('IsMultiRegionTrail: false') + 'IsMultiRegionTrail: '.length;
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 5)), 'true'));
    const list = await diagnosticsFor(uri, (d) => d.length > 0 && !d.some((x) => code(x) === 'CT001'));
    assert.ok(list.some((d) => code(d) === 'CT002' && d.severity === vscode.DiagnosticSeverity.Error));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('contributes its settings and the live-check command', async () => {
    assert.equal(vscode.workspace.getConfiguration('trailLint').get('enable'), true);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('trailLint.checkLiveAccount'));
  });

  it('lints a Terraform file with its module: the default of a variable in another file counts', async () => {
    const tf = vscode.Uri.file(path.join(folder, 'terraform', 'main.tf'));
    const doc = await vscode.workspace.openTextDocument(tf);
    await vscode.window.showTextDocument(doc);
    // The extension declares the `terraform` language for .tf files when no Terraform extension does.
    assert.equal(doc.languageId, 'terraform');
    const list = await diagnosticsFor(tf, (d) => d.some((x) => code(x) === 'CT001'));
    const ct001 = list.find((d) => code(d) === 'CT001') as vscode.Diagnostic;
    assert.equal(doc.getText(ct001.range), 'is_multi_region_trail      = var.multi_region');
    assert.match(ct001.message, /default of variable "multi_region"/);
  });
});
