// Blocks a tree with errors does not hold. After some half-typed text (a string left open, `===`),
// tree-sitter's recovery reads the rest of the file as one string, heredoc or error, and the blocks written
// below it are gone from the tree. The reader (node/hcl-reader.ts) then parses the rest of the file on its
// own, from the first such block (tree-sitter's included ranges keep every offset), and joins the two reads
// here: the diagnostics of the blocks below do not vanish while a line above is being typed.
import type { HclBlock, HclExpr, HclFile } from './hcl';
import { headerEnd, innerExpressions, MAX_DEPTH } from './hcl-walk';
import type { ParseProblem, Span } from './node';

/** A top-level block's first line as people write it: a block keyword at the start of a line, then `{`. */
const HEADER =
  /^(?:resource|data|module|variable|output|provider|locals|terraform|moved|import|check|removed)\b[^\n]*\{[ \t]*\r?$/gm;

/**
 * Where the first block written at the start of a line, at or after `from`, sits inside what the tree read
 * as something else: an attribute's value (a string left open, an operator's operand) or an error. Not in
 * a heredoc or a comment, where such text is legitimate. (A block whose first line tree-sitter read into
 * another block's header is splitHeaders' case.) Only for trees with errors. Every use of the shared HEADER
 * expression sets its lastIndex first.
 */
export function swallowedBlock(
  source: string,
  file: Pick<HclFile, 'body' | 'comments' | 'problems'>,
  from: number,
): number | undefined {
  const spans: Spans = { swallowing: [...file.problems], text: [...file.comments] };
  collect(file.body.blocks, spans, 0);
  HEADER.lastIndex = from;
  for (let m = HEADER.exec(source); m; m = HEADER.exec(source)) {
    const start = m.index;
    if (inside(spans.swallowing, start) && !inside(spans.text, start)) return start;
  }
  return undefined;
}

interface Spans {
  /** What can swallow a block: attribute values and errors. */
  swallowing: Span[];
  /** Where a block's first line is text: heredocs and comments. */
  text: Span[];
}

/** Where the line holding `at` ends, before its line break (`\r\n` included). */
function endOfLine(source: string, at: number): number {
  const line = source.indexOf('\n', at);
  if (line < 0) return source.length;
  return source.charCodeAt(line - 1) === 0x0d ? line - 1 : line;
}

function inside(spans: readonly Span[], at: number): boolean {
  return spans.some((s) => s.start < at && at < s.end);
}

/**
 * Top-level blocks whose header runs over more than one line, which Terraform refuses (the `{` must end the
 * header's first line) and tree-sitter accepts: `resource` typed above `resource "aws_cloudtrail" "main" {`
 * reads as one block of type `resource`. Each gets a problem on its first line; where a block's first line
 * sits in such a header, the reader reads on from there as from a swallowed block.
 */
export function splitHeaders(source: string, file: HclFile): void {
  for (const b of file.body.blocks) {
    const end = headerEnd(b);
    const lineEnd = source.indexOf('\n', b.start);
    if (lineEnd < 0 || lineEnd >= end) continue;
    file.problems.push({
      start: b.typeSpan.start,
      end: endOfLine(source, b.start),
      message: 'Terraform syntax error: a block\'s type, labels and "{" must be on one line',
    });
    HEADER.lastIndex = lineEnd + 1;
    const inner = HEADER.exec(source);
    if (inner && inner.index < end && (file.swallowed === undefined || inner.index < file.swallowed))
      file.swallowed = inner.index;
  }
}

/**
 * `at` moved up over the `#` and `//` comment lines right above it: a directive there
 * (`# trail-lint-disable-next-line …`) belongs to the block, and was swallowed with it.
 */
export function withCommentsAbove(source: string, at: number): number {
  let start = at;
  while (start > 0) {
    const above = source.lastIndexOf('\n', start - 2) + 1;
    const line = source.slice(above, start - 1).trim();
    if (!line.startsWith('#') && !line.startsWith('//')) break;
    start = above;
  }
  return start;
}

/** What is said at a swallowed block the reader could not read on its own either. */
export function unreadBlock(source: string, at: number): ParseProblem {
  return {
    start: at,
    end: endOfLine(source, at),
    message:
      'trail-lint could not read this block: a syntax error above it makes tree-sitter read it as part of that error, so it is not checked until that error is fixed',
    complete: true,
  };
}

/**
 * Joins `rest` (the file read from `at` on) to `file` (the whole file read in one go). Of `file`, what ends
 * before `at` is kept; what runs past it (the block being typed, its errors) is cut at `at`, and that block,
 * whose end is not known, is marked broken by a problem on its header, so that no rule judges it.
 */
export function joinRest(file: HclFile, rest: HclFile, at: number): void {
  const culprit = file.body.blocks.find((b) => b.start < at && at < b.end);
  file.body = {
    attributes: [...file.body.attributes.filter((a) => a.end <= at), ...rest.body.attributes],
    blocks: [
      ...file.body.blocks
        .filter((b) => b.end <= at || b === culprit)
        .map((b) => (b === culprit ? cut(b, at) : b)),
      ...rest.body.blocks,
    ],
  };
  file.comments = [...file.comments.filter((c) => c.end <= at), ...rest.comments];
  // Cut short of the line break before `at`: a problem touching a block marks it broken (isBroken).
  const problems = file.problems
    .filter((p) => p.start < at)
    .map((p) => ({ ...p, end: Math.min(p.end, Math.max(p.start, at - 1)) }));
  // A block whose header is split (see splitHeaders) already has its problem there.
  if (culprit && !problems.some((p) => p.start === culprit.typeSpan.start))
    problems.push({
      start: culprit.typeSpan.start,
      end: headerEnd(culprit),
      message:
        'Terraform syntax error in this block (a string or heredoc left open, or a stray operator?): tree-sitter reads on past its end, so trail-lint reads the blocks after it on their own and judges this one once it is fixed',
      complete: true,
    });
  file.problems = [...problems, ...rest.problems];
  file.swallowed = rest.swallowed;
}

/** A block without what runs past `at`, ending there. */
function cut(b: HclBlock, at: number): HclBlock {
  return {
    ...b,
    end: at,
    body: {
      attributes: b.body.attributes.filter((a) => a.end <= at),
      blocks: b.body.blocks.filter((x) => x.end <= at),
    },
  };
}

function collect(blocks: readonly HclBlock[], spans: Spans, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const b of blocks) {
    for (const a of b.body.attributes) {
      spans.swallowing.push(a.value);
      heredocs(a.value, spans.text, 0);
    }
    collect(b.body.blocks, spans, depth + 1);
  }
}

/** Heredocs in an expression: their lines are text, whatever they look like. */
function heredocs(e: HclExpr, out: Span[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (e.kind === 'heredoc') out.push(e);
  else for (const x of innerExpressions(e)) heredocs(x, out, depth + 1);
}
