import { strict as assert } from 'node:assert';
import { parseJson } from '../../../server/src/engine/source/json-parse';
import { child, entry, type MapNode } from '../../../server/src/engine/source/node';
import { DEFAULT_LIMITS } from '../../../server/src/engine/source/limits';
import { textOf } from '../../helpers/text';

describe('JSON parsing', () => {
  it('keeps exact ranges of keys (with quotes), values and containers', () => {
    const text =
      '{\n  "Resources": {\n    "T": { "Type": "AWS::CloudTrail::Trail", "Properties": { "IsLogging": false } }\n  }\n}\n';
    const { root, problems } = parseJson(text, DEFAULT_LIMITS);
    assert.deepEqual(problems, []);
    const t = child(child(root, 'Resources'), 'T') as MapNode;
    assert.equal(textOf(text, entry(t, 'Type')?.key), '"Type"');
    assert.equal(textOf(text, entry(t, 'Type')?.value), '"AWS::CloudTrail::Trail"');
    assert.equal(
      textOf(text, t),
      '{ "Type": "AWS::CloudTrail::Trail", "Properties": { "IsLogging": false } }',
    );
    assert.equal((child(child(t, 'Properties'), 'IsLogging') as { value: unknown }).value, false);
  });

  it('reports syntax errors and still closes what a truncated file left open', () => {
    const text = '{ "A": { "B": [1, 2';
    const { root, problems } = parseJson(text, DEFAULT_LIMITS);
    assert.ok(problems.length > 0);
    assert.equal(root?.kind, 'map');
    assert.equal(root?.end, text.length);
  });

  it('keeps a key whose value was cut off', () => {
    const { root } = parseJson('{ "A": 1, "B": ', DEFAULT_LIMITS);
    assert.deepEqual(
      (root as MapNode).entries.map((e) => [e.key.value, e.value?.kind]),
      [
        ['A', 'scalar'],
        ['B', undefined],
      ],
    );
  });

  it('keeps the last value of a key written twice, where it is written', () => {
    // As JSON.parse, Go and Python do: the AWS provider normalizes policies with Go's decoder.
    const text = '{ "P": { "Service": "cloudtrail.amazonaws.com" }, "A": 1, "P": "*" }';
    const { root } = parseJson(text, DEFAULT_LIMITS);
    const map = root as MapNode;
    assert.deepEqual(
      map.entries.map((e) => [e.key.value, textOf(text, e.value)]),
      [
        ['A', '1'],
        ['P', '"*"'],
      ],
    );
    assert.equal(JSON.stringify(JSON.parse(text)), '{"P":"*","A":1}');
  });

  it('refuses absurd nesting', () => {
    const { root, problems } = parseJson('['.repeat(2000) + ']'.repeat(2000), {
      maxExpandedNodes: 1e6,
      maxDepth: 100,
    });
    assert.equal(root, undefined);
    assert.match(problems[0]?.message ?? '', /deeper than 100 levels/);
  });
});
