// What must hold for every input, however broken: each place the engine reports (findings, their related
// places and suppressions, problems) lies inside the file, as offsets and once converted the way each edge
// converts it (the LSP's TextDocument, the CLI's LineIndex).
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../../server/src/engine/lint';
import type { Loc } from '../../server/src/engine/model/types';
import { LineIndex } from '../../server/src/engine/source/line-index';
import { range } from '../../server/src/lsp/diagnostics';

interface Place {
  what: string;
  at: Loc;
}

function places(results: LintResult[]): Place[] {
  const out: Place[] = [];
  for (const r of results) {
    for (const p of r.problems) out.push({ what: `problem "${p.message}"`, at: p.at });
    for (const f of r.findings) {
      out.push({ what: `${f.ruleId} finding`, at: f.at });
      for (const rel of f.related) out.push({ what: `${f.ruleId} related place`, at: rel.at });
      if (f.suppressed) out.push({ what: `${f.ruleId} suppression`, at: f.suppressed.at });
    }
  }
  return out;
}

/** Line lengths without their line break, for both edges' views of the lines. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Why the results break an invariant, or undefined when they do not. */
export function violation(file: string, text: string, results: LintResult[]): string | undefined {
  const all = places(results);
  if (all.length === 0) return undefined;
  const doc = TextDocument.create('file:///fuzz', 'plaintext', 0, text);
  const lines = new LineIndex(text);
  const lengths = lineLengths(text);
  for (const { what, at } of all) {
    if (at.file !== file) return `${what} points into another file (${at.file})`;
    const { start, end } = at;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length)
      return `${what} at ${start}..${end} lies outside the text (length ${text.length})`;
    const lsp = range(doc, at);
    for (const p of [lsp.start, lsp.end]) {
      if (p.line < 0 || p.line >= lengths.length || p.character < 0 || p.character > (lengths[p.line] ?? 0))
        return `${what} at ${start}..${end} → LSP ${p.line}:${p.character} lies outside the lines`;
    }
    for (const offset of [start, end]) {
      const p = lines.position(offset);
      if (p.line >= lengths.length || p.character > (lengths[p.line] ?? 0))
        return `${what} at ${start}..${end} → CLI ${p.line + 1}:${p.character + 1} lies outside the lines`;
    }
  }
  return undefined;
}
