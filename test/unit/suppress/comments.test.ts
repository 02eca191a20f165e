import { strict as assert } from 'node:assert';
import { readCommentDirectives as read } from '../../../server/src/engine/suppress/comments';
import { parseYamlFull } from '../../../server/src/engine/source/yaml-parse';

/** Directives of a text, with its real parse (as the engine calls it). */
const readCommentDirectives = (file: string, text: string) => read(file, text, parseYamlFull(text).roots);

const summary = (text: string): string[] =>
  readCommentDirectives('t.yaml', text).map(
    (d) =>
      `${d.form} line=${d.targetLine} ids=${d.ids.map((i) => `${i.id}@${text.slice(i.at.start, i.at.end)}`).join(',')} reason=${d.reason ?? '-'} at=${JSON.stringify(text.slice(d.at.start, d.at.end))}`,
  );

describe('suppression comments', () => {
  it('reads both forms, several ids, and the reason after --', () => {
    const text = [
      'Resources:', // 0
      '  Trail:', // 1
      '    # trail-lint-disable-next-line CT004 -- keys live in the security account', // 2
      '    Type: AWS::CloudTrail::Trail', // 3
      '    Properties:', // 4
      '      IsMultiRegionTrail: false  # trail-lint-disable-line CT001, ct003 CT005 --  sandbox ', // 5
      '',
    ].join('\n');
    assert.deepEqual(summary(text), [
      'trail-lint-disable-next-line line=3 ids=CT004@CT004 reason=keys live in the security account at="# trail-lint-disable-next-line CT004 -- keys live in the security account"',
      'trail-lint-disable-line line=5 ids=CT001@CT001,CT003@ct003,CT005@CT005 reason=sandbox at="# trail-lint-disable-line CT001, ct003 CT005 --  sandbox"',
    ]);
  });

  it('takes no # inside a quoted string or a block scalar for a comment', () => {
    const text = [
      'Resources:',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties:',
      '      TrailName: "# trail-lint-disable-line CT004"',
      "      S3KeyPrefix: 'x # trail-lint-disable-line CT004'",
      '      Description: |',
      '        # trail-lint-disable-next-line CT001',
      '        text',
      '      Other: a#trail-lint-disable-line CT003',
      '      Multi: "first line',
      '        # trail-lint-disable-line CT004 still the string"',
      '      Key: &anchor "# trail-lint-disable-line CT001"',
      '      Again: *anchor',
      '',
    ].join('\n');
    assert.deepEqual(summary(text), []);
  });

  it('reads a directive in a flow collection, but not one that follows another comment', () => {
    const text = [
      'Resources:', // 0
      '  Trail:', // 1
      '    Type: AWS::CloudTrail::Trail', // 2
      '    Properties:', // 3
      '      EventSelectors: [ # trail-lint-disable-line CT007 -- flow', // 4
      '        { ReadWriteType: All } ]', // 5
      '      IsLogging: true  # see ticket # trail-lint-disable-line CT006', // 6
      '',
    ].join('\n');
    assert.deepEqual(summary(text), [
      'trail-lint-disable-line line=4 ids=CT007@CT007 reason=flow at="# trail-lint-disable-line CT007 -- flow"',
    ]);
  });

  it('lets stacked next-line directives reach the first line that is not only a comment', () => {
    const text = [
      'Resources:', // 0
      '  Trail:  # trail-lint-disable-next-line CT003 -- trailing form', // 1
      '    # trail-lint-disable-next-line CT004 -- one', // 2
      '    # a plain comment between them', // 3
      '    # trail-lint-disable-next-line CT001', // 4
      '    Type: AWS::CloudTrail::Trail', // 5
      '',
    ].join('\n');
    assert.deepEqual(
      readCommentDirectives('t.yaml', text).map((d) => `${d.ids[0]?.id ?? '?'}→${d.targetLine}`),
      ['CT003→5', 'CT004→5', 'CT001→5'],
    );
  });

  it('reads a directive without ids as naming none', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail  # trail-lint-disable-line -- why\n';
    assert.deepEqual(summary(text), [
      'trail-lint-disable-line line=2 ids= reason=why at="# trail-lint-disable-line -- why"',
    ]);
  });

  it('ignores look-alikes that are not the directive', () => {
    const text =
      'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail  # trail-lint-disable-lines CT004\n    # see trail-lint-disable-line CT004\n';
    assert.deepEqual(summary(text), []);
  });
});
