// Terraform in the language server: a `.tf` / `.tf.json` document is linted with its module (every such
// file of its folder: open editors' buffers where open, the disk otherwise), so a change in one file can
// change another's findings; plan JSON documents are linted alone. The grammar loads once, on first use.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintOptions } from '../engine/findings';
import type { LintResult } from '../engine/lint';
import { lintTerraform } from '../engine/lint-terraform';
import { isPlanJson } from '../engine/terraform/read-plan';
import type { HclFile } from '../engine/source/hcl';
import { loadHclReader, type HclReader } from '../node/hcl-reader';
import { isModuleFile, moduleFileReader, readModuleFiles } from '../node/terraform-module';

/** Whether the server lints this document as Terraform. */
export function isTerraformDocument(doc: TextDocument): boolean {
  if (doc.languageId === 'terraform' || isModuleFile(doc.uri)) return true;
  return /\.json$/i.test(doc.uri) && isPlanJson(doc.getText());
}

/** Loads the grammar (once); the server awaits it before reading the document it lints. */
export const terraformReader = async (): Promise<HclReader> => remembering(await loadHclReader());

let remembered: HclReader | undefined;

/**
 * A module is read whole on every keystroke in one of its files, and the other files have not changed: their
 * reads are kept (plain data, never mutated), the most recently used first.
 */
function remembering(reader: HclReader): HclReader {
  if (remembered) return remembered;
  const recent = new Map<string, HclFile>();
  remembered = {
    // The engine always asks with the same skipBody: the text alone identifies a read.
    read: (text, skipBody) => {
      const known = recent.get(text);
      if (known) {
        recent.delete(text);
        recent.set(text, known);
        return known;
      }
      const read = reader.read(text, skipBody);
      recent.set(text, read);
      if (recent.size > RECENT_READS) recent.delete(recent.keys().next().value as string);
      return read;
    },
  };
  return remembered;
}

/** How many file reads are kept: the files of a few open modules. */
const RECENT_READS = 64;

/** A Terraform lint result, with the texts of the module's files (for related places in other files). */
export interface TerraformLint extends LintResult {
  texts: Map<string, string>;
}

export function lintTerraformDocument(
  doc: TextDocument,
  documents: TextDocuments<TextDocument>,
  options: LintOptions,
  reader: HclReader,
  /** The configured maximum file size: a sibling file on disk over it is left out of the module. */
  maxBytes?: number,
): TerraformLint {
  const own = { file: doc.uri, text: doc.getText() };
  const folder = folderOf(doc.uri);
  const isPlan = !isModuleFile(doc.uri) && doc.languageId !== 'terraform';
  if (isPlan || !folder) {
    // A plan, or an unsaved Terraform buffer: the document alone (named as a .tf file so it reads as HCL).
    const files =
      isPlan || /\.tf(\.json)?$/i.test(doc.uri) ? [own] : [{ file: `${doc.uri}#.tf`, text: own.text }];
    const result = lintTerraform({ files, readHcl: reader.read }, options).get(files[0]?.file ?? '');
    return { ...rename(result, files[0]?.file ?? '', doc.uri), texts: new Map() };
  }
  const { files, name } = moduleDocuments(doc, folder, documents, maxBytes);
  const results = lintTerraform({ files, readHcl: reader.read, readFile: moduleFileReader(folder) }, options);
  return { ...rename(results.get(name), name, doc.uri), texts: new Map(files.map((f) => [f.file, f.text])) };
}

/**
 * Every file of the document's module, named by URI: open editors' buffers where open, the disk otherwise.
 * `name` is what the document is called among them (a document the editor calls Terraform under another
 * name is read as HCL, named as a `.tf` file).
 */
export function moduleDocuments(
  doc: TextDocument,
  folder: string,
  documents: TextDocuments<TextDocument>,
  maxBytes?: number,
): { files: { file: string; text: string }[]; name: string } {
  const open = new Map<string, TextDocument>();
  for (const d of documents.all()) {
    const p = d.uri.startsWith('file:') ? fileURLToPath(d.uri) : undefined;
    if (p && path.dirname(p) === folder) open.set(p, d);
  }
  const files = readModuleFiles(
    folder,
    (absolute) => open.get(absolute)?.uri ?? pathToFileURL(absolute).href,
    (absolute) => open.get(absolute)?.getText(),
    maxBytes,
  );
  const name = isModuleFile(doc.uri) ? doc.uri : `${doc.uri}#.tf`;
  if (!files.some((f) => f.file === name)) files.push({ file: name, text: doc.getText() });
  return { files, name };
}

/** The open Terraform documents of the same module folder, other than this one. */
export function moduleSiblings(uri: string, documents: TextDocuments<TextDocument>): string[] {
  if (!isModuleFile(uri)) return [];
  const folder = folderOf(uri);
  if (!folder) return [];
  return documents
    .all()
    .filter((d) => d.uri !== uri && isModuleFile(d.uri) && folderOf(d.uri) === folder)
    .map((d) => d.uri);
}

/** The open Terraform documents in the folders of changed files (watched-file events). */
export function documentsOfFolders(files: string[], documents: TextDocuments<TextDocument>): string[] {
  const folders = new Set(
    files
      .filter(isModuleFile)
      .map(folderOf)
      .filter((f): f is string => f !== undefined),
  );
  if (folders.size === 0) return [];
  return documents
    .all()
    .filter((d) => isModuleFile(d.uri) && folders.has(folderOf(d.uri) ?? ''))
    .map((d) => d.uri);
}

export function folderOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

function rename(result: LintResult | undefined, from: string, to: string): LintResult {
  if (!result) return { format: 'terraform', findings: [], problems: [] };
  if (from === to) return result;
  const fix = <T extends { at: { file: string } }>(x: T): T => ({ ...x, at: { ...x.at, file: to } });
  return { ...result, findings: result.findings.map(fix), problems: result.problems.map(fix) };
}
