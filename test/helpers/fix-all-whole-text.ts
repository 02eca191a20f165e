// Fix-all on a CloudFormation JSON template as it ran before fix-all's JSON excerpts
// (engine/fix/json-excerpt.ts): every fix worked out against the whole text. Tests compare the two.
import { intentEdits } from '../../server/src/engine/fix/apply';
import { fixAll, type FixAllResult } from '../../server/src/engine/fix/fix-all';
import { WriterMemo } from '../../server/src/engine/fix/writer-memo';
import { DocumentCache, lintDocument } from '../../server/src/engine/lint';

export function fixAllWholeText(file: string, text: string): FixAllResult {
  const cache = new DocumentCache();
  const memo = new WriterMemo();
  return fixAll(new Map([[file, text]]), {
    lint: (texts) => lintDocument({ file, text: texts.get(file) ?? '' }, {}, cache).findings,
    edits: (intent, _finding, texts) => intentEdits(intent, { file, format: 'cloudformation', texts, memo }),
  });
}
