// Code actions on trail-lint diagnostics: the findings' repairs and fix-all (fix-actions.ts), then "Suppress
// <rule> for this resource" (an ignore entry in the resource's Metadata, with reason TODO for the author to
// fill in) and "Show documentation for <rule>" (the rule's page, opened by the client through
// window/showDocument). Everything they need travels in the diagnostic's `data`.
import {
  CodeActionKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Range,
  type WorkDoneProgressReporter,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleById } from '../engine/rules';
import { docsUrl } from '../engine/rules/types';
import { SUPPRESSIONS_DOCS_URL } from '../engine/suppress/apply';
import { suppressionEdits } from '../engine/suppress/edit';
import type { FixTarget } from '../engine/fix/apply';
import { range, SOURCE, type DiagnosticData } from './diagnostics';
import { cdkAction, fixAllAction, quickFixes, wantsFixAll } from './fix-actions';
import { CANCELLED } from './fix-all-run';

export const SHOW_DOCUMENTATION = 'trail-lint.showDocumentation';

export interface CodeActionSupport {
  /** The client shows disabled actions with their reason (LSP 3.16 `codeAction.disabledSupport`). */
  disabled: boolean;
}

/** What fixes need from the server: the files they may edit, and fix-all on demand. */
export interface FixSupport {
  target: FixTarget;
  /**
   * The texts before and after applying every safe fix; undefined when the file cannot be fixed (or changed
   * while fix-all ran), CANCELLED when the request was cancelled first.
   */
  fixAll(
    token: CancellationToken,
    progress?: WorkDoneProgressReporter,
  ): Promise<
    { before: ReadonlyMap<string, string>; after: ReadonlyMap<string, string> } | undefined | typeof CANCELLED
  >;
}

export async function codeActions(
  doc: TextDocument,
  params: CodeActionParams,
  support: CodeActionSupport,
  fix: FixSupport | undefined,
  token: CancellationToken,
  progress?: WorkDoneProgressReporter,
): Promise<CodeAction[]> {
  const only = params.context.only;
  const result: CodeAction[] = [];
  if (fix && wantsFixAll(only)) {
    const all = await fix.fixAll(token, progress);
    if (all === CANCELLED) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const action = all && fixAllAction(all.before, all.after);
    if (action) result.push(action);
  }
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || kind === CodeActionKind.Empty))
    return result;
  const actions = new Map<string, CodeAction>();
  // Only the diagnostics on the requested lines get actions (a client may send more): each repair's edits are
  // written when asked, against the whole text.
  for (const diagnostic of params.context.diagnostics.filter((d) => onLines(d.range, params.range))) {
    const data = dataOf(diagnostic);
    if (!data) continue;
    const { ruleId, resource } = data;
    // Repairs first: they are what the author wants; suppressing and reading come after.
    const repairs = [
      ...(fix && data.fixes ? quickFixes(diagnostic, data.fixes, fix.target) : []),
      ...(data.cdkFix ? cdkAction(diagnostic, data.cdkFix, support.disabled) : []),
    ];
    for (const action of repairs) if (!actions.has(action.title)) actions.set(action.title, action);
    if (resource && !data.note) {
      const title = `Suppress ${ruleId} for this resource (${resource})`;
      if (data.generated) {
        if (support.disabled && !actions.has(title)) {
          actions.set(title, {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            disabled: {
              reason: `This template is CDK output, which is generated: add the suppression in the CDK app, with cfnResource.addMetadata('trail-lint', { ignore: [{ id: '${ruleId}', reason: '…' }] }).`,
            },
          });
        }
      } else {
        const edits = actions.has(title) ? undefined : suppressionEdits(doc.getText(), resource, ruleId);
        if (edits) {
          actions.set(title, {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [doc.uri]: edits.map((e) => toTextEdit(doc, e)) } },
          });
        }
      }
    }
    const docsTitle = `Show documentation for ${ruleId}`;
    if (!actions.has(docsTitle)) {
      actions.set(docsTitle, {
        title: docsTitle,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: docsTitle, command: SHOW_DOCUMENTATION, arguments: [ruleId] },
      });
    }
  }
  return [...result, ...actions.values()];
}

/** Opens a rule's page (the suppressions section for an id that is not a rule) in the user's browser. */
export async function showDocumentation(connection: Connection, args: unknown[] | undefined): Promise<void> {
  const ruleId = typeof args?.[0] === 'string' ? args[0] : undefined;
  if (!ruleId) return;
  const rule = ruleById(ruleId);
  const uri = rule ? docsUrl(rule.meta) : SUPPRESSIONS_DOCS_URL;
  try {
    await connection.window.showDocument({ uri, external: true });
  } catch (error) {
    // A client without window/showDocument: say where the page is instead.
    connection.console.info(`trail-lint: documentation for ${ruleId}: ${uri} (${String(error)})`);
  }
}

function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  return typeof data?.ruleId === 'string' ? (data as DiagnosticData) : undefined;
}

/**
 * Whether a diagnostic lies on the lines of the requested range. Lines, not characters: Neovim asks at the
 * cursor with the diagnostics of the cursor's whole line, which are all meant.
 */
function onLines(diagnostic: Range, requested: Range): boolean {
  return diagnostic.start.line <= requested.end.line && requested.start.line <= diagnostic.end.line;
}

function toTextEdit(doc: TextDocument, edit: { start: number; end: number; newText: string }): TextEdit {
  return { range: range(doc, edit), newText: edit.newText };
}
