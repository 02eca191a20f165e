// Adds `{ "id": <rule>, "reason": "TODO" }` to a resource's `Metadata.trail-lint.ignore` in a JSON template,
// inserting text only (jsonc-parser's `modify` would reformat the neighbouring lines). What is inserted
// follows the file: its indentation unit and line breaks in a multi-line object or array, one line in an
// object or array written on one line.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { jsonIndentUnit } from '../source/json-parse';
import type { TextEdit } from './edit-yaml';

const PATH = ['Metadata', 'trail-lint', 'ignore'] as const;

export function addIgnoreJson(text: string, resourceId: string, ruleId: string): TextEdit[] | undefined {
  const root = parseTree(text);
  const resource = root && findNodeAtLocation(root, ['Resources', resourceId]);
  if (resource?.type !== 'object') return undefined;
  let container: Node = resource;
  const item = { id: ruleId, reason: 'TODO' };
  const format = { eol: text.includes('\r\n') ? '\r\n' : '\n', unit: jsonIndentUnit(text) };
  for (let level = 0; level < PATH.length; level++) {
    const key = PATH[level] as string;
    const property: Node | undefined = container.children?.find((p) => p.children?.[0]?.value === key);
    const value: Node | undefined = property?.children?.[1];
    if (!property || !value) {
      // Build what is missing from this level down: { "trail-lint": { "ignore": [item] } } and so on.
      const nested = PATH.slice(level + 1).reduceRight<unknown>((inner, k) => ({ [k]: inner }), [item]);
      return [append(text, container, `${JSON.stringify(key)}: `, nested, format)];
    }
    if (level < PATH.length - 1) {
      if (value.type !== 'object') return undefined;
      container = value;
    } else {
      if (value.type !== 'array') return undefined;
      return [append(text, value, '', item, format)];
    }
  }
  return undefined;
}

interface Format {
  eol: string;
  unit: string;
}

/** Appends `prefix + value` as the last member of an object or array. */
function append(text: string, container: Node, prefix: string, value: unknown, format: Format): TextEdit {
  const last = container.children?.at(-1);
  const span = text.slice(container.offset, container.offset + container.length);
  if (!last || !span.includes('\n')) {
    const at = last ? last.offset + last.length : container.offset + 1;
    const newText = last ? `, ${prefix}${inline(value)}` : ` ${prefix}${inline(value)} `;
    return { start: at, end: at, newText };
  }
  const lineStart =
    Math.max(text.lastIndexOf('\n', last.offset - 1), text.lastIndexOf('\r', last.offset - 1)) + 1;
  const leading = text.slice(lineStart, last.offset);
  const indent = /^[ \t]*$/.test(leading) ? leading : format.unit;
  const pretty = JSON.stringify(value, null, format.unit)
    .split('\n')
    .join(format.eol + indent);
  const at = last.offset + last.length;
  return { start: at, end: at, newText: `,${format.eol}${indent}${prefix}${pretty}` };
}

/** One-line JSON with a space after each colon and comma, the way hand-written one-liners look. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}
