// Reading a file to lint, for the CLI and the module reader: the size is checked before the file is read
// (a 100 MB file costs a stat, not 100 MB of memory), and a UTF-16 or UTF-32 file is named for what it is
// instead of being decoded as UTF-8 into NULs and garbage. trail-lint reads UTF-8, as Terraform requires and
// every CloudFormation and CDK tool writes; converting the file is the user's call, and `--fix` would
// otherwise write it back in another encoding.
import { promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import { fileTooLarge } from '../engine/source/limits';

export type SourceRead = { text: string } | { refused: string };

const BOMS: [bytes: number[], name: string][] = [
  // UTF-32 first: its little-endian mark begins with UTF-16's.
  [[0xff, 0xfe, 0x00, 0x00], 'UTF-32'],
  [[0x00, 0x00, 0xfe, 0xff], 'UTF-32'],
  [[0xff, 0xfe], 'UTF-16'],
  [[0xfe, 0xff], 'UTF-16'],
];

function decode(bytes: Buffer): SourceRead {
  for (const [bom, name] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b))
      return {
        refused: `not linted: the file is ${name} (it starts with a ${name} byte-order mark); trail-lint reads UTF-8, so save it as UTF-8`,
      };
  }
  return { text: bytes.toString('utf8') };
}

/** Why a file is not read, from its stat: not a regular file (a FIFO would block the read), or too large. */
function refusal(stat: Stats, maxBytes: number): string | undefined {
  if (!stat.isFile()) return 'not a regular file';
  return fileTooLarge(stat.size, maxBytes);
}

/** Reads a file unless it is too large or not UTF-8; `refused` says why, in words for the user. */
export async function readSource(absolute: string, maxBytes: number): Promise<SourceRead> {
  const refused = refusal(await fs.stat(absolute), maxBytes);
  return refused ? { refused } : decode(await fs.readFile(absolute));
}

/** The same, synchronously (the module reader runs inside a synchronous lint). */
export function readSourceSync(absolute: string, maxBytes: number): SourceRead {
  const refused = refusal(statSync(absolute), maxBytes);
  return refused ? { refused } : decode(readFileSync(absolute));
}
