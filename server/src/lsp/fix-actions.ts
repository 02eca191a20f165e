// Repairs in the editor: each fix a finding carries becomes a `quickfix` (preferred when the rule says it is
// the one obvious repair), and `source.fixAll.trail-lint` applies every safe fix of the file, as format-on-save
// can ask. The edits are computed when asked, against the text the editor has now, by the same writers the
// CLI's `--fix` uses; a Terraform fix may edit another file of the module, which the workspace edit names.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { intentEdits, type FixTarget } from '../engine/fix/apply';
import type { FileEdit, FixIntent } from '../engine/fix/intents';
import { commonEnds } from '../engine/source/text-diff';
import { range } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trail-lint`;

/** The quick-fixes of one diagnostic. */
export function quickFixes(
  diagnostic: Diagnostic,
  fixes: readonly FixIntent[],
  target: FixTarget,
): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const intent of fixes) {
    const edits = intentEdits(intent, target);
    if (!edits || edits.length === 0) continue;
    const action: CodeAction = {
      title: intent.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: workspaceEdit(edits, target.texts),
    };
    if (intent.preferred) action.isPreferred = true;
    actions.push(action);
  }
  return actions;
}

/** For CDK output: what to change in the app, shown (disabled) where the client can show it. */
export function cdkAction(diagnostic: Diagnostic, change: string, disabledSupport: boolean): CodeAction[] {
  if (!disabledSupport) return [];
  return [
    {
      title: `Fix in the CDK app: ${change}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      disabled: {
        reason: 'This template is CDK output, which is generated: make the change in the CDK app.',
      },
    },
  ];
}

/** `source.fixAll.trail-lint`: one edit per changed file, from the texts before and after fix-all. */
export function fixAllAction(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): CodeAction | undefined {
  const edits: FileEdit[] = [];
  for (const [file, text] of after) {
    const old = before.get(file);
    if (old === undefined || old === text) continue;
    const { prefix, suffix } = commonEnds(old, text);
    edits.push({
      file,
      start: prefix,
      end: old.length - suffix,
      newText: text.slice(prefix, text.length - suffix),
    });
  }
  if (edits.length === 0) return undefined;
  return {
    title: 'Fix all safe trail-lint problems',
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(edits, before),
  };
}

/** Whether the client asked for the fix-all kind (or a kind that contains it: `source`, `source.fixAll`). */
export function wantsFixAll(only: readonly string[] | undefined): boolean {
  return (only ?? []).some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

function workspaceEdit(edits: readonly FileEdit[], texts: ReadonlyMap<string, string>): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const edit of edits) {
    const doc = TextDocument.create(edit.file, 'plaintext', 0, texts.get(edit.file) ?? '');
    (changes[edit.file] ??= []).push({ range: range(doc, edit), newText: edit.newText });
  }
  return { changes };
}
