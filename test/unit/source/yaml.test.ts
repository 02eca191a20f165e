import { strict as assert } from 'node:assert';
import { child, entry, type MapNode, type SourceNode } from '../../../server/src/engine/source/node';
import { parseYamlFull } from '../../../server/src/engine/source/yaml-parse';
import { textOf } from '../../helpers/text';

function root(text: string): MapNode {
  const parsed = parseYamlFull(text);
  assert.deepEqual(parsed.problems, []);
  const r = parsed.roots[0];
  assert.equal(r?.kind, 'map');
  return r;
}

describe('YAML parsing', () => {
  it('keeps exact key and value ranges', () => {
    const text =
      'Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      IsLogging: true # on\n';
    const r = root(text);
    const trail = child(child(r, 'Resources'), 'Trail') as MapNode;
    const type = entry(trail, 'Type');
    assert.equal(textOf(text, type?.key), 'Type');
    assert.equal(textOf(text, type?.value), 'AWS::CloudTrail::Trail');
    const logging = entry(child(trail, 'Properties') as MapNode, 'IsLogging');
    assert.equal(textOf(text, logging?.value), 'true');
    assert.equal((logging?.value as SourceNode & { value: unknown }).value, true);
  });

  it('rewrites short-form tags into long form, with the tag as the key', () => {
    const text =
      'a: !Ref Bucket\nb: !GetAtt Key.Arn\nc: !If [Prod, !Sub "x-${AWS::Region}", !Ref AWS::NoValue]\nd: !Equals [1, 2]\n';
    const r = root(text);
    const a = child(r, 'a') as MapNode;
    assert.equal(a.shortForm, '!Ref');
    assert.equal(a.entries[0]?.key.value, 'Ref');
    assert.equal(textOf(text, a.entries[0]?.key), '!Ref');
    assert.equal(textOf(text, a), '!Ref Bucket');
    assert.equal(textOf(text, a.entries[0]?.value), 'Bucket');
    assert.equal((child(r, 'b') as MapNode).entries[0]?.key.value, 'Fn::GetAtt');
    const c = child(r, 'c') as MapNode;
    assert.equal(c.entries[0]?.key.value, 'Fn::If');
    const branches = c.entries[0]?.value;
    assert.equal(branches?.kind, 'seq');
    const sub = branches?.kind === 'seq' ? (branches.items[1] as MapNode) : undefined;
    assert.equal(sub?.entries[0]?.key.value, 'Fn::Sub');
    assert.equal(textOf(text, sub), '!Sub "x-${AWS::Region}"');
    assert.equal((child(r, 'd') as MapNode).entries[0]?.key.value, 'Fn::Equals');
  });

  it('ends block collections at their last child, not at trailing comments', () => {
    const text = 'A:\n  b: 1\n  c: 2\n  # trailing\n\nD: 3\n';
    const a = child(root(text), 'A');
    assert.equal(textOf(text, a), 'b: 1\n  c: 2');
  });

  it('keeps positions right with CRLF line endings', () => {
    const text = 'A:\r\n  B: !Ref C\r\n';
    const b = child(child(root(text), 'A'), 'B') as MapNode;
    assert.equal(textOf(text, b.entries[0]?.value), 'C');
  });

  it('reports syntax errors with their place, and parses every document of a multi-document file', () => {
    const broken = parseYamlFull('A: [1, 2\nB: 3\n');
    assert.equal(broken.roots.length, 0);
    assert.ok(broken.problems.length > 0);
    assert.ok(broken.problems.every((p) => p.start >= 0 && p.end >= p.start));
    const two = parseYamlFull('---\nA: 1\n---\nB: 2\n');
    assert.deepEqual(
      two.roots.map((r) => (r as MapNode).entries[0]?.key.value),
      ['A', 'B'],
    );
  });

  it('treats duplicate keys as an error', () => {
    assert.ok(parseYamlFull('A: 1\nA: 2\n').problems.some((p) => /unique/i.test(p.message)));
  });

  it('shares aliased nodes and refuses alias bombs', () => {
    const shared = root('a: &x {k: v}\nb: *x\n');
    assert.equal(child(shared, 'a'), child(shared, 'b'));
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    const parsed = parseYamlFull(bomb.join('\n') + '\n', { maxExpandedNodes: 100_000, maxDepth: 500 });
    assert.equal(parsed.roots.length, 0);
    assert.match(parsed.problems[0]?.message ?? '', /more than 100000 nodes/);
  });

  it('refuses nesting past the depth limit instead of overflowing the stack', () => {
    const deep = 'a: ' + '['.repeat(300) + ']'.repeat(300) + '\n';
    const parsed = parseYamlFull(deep, { maxExpandedNodes: 1_000_000, maxDepth: 100 });
    assert.equal(parsed.roots.length, 0);
    assert.match(parsed.problems[0]?.message ?? '', /deeper than 100 levels/);
  });
});
