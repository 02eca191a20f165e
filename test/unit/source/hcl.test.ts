// Terraform's native syntax through tree-sitter: blocks, attributes and the expression shapes a reader
// resolves, with offsets that slice back to the source text, half-typed files included.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { HclAttribute, HclBlock, HclFile } from '../../../server/src/engine/source/hcl';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { hclShape } from '../../helpers/hcl-shape';

const TRAIL = `# the org trail ☕
resource "aws_cloudtrail" "main" {
  name                  = "org-trail"
  is_multi_region_trail = true
  s3_bucket_name        = aws_s3_bucket.logs.id
  kms_key_id            = "\${var.key_prefix}/\${local.key}"
  retention             = 365
  sns                   = null
  tags                  = { Team = "sec", "cost-center" = 42 }
  regions               = ["us-east-1", var.region]
  first                 = var.list[0]
  mode                  = var.prod ? "a" : "b"
  chain                 = var.a ? "x" : var.b ? "y" : "z"
  grouped               = (var.a ? "x" : var.b) ? "y" : "z"
  picked                = var.list[count.index]
  sum                   = var.n + 1
  all                   = aws_s3_bucket.logs[*].arn
  // checkov:skip=CKV_AWS_35:reason
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*" }]
  })
  doc = <<EOT
{"Version": "2012-10-17"}
EOT
  event_selector {
    read_write_type = "All"
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
  /* block
     comment */
}
`;

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const text = (source: string, s: { start: number; end: number }): string => source.slice(s.start, s.end);
const attr = (block: HclBlock, name: string): HclAttribute => {
  const found = block.body.attributes.find((a) => a.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
};
const shape = (e: Parameters<typeof hclShape>[0]): unknown => hclShape(e);

describe('HCL (Terraform) source', () => {
  let file: HclFile;
  let trail: HclBlock;
  before(() => {
    file = reader.read(TRAIL);
    const found = file.body.blocks[0];
    assert.ok(found);
    trail = found;
  });

  it('reads blocks with their type, labels and exact spans', () => {
    assert.deepEqual(file.problems, []);
    assert.equal(trail.type, 'resource');
    assert.deepEqual(trail.labels, ['aws_cloudtrail', 'main']);
    assert.equal(text(TRAIL, trail.typeSpan), 'resource');
    assert.ok(text(TRAIL, trail).startsWith('resource "aws_cloudtrail" "main" {'));
    assert.ok(text(TRAIL, trail).endsWith('}'));
    const selector = trail.body.blocks[0];
    assert.equal(selector?.type, 'event_selector');
    assert.deepEqual(selector?.labels, []);
    assert.equal(selector?.body.blocks[0]?.type, 'data_resource');
  });

  it('keeps the expression shapes a reader resolves, and nothing it cannot', () => {
    const values = Object.fromEntries(trail.body.attributes.map((a) => [a.name, shape(a.value)]));
    assert.deepEqual(values, {
      name: 'org-trail',
      is_multi_region_trail: true,
      s3_bucket_name: { ref: 'aws_s3_bucket.logs.id' },
      kms_key_id: { template: [{ ref: 'var.key_prefix' }, '/', { ref: 'local.key' }] },
      retention: 365,
      sns: null,
      tags: { Team: 'sec', 'cost-center': 42 },
      regions: ['us-east-1', { ref: 'var.region' }],
      first: { ref: 'var.list.0' },
      mode: { if: { ref: 'var.prod' }, then: 'a', else: 'b' },
      // A chain nests on the right, as Terraform reads it (the grammar nests it on the left).
      chain: { if: { ref: 'var.a' }, then: 'x', else: { if: { ref: 'var.b' }, then: 'y', else: 'z' } },
      grouped: { if: { if: { ref: 'var.a' }, then: 'x', else: { ref: 'var.b' } }, then: 'y', else: 'z' },
      picked: { ref: 'var.list.[…]' },
      sum: 'other',
      all: 'other',
      policy: {
        call: 'jsonencode',
        args: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] }],
      },
      doc: { heredoc: ['{"Version": "2012-10-17"}\n'] },
    });
  });

  it('gives attribute, name and value spans that slice back to the source', () => {
    const name = attr(trail, 'is_multi_region_trail');
    assert.equal(text(TRAIL, name), 'is_multi_region_trail = true');
    assert.equal(text(TRAIL, name.nameSpan), 'is_multi_region_trail');
    assert.equal(text(TRAIL, name.value), 'true');
    assert.equal(text(TRAIL, attr(trail, 's3_bucket_name').value), 'aws_s3_bucket.logs.id');
    const tags = attr(trail, 'tags').value;
    assert.equal(tags.kind, 'object');
    if (tags.kind === 'object') assert.equal(text(TRAIL, tags.entries[1]!.keySpan), '"cost-center"');
  });

  it('collects every comment form, with UTF-16 offsets past non-ASCII text', () => {
    assert.deepEqual(
      file.comments.map((c) => c.text),
      ['# the org trail ☕', '// checkov:skip=CKV_AWS_35:reason', '/* block\n     comment */'],
    );
    for (const c of file.comments) assert.equal(text(TRAIL, c), c.text);
  });

  it('reads what it can of a half-typed file and says where it could not', () => {
    const source = `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_cloudtrail" "main" {
  s3_bucket_name = aws_s3_bucket.logs.id
  tags = { a = "b
`;
    const half = reader.read(source);
    assert.ok(half.problems.length > 0, 'a problem is reported');
    for (const p of half.problems)
      assert.ok(p.start >= source.indexOf('resource "aws_cloudtrail"'), p.message);
    assert.deepEqual(
      half.body.blocks.map((b) => b.labels.join('.')),
      ['aws_s3_bucket.logs', 'aws_cloudtrail.main'],
    );
    assert.deepEqual(shape(attr(half.body.blocks[1]!, 's3_bucket_name').value), {
      ref: 'aws_s3_bucket.logs.id',
    });
  });

  it('decodes string escapes', () => {
    const escaped = reader.read('locals {\n  a = "tab\\there \\"q\\" \\u00e9 $${literal}"\n}\n');
    assert.deepEqual(shape(escaped.body.blocks[0]!.body.attributes[0]!.value), 'tab\there "q" é ${literal}');
  });

  it('reads heredocs as Terraform does: <<- drops the common indentation, backslashes stay as written', () => {
    // Each expected value is what `terraform console` (1.11) printed for the same heredoc.
    const source = [
      'locals {',
      '  a = <<-EOT\n    Foo\n      Bar\n    Baz\n    EOT',
      '  b = <<-EOT\n      Foo\n    Bar\n      Baz\n  EOT',
      '  c = <<-EOT\n    ${"x"}\n      Bar\n    EOT',
      '  d = <<-EOT\n      Foo\n\n    Bar\n          \n    EOT',
      '  e = <<-EOT\n      ${"x"} Foo\n    Bar \\" \\n \\\\ $${y}\n    EOT',
      '  f = <<EOT\na\\"b \\n\nEOT',
      '}',
      '',
    ].join('\n');
    const read = reader.read(source);
    assert.deepEqual(read.problems, []);
    const value = (name: string): unknown => {
      const parts = attr(read.body.blocks[0]!, name).value;
      assert.equal(parts.kind, 'heredoc');
      return parts.kind === 'heredoc' ? parts.parts.map((p) => (typeof p === 'string' ? p : shape(p))) : [];
    };
    assert.deepEqual(value('a'), ['Foo\n  Bar\nBaz\n']);
    assert.deepEqual(value('b'), ['  Foo\nBar\n  Baz\n']);
    // The spaces before an interpolation count: the least indentation is 4, not 0.
    assert.deepEqual(value('c'), ['x', '\n  Bar\n']);
    // A blank line does not count, and keeps its spaces.
    assert.deepEqual(value('d'), ['  Foo\n\nBar\n          \n']);
    assert.deepEqual(value('e'), ['  ', 'x', ' Foo\nBar \\" \\n \\\\ ${y}\n']);
    assert.deepEqual(value('f'), ['a\\"b \\n\n']);
  });

  it('reads a number with an exponent and no decimal point, which the grammar alone cuts short', () => {
    // tree-sitter-hcl lexes `1e3` as `1` and then junk, and would lose the next attribute with it.
    const source = 'locals {\n  x = 1e3\n  y = "a"\n  z = [2E-2, 1.5e3, "1e3"] # 1e3\n}\n';
    const read = reader.read(source);
    assert.deepEqual(read.problems, []);
    const block = read.body.blocks[0]!;
    assert.deepEqual(
      block.body.attributes.map((a) => [a.name, shape(a.value)]),
      [
        ['x', 1000],
        ['y', 'a'],
        ['z', [0.02, 1500, '1e3']],
      ],
    );
    assert.equal(text(source, attr(block, 'x').value), '1e3');
  });

  it('turns object keys into strings as Terraform does; a computed key stays unknown', () => {
    const read = reader.read(
      'locals {\n  a = { 1 = "x", true = "y", null = "z", "${"k"}" = 1, (local.k) = 2 }\n}\n',
    );
    const value = read.body.blocks[0]!.body.attributes[0]!.value;
    assert.equal(value.kind, 'object');
    if (value.kind === 'object')
      assert.deepEqual(
        value.entries.map((e) => e.key),
        ['1', 'true', 'null', 'k', undefined],
      );
  });

  it('keeps an escape past the last code point as written instead of throwing', () => {
    // Terraform refuses `\U00110000`; reading it must not take the file (or a CLI run) down with it.
    const read = reader.read('locals {\n  a = "x\\U00110000 \\U0001F600"\n}\n');
    assert.deepEqual(shape(read.body.blocks[0]!.body.attributes[0]!.value), 'x\\U00110000 😀');
  });

  it('keeps the spaces next to interpolations, in clean and half-typed files alike', () => {
    // The grammar's template_literal tokens leave out spaces next to `${` and `}`; the value does not.
    const body = [
      'locals {',
      '  a = "objects of ${f(x)} and ${g(y)} "',
      '  b = "${f(a)} ${f(b)}"',
      '  c = "a ${~ f(b) ~} c"',
      '  d = <<EOT',
      '  ${f(x)} x ',
      'EOT',
      '}',
      'resource "aws_s3_bucket" " spaced label " {}',
      '',
    ].join('\n');
    const call = (name: string): unknown => ({ call: name, args: [{ ref: name === 'f' ? 'x' : 'y' }] });
    for (const text of [body, `${body}broken = = =\n`]) {
      const file = reader.read(text);
      const values = file.body.blocks[0]!.body.attributes.map((a) => shape(a.value));
      assert.deepEqual(values, [
        { template: ['objects of ', call('f'), ' and ', call('g'), ' '] },
        { template: [{ call: 'f', args: [{ ref: 'a' }] }, ' ', { call: 'f', args: [{ ref: 'b' }] }] },
        { template: ['a', { call: 'f', args: [{ ref: 'b' }] }, 'c'] },
        { heredoc: ['  ', call('f'), ' x \n'] },
      ]);
      assert.deepEqual(file.body.blocks[1]!.labels, ['aws_s3_bucket', ' spaced label ']);
    }
  });

  it('survives binary junk and absurd nesting without throwing', () => {
    const junk = reader.read('\u0000\u0001resource {{{{ "\uFFFD" ]]]] = = =\n');
    assert.ok(junk.problems.length > 0);
    const deep = reader.read(`locals {\n  a = ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`);
    assert.equal(deep.body.blocks.length, 1);
  });
});

/** Every expression shape the lean walk reads from text, after a block of every attribute kind. */
const SHAPES_FOR_EDITS = `${TRAIL}locals {
  a = [ ]
  b = [1, 2.5,]
  c = { a = 1, "b": 2, c.d = 3, true = 4, 5 = 6 }
  d = [
    "x",
    y.z,
  ]
  e = true.x
  f = a.b[0].c
  g = a["k"].b
  h = "a$b%c$"
  i = "$\${x}"
  j = a-b
  k = [true, null, [1]]
  l = { a = 1 # c
    b = 2 // d
  }
  m = ["a" == "b"]
  n = "esc \\"q\\" \\n"
  o = 0x1F
  p = "a$b\${x.y}%c-\${true}\${null}"
  q = ["\${a}/*", "\${a.b}\${c}", "x\${ y }", "\${a.b[0]}", "\${f(x)}", "$$\${x}", "\${true.x}"]
  r = { "\${k}" = "\${v.w}:*", s = "%{ if a }b%{ endif }\${c}" }
}
`;

/** The Terraform fixtures' `.tf` files. */
function tfFixtures(): string[] {
  const root = path.join(__dirname, '../../../../test/fixtures');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((f) => readFileSync(path.join(root, f), 'utf8'));
}

describe('HCL (Terraform) source: the lean read of an error-free file', () => {
  // An error-free tree is read by a leaner walk (delimiters skipped, simple shapes read from the text); a
  // tree with an error anywhere is copied whole. Both must read the same blocks the same way.
  it('reads what the full walk of the same text with an error after it reads', () => {
    const lean = reader.read(SHAPES_FOR_EDITS);
    const full = reader.read(`${SHAPES_FOR_EDITS}broken = = =\n`);
    assert.equal(lean.problems.length, 0);
    assert.ok(full.problems.length > 0);
    assert.deepEqual(lean.body.blocks, full.body.blocks);
    assert.deepEqual(lean.comments, full.comments);
  });
});

describe('HCL (Terraform) source: the lean walk against the full one, on edited fixtures', () => {
  // The lean walk reads block headers and attribute names from the text and leaves a node once only spaces
  // and its closing delimiter follow; a comment, line break or comma in those places must send it back to
  // the tree. Every fixture, with such text inserted at random places, must read as the full walk reads it
  // (the same text with an error after it) whenever the edit leaves the file error-free.
  const fixtures = [SHAPES_FOR_EDITS, ...tfFixtures()];
  const INSERTS = [' ', '\n', '# c\n', '// c\n', '/* c */', ',', '\t'];

  it('reads every edited fixture as the full walk does', function () {
    this.timeout(120000);
    let compared = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...INSERTS)), {
          minLength: 1,
          maxLength: 4,
        }),
        (which, edits) => {
          let text = fixtures[which] as string;
          for (const [where, insert] of edits) {
            const at = Math.floor(where * text.length);
            text = text.slice(0, at) + insert + text.slice(at);
          }
          const lean = reader.read(text);
          if (lean.problems.length > 0) return;
          const full = reader.read(`${text}\nbroken = = =\n`);
          assert.ok(full.problems.length > 0);
          assert.deepEqual(lean.body.blocks, full.body.blocks);
          assert.deepEqual(lean.comments, full.comments);
          compared++;
        },
      ),
      { numRuns: 1500, seed: 20261129 },
    );
    // Most edits keep a file error-free: the property must have compared many reads, not skipped them.
    assert.ok(compared > 500, `only ${compared} edited fixtures were error-free`);
  });
});
