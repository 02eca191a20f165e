// The JSON writer: fix intents on a CloudFormation JSON template (or a Terraform `.tf.json` through
// fix/tf-json.ts) become one minimal edit. The steps of an intent edit a working copy (fix/json-document.ts),
// and the edit handed out is the difference between the original and the final text trimmed to where they
// differ, so neighbouring lines the formatter touched but did not change stay as they were.
import { parseTree, type FormattingOptions, type Node, type ParseError } from 'jsonc-parser';
import { jsonIndentUnit } from '../source/json-parse';
import { difference } from './diff';
import { isRef, isSub, type FileEdit, type FixIntent } from './intents';
import { JsonDocument, type JsonRender, type ResourceLocator } from './json-document';
import type { WriterMemo } from './writer-memo';

export type { JsonRender, ResourceLocator } from './json-document';

/** CloudFormation JSON: `{ "Ref": … }`, `{ "Fn::GetAtt": [id, "Arn"] }`, `{ "Fn::Sub": … }`. */
export const cfnJson: JsonRender = function render(value): unknown {
  if (isRef(value))
    return value.attribute ? { 'Fn::GetAtt': [value.$ref, value.attribute] } : { Ref: value.$ref };
  if (isSub(value)) return { 'Fn::Sub': value.$sub };
  if (Array.isArray(value)) return value.map(render);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]): [string, unknown] => [k, render(v)]));
  return value;
};

export const CFN_RESOURCE: ResourceLocator = (id) => ['Resources', id];

export function jsonFixEdits(
  file: string,
  text: string,
  intent: FixIntent,
  render: JsonRender = cfnJson,
  locate: ResourceLocator = CFN_RESOURCE,
  memo?: WriterMemo,
): FileEdit[] | undefined {
  const tree = memo ? memo.get('json', text, readTree) : readTree(text);
  if (!tree) return undefined;
  const doc = new JsonDocument(text, render, locate, tree, jsonFormat(text));
  if (!doc.apply(intent)) return undefined;
  if (doc.text === text) return [];
  return [difference(file, text, doc.text)];
}

/** The tree of a text without syntax errors (an empty document has none), or null when it has some. */
export function readTree(text: string): { text: string; root: Node | undefined } | null {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  return errors.length > 0 ? null : { text, root };
}

/** What `modify` formats with: the file's indentation unit, and CRLF when the file has any. */
export function jsonFormat(text: string): FormattingOptions {
  const unit = jsonIndentUnit(text);
  return {
    insertSpaces: unit !== '\t',
    tabSize: unit === '\t' ? 4 : unit.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    insertFinalNewline: false,
  };
}
