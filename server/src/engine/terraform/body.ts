// One view of a Terraform resource body, whichever way it was written: HCL nested blocks
// (`event_selector { … }`) and JSON-ish object attributes (`event_selector = [{ … }]`, what `.tf.json` and
// plans give) read the same.
import type { HclAttribute, HclBody, HclExpr } from '../source/hcl';
import type { Span } from '../source/node';

export interface NestedBlock {
  /** The block type or attribute name, where a missing setting inside it is reported. */
  keySpan: Span;
  /** The whole block or object. */
  span: Span;
  body: BodyView;
}

export class BodyView {
  constructor(readonly body: HclBody) {}

  static ofObject(e: Extract<HclExpr, { kind: 'object' }>): BodyView {
    const attributes: HclAttribute[] = [];
    for (const x of e.entries) {
      if (x.key === undefined) continue;
      attributes.push({
        name: x.key,
        nameSpan: x.keySpan,
        start: x.keySpan.start,
        end: x.value.end,
        value: x.value,
      });
    }
    return new BodyView({ attributes, blocks: [] });
  }

  /**
   * Why the blocks of a type are unknown ({@link blocks} gave undefined), for "depends on …" notes:
   * `written` gives the text of the collection a `dynamic` block goes over.
   */
  computedWhy(name: string, written: (e: HclExpr) => string): string {
    const dynamic = this.body.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === name);
    const forEach = dynamic?.body.attributes.find((a) => a.name === 'for_each')?.value;
    if (forEach) return `the ${name} blocks a dynamic block writes for each of ${written(forEach)}`;
    const a = this.attr(name);
    return a ? `${name} = ${written(a.value)}` : `a computed ${name}`;
  }

  attr(name: string): HclAttribute | undefined {
    return this.body.attributes.find((a) => a.name === name);
  }

  /**
   * Nested blocks of a type. An attribute of that name counts when it is an object or a tuple of objects; a
   * computed one (a `dynamic` block, a variable) makes the answer `undefined`: unknown, not empty.
   */
  blocks(name: string): NestedBlock[] | undefined {
    const out: NestedBlock[] = [];
    for (const b of this.body.blocks) {
      if (b.type === name) out.push({ keySpan: b.typeSpan, span: b, body: new BodyView(b.body) });
      if (b.type === 'dynamic' && b.labels[0] === name) return undefined;
    }
    // JSON syntax: `"dynamic": { "<name>": { … } }`.
    const dynamic = this.attr('dynamic')?.value;
    if (dynamic?.kind === 'object' && dynamic.entries.some((e) => e.key === name)) return undefined;
    const a = this.attr(name);
    if (!a) return out;
    const items = a.value.kind === 'tuple' ? a.value.items : [a.value];
    for (const item of items) {
      if (item.kind !== 'object')
        return a.value.kind === 'literal' && a.value.value === null ? out : undefined;
      out.push({ keySpan: a.nameSpan, span: item, body: BodyView.ofObject(item) });
    }
    return out;
  }
}
