// The JSON writer's working copy: the steps of one fix intent applied to a text in turn, each through
// jsonc-parser's `modify` (structure, the file's indentation unit and line breaks; a collection written on
// one line stays on one line). fix/json.ts hands it the whole file; fix/json-excerpt.ts, in fix-all, an
// excerpt of the resources the fix touches.
import {
  createScanner,
  findNodeAtLocation,
  getNodeValue,
  modify,
  parseTree,
  type FormattingOptions,
  type JSONPath,
  type Node,
  SyntaxKind,
} from 'jsonc-parser';
import { isRef, isSub, type FixIntent, type FixPath, type FixValue } from './intents';

/** How a value is spelled in the document: CloudFormation intrinsics, or Terraform's interpolations. */
export type JsonRender = (value: FixValue) => unknown;

/** Where a resource's body sits: CloudFormation `Resources.<id>`. */
export type ResourceLocator = (id: string) => JSONPath;

export class JsonDocument {
  constructor(
    public text: string,
    private readonly render: JsonRender,
    private readonly locate: ResourceLocator,
    /** The tree of the latest text: every lookup of one text reads one parse, not one per step. */
    private tree: { text: string; root: Node | undefined },
    /** The file's indentation and line ends (`jsonFormat`), read from the whole file. */
    private readonly format: FormattingOptions,
  ) {}

  apply(intent: FixIntent): boolean {
    switch (intent.kind) {
      case 'add-resources': {
        for (const r of intent.resources) {
          if (this.node(this.locate(r.id))) return false;
          const body: Record<string, unknown> = { Type: r.type };
          if (r.dependsOn?.length)
            body['DependsOn'] = r.dependsOn.length === 1 ? r.dependsOn[0] : r.dependsOn;
          body['Properties'] = this.render(r.properties);
          this.edit(this.locate(r.id), body);
        }
        return intent.then.every((t) => this.apply(t));
      }
      case 'set':
        return this.set(intent.resource, intent.path, intent.value);
      case 'remove': {
        const path = this.path(intent.resource, intent.path);
        if (!path) return false;
        if (this.node(path)) this.edit(path, undefined);
        return true;
      }
      case 'append':
        return this.append(intent.resource, intent.path, intent.value);
      case 'replace':
        return this.replace(intent.resource, intent.path, intent.from, intent.to);
    }
  }

  private set(resource: string, fixPath: FixPath, value: FixValue): boolean {
    const path = this.path(resource, fixPath);
    if (!path) return false;
    const existing = this.node(path);
    // An object merges into an object key by key: what the fix does not mention stays.
    if (existing?.type === 'object' && isPlainObject(value)) {
      return Object.entries(value).every(([k, v]) => this.set(resource, [...fixPath, k], v));
    }
    const rendered = this.render(value);
    if (existing && JSON.stringify(getNodeValue(existing)) === JSON.stringify(rendered)) return true;
    this.edit(path, rendered);
    return true;
  }

  private append(resource: string, fixPath: FixPath, value: FixValue): boolean {
    const path = this.path(resource, fixPath);
    if (!path) return false;
    const rendered = this.render(value);
    const existing = this.node(path);
    if (!existing) {
      this.edit(path, [rendered]);
      return true;
    }
    const current: unknown = getNodeValue(existing);
    if (existing.type !== 'array') {
      if (existing.type === 'object' && isIntrinsic(current)) return false;
      if (same(current, rendered)) return true;
      this.edit(path, [current, rendered]);
      return true;
    }
    if ((current as unknown[]).some((item) => same(item, rendered))) return true;
    this.edit([...path, -1], rendered, true);
    return true;
  }

  private replace(resource: string, fixPath: FixPath, from: string, to: FixValue): boolean {
    const path = this.path(resource, fixPath);
    const existing = path && this.node(path);
    if (!path || !existing) return false;
    const rendered = this.render(to);
    if (existing.type === 'string' || subOf(getNodeValue(existing)) !== undefined) {
      if (existing.value !== from && subOf(getNodeValue(existing)) !== from) return false;
      this.edit(path, rendered);
      return true;
    }
    if (existing.type !== 'array') return false;
    // An item written as `{ "Fn::Sub": "arn:${AWS::Partition}:…" }` reads as its string, as the model does.
    const index = (existing.children ?? []).findIndex(
      (c) => (c.type === 'string' && c.value === from) || subOf(getNodeValue(c)) === from,
    );
    if (index < 0) return false;
    const items = Array.isArray(rendered) ? rendered : [rendered];
    this.edit([...path, index], items[0]);
    items.slice(1).forEach((item, i) => this.edit([...path, index + 1 + i], item, true));
    return true;
  }

  /** The JSON path of a fix path; a `Statement` written as one object has it at index 0. */
  private path(resource: string, fixPath: FixPath): JSONPath | undefined {
    const path: JSONPath = [...this.locate(resource)];
    if (!this.node(path)) return undefined;
    for (const step of fixPath) {
      if (typeof step === 'number') {
        const list = this.node(path);
        if (list?.type === 'object' && step === 0) continue;
        if (list?.type !== 'array' || step >= (list.children?.length ?? 0)) return undefined;
      } else {
        const parent = this.node(path);
        if (parent && (parent.type !== 'object' || isIntrinsic(getNodeValue(parent)))) return undefined;
      }
      path.push(step);
    }
    return path;
  }

  private node(path: JSONPath): Node | undefined {
    if (this.tree.text !== this.text)
      this.tree = { text: this.text, root: parseTree(this.text, [], { allowTrailingComma: true }) };
    const { root } = this.tree;
    return root && findNodeAtLocation(root, path);
  }

  private edit(path: JSONPath, value: unknown, isArrayInsertion = false): void {
    // A collection replaced in place keeps its own layout; anything else follows the collection it lands in.
    const target = isArrayInsertion ? undefined : this.node(path);
    const own = target && (target.type === 'object' || target.type === 'array');
    const span = own
      ? this.text.slice(target.offset, target.offset + target.length)
      : this.containerSpan(path);
    const oneLine = !span.includes('\n');
    const edits = modify(this.text, path, value, {
      formattingOptions: oneLine ? undefined : this.format,
      isArrayInsertion,
    });
    for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
      const content = oneLine ? spaced(e.content) : e.content;
      this.text = this.text.slice(0, e.offset) + content + this.text.slice(e.offset + e.length);
    }
  }

  /** The text of the nearest existing collection on the path: where the change lands. */
  private containerSpan(path: JSONPath): string {
    for (let n = path.length - 1; n >= 0; n--) {
      const node = this.node(path.slice(0, n));
      if (node && (node.type === 'object' || node.type === 'array'))
        return this.text.slice(node.offset, node.offset + node.length);
    }
    return this.text;
  }
}

function subOf(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const sub = (v as Record<string, unknown>)['Fn::Sub'];
  return Object.keys(v).length === 1 && typeof sub === 'string' ? sub : undefined;
}

function isPlainObject(v: FixValue): v is { readonly [key: string]: FixValue } {
  return typeof v === 'object' && !Array.isArray(v) && !isRef(v) && !isSub(v);
}

/** `{ "Fn::If": … }`, `{ "Ref": … }`: not a map a fix may write into. */
function isIntrinsic(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] as string).startsWith('Fn::'));
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One-line JSON as people write it: a space after each colon and comma, inside braces. */
function spaced(content: string): string {
  const scanner = createScanner(content, false);
  let out = '';
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const token = scanner.getTokenValue();
    // What the separators below put back is all the spacing a one-line collection needs.
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if (kind === SyntaxKind.StringLiteral) out += JSON.stringify(token);
    else if (kind === SyntaxKind.ColonToken) out += ': ';
    else if (kind === SyntaxKind.CommaToken) out += ', ';
    else if (kind === SyntaxKind.OpenBraceToken) out += '{ ';
    else if (kind === SyntaxKind.CloseBraceToken) out += ' }';
    else out += content.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
  }
  return out.replace(/\{ {2}\}/g, '{}').replace(/, +/g, ', ');
}
