// Small pieces several rules share: pointing a finding at a key that is not a model value.
import type { Loc, Value } from '../model/types';

/** A "value" that only locates a key (a statement's `Action`, a trail's `DependsOn`) for a finding. */
export function keyAt(name: string, at: Loc | undefined): Value<unknown> | undefined {
  return at ? { name, value: undefined, provenance: 'explicit', isSet: true, keyAt: at } : undefined;
}

export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) as string}`;
}
