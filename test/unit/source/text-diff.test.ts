import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { commonEnds } from '../../../server/src/engine/source/text-diff';

/** The definition, one character at a time. */
function naive(before: string, after: string): { prefix: number; suffix: number } {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  return { prefix, suffix };
}

describe('commonEnds', () => {
  it('finds the common prefix and suffix of an edit, across block boundaries', () => {
    // Texts longer than a block (1024), edited anywhere: insertions, deletions, replacements, repeats.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '\n', 'é'), minLength: 0, maxLength: 5000 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(40), fc.string({ maxLength: 40 }), (base, at, removed, inserted) => {
        const start = base.length === 0 ? 0 : at % (base.length + 1);
        const edited = base.slice(0, start) + inserted + base.slice(start + removed);
        assert.deepEqual(commonEnds(base, edited), naive(base, edited));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps prefix and suffix apart when one text repeats the other', () => {
    const block = 'x'.repeat(3000);
    assert.deepEqual(commonEnds(block, block + 'x'), { prefix: 3000, suffix: 0 });
    assert.deepEqual(commonEnds(block, block), { prefix: 3000, suffix: 0 });
  });
});
