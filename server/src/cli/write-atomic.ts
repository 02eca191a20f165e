// `--fix` writes a file whole or not at all: the new text goes to a temporary file beside it (same folder,
// so the same file system), takes the original's permissions, and is renamed over it. A crash or a full disk
// leaves the original as it was.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export async function writeAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.trail-lint-${process.pid}.tmp`);
  const { mode } = await fs.stat(file);
  try {
    await fs.writeFile(temp, text, { mode });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
