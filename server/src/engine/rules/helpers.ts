// Small pieces several rules share: pointing a finding at a key that is not a model value.
import type { KmsKey, Loc, Value } from '../model/types';

/** A "value" that only locates a key (a statement's `Action`, a trail's `DependsOn`) for a finding. */
export function keyAt(name: string, at: Loc | undefined): Value<unknown> | undefined {
  return at ? { name, value: undefined, provenance: 'explicit', isSet: true, keyAt: at } : undefined;
}

export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) as string}`;
}

/** A key policy that could not be read at all, as the unresolved value an `unverified` note names. */
export function unreadablePolicy(key: KmsKey): Value<unknown> | undefined {
  const why = key.policy?.unreadable;
  if (why === undefined) return undefined;
  return {
    name: 'KeyPolicy',
    value: undefined,
    provenance: 'unresolved',
    isSet: true,
    note: why,
    at: key.policy?.at,
  };
}
