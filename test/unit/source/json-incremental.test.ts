// The incremental JSON route must equal a full parse for any edit, and parse only one resource when the
// edit stays inside it.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { JsonEditCache, parseJsonIncremental } from '../../../server/src/engine/source/json-incremental';
import { parseJson } from '../../../server/src/engine/source/json-parse';
import { DEFAULT_LIMITS } from '../../../server/src/engine/source/limits';
import { templateJson } from '../../bench/generate';

function sameAsFull(text: string, cache: JsonEditCache): void {
  const full = parseJson(text, DEFAULT_LIMITS);
  const incremental = parseJsonIncremental(text, DEFAULT_LIMITS, cache);
  assert.deepEqual(incremental.root, full.root);
  assert.deepEqual(incremental.problems, full.problems);
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 8 }),
  insert: fc.constantFrom('', ' ', '1', '"', ',', '{', '}', '[', ']', ':', '"X": true,', '\n', 'null'),
});

describe('incremental JSON', () => {
  it('equals a full parse after random edits', () => {
    let partials = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.array(edit, { minLength: 1, maxLength: 6 }),
        (count, edits) => {
          const cache = new JsonEditCache();
          let text = templateJson(count);
          sameAsFull(text, cache);
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
            sameAsFull(text, cache);
          }
          partials += cache.stats.partial;
        },
      ),
      { numRuns: 400, seed: 777 },
    );
    assert.ok(partials > 100, `the single-resource route was taken only ${partials} times`);
  });

  it('parses only the resource an edit stays inside', () => {
    const cache = new JsonEditCache();
    const text = templateJson(100);
    parseJsonIncremental(text, DEFAULT_LIMITS, cache);
    const edited = text.replace('"RetentionInDays": 365', '"RetentionInDays": 30');
    sameAsFull(edited, cache);
    assert.deepEqual(cache.stats, { full: 1, partial: 1 });
    // An edit that reaches across two resources takes the full route.
    const across = edited.replace(/\},\n {4}"Queue6": \{/, '},\n    "Queue6b": {');
    sameAsFull(across, cache);
    assert.deepEqual(cache.stats, { full: 2, partial: 1 });
  });
});
