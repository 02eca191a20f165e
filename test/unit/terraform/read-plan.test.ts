// `terraform show -json` plans: detected by content, read into the shapes the `.tf` readers give, with
// values Terraform knows only after apply taken from what the configuration refers to, and spans that
// slice back to the plan text.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HclAttribute } from '../../../server/src/engine/source/hcl';
import { addressOf, type TfConfig, type TfResource } from '../../../server/src/engine/terraform/config';
import { configFromPlan, isPlanJson } from '../../../server/src/engine/terraform/read-plan';
import { lintTerraform } from '../../../server/src/engine/lint-terraform';
import { FIXTURES } from '../../helpers/paths';
import { hclShape } from '../../helpers/hcl-shape';

const FILE = 'child-module.plan.json';
const PLAN = readFileSync(path.join(FIXTURES, 'terraform', 'plan', FILE), 'utf8');

const text = (source: string, s: { start: number; end: number }): string => source.slice(s.start, s.end);

function resource(config: TfConfig, address: string): TfResource {
  const found = config.resources.find((r) => addressOf(r) === address);
  assert.ok(found, `resource ${address}`);
  return found;
}

function attr(r: TfResource, name: string): HclAttribute {
  const found = r.body.attributes.find((a) => a.name === name);
  assert.ok(found, `attribute ${name} of ${addressOf(r)}`);
  return found;
}

/** References keep their steps here, to show how instance keys are split off. */
const shape = (e: Parameters<typeof hclShape>[0]): unknown => hclShape(e, (path) => path);

/** A minimal plan around some root module resources, configuration and changes. */
function plan(parts: {
  resources: unknown[];
  childModules?: unknown[];
  changes?: unknown[];
  configuration?: unknown;
}) {
  return JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.8.5',
      planned_values: {
        root_module: { resources: parts.resources, child_modules: parts.childModules ?? [] },
      },
      resource_changes: parts.changes ?? [],
      configuration: { root_module: parts.configuration ?? {} },
    },
    null,
    2,
  );
}

describe('Terraform plan JSON: detection', () => {
  it('recognizes a plan, compact or pretty, whatever comes before planned_values', () => {
    assert.equal(isPlanJson(PLAN), true);
    assert.equal(isPlanJson(JSON.stringify(JSON.parse(PLAN))), true);
    const later = `\uFEFF{"variables":{"v":{"value":"${'x'.repeat(10_000)}"}},"format_version":"1.2","planned_values":{}}`;
    assert.equal(isPlanJson(later), true);
  });

  it('rejects CloudFormation templates, state files and keys that are not at the top level', () => {
    const template = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'mentions "planned_values" and "format_version" in text only',
      Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true } } },
    });
    assert.equal(isPlanJson(template), false);
    const state = JSON.stringify({
      format_version: '1.0',
      terraform_version: '1.8.5',
      values: { root_module: { resources: [] } },
    });
    assert.equal(isPlanJson(state), false);
    assert.equal(isPlanJson('{"format_version":"1.2","prior_state":{"planned_values":{}}}'), false);
    assert.equal(isPlanJson('{"format_version":"1.2","prior_state":{"a":[1],"planned_values":{}}}'), false);
    assert.equal(isPlanJson('{"format_version":"1.2","x":"\\"planned_values\\": 1"}'), false);
    assert.equal(isPlanJson('["format_version", "planned_values"]'), false);
    assert.equal(isPlanJson('resource "aws_s3_bucket" "planned_values" {} # "format_version"'), false);
  });
});

describe('Terraform plan JSON: reading', () => {
  let config: TfConfig;
  before(() => {
    config = configFromPlan(FILE, PLAN);
  });

  it('reads every planned resource, root and child modules, with its module address', () => {
    assert.deepEqual(config.problems, []);
    assert.deepEqual(
      config.resources.map((r) => [addressOf(r), r.module, r.mode, r.file]),
      [
        ['aws_s3_bucket.access_logs', '', 'resource', FILE],
        ['module.audit.aws_cloudtrail.main', 'module.audit', 'resource', FILE],
        ['module.audit.aws_kms_key.trail', 'module.audit', 'resource', FILE],
        ['module.audit.aws_s3_bucket.logs', 'module.audit', 'resource', FILE],
      ],
    );
    assert.deepEqual([config.variables, config.locals, config.comments], [[], [], []]);
  });

  it('spans the resource object and its address member', () => {
    const trail = resource(config, 'module.audit.aws_cloudtrail.main');
    assert.equal(text(PLAN, trail.header), '"address": "module.audit.aws_cloudtrail.main"');
    const whole = text(PLAN, trail.at);
    assert.ok(whole.startsWith('{\n              "address": "module.audit.aws_cloudtrail.main",'), whole);
    assert.ok(whole.endsWith('"tags_all": {}\n              }\n            }'), whole);
    const multi = attr(trail, 'is_multi_region_trail');
    assert.equal(text(PLAN, multi), '"is_multi_region_trail": false');
    assert.equal(text(PLAN, multi.nameSpan), '"is_multi_region_trail"');
    assert.equal(text(PLAN, multi.value), 'false');
    assert.ok(multi.start > trail.at.start && multi.end < trail.at.end);
  });

  it('gives planned values as literals, tuples and objects, and leaves out what is really unset', () => {
    const trail = resource(config, 'module.audit.aws_cloudtrail.main');
    const value = (name: string): unknown => shape(attr(trail, name).value);
    assert.equal(value('is_multi_region_trail'), false);
    // A known value wins over the configuration it came from (`name = var.trail_name`).
    assert.equal(value('name'), 'org-audit');
    assert.deepEqual(value('advanced_event_selector'), []);
    assert.deepEqual(value('event_selector'), [
      {
        data_resource: [{ type: 'AWS::S3::Object', values: ['other'] }],
        include_management_events: true,
        read_write_type: 'All',
      },
    ]);
    const names = trail.body.attributes.map((a) => a.name);
    for (const unset of ['sns_topic_name', 'cloud_watch_logs_group_arn', 's3_key_prefix', 'tags'])
      assert.ok(!names.includes(unset), unset);
    const key = resource(config, 'module.audit.aws_kms_key.trail');
    assert.equal(shape(attr(key, 'deletion_window_in_days').value), 30);
    assert.equal(shape(attr(key, 'enable_key_rotation').value), true);
  });

  it('takes values unknown until apply from the module-relative references of the configuration', () => {
    const trail = resource(config, 'module.audit.aws_cloudtrail.main');
    const bucket = attr(trail, 's3_bucket_name');
    assert.deepEqual(shape(bucket.value), { ref: ['aws_s3_bucket', 'logs', 'id'] });
    // Located at the instance's address, not at the configuration that all its instances share.
    assert.equal(text(PLAN, bucket.nameSpan), '"address": "module.audit.aws_cloudtrail.main"');
    assert.ok(
      text(PLAN, bucket).startsWith('{\n              "address": "module.audit.aws_cloudtrail.main"'),
    );
    assert.equal(text(PLAN, bucket.value), '"address": "module.audit.aws_cloudtrail.main"');
    assert.deepEqual(shape(attr(trail, 'kms_key_id').value), { ref: ['aws_kms_key', 'trail', 'arn'] });
    // Inside a nested block too: the planned logging block lacks its unknown target bucket.
    const logs = resource(config, 'module.audit.aws_s3_bucket.logs');
    assert.deepEqual(shape(attr(logs, 'logging').value), [
      { target_prefix: 'audit-trail/', target_bucket: { ref: ['var', 'access_log_bucket'] } },
    ]);
  });

  it('leaves out unknown values nobody configured (computed by the provider), and keeps configured references', () => {
    const logs = resource(config, 'module.audit.aws_s3_bucket.logs');
    assert.ok(!logs.body.attributes.some((a) => a.name === 'versioning'));
    assert.ok(!logs.body.attributes.some((a) => a.name === 'server_side_encryption_configuration'));
    const root = resource(config, 'aws_s3_bucket.access_logs');
    assert.ok(!root.body.attributes.some((a) => a.name === 'logging'));
    assert.equal(shape(attr(root, 'bucket').value), 'acme-s3-access-logs');
    // Configured without a reference (`var.access_log_bucket` is a reference; a function call is not).
    const trail = resource(config, 'module.audit.aws_cloudtrail.main');
    assert.equal(attr(trail, 's3_bucket_name').value.kind, 'reference');
  });

  it('gives depends_on from the configuration as references', () => {
    const trail = resource(config, 'module.audit.aws_cloudtrail.main');
    const deps = attr(trail, 'depends_on');
    assert.deepEqual(shape(deps.value), [{ ref: ['aws_s3_bucket', 'logs'] }]);
    assert.equal(text(PLAN, deps), '"depends_on": ["aws_s3_bucket.logs"]');
    assert.equal(deps.value.kind, 'tuple');
    if (deps.value.kind === 'tuple') assert.equal(text(PLAN, deps.value.items[0]!), '"aws_s3_bucket.logs"');
    const key = resource(config, 'module.audit.aws_kms_key.trail');
    assert.ok(!key.body.attributes.some((a) => a.name === 'depends_on'));
  });
});

describe('Terraform plan JSON: instances, nested modules and references', () => {
  const bucket = (index: number | string, values: object): object => ({
    address: `aws_s3_bucket.logs[${JSON.stringify(index)}]`,
    mode: 'managed',
    type: 'aws_s3_bucket',
    name: 'logs',
    index,
    values,
  });
  const unknownId = (address: string, after_unknown: object): object => ({
    address,
    change: { actions: ['create'], after_unknown },
  });

  it('keeps each count instance under the configuration name, with its index and count', () => {
    const source = plan({
      resources: [bucket(0, { bucket: 'a', grant: [null, 'x'] }), bucket(1, { bucket: 'b' })],
      configuration: {
        resources: [
          {
            address: 'aws_s3_bucket.logs',
            mode: 'managed',
            type: 'aws_s3_bucket',
            name: 'logs',
            expressions: { bucket: { references: ['var.names'] } },
            count_expression: { constant_value: 2 },
          },
        ],
      },
    });
    const read = configFromPlan('p.json', source);
    assert.deepEqual(
      read.resources.map((r) => [
        addressOf(r),
        shape(attr(r, 'bucket').value),
        shape(attr(r, 'count').value),
      ]),
      [
        ['aws_s3_bucket.logs[0]', 'a', 2],
        ['aws_s3_bucket.logs[1]', 'b', 2],
      ],
    );
    assert.equal(text(source, read.resources[1]!.header), '"address": "aws_s3_bucket.logs[1]"');
    // A known null in a list stays null; only unknown elements are unresolved.
    assert.deepEqual(shape(attr(read.resources[0]!, 'grant').value), [null, 'x']);
  });

  it('finds the configuration of nested module instances and splits instance keys off references', () => {
    const trail = {
      address: 'module.org["main"].module.trail.aws_cloudtrail.this',
      mode: 'managed',
      type: 'aws_cloudtrail',
      name: 'this',
      values: { name: 't', kms_key_id: null, sns_topic_name: null },
    };
    const source = plan({
      resources: [],
      childModules: [
        {
          address: 'module.org["main"]',
          child_modules: [{ address: 'module.org["main"].module.trail', resources: [trail] }],
        },
      ],
      changes: [
        unknownId(trail.address, {
          s3_bucket_name: true,
          cloud_watch_logs_group_arn: true,
          kms_key_id: true,
          arn: true,
        }),
      ],
      configuration: {
        module_calls: {
          org: {
            source: './org',
            module: {
              module_calls: {
                trail: {
                  source: './trail',
                  module: {
                    resources: [
                      {
                        address: 'aws_cloudtrail.this',
                        mode: 'managed',
                        type: 'aws_cloudtrail',
                        name: 'this',
                        expressions: {
                          s3_bucket_name: {
                            references: [
                              'aws_s3_bucket.logs[0].id',
                              'aws_s3_bucket.logs[0]',
                              'aws_s3_bucket.logs',
                            ],
                          },
                          kms_key_id: {
                            references: ['aws_kms_key.k["a"].arn', 'aws_kms_key.k["a"]', 'aws_kms_key.k'],
                          },
                          cloud_watch_logs_role_arn: {
                            references: ['aws_iam_role.cw.arn', 'aws_iam_role.cw'],
                          },
                          cloud_watch_logs_group_arn: {
                            references: [
                              'var.prefix',
                              'aws_cloudwatch_log_group.l.arn',
                              'aws_cloudwatch_log_group.l',
                            ],
                          },
                        },
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      },
    });
    const read = configFromPlan('p.json', source);
    assert.deepEqual(read.problems, []);
    const r = resource(read, 'module.org["main"].module.trail.aws_cloudtrail.this');
    assert.equal(r.module, 'module.org["main"].module.trail');
    assert.deepEqual(shape(attr(r, 's3_bucket_name').value), { ref: ['aws_s3_bucket', 'logs', '0', 'id'] });
    // A null planned value with a configuration reference is that reference.
    assert.deepEqual(shape(attr(r, 'kms_key_id').value), { ref: ['aws_kms_key', 'k', 'a', 'arn'] });
    // Several references (`"${var.prefix}${…}"`): not one traversal, so unresolved, not a wrong one.
    assert.equal(attr(r, 'cloud_watch_logs_group_arn').value.kind, 'other');
    // Unknown and not configured: computed by the provider, so left out rather than unresolved.
    assert.ok(!r.body.attributes.some((a) => a.name === 'arn'));
    // Written in the configuration but missing from the plan altogether: still the reference.
    assert.deepEqual(shape(attr(r, 'cloud_watch_logs_role_arn').value), {
      ref: ['aws_iam_role', 'cw', 'arn'],
    });
    assert.ok(!r.body.attributes.some((a) => a.name === 'sns_topic_name'));
  });

  it('reads data sources with mode data', () => {
    const source = plan({
      resources: [
        {
          address: 'data.aws_caller_identity.current',
          mode: 'data',
          type: 'aws_caller_identity',
          name: 'current',
          values: { account_id: '123456789012' },
        },
      ],
    });
    const [r] = configFromPlan('p.json', source).resources;
    assert.equal(r && addressOf(r), 'data.aws_caller_identity.current');
  });
});

describe('Terraform plan JSON: instances in findings', () => {
  const lintPlan = (file: string) => {
    const text = readFileSync(path.join(FIXTURES, 'terraform', 'rules', file), 'utf8');
    const results = lintTerraform({
      files: [{ file, text }],
      readHcl: () => assert.fail('a plan holds no HCL'),
    });
    return results.get(file)?.findings ?? [];
  };

  it('names each instance of a count or for_each resource by its full address', () => {
    const ct001 = lintPlan('CT001/plan-instances/instances.plan.json').filter((f) => f.ruleId === 'CT001');
    assert.deepEqual(
      ct001.map((f) => f.resource),
      ['aws_cloudtrail.c[1]', 'aws_cloudtrail.f["west"]'],
    );
  });

  it('follows a reference to one instance to that instance', () => {
    const findings = lintPlan('S3002/good-plan-instance/instances.plan.json');
    const ct010 = findings.find((f) => f.ruleId === 'CT010');
    assert.match(ct010?.message ?? '', /aws_s3_bucket\.fe\["b"\] has no bucket policy/);
    assert.deepEqual(
      [...new Set(findings.filter((f) => f.ruleId.startsWith('S3')).map((f) => f.resource))],
      ['aws_s3_bucket.fe["b"]'],
    );
  });
});

describe('Terraform plan JSON: files that cannot be read', () => {
  it('reports broken JSON without throwing, and reads nothing of it', () => {
    const cut = PLAN.slice(0, PLAN.indexOf('"resource_changes"') + 40);
    const read = configFromPlan('p.json', cut);
    assert.ok(read.problems.length > 0);
    for (const p of read.problems) {
      assert.match(p.message, /^Terraform plan JSON could not be read: /);
      assert.equal(p.file, 'p.json');
    }
    assert.deepEqual(read.resources, []);
    const junk = configFromPlan('p.json', '{"format_version": "1.2", "planned_values": {,,]]] \u0000');
    assert.ok(junk.problems.length > 0);
    assert.deepEqual(junk.resources, []);
  });

  it('refuses absurd nesting without throwing, and reads deep but bounded values', () => {
    const nested = (depth: number): string =>
      plan({
        resources: [
          { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { x: 0 } },
        ],
      }).replace('"x": 0', `"x": ${'['.repeat(depth)}${']'.repeat(depth)}`);
    const deep = configFromPlan('p.json', nested(100_000));
    assert.equal(deep.problems.length, 1);
    assert.match(deep.problems[0]!.message, /nests deeper than \d+ levels/);
    assert.deepEqual(deep.resources, []);
    const fine = configFromPlan('p.json', nested(400));
    assert.deepEqual(fine.problems, []);
    assert.equal(fine.resources.length, 1);
  });

  it('reports a state file, a future major format and a non-object', () => {
    const state = configFromPlan('s.json', '{"format_version": "1.0", "values": {"root_module": {}}}');
    assert.match(state.problems[0]?.message ?? '', /no planned_values/);
    const future = configFromPlan('f.json', '{"format_version": "2.0", "planned_values": {}}');
    assert.match(future.problems[0]?.message ?? '', /format_version 2\.0 is not 1\.x/);
    assert.equal(
      text('{"format_version": "2.0", "planned_values": {}}', future.problems[0]!),
      '"format_version": "2.0"',
    );
    const list = configFromPlan('l.json', '[1, 2]');
    assert.match(list.problems[0]?.message ?? '', /not a JSON object/);
  });
});
