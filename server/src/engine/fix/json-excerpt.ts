// Fix-all's JSON writer. A pass of fix-all asks for a thousand fixes against one 1 MB template, and
// jsonc-parser's `modify` parses the whole text it is given: fix by fix that was a thousand full parses per
// pass. Yet a fix only reads and writes the resources it names (and, to add one, the last resource, after
// which `modify` inserts). So the text is parsed once per pass (through the writer memo), and each fix runs
// the same steps (fix/json-document.ts) on an excerpt: a small JSON document holding just those resources'
// lines, exactly as written, in their order. Lines are what `modify` formats, so on those lines it does
// what it would do in the whole file. The changed lines are then put back and diffed against the original
// around them (fix/json-window.ts), which gives the edit the whole-text writer gives, byte for byte.
//
// Anything the excerpt cannot stand for exactly (a resource sharing a line with another, a comment after
// one, a document without line breaks) is left to the whole-text writer: `undefined` below means "not
// here", never "no fix".
import { parseTree, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import type { FileEdit, FixIntent } from './intents';
import { cfnJson, jsonFormat, readTree } from './json';
import { JsonDocument, type ResourceLocator } from './json-document';
import { windowEdit, type Slice } from './json-window';
import type { WriterMemo } from './writer-memo';

/** Keys of the filler lines between the excerpt's resources; not a logical id CloudFormation accepts. */
const MARK = '~trail-lint-excerpt';

/** In the excerpt, the resources sit at the top. */
const IN_EXCERPT: ResourceLocator = (id) => [id];

/** What every fix of a pass reads from the text: read once per text through the memo. */
interface PassRead {
  /** The properties of `Resources`, by logical id (the first of a repeated id, as lookups find it). */
  resources: Map<string, Node>;
  /** The last property of `Resources`, after which new resources go. */
  last: Node | undefined;
  format: FormattingOptions;
  /** The first line break, which `modify` writes new lines with (only `\n` and `\r\n` here). */
  eol: string;
  /** Where the line the indentation unit is read from ends (jsonIndentUnit), -1 without one. */
  unitEnd: number;
  /** The first `\r\n`, -1 without one. */
  firstCrlf: number;
}

/**
 * The edits of a CloudFormation JSON fix, worked out on an excerpt: `{ edits }`, exactly what `jsonFixEdits`
 * (or, for a batch, fix/apply.ts one change after the other) gives; undefined when the excerpt cannot stand
 * for the text and the whole-text writer has to do it.
 */
export function excerptFixEdits(
  file: string,
  text: string,
  intent: FixIntent,
  memo?: WriterMemo,
): { edits: FileEdit[] | undefined } | undefined {
  const tree = memo ? memo.get('json', text, readTree) : readTree(text);
  if (!tree?.root) return undefined;
  const root = tree.root;
  const pass = memo ? memo.get('json-excerpt', text, () => readPass(text, root)) : readPass(text, root);
  if (!pass) return undefined;
  const excerpt = excerptOf(text, pass, intent);
  if (!excerpt) return undefined;
  const run = new ExcerptRun(excerpt, pass);
  const done = run.apply(intent);
  if (done === 'whole') return undefined;
  if (!done) return { edits: undefined };
  const pieces = excerpt.split(run.text);
  if (!pieces) return undefined;
  const edits = windowEdit(file, text, excerpt.slices, pieces);
  return edits && { edits };
}

function readPass(text: string, root: Node): PassRead | null {
  const container = root.type === 'object' ? root.children?.find((p) => key(p) === 'Resources') : undefined;
  const object = container?.children?.[1];
  const eol = /\r\n?|\n/.exec(text)?.[0];
  if (object?.type !== 'object' || (eol !== '\n' && eol !== '\r\n')) return null;
  const resources = new Map<string, Node>();
  for (const property of object.children ?? []) {
    const id = key(property);
    if (id !== undefined && !resources.has(id)) resources.set(id, property);
  }
  const unit = /\n([ \t]+)\S/.exec(text);
  return {
    resources,
    last: object.children?.at(-1),
    format: jsonFormat(text),
    eol,
    unitEnd: unit ? unit.index + unit[0].length : -1,
    firstCrlf: text.indexOf('\r\n'),
  };
}

function key(property: Node): string | undefined {
  const name: unknown = property.children?.[0]?.value;
  return typeof name === 'string' ? name : undefined;
}

class Excerpt {
  constructor(
    readonly text: string,
    readonly slices: Slice[],
    /** What follows each slice in the excerpt: a filler line, and after the last the closing brace. */
    private readonly gaps: string[],
    private readonly head: string,
  ) {}

  /** The excerpt's slices after the fix, or undefined if the filler around them did not stay as it was. */
  split(after: string): string[] | undefined {
    if (!after.startsWith(this.head)) return undefined;
    const pieces: string[] = [];
    let at = this.head.length;
    for (const [i, gap] of this.gaps.entries()) {
      const last = i === this.gaps.length - 1;
      const end = last ? after.length - gap.length : after.indexOf(gap, at);
      if (end < at || (last && !after.endsWith(gap))) return undefined;
      pieces.push(after.slice(at, end));
      at = end + gap.length;
    }
    return pieces;
  }
}

/**
 * The resources the intent names (and the last one when it adds resources), each as the whole lines it is
 * written on, joined into one document: `{`, each resource's lines, a filler property between them (so that
 * each keeps its own comma), `}`.
 */
function excerptOf(text: string, pass: PassRead, intent: FixIntent): Excerpt | undefined {
  const touched = touchedBy(intent);
  // A value spelling a filler line could be taken for one when the excerpt is split again.
  if (!touched || JSON.stringify(intent).includes(MARK)) return undefined;
  const properties = new Set<Node>();
  for (const id of touched.ids) {
    if (id.includes(MARK)) return undefined;
    const property = pass.resources.get(id);
    if (property) properties.add(property);
  }
  if (touched.adds) {
    if (!pass.last) return undefined;
    properties.add(pass.last);
  }
  const slices: (Slice & { comma: boolean })[] = [];
  for (const property of properties) {
    const slice = sliceOf(text, property);
    if (!slice) return undefined;
    slices.push(slice);
  }
  slices.sort((a, b) => a.start - b.start);
  const { eol } = pass;
  const head = `{${eol}`;
  let excerpt = head;
  const gaps: string[] = [];
  for (const [i, slice] of slices.entries()) {
    const next = slices[i + 1];
    if (next && (next.start <= slice.end || !slice.comma)) return undefined;
    const own = text.slice(slice.start, slice.end);
    if (own.includes(MARK)) return undefined;
    let gap: string;
    if (next) gap = `${eol}"${MARK}-${i}": 0,${eol}`;
    else if (!slice.comma) gap = `${eol}}`;
    // The last resource of all takes new ones after it, in the excerpt as in the file: nothing may follow.
    else if (touched.adds) return undefined;
    else gap = `${eol}"${MARK}-end": 0${eol}}`;
    gaps.push(gap);
    excerpt += own + gap;
  }
  if (slices.length === 0) excerpt += '}';
  return new Excerpt(excerpt, slices, gaps, head);
}

/**
 * The lines a resource is written on, when they are its own: nothing but indentation before its key, at most
 * a comma after its value. The line before ends in `\n`, so the edit's trimming to whole lines stops there
 * as it would in the whole text.
 */
function sliceOf(text: string, property: Node): (Slice & { comma: boolean }) | undefined {
  const start = text.lastIndexOf('\n', property.offset - 1) + 1;
  if (start === 0 || !/^[ \t]*$/.test(text.slice(start, property.offset))) return undefined;
  const valueEnd = property.offset + property.length;
  let end = valueEnd;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const after = text.slice(valueEnd, end);
  if (!/^[ \t]*,?[ \t]*$/.test(after)) return undefined;
  return { start, end, comma: after.includes(',') };
}

/**
 * The logical ids an intent reads or writes, and whether it adds resources. Undefined for a change of a
 * resource as a whole (a path without a key: an index 0 into a resource is the resource itself), which
 * reaches past its own lines to its neighbours' commas.
 */
function touchedBy(intent: FixIntent): { ids: Set<string>; adds: boolean } | undefined {
  const ids = new Set<string>();
  let adds = false;
  const visit = (i: FixIntent): boolean => {
    if (i.kind !== 'add-resources') {
      ids.add(i.resource);
      return i.path.some((step) => typeof step === 'string');
    }
    for (const r of i.resources) ids.add(r.id);
    adds ||= i.resources.length > 0;
    return i.then.every(visit);
  };
  return visit(intent) ? { ids, adds } : undefined;
}

/**
 * The steps of a fix on the excerpt. A batch (an `add-resources` that adds nothing) applies its changes one
 * after the other, each read afresh as fix/apply.ts reads them: the indentation and line ends of the text
 * as it stands then.
 */
class ExcerptRun {
  text: string;

  constructor(
    private readonly excerpt: Excerpt,
    private readonly pass: PassRead,
  ) {
    this.text = excerpt.text;
  }

  /** Whether the intent applied; 'whole' when a step needs what the excerpt does not show. */
  apply(intent: FixIntent): boolean | 'whole' {
    if (intent.kind === 'add-resources' && intent.resources.length === 0) {
      for (const step of intent.then) {
        const done = this.apply(step);
        if (done !== true) return done;
      }
      return true;
    }
    const format = this.format();
    if (!format) return 'whole';
    const errors: ParseError[] = [];
    const root = parseTree(this.text, errors, { allowTrailingComma: true });
    if (errors.length > 0) return 'whole';
    const doc = new JsonDocument(this.text, cfnJson, IN_EXCERPT, { text: this.text, root }, format);
    if (!doc.apply(intent)) return false;
    this.text = doc.text;
    return true;
  }

  /**
   * The format the whole-text writer would read from the whole text as it stands (jsonFormat): the
   * indentation unit comes from a line before the first resource here, and `\r\n` is in the text if it is
   * before that resource or, in a file without one, in what the steps wrote.
   */
  private format(): FormattingOptions | undefined {
    const { pass } = this;
    if (this.text === this.excerpt.text) return pass.format;
    const first = this.excerpt.slices[0]?.start;
    if (first === undefined || pass.unitEnd < 0 || pass.unitEnd > first) return undefined;
    if (pass.firstCrlf >= 0 && pass.firstCrlf < first) return { ...pass.format, eol: '\r\n' };
    if (pass.firstCrlf >= 0) return undefined;
    return { ...pass.format, eol: this.text.includes('\r\n') ? '\r\n' : '\n' };
  }
}
