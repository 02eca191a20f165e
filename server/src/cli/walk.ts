// Which files a CLI run lints. Paths given explicitly are read unless the configuration excludes them; folders
// are walked for files that can hold a template (by extension, or by the configuration's `templates` globs),
// skipping dependency and VCS folders (but not `cdk.out`), and never following a symlink back into a folder
// already seen.
import { promises as fs } from 'node:fs';
import path from 'node:path';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.terraform', '.hg', '.svn']);
const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template|cfn|tf)$/i;

export interface Target {
  /** The path as the user gave it, or that path joined with what the walk found under it. */
  file: string;
}

export interface WalkResult {
  targets: Target[];
  errors: { file: string; message: string }[];
}

/**
 * Decides, for a file met on the way, whether it is linted; `byExtension` says whether its name looks like a
 * template's. The configuration uses it to exclude files and to add templates with other names.
 */
export type Include = (absolute: string, byExtension: boolean) => Promise<boolean>;

const byExtensionOnly: Include = (_absolute, byExtension) => Promise.resolve(byExtension);

export async function collectTargets(
  paths: string[],
  cwd: string,
  include: Include = byExtensionOnly,
): Promise<WalkResult> {
  const result: WalkResult = { targets: [], errors: [] };
  const seenFolders = new Set<string>();
  const seenFiles = new Set<string>();
  const addFile = async (file: string, byExtension: boolean): Promise<void> => {
    if (!(await include(path.resolve(cwd, file), byExtension))) return;
    const real = await fs.realpath(path.resolve(cwd, file)).catch(() => path.resolve(cwd, file));
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    result.targets.push({ file });
  };
  const walk = async (folder: string): Promise<void> => {
    const real = await fs.realpath(path.resolve(cwd, folder));
    if (seenFolders.has(real)) return;
    seenFolders.add(real);
    let entries;
    try {
      entries = await fs.readdir(path.resolve(cwd, folder), { withFileTypes: true });
    } catch (error) {
      result.errors.push({ file: folder, message: `cannot read folder: ${describe(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const child = path.join(folder, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const stat = await fs.stat(path.resolve(cwd, child)).catch(() => undefined);
        isDir = stat?.isDirectory() ?? false;
        isFile = stat?.isFile() ?? false;
      }
      if (isDir && !SKIPPED_FOLDERS.has(e.name)) await walk(child);
      else if (isFile) await addFile(child, TEMPLATE_EXTENSIONS.test(e.name));
    }
  };
  for (const given of paths) {
    const stat = await fs.stat(path.resolve(cwd, given)).catch((error: unknown) => error as Error);
    if (stat instanceof Error) {
      result.errors.push({ file: given, message: `cannot read: ${describe(stat)}` });
    } else if (stat.isDirectory()) {
      await walk(given);
    } else {
      // A file named on the command line is always a candidate, whatever its name.
      await addFile(given, true);
    }
  }
  return result;
}

export function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or folder';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  if (e?.code === 'ELOOP') return 'too many levels of symbolic links';
  return e?.message ?? String(error);
}
