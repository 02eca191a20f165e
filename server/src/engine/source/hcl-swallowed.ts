// Blocks a tree with errors does not hold. After some half-typed text (a string left open, `===`),
// tree-sitter's recovery reads the rest of the file as one string, heredoc or error, and the blocks written
// below it are gone from the tree. trail-lint has no second parser to read them with; it says where the
// first one is and why it is not checked, instead of letting its diagnostics vanish without a word.
import type { HclBlock, HclComment, HclExpr } from './hcl';
import { MAX_DEPTH } from './hcl-walk';
import type { ParseProblem, Span } from './node';

/** A top-level block's first line as people write it: a block keyword at the start of a line, then `{`. */
const HEADER =
  /^(?:resource|data|module|variable|output|provider|locals|terraform|moved|import|check|removed)\b[^\n]*\{[ \t]*\r?$/gm;

/**
 * The first block written at the start of a line that the tree does not hold as a block (at any depth:
 * blocks nested by a half-typed attribute are lifted back by the Terraform reader), unless it sits in a
 * comment or a heredoc, where such text is legitimate. Run only on trees with errors.
 */
export function swallowedBlock(
  source: string,
  blocks: readonly HclBlock[],
  comments: readonly HclComment[],
): ParseProblem | undefined {
  const starts = new Set<number>();
  const quiet: Span[] = [...comments];
  collect(blocks, starts, quiet, 0);
  for (const m of source.matchAll(HEADER)) {
    const start = m.index;
    if (starts.has(start) || quiet.some((s) => s.start <= start && start < s.end)) continue;
    const end = start + m[0].trimEnd().length;
    return {
      start,
      end,
      message:
        'trail-lint could not read this block: a syntax error above it makes tree-sitter read the rest of the file as part of that error, so this block and those after it are not checked until it is fixed',
      complete: true,
    };
  }
  return undefined;
}

function collect(blocks: readonly HclBlock[], starts: Set<number>, quiet: Span[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const b of blocks) {
    starts.add(b.start);
    for (const a of b.body.attributes) heredocs(a.value, quiet, 0);
    collect(b.body.blocks, starts, quiet, depth + 1);
  }
}

/** Heredocs in an expression: their lines are text, whatever they look like. */
function heredocs(e: HclExpr, out: Span[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (e.kind === 'heredoc') out.push(e);
  else if (e.kind === 'call') for (const a of e.args) heredocs(a, out, depth + 1);
  else if (e.kind === 'tuple') for (const i of e.items) heredocs(i, out, depth + 1);
  else if (e.kind === 'object') for (const x of e.entries) heredocs(x.value, out, depth + 1);
}
