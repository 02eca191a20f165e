// The Terraform fix writer replacing an item of a policy statement's Action (IAM002: `cloudtrail:*` narrowed
// to the read-only actions): inside `jsonencode({ … })`, JSON in a heredoc, an `aws_iam_policy_document`
// data source, a role's `inline_policy` block and an Identity Center inline policy; the list's items take
// the place of the one item, a scalar becomes a list. Also the guardrail statement appended to the last two.
import { strict as assert } from 'node:assert';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import type { FixIntent, FixPath, FixValue } from '../../../server/src/engine/fix/intents';
import { common, fixed, runFix } from '../../helpers/hcl-fix';

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

const READ_ONLY = ['cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:List*', 'cloudtrail:LookupEvents'];

const ACTION: FixPath = ['Properties', 'PolicyDocument', 'Statement', 0, 'Action'];

const replace = (
  resource: string,
  path: FixPath = ACTION,
  from = 'cloudtrail:*',
  to: FixValue = READ_ONLY,
): FixIntent => ({ ...common, kind: 'replace', resource, path, from, to });

const policy = (document: string): string => `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = ${document}
}
`;

const SCALAR = policy(`jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "cloudtrail:*"
      Resource = "*"
    }]
  })`);

const LIST = policy(`jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = [
        "cloudwatch:Describe*",
        "cloudtrail:*",
      ]
      Resource = "*"
    }]
  })`);

const HEREDOC = policy(`<<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "cloudtrail:*",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "cloudtrail:*"
      ],
      "Resource": "*"
    }
  ]
}
EOF`);

const DOCUMENT = `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = data.aws_iam_policy_document.admin.json
}

data "aws_iam_policy_document" "admin" {
  statement {
    actions = [
      "s3:GetObject",
      "cloudtrail:*",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "Trails"
    actions   = ["cloudtrail:*"]
    resources = ["*"]
  }
}
`;

const ROLE = `resource "aws_iam_role" "ops" {
  name               = "ops"
  assume_role_policy = "{}"

  inline_policy {
    name   = "other"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*" }] })
  }

  inline_policy {
    name = "trails"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Action    = ["cloudtrail:*", "s3:GetObject"]
        Resource  = "*"
        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } }
      }]
    })
  }
}
`;

const SSO = `resource "aws_ssoadmin_permission_set_inline_policy" "ops" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111222233334444"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-1111222233334444"
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["cloudtrail:*"]
      Resource = "*"
    }]
  })
}
`;

const GUARDRAIL: FixValue = {
  Sid: 'DenyCloudTrailTamper',
  Effect: 'Deny',
  Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'],
  Resource: '*',
};

const append = (resource: string, path: FixPath): FixIntent => ({
  ...common,
  kind: 'append',
  resource,
  path,
  value: GUARDRAIL,
});

/** The text with `from` (which must occur once) replaced by `to`. */
const swap = (text: string, from: string, to: string): string => {
  assert.equal(text.split(from).length, 2, `one ${from}`);
  return text.replace(from, () => to);
};

describe('Terraform fix writer: replacing an action of a policy statement', () => {
  it('turns a scalar Action of a jsonencode document into the list, realigning its neighbours', () => {
    assert.equal(
      fixed(reader, SCALAR, replace('aws_iam_policy.admin')),
      swap(
        SCALAR,
        `      Effect   = "Allow"
      Action   = "cloudtrail:*"`,
        `      Effect = "Allow"
      Action = [
        "cloudtrail:Describe*",
        "cloudtrail:Get*",
        "cloudtrail:List*",
        "cloudtrail:LookupEvents",
      ]`,
      ),
    );
  });

  it('splices the list in place of the item of a jsonencode list, one item per line', () => {
    assert.equal(
      fixed(reader, LIST, replace('aws_iam_policy.admin')),
      swap(
        LIST,
        '        "cloudtrail:*",',
        `        "cloudtrail:Describe*",
        "cloudtrail:Get*",
        "cloudtrail:List*",
        "cloudtrail:LookupEvents",`,
      ),
    );
  });

  it('replaces with a scalar, and compares as written', () => {
    assert.equal(
      fixed(reader, LIST, replace('aws_iam_policy.admin', ACTION, 'cloudtrail:*', 'cloudtrail:Get*')),
      swap(LIST, '"cloudtrail:*"', '"cloudtrail:Get*"'),
    );
    assert.equal(
      runFix(reader, { 'main.tf': LIST }, replace('aws_iam_policy.admin', ACTION, 'CloudTrail:*')),
      undefined,
    );
  });

  it('replaces in JSON in a heredoc: a scalar becomes an array, an array item gives way to the items', () => {
    assert.equal(
      fixed(reader, HEREDOC, replace('aws_iam_policy.admin')),
      swap(
        HEREDOC,
        '"Action": "cloudtrail:*"',
        '"Action": ["cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents"]',
      ),
    );
    const second: FixPath = ['Properties', 'PolicyDocument', 'Statement', 1, 'Action'];
    assert.equal(
      fixed(reader, HEREDOC, replace('aws_iam_policy.admin', second)),
      swap(
        HEREDOC,
        '        "cloudtrail:*"\n',
        `        "cloudtrail:Describe*",
        "cloudtrail:Get*",
        "cloudtrail:List*",
        "cloudtrail:LookupEvents"
`,
      ),
    );
  });

  it("replaces in a data source statement's actions, a one-line list growing lines", () => {
    assert.equal(
      fixed(reader, DOCUMENT, replace('aws_iam_policy.admin')),
      swap(
        DOCUMENT,
        '      "cloudtrail:*",\n    ]',
        `      "cloudtrail:Describe*",
      "cloudtrail:Get*",
      "cloudtrail:List*",
      "cloudtrail:LookupEvents",
    ]`,
      ),
    );
    const second: FixPath = ['Properties', 'PolicyDocument', 'Statement', 1, 'Action'];
    assert.equal(
      fixed(reader, DOCUMENT, replace('aws_iam_policy.admin', second)),
      swap(
        DOCUMENT,
        `    sid       = "Trails"
    actions   = ["cloudtrail:*"]`,
        `    sid = "Trails"
    actions = [
      "cloudtrail:Describe*",
      "cloudtrail:Get*",
      "cloudtrail:List*",
      "cloudtrail:LookupEvents",
    ]`,
      ),
    );
  });

  it("replaces in a role's N-th inline_policy block (a one-line object stays one line), appends to it", () => {
    const path: FixPath = ['Properties', 'Policies', 1, 'PolicyDocument', 'Statement', 0, 'Action'];
    assert.equal(
      fixed(reader, ROLE, replace('aws_iam_role.ops', path)),
      swap(
        ROLE,
        '"cloudtrail:*", "s3:GetObject"',
        '"cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents", "s3:GetObject"',
      ),
    );
    const other: FixPath = ['Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action'];
    assert.equal(
      fixed(reader, ROLE, replace('aws_iam_role.ops', other, 's3:*', ['s3:GetObject', 's3:ListBucket'])),
      swap(ROLE, 'Action = "s3:*" }', 'Action = ["s3:GetObject", "s3:ListBucket"] }'),
    );
    const statements: FixPath = ['Properties', 'Policies', 0, 'PolicyDocument', 'Statement'];
    assert.equal(
      fixed(reader, ROLE, append('aws_iam_role.ops', statements)),
      swap(
        ROLE,
        'Action = "s3:*" }]',
        `Action = "s3:*" }, {
      Sid      = "DenyCloudTrailTamper"
      Effect   = "Deny"
      Action   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]
      Resource = "*"
    }]`,
      ),
    );
    const third: FixPath = ['Properties', 'Policies', 2, 'PolicyDocument', 'Statement'];
    assert.equal(runFix(reader, { 'main.tf': ROLE }, append('aws_iam_role.ops', third)), undefined);
  });

  it('replaces in and appends to an Identity Center inline policy', () => {
    const path: FixPath = ['Properties', 'InlinePolicy', 'Statement', 0, 'Action'];
    assert.equal(
      fixed(reader, SSO, replace('aws_ssoadmin_permission_set_inline_policy.ops', path)),
      swap(
        SSO,
        `      Effect   = "Allow"
      Action   = ["cloudtrail:*"]`,
        `      Effect = "Allow"
      Action = [
        "cloudtrail:Describe*",
        "cloudtrail:Get*",
        "cloudtrail:List*",
        "cloudtrail:LookupEvents",
      ]`,
      ),
    );
    const statements: FixPath = ['Properties', 'InlinePolicy', 'Statement'];
    assert.equal(
      fixed(reader, SSO, append('aws_ssoadmin_permission_set_inline_policy.ops', statements)),
      swap(
        SSO,
        '    }]',
        `    }, {
      Sid      = "DenyCloudTrailTamper"
      Effect   = "Deny"
      Action   = ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"]
      Resource = "*"
    }]`,
      ),
    );
  });

  it('declines NotAction, not_actions, an absent item and documents it cannot see', () => {
    const notAction = SCALAR.replace('Action   =', 'NotAction =');
    const notActions = DOCUMENT.replace('actions = [', 'not_actions = [');
    // Counted without the dynamic block, inline policy 0 would be the one that lists cloudtrail:*.
    const dynamic = ROLE.replace(
      '  inline_policy {\n    name   = "other"',
      '  dynamic "inline_policy" {\n    name   = "other"',
    );
    const firstInline: FixPath = ['Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0, 'Action'];
    const notActionPath: FixPath = ['Properties', 'PolicyDocument', 'Statement', 0, 'NotAction'];
    const cases: [string, string, FixIntent][] = [
      ['NotAction, Action path', notAction, replace('aws_iam_policy.admin')],
      ['not_actions, Action path', notActions, replace('aws_iam_policy.admin')],
      ['not_actions, NotAction path', notActions, replace('aws_iam_policy.admin', notActionPath)],
      ['absent item', LIST, replace('aws_iam_policy.admin', ACTION, 's3:*')],
      ['absent in heredoc', HEREDOC, replace('aws_iam_policy.admin', ACTION, 's3:*')],
      ['absent in data source', DOCUMENT, replace('aws_iam_policy.admin', ACTION, 's3:*')],
      [
        'no such statement',
        SCALAR,
        replace('aws_iam_policy.admin', ['Properties', 'PolicyDocument', 'Statement', 4, 'Action']),
      ],
      ['a variable', policy('var.document'), replace('aws_iam_policy.admin')],
      ['a local', policy('jsonencode(local.document)'), replace('aws_iam_policy.admin')],
      ['a dynamic inline_policy', dynamic, replace('aws_iam_role.ops', firstInline)],
    ];
    for (const [label, text, intent] of cases) {
      assert.equal(runFix(reader, { 'main.tf': text }, intent), undefined, label);
    }
  });
});
