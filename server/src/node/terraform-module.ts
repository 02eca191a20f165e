// Node-side reading of a Terraform module for the engine: the `.tf` / `.tf.json` files of a folder (as
// Terraform reads them: one folder, not its subfolders), and `file()` reads of JSON documents inside it.
// Shared by the CLI and the language server; the server passes the texts of open editors, which win over
// the disk.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SourceDocument } from '../engine/lint';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/source/limits';
import { readSourceSync } from './read-source';

/** Whether a file name is part of a Terraform module. */
export function isModuleFile(name: string): boolean {
  return /\.tf$/i.test(name) || /\.tf\.json$/i.test(name);
}

/** A `file()` target larger than this is not a policy document: not read. */
const MAX_READ = 1 << 20;

/**
 * The module files of `folder`, sorted by name (Terraform's order), each named as `nameOf` says (paths for
 * the CLI, URIs for the server); `open` gives texts that replace the disk's. A file on disk over `maxBytes`
 * or not in UTF-8 is left out, and `refused` hears why (the CLI reports it when the file was asked for).
 */
export function readModuleFiles(
  folder: string,
  nameOf: (absolute: string) => string,
  open: (absolute: string) => string | undefined = () => undefined,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  refused: (absolute: string, why: string) => void = () => undefined,
): SourceDocument[] {
  let names: string[];
  try {
    // tfvars files Terraform loads by itself (HCL or JSON) come along: the variables they set are not judged
    // by default.
    names = readdirSync(folder)
      .filter((n) => isModuleFile(n) || /^terraform\.tfvars(\.json)?$|\.auto\.tfvars(\.json)?$/i.test(n))
      .sort();
  } catch {
    return [];
  }
  const out: SourceDocument[] = [];
  for (const name of names) {
    const absolute = path.join(folder, name);
    const text = open(absolute) ?? readModuleText(absolute, maxBytes, refused);
    if (text !== undefined) out.push({ file: nameOf(absolute), text });
  }
  return out;
}

/** `file()` for the engine: a path as written, relative to the module folder; only regular files, bounded. */
export function moduleFileReader(folder: string): (p: string) => string | undefined {
  return (p) => readText(path.resolve(folder, p));
}

function readModuleText(
  absolute: string,
  maxBytes: number,
  refused: (absolute: string, why: string) => void,
): string | undefined {
  try {
    const read = readSourceSync(absolute, maxBytes);
    if ('text' in read) return read.text;
    refused(absolute, read.refused);
  } catch {
    // Gone or unreadable since the folder was listed: the module is read without it.
  }
  return undefined;
}

function readText(absolute: string): string | undefined {
  try {
    const stat = statSync(absolute);
    if (!stat.isFile() || stat.size > MAX_READ) return undefined;
    return readFileSync(absolute, 'utf8');
  } catch {
    return undefined;
  }
}
