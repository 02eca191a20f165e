// The incremental YAML route must give exactly what a full parse gives, for any text, with or without a
// warm cache; and after an edit it must parse only the slice that changed.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  YamlSliceCache,
  cutIntoSlices,
  parseYamlIncremental,
} from '../../../server/src/engine/source/yaml-chunks';
import { parseYamlFull } from '../../../server/src/engine/source/yaml-parse';

const scalar = fc.oneof(
  fc.constantFrom(
    'true',
    'false',
    '"quoted: value"',
    "'single'",
    '42',
    '!Ref Other',
    '!GetAtt Other.Arn',
    '!Sub "${AWS::Region}-x"',
    '~',
  ),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
);
const property = fc.tuple(fc.stringMatching(/^[A-Z][A-Za-z]{0,10}$/), scalar, fc.constantFrom('', ' # note'));
const resource = fc.record({
  name: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/),
  type: fc.constantFrom('AWS::CloudTrail::Trail', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::IAM::Role'),
  props: fc.uniqueArray(property, { selector: (p) => p[0], maxLength: 5 }),
  style: fc.constantFrom('block', 'flow', 'list', 'literal'),
});

function renderResource(
  r: { name: string; type: string; props: [string, string, string][]; style: string },
  indent: string,
): string {
  const inner = indent + '  ';
  const lines = [`${indent}${r.name}:`, `${inner}Type: ${r.type}`];
  if (r.style === 'flow')
    lines.push(`${inner}Properties: { ${r.props.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  else if (r.props.length)
    lines.push(`${inner}Properties:`, ...r.props.map(([k, v, c]) => `${inner}  ${k}: ${v}${c}`));
  if (r.style === 'list') lines.push(`${inner}DependsOn:`, `${inner}  - A`, `${inner}  - B`);
  if (r.style === 'literal')
    lines.push(
      `${inner}Metadata:`,
      `${inner}  Note: |`,
      `${inner}    line one`,
      `${inner}`,
      `${inner}    line two`,
    );
  return lines.join('\n');
}

const template = fc
  .record({
    indent: fc.constantFrom('  ', '    '),
    resources: fc.uniqueArray(resource, { selector: (r) => r.name, minLength: 1, maxLength: 6 }),
    header: fc.constantFrom('', '---\n', '# comment\n', "AWSTemplateFormatVersion: '2010-09-09'\n"),
    tail: fc.constantFrom('', 'Outputs:\n  Out:\n    Value: !Ref X\n', '# trailing comment\n'),
    crlf: fc.boolean(),
  })
  .map(({ indent, resources, header, tail, crlf }) => {
    const text = `${header}Resources:\n${resources.map((r) => renderResource(r, indent)).join('\n  # between\n')}\n${tail}`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

/** Random edits: insert or delete a few characters anywhere, including indentation and markers. */
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 6 }),
  insert: fc.constantFrom(
    '',
    ' ',
    'x',
    '\n',
    ':',
    '- ',
    '&a ',
    '*a',
    '"',
    '\t',
    '  Extra: 1\n',
    '{',
    '---\n',
    '#',
  ),
});

function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

function sameAsFull(text: string, cache?: YamlSliceCache): void {
  const full = parseYamlFull(text);
  const incremental = parseYamlIncremental(text, cache);
  assert.deepEqual(incremental.roots, full.roots);
  assert.deepEqual(incremental.problems, full.problems);
}

describe('incremental YAML', () => {
  it('equals a full parse on generated templates', () => {
    fc.assert(
      fc.property(template, (text) => {
        const cache = new YamlSliceCache();
        sameAsFull(text, cache); // cold: a full parse that seeds the cache
        const again = parseYamlIncremental(text, cache);
        assert.equal(again.incremental, true, 'generated templates are cut into slices');
        assert.equal(cache.stats.misses, 0, 'every slice comes from the seeded cache');
        sameAsFull(text, cache);
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('equals a full parse after random edits, with a warm cache', () => {
    fc.assert(
      fc.property(template, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => {
        const cache = new YamlSliceCache();
        sameAsFull(text, cache);
        let current = text;
        for (const e of edits) {
          current = applyEdit(current, e);
          sameAsFull(current, cache);
        }
      }),
      { numRuns: 300, seed: 424242 },
    );
  });

  it('parses only the slice that changed', () => {
    const resources = Array.from(
      { length: 50 },
      (_, i) => `  R${i}:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: b${i}\n`,
    );
    const text = `Resources:\n${resources.join('')}Outputs:\n  O:\n    Value: 1\n`;
    const cache = new YamlSliceCache();
    assert.equal(parseYamlIncremental(text, cache).incremental, false, 'a cold cache takes one full parse');
    assert.equal(cache.size, 51, 'the full parse seeds one entry per slice');
    const edited = text.replace('BucketName: b7\n', 'BucketName: b7-edited\n');
    const result = parseYamlIncremental(edited, cache);
    assert.equal(result.incremental, true);
    assert.equal(cache.stats.misses, 1);
    assert.equal(cache.stats.hits, 50);
    sameAsFull(edited);
  });

  it('keeps the slices of the last good text while an edit breaks the syntax', () => {
    const text = 'Resources:\n  A:\n    Type: T\n  B:\n    Type: T\n';
    const cache = new YamlSliceCache();
    parseYamlIncremental(text, cache);
    const broken = parseYamlIncremental(text.replace('  B:\n', '  B: [\n'), cache);
    assert.equal(broken.problems.length > 0, true);
    assert.equal(cache.size, 2);
    const fixed = parseYamlIncremental(text, cache);
    assert.equal(fixed.incremental, true);
    sameAsFull(text);
  });

  it('falls back to a full parse for unusual layouts, even with a warm cache', () => {
    for (const text of [
      '{ "Resources": {} }\n',
      'A: 1\n---\nB: 2\n',
      '%YAML 1.2\n---\nA: 1\n',
      'Resources:\n  A: &x\n    Type: T\n  B: *x\n',
      'Resources:\n\tA: 1\n',
      'Resources:\n  - A\n',
      'Resources:\n    A:\n      Type: T\n  B:\n    Type: T\n',
    ]) {
      const cache = new YamlSliceCache();
      parseYamlIncremental(text, cache);
      assert.equal(parseYamlIncremental(text, cache).incremental, false, JSON.stringify(text));
      sameAsFull(text, cache);
    }
  });

  it('cuts a template into top-level sections and one slice per resource', () => {
    const text =
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: T\n  # c\n  B:\n    Type: T\nOutputs: {}\n";
    const layout = cutIntoSlices(text);
    assert.ok(layout);
    assert.deepEqual(
      layout.resources.map((s) => text.slice(s.start, s.end)),
      ['  A:\n    Type: T\n  # c\n', '  B:\n    Type: T\n'],
    );
    assert.deepEqual(
      layout.sections.map((s) => text.slice(s.start, s.end)),
      ["AWSTemplateFormatVersion: '2010-09-09'\n", 'Outputs: {}\n'],
    );
  });
});
