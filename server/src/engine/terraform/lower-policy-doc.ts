// `data "aws_iam_policy_document"` → the IAM JSON document it renders, as a tree the policy reader reads:
// `statement` blocks with `effect` (default Allow), `actions`, `not_actions`, `resources`, `not_resources`,
// `principals` / `not_principals` ({ type, identifiers }) and `condition` ({ test, variable, values }).
// Documents merged in from elsewhere (`source_policy_documents`, `override_policy_documents`, the older
// `source_json`/`override_json`) are not read: the document is then partial, never taken as complete.
import { mapNode, scalarNode, seqNode, type MapEntry, type SourceNode } from '../source/node';
import { BodyView } from './body';
import type { TfResource } from './config';
import type { ExprLowering } from './lower-expr';

const MERGED = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];
/** A statement block's list attributes → the IAM statement's keys (made once, not per statement). */
const LISTS = [
  ['actions', 'Action'],
  ['not_actions', 'NotAction'],
  ['resources', 'Resource'],
  ['not_resources', 'NotResource'],
] as const;
const PRINCIPALS = [
  ['principals', 'Principal'],
  ['not_principals', 'NotPrincipal'],
] as const;

export function lowerPolicyDocument(r: TfResource, ex: ExprLowering, base: number): SourceNode {
  const view = new BodyView(r.body);
  const start = base + r.at.start;
  const end = base + r.at.end;
  const lower = (e: Parameters<ExprLowering['lower']>[0]): SourceNode => ex.lower(e, r.file, r.module);
  const statements: SourceNode[] = [];
  let blocks = view.blocks('statement');
  if (blocks === undefined) {
    // Statements a `dynamic` block writes over a collection known only at plan time are unknown ones; the
    // statements written out beside them are still certain (rules judge them, and know the list is partial).
    const dynamics = r.body.blocks.filter((b) => b.type === 'dynamic' && b.labels[0] === 'statement');
    const why = view.computedWhy('statement', (e) => ex.spelledOut(e, r.file));
    if (dynamics.length === 0) statements.push(ex.unknown(why, start, end));
    for (const d of dynamics) statements.push(ex.unknown(why, base + d.start, base + d.end));
    blocks = r.body.blocks
      .filter((b) => b.type === 'statement')
      .map((b) => ({ keySpan: b.typeSpan, span: b, body: new BodyView(b.body) }));
  }
  for (const s of blocks) {
    const sStart = base + s.span.start;
    const sEnd = base + s.span.end;
    const entries: MapEntry[] = [];
    const put = (key: string, keyStart: number, keyEnd: number, value: SourceNode): void => {
      entries.push({ key: scalarNode(key, base + keyStart, base + keyEnd), value });
    };
    const sid = s.body.attr('sid');
    if (sid) put('Sid', sid.nameSpan.start, sid.nameSpan.end, lower(sid.value));
    const effect = s.body.attr('effect');
    if (effect) put('Effect', effect.nameSpan.start, effect.nameSpan.end, lower(effect.value));
    else put('Effect', s.keySpan.start, s.keySpan.end, scalarNode('Allow', sStart, sStart));
    for (const [tf, iam] of LISTS) {
      const a = s.body.attr(tf);
      if (a) put(iam, a.nameSpan.start, a.nameSpan.end, lower(a.value));
    }
    for (const [tf, iam] of PRINCIPALS) {
      const principals = s.body.blocks(tf);
      if (principals === undefined) {
        const why = s.body.computedWhy(tf, (e) => ex.spelledOut(e, r.file));
        put(iam, s.keySpan.start, s.keySpan.end, ex.unknown(why, sStart, sEnd));
        continue;
      }
      if (principals.length === 0) continue;
      const first = principals[0] as (typeof principals)[number];
      const byType: MapEntry[] = [];
      for (const p of principals) {
        const type = p.body.attr('type');
        const identifiers = p.body.attr('identifiers');
        if (!type || !identifiers) continue;
        const typeNode = lower(type.value);
        const ids = lower(identifiers.value);
        // `type = "*"` with `identifiers = ["*"]` is the IAM `"Principal": "*"`.
        if (typeNode.kind === 'scalar' && typeNode.value === '*') {
          put(iam, first.keySpan.start, first.keySpan.end, scalarNode('*', typeNode.start, typeNode.end));
          byType.length = 0;
          break;
        }
        byType.push({
          key:
            typeNode.kind === 'scalar'
              ? scalarNode(typeNode.value, typeNode.start, typeNode.end)
              : scalarNode('?', typeNode.start, typeNode.end),
          value: ids,
        });
      }
      if (byType.length > 0)
        put(
          iam,
          first.keySpan.start,
          first.keySpan.end,
          mapNode(byType, base + first.span.start, base + first.span.end),
        );
    }
    const conditions = s.body.blocks('condition');
    if (conditions === undefined)
      put('Condition', s.keySpan.start, s.keySpan.end, ex.unknown('computed conditions', sStart, sEnd));
    else if (conditions.length > 0) {
      const byOperator = new Map<string, MapEntry[]>();
      for (const c of conditions) {
        const test = c.body.attr('test');
        const variable = c.body.attr('variable');
        const values = c.body.attr('values');
        if (!test || !variable || !values) continue;
        const op = lower(test.value);
        const key = lower(variable.value);
        const opName = op.kind === 'scalar' ? String(op.value) : '?';
        const list = byOperator.get(opName) ?? [];
        byOperator.set(opName, list);
        list.push({
          key:
            key.kind === 'scalar'
              ? scalarNode(key.value, key.start, key.end)
              : scalarNode('?', key.start, key.end),
          value: lower(values.value),
        });
      }
      const first = conditions[0] as (typeof conditions)[number];
      put(
        'Condition',
        first.keySpan.start,
        first.keySpan.end,
        mapNode(
          [...byOperator].map(([op, list]) => ({
            key: scalarNode(op, sStart, sStart),
            value: mapNode(list, sStart, sEnd),
          })),
          base + first.span.start,
          base + first.span.end,
        ),
      );
    }
    statements.push(mapNode(entries, sStart, sEnd));
  }
  for (const name of MERGED) {
    const a = view.attr(name);
    if (a) statements.push(ex.unknown(`statements merged from ${name}`, base + a.start, base + a.end));
  }
  return mapNode(
    [
      { key: scalarNode('Version', start, start), value: scalarNode('2012-10-17', start, start) },
      { key: scalarNode('Statement', start, start), value: seqNode(statements, start, end) },
    ],
    start,
    end,
  );
}
