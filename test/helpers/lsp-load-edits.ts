// The edits of the language-server load scenario (lsp-load.ts), deterministic: each is one incremental change
// of one line of the ~1 MB template, so line numbers never move and the lines to edit are found once. They
// change findings back and forth (log file validation, logging), type into a string, change numbers, and once
// break the YAML and mend it, so the server's incremental parse and caches are exercised on every path.
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface EditTargets {
  retention: number[];
  validation: number[];
  logging: number[];
  description: number;
  trailType: number;
}

/** The lines the edits touch, found once in the generated template. */
export function editTargets(text: string): EditTargets {
  const lines = text.split('\n');
  const where = (re: RegExp): number[] => lines.flatMap((l, i) => (re.test(l) ? [i] : []));
  const [description] = where(/^Description: /);
  const [trailType] = where(/^\s+Type: AWS::CloudTrail::Trail$/);
  const targets = {
    retention: where(/^\s+RetentionInDays: /),
    validation: where(/^\s+EnableLogFileValidation: /),
    logging: where(/^\s+IsLogging: /),
  };
  if (description === undefined || trailType === undefined || Object.values(targets).some((t) => !t.length))
    throw new Error('the generated template lacks a line the load edits need');
  return { ...targets, description, trailType };
}

/** Where the edits break the YAML, and where they mend it. */
export const BREAK_AT = 500;
export const MEND_AT = 520;

/** The change of edit `k` against the current document. */
export function editAt(k: number, doc: TextDocument, t: EditTargets): TextDocumentContentChangeEvent {
  const pick = (lines: number[]): number => lines[Math.floor(k / 4) % lines.length] as number;
  if (k === BREAK_AT) return valueEdit(doc, t.trailType, () => '[AWS::CloudTrail::Trail');
  if (k === MEND_AT) return valueEdit(doc, t.trailType, () => 'AWS::CloudTrail::Trail');
  switch (k % 4) {
    case 0:
      return valueEdit(doc, pick(t.retention), () => String(100 + (k % 900)));
    case 1: {
      // Typing: one character before the closing quote of the description.
      const line = lineText(doc, t.description);
      const at = { line: t.description, character: line.length - 1 };
      return { range: { start: at, end: at }, text: String.fromCharCode(97 + (k % 26)) };
    }
    case 2:
      return valueEdit(doc, pick(t.validation), toggle);
    default:
      return valueEdit(doc, pick(t.logging), toggle);
  }
}

const toggle = (value: string): string => (value === 'true' ? 'false' : 'true');

/** Replaces the value after `key: ` on one line. */
function valueEdit(
  doc: TextDocument,
  line: number,
  next: (value: string) => string,
): TextDocumentContentChangeEvent {
  const text = lineText(doc, line);
  const start = text.indexOf(': ') + 2;
  return {
    range: { start: { line, character: start }, end: { line, character: text.length } },
    text: next(text.slice(start)),
  };
}

function lineText(doc: TextDocument, line: number): string {
  return doc
    .getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } })
    .replace(/\n$/, '');
}
