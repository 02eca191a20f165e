// Shared by the YAML fix writer tests: build intents, run the writer, apply its edits, and read a value back
// from the edited text through the same parser the linter uses (so that a fix is proven to parse and to
// mean what it should, not only to look right).
import { strict as assert } from 'node:assert';
import {
  applyEdits,
  type FileEdit,
  type FixCommon,
  type FixIntent,
} from '../../../server/src/engine/fix/intents';
import { yamlFixEdits } from '../../../server/src/engine/fix/yaml';
import { asMap, child, entry, type SourceNode } from '../../../server/src/engine/source/node';
import { parseYamlFull } from '../../../server/src/engine/source/yaml-parse';

export const FILE = 't.yaml';

const COMMON: FixCommon = { title: 'fix', preferred: true, safe: true };

type WithoutCommon<T> = T extends unknown ? Omit<T, keyof FixCommon> : never;

export function intent(i: WithoutCommon<FixIntent>): FixIntent {
  return { ...COMMON, ...i };
}

/** Lines joined with `\n`: templates in tests read as they look. */
export function lines(...ls: string[]): string {
  return ls.join('\n');
}

/** The offset just past the first occurrence of `marker` (or at it, with `before`). */
export function offsetOf(text: string, marker: string, before = false): number {
  const at = text.indexOf(marker);
  assert.ok(at >= 0, `marker ${JSON.stringify(marker)} not found`);
  return before ? at : at + marker.length;
}

export function edit(start: number, end: number, newText: string): FileEdit {
  return { file: FILE, start, end, newText };
}

export function insertion(at: number, newText: string): FileEdit {
  return edit(at, at, newText);
}

/** Runs the writer and checks its exact edits and the exact text they make; returns that text. */
export function check(text: string, fix: FixIntent, expectedEdits: FileEdit[], expectedText: string): string {
  const edits = yamlFixEdits(FILE, text, fix);
  assert.deepEqual(edits, expectedEdits);
  const after = applyEdits(text, edits ?? []);
  assert.equal(after, expectedText);
  assert.deepEqual(parseYamlFull(after).problems, []);
  return after;
}

/** The plain value at a resource path of a YAML text, which must parse cleanly. */
export function readBack(text: string, resource: string, path: readonly (string | number)[]): unknown {
  const parsed = parseYamlFull(text);
  assert.deepEqual(parsed.problems, [], 'the edited text must parse');
  const root = parsed.roots.find((r) => asMap(child(r, 'Resources')));
  let node: SourceNode | undefined = child(child(root, 'Resources'), resource);
  for (const step of path) {
    const map = asMap(node);
    if (typeof step === 'string') node = map && entry(map, step)?.value;
    else node = node?.kind === 'seq' ? node.items[step] : step === 0 ? node : undefined;
  }
  return node && plain(node);
}

function plain(node: SourceNode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key.value, e.value ? plain(e.value) : null]));
}
