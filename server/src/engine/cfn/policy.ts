// Reading IAM policy documents written in a template: as YAML/JSON objects (with exact locations), or as a
// JSON string, plain or built with Fn::Sub/Fn::Join (locations collapse onto the string). Resource and
// principal values are put in canonical form (policy/arn.ts) so the evaluator can compare them with the
// ARNs of the template's buckets and keys. What cannot be read is marked, never taken as absent.
import type {
  Loc,
  PolicyCondition,
  PolicyDocument,
  PolicyStatement,
  Principals,
  Value,
} from '../model/types';
import { canonicalArn, canonicalPrincipal, type Symbols } from '../policy/arn';
import { parseJson } from '../source/json-parse';
import { DEFAULT_LIMITS } from '../source/limits';
import { entry, mapNode, scalarNode, seqNode, type MapNode, type SourceNode } from '../source/node';
import { renderParts, UNKNOWN_PART as UNKNOWN } from './resolve';
import type { ValueReader } from './values';

export class PolicyReader {
  /**
   * canonicalArn by text: a module repeats the same few resource ARNs in every policy, and canonicalizing
   * one rebuilds it token by token. Safe to keep for the reader's life: the reader and its symbol table are
   * made for one adaptation of one template and the table is never changed afterwards.
   */
  private readonly canonical = new Map<string, string>();

  constructor(
    private readonly reader: ValueReader,
    private readonly symbols: Symbols,
  ) {}

  private canonicalArn(text: string): string {
    let out = this.canonical.get(text);
    if (out === undefined) {
      out = canonicalArn(text, this.symbols);
      this.canonical.set(text, out);
    }
    return out;
  }

  /** `path`: where the document sits in its resource (see PolicyDocument.path). */
  read(node: SourceNode | undefined, path: readonly (string | number)[]): PolicyDocument | undefined {
    if (!node) return undefined;
    const reader = this.reader;
    const resolved = reader.resolver.resolve(node);
    const at = reader.loc(node);
    if (resolved?.k === 'map') return this.document(resolved.node, at, path);
    // A policy given as a JSON string: read it, pinning every location to the string itself. A string built
    // with Fn::Sub keeps its references as `${Name}` tokens, which canonicalization understands.
    let text: string | undefined;
    if (resolved?.k === 'scalar' && typeof resolved.value === 'string') text = resolved.value;
    else if (resolved?.k === 'str') text = renderParts(resolved.parts);
    if (resolved?.k === 'unknown')
      return { at, path, statements: [], partial: true, unreadStatements: true, unreadable: resolved.why };
    if (text === undefined) return { at, path, statements: [], partial: true, unreadStatements: true };
    const parsed = parseJson(text, DEFAULT_LIMITS);
    if (!parsed.root || parsed.problems.length > 0) {
      // JSON built around parts the file does not give (a loop, a variable in place of a value): say why.
      const unknown = resolved?.k === 'str' ? resolved.parts.find((p) => 'unknown' in p) : undefined;
      const unreadable = unknown && 'unknown' in unknown ? unknown.unknown : undefined;
      return { at, path, statements: [], partial: true, unreadStatements: true, unreadable };
    }
    return this.document(pin(parsed.root, node), at, path);
  }

  private document(node: SourceNode, at: Loc, path: readonly (string | number)[]): PolicyDocument {
    const statementNode = node.kind === 'map' ? entry(node, 'Statement')?.value : undefined;
    let unread = false;
    let partial = false;
    const statements: PolicyStatement[] = [];
    for (const [index, item] of this.items(statementNode).entries()) {
      const resolved = this.reader.resolver.resolve(item);
      if (resolved?.k !== 'map') {
        unread = true;
        continue;
      }
      const statement = this.statement(resolved.node, index);
      partial ||= statement.partial;
      statements.push(statement);
    }
    unread ||= statementNode !== undefined && statements.length === 0;
    return { at, path, statements, partial: partial || unread, unreadStatements: unread };
  }

  private statement(node: MapNode, index: number): PolicyStatement {
    const principalEntry = entry(node, 'Principal') ?? entry(node, 'NotPrincipal');
    const principal = principalEntry ? this.principals(principalEntry.value) : undefined;
    const conditions = this.conditions(entry(node, 'Condition')?.value);
    let computed = false;
    const strings = (name: string, canonical: boolean): Value<string>[] | undefined => {
      const e = entry(node, name);
      if (!e) return undefined;
      const items = this.listOf(e.value);
      if (items === undefined) {
        // A computed list: one unknown item, so that matching answers "maybe" rather than "none".
        computed = true;
        const at = this.reader.loc(e.value ?? e.key);
        return [
          { name, value: undefined, provenance: 'unresolved', isSet: true, at, note: 'a computed list' },
        ];
      }
      return items.map((v) => this.string(name, v, canonical));
    };
    const actions = strings('Action', false);
    const notActions = strings('NotAction', false);
    const resources = strings('Resource', true);
    const notResources = strings('NotResource', true);
    // Checked list by list, not spread into one array: this runs for every statement of every policy.
    const unknownIn = (list: Value<string>[] | undefined): boolean =>
      list !== undefined && list.some((v) => v.value === undefined);
    const effect = this.reader.string(node, 'Effect');
    const sid = entry(node, 'Sid')?.value;
    return {
      at: this.reader.loc(node),
      index,
      sid: sid?.kind === 'scalar' && sid.value !== null ? String(sid.value) : undefined,
      effect,
      principal,
      principalAt: principalEntry ? this.reader.loc(principalEntry.key) : undefined,
      notPrincipal: principalEntry?.key.value === 'NotPrincipal',
      actions: actions ?? [],
      actionAt: this.keyLoc(node, notActions ? 'NotAction' : 'Action'),
      notActions,
      resources: resources ?? [],
      notResources,
      conditions: conditions.list,
      conditionsPartial: conditions.partial || conditions.list.some((c) => c.values.includes(undefined)),
      partial:
        conditions.partial ||
        (principal?.partial ?? false) ||
        effect.value === undefined ||
        unknownIn(actions) ||
        unknownIn(notActions) ||
        unknownIn(resources) ||
        unknownIn(notResources) ||
        computed,
    };
  }

  private keyLoc(node: MapNode, name: string): Loc | undefined {
    const e = entry(node, name);
    return e ? this.reader.loc(e.key) : undefined;
  }

  private principals(node: SourceNode | undefined): Principals {
    const out: Principals = { anyone: false, services: [], aws: [], federated: [], partial: false };
    const resolved = this.reader.resolver.resolve(node);
    if (resolved?.k === 'scalar' && resolved.value === '*') {
      out.anyone = true;
      return out;
    }
    if (resolved?.k !== 'map') {
      out.partial = true;
      return out;
    }
    for (const e of resolved.node.entries) {
      const kind = String(e.key.value);
      for (const item of this.items(e.value)) {
        const value = this.string(kind, item, false).value;
        if (value === undefined || value.includes(UNKNOWN)) {
          // An ARN the file does not fully give is still an ARN: never `*`, never a service. It is kept, as
          // far as it is known, in `aws`. Anything else unresolved (a whole variable) may be `*`, which
          // covers every principal, services included: that leaves the principal partial.
          const text = value ?? this.rendered(item);
          if (kind === 'AWS' && text?.startsWith('arn:')) out.aws.push(knownIdentity(text));
          else {
            if (kind === 'AWS') out.aws.push(undefined);
            out.partial = true;
          }
          continue;
        }
        if (kind === 'Service') out.services.push(value.toLowerCase());
        else if (kind === 'Federated') out.federated.push(value);
        else if (kind === 'AWS') {
          if (value === '*') out.anyone = true;
          else out.aws.push(canonicalPrincipal(value, this.symbols));
        } else out.partial = true;
      }
    }
    return out;
  }

  /** A string built of pieces, the unresolved ones as `${?}`; undefined when it is not such a string. */
  private rendered(node: SourceNode): string | undefined {
    const resolved = this.reader.resolver.resolve(node);
    return resolved?.k === 'str' ? renderParts(resolved.parts) : undefined;
  }

  private conditions(node: SourceNode | undefined): { list: PolicyCondition[]; partial: boolean } {
    const list: PolicyCondition[] = [];
    if (!node) return { list, partial: false };
    const resolved = this.reader.resolver.resolve(node);
    if (resolved?.k !== 'map') return { list, partial: true };
    let partial = false;
    for (const op of resolved.node.entries) {
      const block = this.reader.resolver.resolve(op.value);
      if (block?.k !== 'map' || unknownName(op.key.value)) {
        partial = true;
        continue;
      }
      for (const k of block.node.entries) {
        // A computed condition key (a policy document's `variable = var.key`) may be any key.
        if (unknownName(k.key.value)) {
          partial = true;
          continue;
        }
        const values = this.items(k.value).map((v) => {
          const value = this.string(String(k.key.value), v, true).value;
          return value === undefined || value.includes(UNKNOWN) ? undefined : value;
        });
        list.push({ operator: String(op.key.value), key: String(k.key.value), values });
      }
    }
    return { list, partial };
  }

  /** A string item; `canonical` puts ARNs in canonical form. Unresolved pieces make the value unknown. */
  private string(name: string, node: SourceNode, canonical: boolean): Value<string> {
    if (node.kind === 'scalar' && typeof node.value === 'string' && !node.value.includes(UNKNOWN)) {
      // The common case, kept cheap: this runs for every action, resource and condition value.
      const text = node.value;
      const at = this.reader.loc(node);
      const value = canonical ? this.canonicalArn(text) : text;
      return { name, value, provenance: 'explicit', isSet: true, at };
    }
    const value = this.reader.stringItem(name, node);
    if (value.value === undefined) return value;
    if (value.value.includes(UNKNOWN))
      return {
        ...value,
        value: undefined,
        provenance: 'unresolved',
        note: 'a value this file does not give',
      };
    return canonical ? { ...value, value: this.canonicalArn(value.value) } : value;
  }

  /** The items of a list or a single value; undefined when the list is computed (`!Split`, `!If` of lists). */
  private listOf(node: SourceNode | undefined): SourceNode[] | undefined {
    if (!node) return [];
    if (node.kind !== 'map') return node.kind === 'seq' ? node.items : [node];
    const resolved = this.reader.resolver.resolve(node);
    if (resolved?.k === 'list') return resolved.items.map((i) => i.node);
    if (resolved?.k === 'str' || resolved?.k === 'scalar' || resolved?.k === 'if') return [node];
    if (resolved?.k === 'novalue') return [];
    return undefined;
  }

  /** The items of a list (or a single value), expanding a list the resolver can compute. */
  private items(node: SourceNode | undefined): SourceNode[] {
    if (!node) return [];
    if (node.kind === 'seq') return node.items;
    if (node.kind === 'map') {
      const resolved = this.reader.resolver.resolve(node);
      if (resolved?.k === 'list') return resolved.items.map((i) => i.node);
    }
    return [node];
  }
}

/** Moves every node of a tree parsed from a string onto the string's own location. */
function pin(node: SourceNode, at: SourceNode): SourceNode {
  switch (node.kind) {
    case 'scalar':
      return scalarNode(node.value, at.start, at.end);
    case 'seq':
      return seqNode(
        node.items.map((i) => pin(i, at)),
        at.start,
        at.end,
      );
    case 'map':
      return mapNode(
        node.entries.map((e) => ({
          key: scalarNode(e.key.value, at.start, at.end),
          value: e.value && pin(e.value, at),
        })),
        at.start,
        at.end,
      );
  }
}

/** An operator or condition key the reader could not resolve (`?` from a policy document data source). */
function unknownName(name: unknown): boolean {
  return typeof name !== 'string' || name === '?' || name.includes(UNKNOWN);
}

/**
 * An IAM role or user ARN with unresolved parts (`arn:aws:iam::${var.account}:role/${var.name}-admin`): what
 * its known parts say (it is no account root). Undefined for any other ARN, which may be an account root.
 */
function knownIdentity(value: string | undefined): string | undefined {
  return value !== undefined && IAM_IDENTITY.test(value) ? value : undefined;
}

/** Fields may hold `${…}` tokens (`${AWS::AccountId}`, `${?}`), whose text may contain colons. */
const IAM_IDENTITY =
  /^arn:(?:\$\{[^}]*\}|[^:$])*:(?:iam|sts)::(?:\$\{[^}]*\}|[^:$])*:(?:role|user|assumed-role|federated-user)\//;
