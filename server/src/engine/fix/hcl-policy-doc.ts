// Policy documents built by an `aws_iam_policy_document` data source: a statement becomes a `statement`
// block (`principals`, `condition` blocks inside), a condition set into statement N becomes a `condition`
// block of the N-th `statement` block, an item of statement N's `Action` is replaced in its `actions`
// (hcl-policy-replace.ts). Documents merged from others (`source_policy_documents`, …) or built
// with `dynamic` blocks number their statements differently than the blocks read: those are not edited.
import { isRef, isSub, type FixPath, type FixValue } from './intents';
import { attrEntry } from './hcl-align';
import { addNestedBlock, setAttributes } from './hcl-block';
import type { EditSet } from './hcl-edits';
import type { FixContext, Located } from './hcl-module';
import { replaceHclItem } from './hcl-policy-replace';
import { formatBlock, resolve, str, type BlockSpec, type BodyItem, type Resolved } from './hcl-render';

const MERGED = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

const LISTS: Readonly<Record<string, string>> = {
  Action: 'actions',
  NotAction: 'not_actions',
  Resource: 'resources',
  NotResource: 'not_resources',
};

type Condition = [test: string, variable: string, values: FixValue];

export function editDocumentSource(
  ctx: FixContext,
  edits: EditSet,
  data: Located,
  path: FixPath,
  kind: 'append' | 'set' | 'replace',
  value: FixValue,
  from?: string,
): boolean {
  const body = data.block.body;
  if (body.attributes.some((a) => MERGED.includes(a.name)) || body.blocks.some((b) => b.type === 'dynamic'))
    return false;
  if (kind === 'append') {
    const statement = path.length === 1 && path[0] === 'Statement' ? statementBlock(ctx, value) : undefined;
    return statement !== undefined && addNestedBlock(edits, data, (indent) => formatBlock(statement, indent));
  }
  const [key, index, field, ...rest] = path;
  const target = body.blocks.filter((b) => b.type === 'statement')[typeof index === 'number' ? index : -1];
  if (kind === 'replace') {
    // `not_actions` is NotAction's: not what an Action path reaches.
    const actions = target?.body.attributes.find((a) => a.name === 'actions');
    const to = resolve(value, ctx);
    if (key !== 'Statement' || field !== 'Action' || rest.length > 0 || from === undefined) return false;
    if (!target || !actions || !to) return false;
    const entries = target.body.attributes.map(attrEntry);
    return replaceHclItem(data.file, edits, actions.value, from, to, entries, attrEntry(actions));
  }
  if (key !== 'Statement' || field !== 'Condition' || !target) return false;
  const conditions = conditionsAt(rest, value);
  if (!conditions) return false;
  const at: Located = { file: data.file, block: target };
  for (const [test, variable, values] of conditions) {
    const list = resolve(Array.isArray(values) ? values : [values], ctx);
    if (!list) return false;
    const existing = target.body.blocks.find(
      (b) => b.type === 'condition' && literal(b, 'test') === test && literal(b, 'variable') === variable,
    );
    const done = existing
      ? setAttributes(edits, { file: data.file, block: existing }, [['values', list]])
      : addNestedBlock(edits, at, (indent) => formatBlock(conditionBlock(test, variable, list), indent));
    if (!done) return false;
  }
  return true;
}

function literal(block: Located['block'], name: string): unknown {
  const v = block.body.attributes.find((a) => a.name === name)?.value;
  return v?.kind === 'literal' ? v.value : undefined;
}

/** `[test, variable]` below `Condition`, and the value there, as the conditions they write. */
function conditionsAt(rest: readonly (string | number)[], value: FixValue): Condition[] | undefined {
  const [test, variable, ...more] = rest;
  if (more.length > 0 || typeof test === 'number' || typeof variable === 'number') return undefined;
  const out: Condition[] = [];
  const byTest =
    test === undefined ? asMap(value) : { [test]: variable === undefined ? value : { [variable]: value } };
  if (!byTest) return undefined;
  for (const [t, vars] of Object.entries(byTest)) {
    const m = asMap(vars);
    if (!m) return undefined;
    for (const [v, values] of Object.entries(m)) out.push([t, v, values]);
  }
  return out;
}

function asMap(v: FixValue): { readonly [key: string]: FixValue } | undefined {
  return typeof v === 'object' && !Array.isArray(v) && !isRef(v) && !isSub(v)
    ? (v as { readonly [key: string]: FixValue })
    : undefined;
}

function conditionBlock(test: string, variable: string, values: Resolved): BlockSpec {
  return {
    header: 'condition',
    body: [
      { attr: 'test', value: str(test) },
      { attr: 'variable', value: str(variable) },
      { attr: 'values', value: values },
    ],
  };
}

const asList = (v: Resolved): Resolved => (v.k === 'list' ? v : { k: 'list', items: [v] });

/** A policy statement as a `statement` block; undefined for what the data source cannot say. */
function statementBlock(ctx: FixContext, value: FixValue): BlockSpec | undefined {
  const statement = asMap(value);
  if (!statement) return undefined;
  const attrs: BodyItem[] = [];
  const blocks: BodyItem[] = [];
  for (const [key, v] of Object.entries(statement)) {
    if (key === 'Sid' || key === 'Effect') {
      const r = resolve(v, ctx);
      if (!r) return undefined;
      attrs.push({ attr: key.toLowerCase(), value: r });
    } else if (LISTS[key]) {
      const r = resolve(v, ctx);
      if (!r) return undefined;
      attrs.push({ attr: LISTS[key], value: asList(r) });
    } else if (key === 'Principal' || key === 'NotPrincipal') {
      const header = key === 'Principal' ? 'principals' : 'not_principals';
      const byType = v === '*' ? { '*': '*' } : asMap(v);
      if (!byType) return undefined;
      for (const [type, ids] of Object.entries(byType)) {
        const r = resolve(ids, ctx);
        if (!r) return undefined;
        const body: BodyItem[] = [
          { attr: 'type', value: str(type) },
          { attr: 'identifiers', value: asList(r) },
        ];
        blocks.push({ block: { header, body } });
      }
    } else if (key === 'Condition') {
      const conditions = conditionsAt([], v);
      if (!conditions) return undefined;
      for (const [test, variable, values] of conditions) {
        const r = resolve(values, ctx);
        if (!r) return undefined;
        blocks.push({ block: conditionBlock(test, variable, asList(r)) });
      }
    } else {
      return undefined;
    }
  }
  return { header: 'statement', body: [...attrs, ...blocks] };
}
