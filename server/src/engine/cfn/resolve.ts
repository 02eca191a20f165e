// Resolution of CloudFormation intrinsic functions, as far as a template alone allows. The result keeps
// what could not be known (a parameter without default, an import, another stack) as explicit unknowns,
// and keeps both branches of Fn::If, so that rules can tell "false" from "cannot tell".
import { entry, scalarString, type MapNode, type SourceNode } from '../source/node';
import type { CfnTemplate } from './template';

/**
 * What other formats lower into a template use for a value they cannot know, with the reason as its
 * argument (terraform/lower-expr.ts: a module output, a data source, a function).
 */
export const UNKNOWN_FN = 'Fn::TrailLint::Unknown';

/** A piece of a string built from intrinsics. */
export type Part =
  { lit: string } | { ref: string; attr?: string } | { pseudo: string } | { unknown: string };

/** Where a value came from when it is a parameter's default. */
export interface ViaParameter {
  param: string;
  /** The default value node. */
  node: SourceNode;
}

export type Resolved =
  | { k: 'scalar'; value: string | number | boolean | null; node: SourceNode; via?: ViaParameter }
  | { k: 'str'; parts: Part[]; node: SourceNode; via?: ViaParameter }
  | { k: 'list'; items: Resolved[]; node: SourceNode }
  /** A plain (non-intrinsic) map, such as a policy document; its values are resolved on demand. */
  | { k: 'map'; node: MapNode }
  | { k: 'if'; cond: string; then: Resolved; else: Resolved; node: SourceNode }
  | { k: 'novalue'; node: SourceNode }
  | { k: 'unknown'; why: string; node: SourceNode };

const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** Bound on Fn::If branches explored inside one string, so that nested conditions cannot explode. */
const MAX_BRANCHES = 16;
/** Bound on parameter/Sub indirection, so that cycles cannot loop. */
const MAX_DEPTH = 24;

export class Resolver {
  /**
   * Top-level results by node. The adapter, the linker and the symbol table each resolve the same
   * properties (a bucket's name three times, a policy's references again per statement); a result depends
   * only on the node and the template, which stay the same for the life of a resolver (one per
   * adaptation, never kept across edits), and no caller changes what it gets back.
   */
  private readonly memo = new Map<SourceNode, Resolved>();

  constructor(private readonly template: CfnTemplate) {}

  resolve(node: SourceNode | undefined, depth = 0): Resolved | undefined {
    if (!node) return undefined;
    if (depth > MAX_DEPTH) return { k: 'unknown', why: 'references nest too deeply', node };
    switch (node.kind) {
      case 'scalar':
        return { k: 'scalar', value: node.value, node };
      case 'seq':
        return { k: 'list', items: node.items.map((i) => this.resolve(i, depth + 1) as Resolved), node };
      case 'map': {
        // Plain maps (more than one entry) resolve to themselves at once: not worth an entry.
        if (depth > 0 || node.entries.length !== 1) return this.resolveMap(node, depth);
        let resolved = this.memo.get(node);
        if (!resolved) {
          resolved = this.resolveMap(node, 0);
          this.memo.set(node, resolved);
        }
        return resolved;
      }
    }
  }

  private resolveMap(node: MapNode, depth: number): Resolved {
    if (node.entries.length !== 1) return { k: 'map', node };
    const only = node.entries[0];
    const fn = String(only?.key.value);
    const arg = only?.value;
    switch (fn) {
      case 'Ref':
        return this.ref(scalarString(arg), node, depth);
      case 'Fn::GetAtt':
        return this.getAtt(arg, node);
      case 'Fn::Sub':
        return this.sub(arg, node, depth);
      case 'Fn::Join':
        return this.join(arg, node, depth);
      case 'Fn::If':
        return this.fnIf(arg, node, depth);
      case 'Fn::Select':
        return this.select(arg, node, depth);
      case 'Fn::FindInMap':
        return this.findInMap(arg, node, depth);
      case 'Fn::ImportValue':
        return { k: 'unknown', why: 'an Fn::ImportValue from another stack', node };
      case UNKNOWN_FN:
        return { k: 'unknown', why: scalarString(arg) ?? 'an unresolved value', node };
      default:
        if (fn.startsWith('Fn::')) return { k: 'unknown', why: `the result of ${fn}`, node };
        return { k: 'map', node };
    }
  }

  private ref(name: string | undefined, node: SourceNode, depth: number): Resolved {
    if (name === undefined) return { k: 'unknown', why: 'a Ref without a name', node };
    if (name === 'AWS::NoValue') return { k: 'novalue', node };
    if (PSEUDO.has(name)) return { k: 'str', parts: [{ pseudo: name }], node };
    const param = this.template.parameters.get(name);
    if (param) {
      if (!param.defaultValue) return { k: 'unknown', why: `parameter ${name}, which has no default`, node };
      const value = this.resolve(param.defaultValue, depth + 1);
      if (value && (value.k === 'scalar' || value.k === 'str'))
        return { ...value, via: { param: name, node: param.defaultValue } };
      return { k: 'unknown', why: `parameter ${name}`, node };
    }
    if (this.template.resources.has(name)) return { k: 'str', parts: [{ ref: name }], node };
    return { k: 'unknown', why: `${name}, which is not defined in this template`, node };
  }

  private getAtt(arg: SourceNode | undefined, node: SourceNode): Resolved {
    let target: string | undefined;
    let attr: string | undefined;
    const dotted = scalarString(arg);
    if (dotted !== undefined) {
      const dot = dotted.indexOf('.');
      target = dot < 0 ? dotted : dotted.slice(0, dot);
      attr = dot < 0 ? undefined : dotted.slice(dot + 1);
    } else if (arg?.kind === 'seq') {
      target = scalarString(arg.items[0]);
      attr = scalarString(arg.items[1]);
    }
    if (!target || !this.template.resources.has(target)) {
      return { k: 'unknown', why: `Fn::GetAtt of ${target ?? 'an unknown resource'}`, node };
    }
    return { k: 'str', parts: [{ ref: target, attr }], node };
  }

  private sub(arg: SourceNode | undefined, node: SourceNode, depth: number): Resolved {
    let format: string | undefined;
    let variables: MapNode | undefined;
    if (arg?.kind === 'seq') {
      format = scalarString(arg.items[0]);
      variables = arg.items[1]?.kind === 'map' ? arg.items[1] : undefined;
    } else {
      format = scalarString(arg);
    }
    if (format === undefined) return { k: 'unknown', why: 'an Fn::Sub whose text is not a string', node };
    const pieces: Resolved[] = [];
    const pattern = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = pattern.exec(format); m; m = pattern.exec(format)) {
      pieces.push({ k: 'scalar', value: format.slice(last, m.index), node });
      const name = (m[1] ?? '').trim();
      last = m.index + m[0].length;
      if (name.startsWith('!')) {
        pieces.push({ k: 'scalar', value: '${' + name.slice(1) + '}', node }); // ${!Literal} escapes
        continue;
      }
      const variable = variables && entry(variables, name)?.value;
      if (variable) {
        pieces.push(this.resolve(variable, depth + 1) as Resolved);
      } else if (name.includes('.')) {
        const dot = name.indexOf('.');
        const target = name.slice(0, dot);
        pieces.push(
          this.template.resources.has(target)
            ? { k: 'str', parts: [{ ref: target, attr: name.slice(dot + 1) }], node }
            : { k: 'unknown', why: `\${${name}}`, node },
        );
      } else {
        pieces.push(this.ref(name, node, depth + 1));
      }
    }
    pieces.push({ k: 'scalar', value: format.slice(last), node });
    return concat(pieces, '', node);
  }

  private join(arg: SourceNode | undefined, node: SourceNode, depth: number): Resolved {
    if (arg?.kind !== 'seq') return { k: 'unknown', why: 'a malformed Fn::Join', node };
    const delimiter = scalarString(arg.items[0]) ?? '';
    const list = this.resolve(arg.items[1], depth + 1);
    if (list?.k !== 'list') return { k: 'unknown', why: 'an Fn::Join over a computed list', node };
    return concat(list.items, delimiter, node);
  }

  private fnIf(arg: SourceNode | undefined, node: SourceNode, depth: number): Resolved {
    if (arg?.kind !== 'seq' || arg.items.length !== 3)
      return { k: 'unknown', why: 'a malformed Fn::If', node };
    const cond = scalarString(arg.items[0]) ?? '?';
    const then = this.resolve(arg.items[1], depth + 1) as Resolved;
    const otherwise = this.resolve(arg.items[2], depth + 1) as Resolved;
    return { k: 'if', cond, then, else: otherwise, node };
  }

  private select(arg: SourceNode | undefined, node: SourceNode, depth: number): Resolved {
    if (arg?.kind !== 'seq') return { k: 'unknown', why: 'a malformed Fn::Select', node };
    const index = Number(scalarString(arg.items[0]));
    const list = this.resolve(arg.items[1], depth + 1);
    const item = list?.k === 'list' && Number.isInteger(index) ? list.items[index] : undefined;
    return item ?? { k: 'unknown', why: 'an Fn::Select over a computed list', node };
  }

  private findInMap(arg: SourceNode | undefined, node: SourceNode, depth: number): Resolved {
    if (arg?.kind !== 'seq') return { k: 'unknown', why: 'a malformed Fn::FindInMap', node };
    const keys = arg.items.slice(0, 3).map((i) => this.resolve(i, depth + 1));
    const names = keys.map((k) => (k?.k === 'scalar' && k.value !== null ? String(k.value) : undefined));
    let at: SourceNode | undefined = this.template.mappings;
    for (const name of names) {
      if (name === undefined || at?.kind !== 'map')
        return { k: 'unknown', why: 'an Fn::FindInMap with computed keys', node };
      at = entry(at, name)?.value;
    }
    return at
      ? (this.resolve(at, depth + 1) as Resolved)
      : { k: 'unknown', why: 'an Fn::FindInMap entry that is missing', node };
  }
}

/** Joins resolved pieces into one string value, pushing Fn::If outwards so each branch stays a plain string. */
export function concat(pieces: Resolved[], delimiter: string, node: SourceNode): Resolved {
  const branchIndex = pieces.findIndex((p) => p.k === 'if');
  if (branchIndex >= 0) {
    const branch = pieces[branchIndex] as Extract<Resolved, { k: 'if' }>;
    if (countBranches(pieces) > MAX_BRANCHES) return { k: 'unknown', why: 'too many Fn::If branches', node };
    const withBranch = (b: Resolved): Resolved => {
      const copy = pieces.slice();
      if (b.k === 'novalue') copy.splice(branchIndex, 1);
      else copy[branchIndex] = b;
      return concat(copy, delimiter, node);
    };
    return { k: 'if', cond: branch.cond, then: withBranch(branch.then), else: withBranch(branch.else), node };
  }
  const parts: Part[] = [];
  let via: ViaParameter | undefined;
  pieces.forEach((p, i) => {
    if (i > 0 && delimiter) parts.push({ lit: delimiter });
    if (p.k === 'scalar') {
      if (p.value !== null) parts.push({ lit: String(p.value) });
      via ??= p.via;
    } else if (p.k === 'str') {
      parts.push(...p.parts);
      via ??= p.via;
    } else if (p.k === 'unknown') {
      parts.push({ unknown: p.why });
    } else if (p.k !== 'novalue') {
      parts.push({ unknown: 'a list or object inside a string' });
    }
  });
  const merged = mergeLiterals(parts);
  if (merged.length === 1 && 'lit' in (merged[0] as Part)) {
    return { k: 'scalar', value: (merged[0] as { lit: string }).lit, node, ...(via ? { via } : {}) };
  }
  return { k: 'str', parts: merged, node, ...(via ? { via } : {}) };
}

function countBranches(pieces: Resolved[]): number {
  return pieces.reduce((n, p) => (p.k === 'if' ? n * 2 : n), 1);
}

function mergeLiterals(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if ('lit' in p && prev && 'lit' in prev) out[out.length - 1] = { lit: prev.lit + p.lit };
    else if (!('lit' in p) || p.lit !== '') out.push(p);
  }
  return out.length ? out : [{ lit: '' }];
}

/** How renderParts writes a piece it could not resolve. */
export const UNKNOWN_PART = '${?}';

/** Renders a string value for messages: references as `${Name}` / `${Name.Attr}`. */
export function renderParts(parts: Part[]): string {
  return parts
    .map((p) => {
      if ('lit' in p) return p.lit;
      if ('ref' in p) return `\${${p.ref}${p.attr ? '.' + p.attr : ''}}`;
      if ('pseudo' in p) return `\${${p.pseudo}}`;
      return UNKNOWN_PART;
    })
    .join('');
}
