// Terraform's JSON syntax (`.tf.json`): resource, data, variable and locals blocks in every form the syntax
// allows, strings read as HCL templates, `"//"` comments, spans that slice back to the source, and broken or
// hostile files read as far as they can be without a throw.
import { strict as assert } from 'node:assert';
import type { HclAttribute, HclExpr } from '../../../server/src/engine/source/hcl';
import type { TfConfig, TfResource } from '../../../server/src/engine/terraform/config';
import { configFromTfJson } from '../../../server/src/engine/terraform/read-tf-json';
import { textOf } from '../../helpers/text';
import { hclShape } from '../../helpers/hcl-shape';

const FILE = 'main.tf.json';

// `\${` is a literal `${` in this TypeScript template, `\\"` an escaped quote in the JSON.
const CONFIG = `{
  "//": "trail-lint fixture ☕",
  "resource": {
    "aws_s3_bucket": {
      "logs": { "bucket": "logs", "force_destroy": true }
    },
    "aws_cloudtrail": {
      "main": {
        "//": "checkov:skip=CKV_AWS_35:reason",
        "name": "org-trail",
        "s3_bucket_name": "\${aws_s3_bucket.logs.id}",
        "kms_key_id": "\${var.key_prefix}/\${ local.key }",
        "retention": 365,
        "enabled": false,
        "sns": null,
        "first": "\${var.list[0]}",
        "keyed": "\${var.map[\\"k\\"].x}",
        "mode": "\${var.prod ? \\"a\\" : \\"b\\"}",
        "call": "arn:\${join(\\"}\\", [var.a])}:end",
        "splat": "\${aws_s3_bucket.all[*].arn}",
        "escaped": "\\u00e9\\t$\${literal} 100%%{x}",
        "depends_on": ["aws_s3_bucket.logs", "\${aws_kms_key.k}"],
        "tags": { "Team": "sec", "cost-center": 42 },
        "event_selector": [{ "read_write_type": "All", "data_resource": { "values": ["arn:aws:s3"] } }]
      }
    }
  },
  "data": { "aws_iam_policy_document": { "p": { "statement": { "actions": ["s3:*"] } } } },
  "variable": { "key_prefix": { "type": "string", "default": "\${kept.as.written}" }, "no_default": {} },
  "locals": { "key": "k-\${var.key_prefix}" },
  "provider": { "aws": { "region": "us-east-1" } },
  "output": { "o": { "value": "\${aws_cloudtrail.main.arn}" } }
}
`;

const shape = (e: Parameters<typeof hclShape>[0]): unknown => hclShape(e);

const addresses = (c: TfConfig): string[] => c.resources.map((r) => `${r.mode}.${r.type}.${r.name}`);

function resource(c: TfConfig, type: string, name: string): TfResource {
  const found = c.resources.find((r) => r.type === type && r.name === name);
  assert.ok(found, `${type}.${name}`);
  return found;
}

function attr(r: TfResource, name: string): HclAttribute {
  const found = r.body.attributes.find((a) => a.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
}

/** The value of the one attribute of the one resource in `{"resource":{"t":{"n":{"a": <json>}}}}`. */
function valueOf(json: string): { text: string; value: HclExpr } {
  const text = `{"resource":{"t":{"n":{"a": ${json}}}}}`;
  const config = configFromTfJson(FILE, text);
  assert.deepEqual(config.problems, []);
  const value = config.resources[0]?.body.attributes[0]?.value;
  assert.ok(value);
  return { text, value };
}

describe('Terraform JSON (.tf.json) reader', () => {
  const config = configFromTfJson(FILE, CONFIG);
  const trail = resource(config, 'aws_cloudtrail', 'main');

  it('reads resources and data sources, and nothing else', () => {
    assert.deepEqual(config.problems, []);
    assert.deepEqual(addresses(config), [
      'resource.aws_s3_bucket.logs',
      'resource.aws_cloudtrail.main',
      'data.aws_iam_policy_document.p',
    ]);
    for (const r of config.resources) {
      assert.equal(r.file, FILE);
      assert.equal(r.module, '');
    }
  });

  it('spans the body object and points the header at the name key, quotes included', () => {
    const logs = resource(config, 'aws_s3_bucket', 'logs');
    assert.equal(textOf(CONFIG, logs.at), '{ "bucket": "logs", "force_destroy": true }');
    assert.equal(textOf(CONFIG, logs.header), '"logs"');
    assert.equal(textOf(CONFIG, trail.header), '"main"');
    assert.ok(textOf(CONFIG, trail.at).startsWith('{\n        "//": "checkov'));
    assert.ok(textOf(CONFIG, trail.at).endsWith('} }]\n      }'));
    assert.equal(textOf(CONFIG, resource(config, 'aws_iam_policy_document', 'p').header), '"p"');
  });

  it('gives the body as attributes only, with exact name, attribute and value spans', () => {
    assert.deepEqual(trail.body.blocks, []);
    const name = attr(trail, 'name');
    assert.equal(textOf(CONFIG, name), '"name": "org-trail"');
    assert.equal(textOf(CONFIG, name.nameSpan), '"name"');
    assert.equal(textOf(CONFIG, name.value), '"org-trail"');
    assert.equal(textOf(CONFIG, attr(trail, 'retention').value), '365');
    const tags = attr(trail, 'tags').value;
    assert.equal(tags.kind, 'object');
    if (tags.kind === 'object') assert.equal(textOf(CONFIG, tags.entries[1]?.keySpan), '"cost-center"');
    assert.ok(textOf(CONFIG, attr(trail, 'event_selector').value).startsWith('[{ "read_write_type"'));
  });

  it('reads values as Terraform does: literals, references, templates and what it cannot tell', () => {
    const values = Object.fromEntries(trail.body.attributes.map((a) => [a.name, shape(a.value)]));
    assert.deepEqual(values, {
      name: 'org-trail',
      s3_bucket_name: { ref: 'aws_s3_bucket.logs.id' },
      kms_key_id: { template: [{ ref: 'var.key_prefix' }, '/', { ref: 'local.key' }] },
      retention: 365,
      enabled: false,
      sns: null,
      first: { ref: 'var.list.0' },
      keyed: { ref: 'var.map.k.x' },
      mode: 'other',
      call: { template: ['arn:', 'other', ':end'] },
      splat: 'other',
      escaped: 'é\t${literal} 100%{x}',
      depends_on: [{ ref: 'aws_s3_bucket.logs' }, { ref: 'aws_kms_key.k' }],
      tags: { Team: 'sec', 'cost-center': 42 },
      event_selector: [{ read_write_type: 'All', data_resource: { values: ['arn:aws:s3'] } }],
    });
  });

  it('spans a lone interpolation as the whole string, and template parts inside it', () => {
    const bucket = attr(trail, 's3_bucket_name').value;
    assert.equal(bucket.kind, 'reference');
    assert.equal(textOf(CONFIG, bucket), '"${aws_s3_bucket.logs.id}"');
    const kms = attr(trail, 'kms_key_id').value;
    assert.equal(textOf(CONFIG, kms), '"${var.key_prefix}/${ local.key }"');
    assert.ok(kms.kind === 'template');
    const [prefix, , key] = kms.parts;
    assert.ok(typeof prefix === 'object' && typeof key === 'object');
    assert.equal(textOf(CONFIG, prefix), 'var.key_prefix');
    assert.equal(textOf(CONFIG, key), 'local.key');
    const call = attr(trail, 'call').value;
    assert.ok(call.kind === 'template');
    const other = call.parts[1];
    assert.ok(typeof other === 'object');
    assert.equal(textOf(CONFIG, other), '${join(\\"}\\", [var.a])}');
    const dependency = attr(trail, 'depends_on').value;
    assert.ok(dependency.kind === 'tuple');
    assert.equal(textOf(CONFIG, dependency.items[0]), '"aws_s3_bucket.logs"');
  });

  it('keeps interpolation spans exact past JSON escapes', () => {
    const { text, value } = valueOf('"\\u00e9\\"\\n ${a.b} \\\\${c}"');
    assert.ok(value.kind === 'template');
    assert.deepEqual(shape(value), { template: ['é"\n ', { ref: 'a.b' }, ' \\', { ref: 'c' }] });
    const [, ab, , c] = value.parts;
    assert.ok(typeof ab === 'object' && typeof c === 'object');
    assert.equal(textOf(text, ab), 'a.b');
    assert.equal(textOf(text, c), 'c');
  });

  it('reads the template forms: escapes, strip markers, directives, unclosed interpolations', () => {
    assert.deepEqual(shape(valueOf('"$${a.b}"').value), '${a.b}');
    assert.deepEqual(shape(valueOf('"${~ var.x ~}"').value), { ref: 'var.x' });
    assert.deepEqual(shape(valueOf('"${a}${b}"').value), { template: [{ ref: 'a' }, { ref: 'b' }] });
    assert.deepEqual(shape(valueOf('"${true}"').value), 'other');
    assert.deepEqual(shape(valueOf('"${f(x)}"').value), 'other');
    assert.deepEqual(shape(valueOf('"${a.*.b}"').value), 'other');
    assert.deepEqual(shape(valueOf('"${a[var.i]}"').value), 'other');
    assert.deepEqual(shape(valueOf('"%{ if a }x%{ endif }"').value), 'other');
    assert.deepEqual(shape(valueOf('"x ${a.b"').value), { template: ['x ', 'other'] });
    assert.deepEqual(shape(valueOf('"${ {k = \\"}\\"}[\\"k\\"] }"').value), 'other');
    assert.deepEqual(shape(valueOf('"${\\"${a}\\"} ${b.c}"').value), {
      template: ['other', ' ', { ref: 'b.c' }],
    });
  });

  it('records "//" members as comments, not attributes', () => {
    assert.deepEqual(
      config.comments.map((c) => c.text),
      ['trail-lint fixture ☕', 'checkov:skip=CKV_AWS_35:reason'],
    );
    assert.equal(textOf(CONFIG, config.comments[1]), '"//": "checkov:skip=CKV_AWS_35:reason"');
    assert.equal(config.comments[0]?.file, FILE);
    assert.ok(trail.body.attributes.every((a) => a.name !== '//'));
    const nested = configFromTfJson(FILE, '{"resource":{"t":{"n":{"o":{"//":"c","k":1}}}}}');
    assert.deepEqual(shape(nested.resources[0]?.body.attributes[0]?.value), { k: 1 });
    assert.deepEqual(
      nested.comments.map((c) => c.text),
      ['c'],
    );
  });

  it('reads variables with their defaults as written, and locals', () => {
    assert.deepEqual(
      config.variables.map((v) => [v.name, shape(v.default)]),
      [
        ['key_prefix', '${kept.as.written}'],
        ['no_default', undefined],
      ],
    );
    const prefix = config.variables[0];
    assert.ok(textOf(CONFIG, prefix?.at).startsWith('{ "type": "string"'));
    assert.equal(textOf(CONFIG, config.variables[1]?.at), '{}');
    assert.equal(config.locals.length, 1);
    const key = config.locals[0];
    assert.equal(key?.name, 'key');
    assert.equal(textOf(CONFIG, key?.nameSpan), '"key"');
    assert.deepEqual(shape(key?.value), { template: ['k-', { ref: 'var.key_prefix' }] });
  });

  it('reads the array forms: block types, types and names mapped to arrays', () => {
    const text = JSON.stringify({
      resource: [
        { aws_s3_bucket: { a: { bucket: 'a' } } },
        { aws_s3_bucket: [{ b: { bucket: 'b' } }, { c: [{ bucket: 'c1' }, { bucket: 'c2' }] }] },
      ],
      data: [{ aws_caller_identity: { me: {} } }],
      variable: [{ v: { default: 1 } }],
      locals: [{ x: 1 }, { y: 2 }],
    });
    const arrays = configFromTfJson(FILE, text);
    assert.deepEqual(arrays.problems, []);
    assert.deepEqual(addresses(arrays), [
      'resource.aws_s3_bucket.a',
      'resource.aws_s3_bucket.b',
      'resource.aws_s3_bucket.c',
      'resource.aws_s3_bucket.c',
      'data.aws_caller_identity.me',
    ]);
    const [c1, c2] = arrays.resources.filter((r) => r.name === 'c');
    assert.equal(textOf(text, c1?.at), '{"bucket":"c1"}');
    assert.equal(textOf(text, c2?.at), '{"bucket":"c2"}');
    assert.equal(textOf(text, c2?.header), '"c"');
    assert.deepEqual(
      arrays.variables.map((v) => [v.name, shape(v.default)]),
      [['v', 1]],
    );
    assert.deepEqual(
      arrays.locals.map((l) => [l.name, shape(l.value)]),
      [
        ['x', 1],
        ['y', 2],
      ],
    );
  });

  it('keeps UTF-16 offsets past non-ASCII text', () => {
    const text =
      '{"//": "naïve ☕ 😀 𝄞", "resource": {"aws_s3_bucket": {"logs": {"bucket": "ünïcode 😀 ${a.b}"}}}}';
    const logs = configFromTfJson(FILE, text).resources[0];
    assert.ok(logs);
    assert.equal(textOf(text, logs.header), '"logs"');
    assert.equal(textOf(text, logs.at), '{"bucket": "ünïcode 😀 ${a.b}"}');
    const bucket = logs.body.attributes[0]?.value;
    assert.ok(bucket?.kind === 'template');
    assert.equal(textOf(text, bucket), '"ünïcode 😀 ${a.b}"');
    assert.equal(typeof bucket.parts[1] === 'object' ? textOf(text, bucket.parts[1]) : '', 'a.b');
  });

  it('reports broken JSON where it is and keeps what it could read', () => {
    const text = `{
  "resource": {
    "aws_s3_bucket": { "logs": { "bucket": "logs", } },
    "aws_cloudtrail": { "main": { "s3_bucket_name": "\${aws_s3_bucket.logs.id}", "name": `;
    const broken = configFromTfJson(FILE, text);
    assert.ok(broken.problems.length > 0);
    for (const p of broken.problems) {
      assert.match(p.message, /^Terraform JSON syntax error: /);
      assert.equal(p.file, FILE);
    }
    const comma = text.indexOf(', }');
    assert.ok(
      broken.problems.some((p) => p.start > comma && p.start <= comma + 2),
      'the trailing comma is reported',
    );
    // Every container left open complains at the end of the text: once is enough.
    assert.equal(broken.problems.filter((p) => p.start === text.length).length, 1, 'the cut-off end, once');
    assert.deepEqual(addresses(broken), ['resource.aws_s3_bucket.logs', 'resource.aws_cloudtrail.main']);
    const main = resource(broken, 'aws_cloudtrail', 'main');
    assert.deepEqual(shape(attr(main, 's3_bucket_name').value), { ref: 'aws_s3_bucket.logs.id' });
    assert.equal(attr(main, 'name').value.kind, 'other');
  });

  it('reports the wrong shapes without stopping', () => {
    const notObject = configFromTfJson(FILE, '[1, 2]');
    assert.deepEqual(
      notObject.problems.map((p) => p.message),
      ['Terraform JSON: the file must hold one JSON object'],
    );
    const text = '{"resource": {"aws_s3_bucket": "x", "aws_sns_topic": {"t": {}}}}';
    const wrong = configFromTfJson(FILE, text);
    assert.deepEqual(addresses(wrong), ['resource.aws_sns_topic.t']);
    assert.equal(wrong.problems.length, 1);
    assert.equal(textOf(text, wrong.problems[0]), '"x"');
    assert.deepEqual(configFromTfJson(FILE, ''), {
      resources: [],
      variables: [],
      moduleCalls: [],
      locals: [],
      comments: [],
      problems: [],
    });
  });

  it('reads a file that starts with a byte-order mark', () => {
    const text = '\uFEFF{"resource": {"t": {"n": {}}}}';
    const bom = configFromTfJson(FILE, text);
    assert.deepEqual(bom.problems, []);
    assert.equal(textOf(text, bom.resources[0]?.header), '"n"');
  });

  it('survives absurd nesting: the deep part is unread, the rest is read', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const text = `{"resource": {"t": {"n": {"deep": ${deep}, "after": "\${a.b}"}}}, "locals": {"x": 1}}`;
    const config = configFromTfJson(FILE, text);
    assert.equal(config.problems.length, 1);
    assert.match(config.problems[0]?.message ?? '', /nests deeper than \d+ levels/);
    assert.deepEqual(addresses(config), ['resource.t.n']);
    assert.deepEqual(shape(attr(config.resources[0]!, 'after').value), { ref: 'a.b' });
    assert.deepEqual(
      config.locals.map((l) => l.name),
      ['x'],
    );
    // Down the tuples to the value that was cut off: it is `other` and spans the rest of the nesting.
    let value = attr(config.resources[0]!, 'deep').value;
    let levels = 0;
    while (value.kind === 'tuple' && value.items[0]) {
      value = value.items[0];
      levels++;
    }
    assert.equal(value.kind, 'other');
    assert.ok(levels > 100 && levels < 5000, `${levels} levels read`);
    assert.equal(textOf(text, value), '['.repeat(5000 - levels) + ']'.repeat(5000 - levels));

    const unclosed = configFromTfJson(FILE, `{"locals": {"x": 1, "y": ${'{"a":'.repeat(100_000)}`);
    assert.ok(unclosed.problems.length > 0);
    assert.deepEqual(
      unclosed.locals.map((l) => l.name),
      ['x', 'y'],
    );
  });
});
