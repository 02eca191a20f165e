// The only place where findings become LSP diagnostics. Offsets turn into positions here, through the
// document's own line table.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Problem } from '../engine/findings';
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
}

export function findingToDiagnostic(
  finding: Finding,
  doc: TextDocument,
  withRelated: boolean,
  generated = false,
): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, resource: finding.resource };
  if (generated) data.generated = true;
  if (finding.suppressionNote) data.note = true;
  const diagnostic: Diagnostic = {
    range: range(doc, finding.at),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: finding.docs },
    source: SOURCE,
    message: finding.message,
    data,
  };
  const related = finding.related.filter((r) => r.at.file === doc.uri);
  if (withRelated && related.length > 0) {
    diagnostic.relatedInformation = related.map((r) => ({
      location: { uri: doc.uri, range: range(doc, r.at) },
      message: r.message,
    }));
  }
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
