// Parsing JSON with jsonc-parser's scanner-based visitor, straight into the source tree (one pass, exact
// offsets). Comments and trailing commas are tolerated: they are the JSON language service's business, and
// refusing them would only hide findings.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import {
  mapNode,
  scalarNode,
  seqNode,
  type MapNode,
  type ParseProblem,
  type ScalarNode,
  type SeqNode,
  type SourceNode,
} from './node';
import { jsonTooDeepAt } from './depth-scan';
import { nestsTooDeep, type SourceLimits } from './limits';

export interface JsonParse {
  root: SourceNode | undefined;
  problems: ParseProblem[];
}

/** Whether a template's text is JSON (its first non-blank character, after any byte-order mark, is `{`). */
export function isJsonText(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
}

type Open =
  | { node: MapNode; pendingKey?: ScalarNode; keys?: Set<unknown> }
  | { node: SeqNode; pendingKey?: undefined; keys?: undefined };

/**
 * Adds a member to an object; a key written twice keeps its last value, as JSON parsers do (JavaScript's,
 * Go's, which the AWS provider normalizes policies with, Python's): what a service receives is the last.
 */
function addEntry(
  top: Extract<Open, { node: MapNode }>,
  key: ScalarNode,
  value: SourceNode | undefined,
): void {
  const entries = top.node.entries;
  top.keys ??= new Set();
  if (top.keys.has(key.value)) {
    const earlier = entries.findIndex((e) => e.key.value === key.value);
    if (earlier >= 0) entries.splice(earlier, 1);
  } else top.keys.add(key.value);
  entries.push({ key, value });
}

export function parseJson(text: string, limits: SourceLimits): JsonParse {
  // jsonc-parser's visitor recurses per level: past the limit it would overflow the stack, so look first.
  const tooDeep = jsonTooDeepAt(text, limits.maxDepth);
  if (tooDeep !== undefined) {
    const message = nestsTooDeep(limits.maxDepth);
    return { root: undefined, problems: [{ start: tooDeep, end: tooDeep + 1, message }] };
  }
  const problems: ParseProblem[] = [];
  const stack: Open[] = [];
  let root: SourceNode | undefined;
  let count = 0;
  let overLimit: string | undefined;

  const add = (node: SourceNode): void => {
    if (++count > limits.maxExpandedNodes)
      overLimit ??= `the document has more than ${limits.maxExpandedNodes} nodes; it is not linted`;
    const top = stack.at(-1);
    if (!top) {
      root ??= node;
      return;
    }
    if (top.node.kind === 'seq') {
      top.node.items.push(node);
    } else if (top.pendingKey) {
      addEntry(top, top.pendingKey, node);
      top.pendingKey = undefined;
    }
  };
  const open = (entry: Open): void => {
    add(entry.node);
    stack.push(entry);
    if (stack.length > limits.maxDepth) overLimit ??= nestsTooDeep(limits.maxDepth);
  };
  const close = (offset: number, length: number): void => {
    const top = stack.pop();
    if (!top) return;
    if (top.node.kind === 'map' && top.pendingKey) {
      // `"Key":` cut short by a syntax error: keep the key so the reader still sees it.
      addEntry(top, top.pendingKey, undefined);
    }
    top.node.end = offset + length;
  };

  visit(
    text,
    {
      onObjectBegin: (offset) => open({ node: mapNode([], offset, offset) }),
      onObjectProperty: (property, offset, length) => {
        const top = stack.at(-1);
        if (top?.node.kind === 'map') top.pendingKey = scalarNode(property, offset, offset + length);
      },
      onObjectEnd: close,
      onArrayBegin: (offset) => open({ node: seqNode([], offset, offset) }),
      onArrayEnd: close,
      onLiteralValue: (value: unknown, offset, length) => {
        const scalar: ScalarNode['value'] =
          typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
        add(scalarNode(scalar, offset, offset + length));
      },
      onError: (error: ParseErrorCode, offset, length) => {
        problems.push({ start: offset, end: offset + length, message: describe(error) });
      },
    },
    { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true },
  );
  // Containers left open by a truncated file end where the text ends.
  while (stack.length > 0) close(text.length, 0);
  if (overLimit) return { root: undefined, problems: [{ start: 0, end: 0, message: overLimit }] };
  return { root, problems };
}

function describe(error: ParseErrorCode): string {
  return `JSON syntax error: ${jsonErrorWords(error)}`;
}

/** jsonc-parser's `CloseBraceExpected` → `close brace expected`. */
export function jsonErrorWords(error: ParseErrorCode): string {
  return printParseErrorCode(error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** The indentation unit: a tab, or the first indented line's spaces (CDK writes one space per level). */
export function jsonIndentUnit(text: string): string {
  const match = /\n([ \t]+)\S/.exec(text);
  const unit = match?.[1] ?? '  ';
  return unit.startsWith('\t') ? '\t' : unit;
}
