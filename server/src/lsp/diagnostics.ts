// The only place where findings become LSP diagnostics. Offsets turn into positions here, through the
// document's own line table.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Problem } from '../engine/findings';
import type { FixIntent } from '../engine/fix/intents';
import type { Loc } from '../engine/model/types';
import type { Severity } from '../engine/rules/types';

export const SOURCE = 'trail-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What code actions will need back from a diagnostic. */
export interface DiagnosticData {
  ruleId: string;
  resource: string | undefined;
  /** The file is generated (CDK output): a suppression belongs in the app that generates it. */
  generated?: true;
  /** A note about a suppression, not a finding about the template: nothing to suppress. */
  note?: true;
  /** The finding's repairs; the writers turn them into edits when the editor asks for actions. */
  fixes?: FixIntent[];
  /** CDK output: the change to make in the app instead. */
  cdkFix?: string;
}

export function findingToDiagnostic(
  finding: Finding,
  doc: TextDocument,
  withRelated: boolean,
  generated = false,
  /** Texts of other files a finding may point into (the other files of a Terraform module). */
  others?: ReadonlyMap<string, string>,
): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, resource: finding.resource };
  if (generated) data.generated = true;
  if (finding.suppressionNote) data.note = true;
  if (finding.fixes.length > 0) data.fixes = finding.fixes;
  if (finding.cdkFix) data.cdkFix = finding.cdkFix;
  const diagnostic: Diagnostic = {
    range: range(doc, finding.at),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: finding.docs },
    source: SOURCE,
    message: finding.message,
    data,
  };
  const inFile = (uri: string): TextDocument | undefined => {
    if (uri === doc.uri) return doc;
    const text = others?.get(uri);
    return text === undefined ? undefined : TextDocument.create(uri, doc.languageId, 0, text);
  };
  const related = finding.related.flatMap((r) => {
    const target = inFile(r.at.file);
    return target ? [{ location: { uri: target.uri, range: range(target, r.at) }, message: r.message }] : [];
  });
  if (withRelated && related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

export function problemToDiagnostic(problem: Problem, doc: TextDocument): Diagnostic {
  return {
    range: range(doc, problem.at),
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    message: problem.message,
  };
}

/** The LSP range of a span of the document (a finding's place, a problem's, an edit's). */
export function range(doc: TextDocument, at: Pick<Loc, 'start' | 'end'>): Diagnostic['range'] {
  return { start: doc.positionAt(at.start), end: doc.positionAt(at.end) };
}
