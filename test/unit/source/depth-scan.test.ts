// The nesting pre-scan refuses absurdly deep text before the recursive parsers see it, and never refuses a
// template that stays within the limit: it counts indentation levels, not columns.
import { strict as assert } from 'node:assert';
import { jsonTooDeepAt, yamlTooDeepAt } from '../../../server/src/engine/source/depth-scan';
import { lintDocument } from '../../../server/src/engine/lint';

/** `levels` nested mappings, each indented `width` more than its parent. */
function nestedYaml(levels: number, width: number): string {
  let text = '';
  for (let i = 0; i < levels; i++) text += `${' '.repeat(i * width)}k${i}:${i === levels - 1 ? ' 1' : ''}\n`;
  return text;
}

describe('nesting pre-scan', () => {
  it('counts YAML indentation levels, whatever the indentation width', () => {
    for (const width of [1, 2, 4, 8]) {
      assert.equal(yamlTooDeepAt(nestedYaml(7, width), 7), undefined, `width ${width}`);
      assert.notEqual(yamlTooDeepAt(nestedYaml(8, width), 7), undefined, `width ${width}`);
    }
  });

  it('does not count comment lines or block scalar content as levels', () => {
    const text = 'a:\n  b: |\n                      text\n                                # note\n  c: 1\n';
    assert.equal(yamlTooDeepAt(text, 2), undefined);
  });

  it('counts compact sequence indicators and flow collections', () => {
    assert.notEqual(yamlTooDeepAt('- - - - a\n', 3), undefined);
    assert.equal(yamlTooDeepAt('- - - a\n', 3), undefined);
    assert.notEqual(yamlTooDeepAt('a: [[[1]]]\n', 3), undefined);
    assert.equal(yamlTooDeepAt('a: [[1]]\n', 3), undefined);
  });

  it('finds hostile block nesting in one pass', () => {
    let text = '';
    for (let i = 0; i < 10_000; i++) text += `${' '.repeat(i)}-\n`;
    assert.notEqual(yamlTooDeepAt(text, 500), undefined);
  });

  it('counts JSON brackets outside strings and comments', () => {
    assert.equal(jsonTooDeepAt('{"a": "[[[[", "b": [[1]] /* [[[[ */}', 3), undefined);
    assert.notEqual(jsonTooDeepAt('{"a": [[[1]]]}', 3), undefined);
  });

  it('lets a four-space template within maxNestingDepth be linted', () => {
    const text = [
      'Resources:',
      '    Trail:',
      '        Type: AWS::CloudTrail::Trail',
      '        Properties:',
      '            IsLogging: true',
      '            S3BucketName: logs',
      '            EventSelectors:',
      '                -   ReadWriteType: All',
      '',
    ].join('\n');
    const result = lintDocument(
      { file: 'four.yaml', text },
      { limits: { maxExpandedNodes: 2_000_000, maxDepth: 8 } },
    );
    assert.deepEqual(result.problems, []);
    assert.ok(result.findings.length > 0);
  });
});
