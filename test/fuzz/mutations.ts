// Mutations of a valid input: line edits, cuts, scalar type flips, YAML tags, unicode oddities and deep
// nesting. Positions are drawn as naturals and taken modulo the text's length, so every operation applies to
// any text and fast-check can shrink a failing case down to the few operations that matter.
import fc from 'fast-check';
import type { FuzzFormat } from './formats';

export type Op =
  | { kind: 'delete-line' | 'duplicate-line' | 'cut'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'delete-span'; at: number; length: number }
  | { kind: 'insert' | 'after-colon'; at: number; text: string }
  | { kind: 'flip-scalar'; at: number; to: string }
  | { kind: 'indent'; at: number; delta: number }
  | { kind: 'nest'; at: number; depth: number; style: number };

const UNICODE = [
  '😀',
  '\u{10FFFF}',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\u0000',
  '\u2028',
  '\u0085',
  '\r',
  '\r\n',
  '\t',
  'é',
  '\u200B',
];
const YAML_TAGS = [
  '!Ref ',
  '!Sub ',
  '!GetAtt ',
  '!Join ',
  '!If ',
  '!Base64 ',
  '!Unknown ',
  '!!str ',
  '!!map ',
  '!!binary ',
  '!<tag:x> ',
  '&a ',
  '*a ',
  '!Ref\n',
  '<<: *a\n',
];
const SYNTAX = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ',',
  ':',
  '- ',
  '#',
  '---\n',
  '...\n',
  '? ',
  '|\n',
  '>-\n',
  '%YAML 1.2\n',
  '\\',
  '${',
  '%{',
  '}}',
  '<<EOT\n',
  '\nEOT\n',
  '= ',
  '.',
  '*',
  '"${aws:username}"',
  '${var.x}',
];
const FORMAT_TEXT: Record<FuzzFormat, string[]> = {
  yaml: [...YAML_TAGS, 'Type: AWS::CloudTrail::Trail\n', 'Resources:\n', 'Ref: X', 'Fn::GetAtt: [A, B]'],
  json: [
    '{"Ref":"X"}',
    '{"Fn::GetAtt":["A","B"]}',
    '{"Fn::Sub":"${A}"}',
    '{"Fn::If":["C",1,2]}',
    '"Type":"AWS::CloudTrail::Trail"',
    '/*',
    '*/',
    '//',
  ],
  cdk: [
    '{"Ref":"X"}',
    '{"Fn::GetAtt":["A","B"]}',
    '{"Fn::Join":["",[]]}',
    '"aws:cdk:path":"x"',
    '"Metadata":{}',
  ],
  hcl: [
    'resource "aws_cloudtrail" "t" {',
    'dynamic "x" {',
    'jsonencode(',
    'data.aws_iam_policy_document.p.json',
    'var.',
    'local.',
    'module.m.',
    'for x in y : x',
    '?',
    '=>',
    '...',
    '/*',
    '*/',
    'count = 2\n',
    'provider = aws.x\n',
  ],
  tfjson: ['{"resource":{}}', '{"aws_cloudtrail":{"t":{}}}', '"${var.x}"', '"//": ""', '[]', 'null'],
  plan: [
    '{"address":"aws_cloudtrail.t"}',
    '"after_unknown":{}',
    '"references":["var.x"]',
    '"constant_value":null',
    'null',
  ],
};
const SCALARS = [
  'true',
  'false',
  'null',
  '0',
  '-1',
  '1e309',
  '"true"',
  '""',
  '[]',
  '{}',
  '~',
  '.nan',
  '0x1F',
  '"${aws:x}"',
  '!Ref X',
  'yes',
  '12345678901234567890',
  '"\\u0000"',
];
const SCALAR = /\b(?:true|false|null)\b|-?\b\d+(?:\.\d+)?\b|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'/g;

function oneOf(list: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...list);
}

export function opArbitrary(format: FuzzFormat): fc.Arbitrary<Op> {
  const at = fc.nat();
  const text = fc.oneof(
    oneOf(UNICODE),
    oneOf(SYNTAX),
    oneOf(FORMAT_TEXT[format]),
    fc.string({ maxLength: 8 }),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete-line' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), at, other: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('cut' as const), at }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('delete-span' as const), at, length: fc.nat(200) }),
    },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('after-colon' as const),
        at,
        text: oneOf([...YAML_TAGS, ...UNICODE]),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('flip-scalar' as const), at, to: oneOf(SCALARS) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('indent' as const),
        at,
        delta: fc.integer({ min: -4, max: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('nest' as const),
        at,
        // Mostly shallow; now and then past the parsers' depth limit (500) and HCL's reader bound.
        depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 400, max: 1500 })),
        style: fc.nat(5),
      }),
    },
  );
}

export function opsArbitrary(format: FuzzFormat): fc.Arbitrary<Op[]> {
  return fc.array(opArbitrary(format), { minLength: 1, maxLength: 4 });
}

/** Deeply nested text, balanced or not, in a style each reader has to descend. */
function nesting(depth: number, style: number): string {
  switch (style) {
    case 0:
      return '['.repeat(depth) + ']'.repeat(depth);
    case 1:
      return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    case 2:
      return '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
    case 3:
      // Block style: indentation grows, so the text grows with the square of the depth; keep it bounded.
      return Array.from({ length: Math.min(depth, 300) }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
    case 4:
      return 'b {\n'.repeat(depth) + '}\n'.repeat(depth);
    default:
      return '['.repeat(depth);
  }
}

function lines(text: string): string[] {
  return text.split('\n');
}

function nthMatch(text: string, re: RegExp, at: number): RegExpExecArray | undefined {
  const all = [...text.matchAll(re)];
  return all.length === 0 ? undefined : all[at % all.length];
}

export function applyOp(text: string, op: Op): string {
  const pos = text.length === 0 ? 0 : op.at % (text.length + 1);
  switch (op.kind) {
    case 'delete-line':
    case 'duplicate-line': {
      const ls = lines(text);
      const i = op.at % ls.length;
      ls.splice(i, op.kind === 'delete-line' ? 1 : 0, ...(op.kind === 'delete-line' ? [] : [ls[i] ?? '']));
      return ls.join('\n');
    }
    case 'swap-lines': {
      const ls = lines(text);
      const i = op.at % ls.length;
      const j = op.other % ls.length;
      [ls[i], ls[j]] = [ls[j] ?? '', ls[i] ?? ''];
      return ls.join('\n');
    }
    case 'cut':
      return text.slice(0, pos);
    case 'delete-span':
      return text.slice(0, pos) + text.slice(pos + op.length);
    case 'insert':
      return text.slice(0, pos) + op.text + text.slice(pos);
    case 'after-colon': {
      const m = nthMatch(text, /: |= /g, op.at);
      if (!m) return text.slice(0, pos) + op.text + text.slice(pos);
      const i = m.index + m[0].length;
      return text.slice(0, i) + op.text + text.slice(i);
    }
    case 'flip-scalar': {
      const m = nthMatch(text, SCALAR, op.at);
      if (!m) return text;
      return text.slice(0, m.index) + op.to + text.slice(m.index + m[0].length);
    }
    case 'indent': {
      const ls = lines(text);
      const i = op.at % ls.length;
      const line = ls[i] ?? '';
      ls[i] =
        op.delta >= 0 ? ' '.repeat(op.delta) + line : line.replace(new RegExp(`^ {0,${-op.delta}}`), '');
      return ls.join('\n');
    }
    case 'nest':
      return text.slice(0, pos) + nesting(op.depth, op.style) + text.slice(pos);
  }
}

export function mutate(text: string, ops: readonly Op[]): string {
  return ops.reduce(applyOp, text);
}
