// Suppressions written in `.tf` files: our directives in every HCL comment form, a directive above a resource
// block covering the whole block, and checkov's skips inside a block mapped to our rule ids.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../server/src/engine/findings';
import type { Loc } from '../../../server/src/engine/model/types';
import { applySuppressions } from '../../../server/src/engine/suppress/apply';
import type { TfComment } from '../../../server/src/engine/terraform/config';
import { readTerraformSuppressions } from '../../../server/src/engine/terraform/suppress';

const FILE = 'main.tf';

/** The comments of `text`, each given by its exact text (found with indexOf, as the reader would span it). */
function commentsOf(text: string, ...written: string[]): TfComment[] {
  return written.map((comment) => {
    const start = text.indexOf(comment);
    assert.ok(start >= 0, `comment not in the text: ${comment}`);
    return { file: FILE, start, end: start + comment.length, text: comment };
  });
}

/** A resource block: from its header to the first `}` at the start of a line after it. */
function block(text: string, header: string, id: string): { id: string; at: { start: number; end: number } } {
  const start = text.indexOf(header);
  assert.ok(start >= 0, `block not in the text: ${header}`);
  return { id, at: { start, end: text.indexOf('\n}', start) + 2 } };
}

const slice = (text: string, at: Loc): string => JSON.stringify(text.slice(at.start, at.end));

function directives(
  text: string,
  comments: TfComment[],
  resources: ReturnType<typeof block>[] = [],
): string[] {
  return readTerraformSuppressions(FILE, text, comments, resources).comments.map((d) => {
    assert.ok([d.at, ...d.ids.map((i) => i.at)].every((at) => at.file === FILE));
    const lines = d.endLine === undefined ? `${d.targetLine}` : `${d.targetLine}-${d.endLine}`;
    const ids = d.ids.map((i) => `${i.id}@${text.slice(i.at.start, i.at.end)}`).join(',');
    return `${d.form} line=${lines} ids=${ids} reason=${d.reason ?? '-'} at=${slice(text, d.at)}`;
  });
}

function skips(text: string, comments: TfComment[], resources: ReturnType<typeof block>[]): string[] {
  return readTerraformSuppressions(FILE, text, comments, resources).metadata.map((m) => {
    assert.ok(m.at.file === FILE && m.idAt.file === FILE);
    return `${m.kind} ${m.resource} ${m.written}→${m.ruleIds.join(',')} reason=${m.reason ?? '-'} at=${slice(text, m.at)} id=${slice(text, m.idAt)}`;
  });
}

describe('Terraform suppressions', () => {
  it('reads next-line inside a block past blank and comment-only lines, and disable-line on its own line', () => {
    const text = [
      'resource "aws_cloudtrail" "main" {', // 0
      '  name = "main"', // 1
      '  # trail-lint-disable-next-line CT003 -- digests checked by the archive', // 2
      '  # a note between', // 3
      '', // 4
      '  enable_log_file_validation = false', // 5
      '  is_multi_region_trail = false  # trail-lint-disable-line ct001, CT006 CT004 --  sandbox ', // 6
      '}', // 7
      '',
    ].join('\n');
    const comments = commentsOf(
      text,
      '# trail-lint-disable-next-line CT003 -- digests checked by the archive',
      '# a note between',
      '# trail-lint-disable-line ct001, CT006 CT004 --  sandbox ',
    );
    assert.deepEqual(
      directives(text, comments, [block(text, 'resource "aws_cloudtrail"', 'aws_cloudtrail.main')]),
      [
        'trail-lint-disable-next-line line=5 ids=CT003@CT003 reason=digests checked by the archive at="# trail-lint-disable-next-line CT003 -- digests checked by the archive"',
        'trail-lint-disable-line line=6 ids=CT001@ct001,CT006@CT006,CT004@CT004 reason=sandbox at="# trail-lint-disable-line ct001, CT006 CT004 --  sandbox"',
      ],
    );
  });

  it('makes a next-line directive right above a resource block cover the whole block, and no other block', () => {
    const text = [
      '# trail-lint-disable-next-line CT004', // 0
      '', // 1
      'resource "aws_cloudtrail" "main" {', // 2
      '  name = "main"', // 3
      '  event_selector {', // 4
      '    read_write_type = "All"', // 5
      '  }', // 6
      '}', // 7
      '', // 8
      '# trail-lint-disable-next-line CT001 -- not a resource', // 9
      'variable "regions" {', // 10
      '  default = []', // 11
      '}', // 12
      '',
    ].join('\n');
    const comments = commentsOf(
      text,
      '# trail-lint-disable-next-line CT004',
      '# trail-lint-disable-next-line CT001 -- not a resource',
    );
    assert.deepEqual(
      directives(text, comments, [block(text, 'resource "aws_cloudtrail"', 'aws_cloudtrail.main')]),
      [
        'trail-lint-disable-next-line line=2-7 ids=CT004@CT004 reason=- at="# trail-lint-disable-next-line CT004"',
        'trail-lint-disable-next-line line=10 ids=CT001@CT001 reason=not a resource at="# trail-lint-disable-next-line CT001 -- not a resource"',
      ],
    );
  });

  it('reads directives in // and /* */ comments, with and without a reason', () => {
    const text = [
      'resource "aws_cloudtrail" "main" {', // 0
      '  kms_key_id = null // trail-lint-disable-line CT004 -- keys live in the security account', // 1
      '  /* trail-lint-disable-next-line CT003 -- digests checked */', // 2
      '  enable_log_file_validation = false', // 3
      '  enable_logging = false /* trail-lint-disable-line CT006 */', // 4
      '  /* trail-lint-disable-next-line CT001', // 5
      '     -- regional sandbox */', // 6
      '  is_multi_region_trail = false', // 7
      '}', // 8
      '',
    ].join('\n');
    const comments = commentsOf(
      text,
      '// trail-lint-disable-line CT004 -- keys live in the security account',
      '/* trail-lint-disable-next-line CT003 -- digests checked */',
      '/* trail-lint-disable-line CT006 */',
      '/* trail-lint-disable-next-line CT001\n     -- regional sandbox */',
    );
    assert.deepEqual(directives(text, comments), [
      'trail-lint-disable-line line=1 ids=CT004@CT004 reason=keys live in the security account at="// trail-lint-disable-line CT004 -- keys live in the security account"',
      'trail-lint-disable-next-line line=3 ids=CT003@CT003 reason=digests checked at="/* trail-lint-disable-next-line CT003 -- digests checked */"',
      'trail-lint-disable-line line=4 ids=CT006@CT006 reason=- at="/* trail-lint-disable-line CT006 */"',
      // A block comment spanning lines reaches the line after its end.
      'trail-lint-disable-next-line line=7 ids=CT001@CT001 reason=regional sandbox at="/* trail-lint-disable-next-line CT001\\n     -- regional sandbox */"',
    ]);
  });

  it('takes a directive only where it opens the comment', () => {
    const text =
      'resource "aws_s3_bucket" "b" {\n  bucket = "b" # see ticket trail-lint-disable-line S3004\n}\n';
    assert.deepEqual(directives(text, commentsOf(text, '# see ticket trail-lint-disable-line S3004')), []);
  });

  it("maps checkov's skips inside a resource block to our ids, for that resource", () => {
    const text = [
      '#checkov:skip=CKV_AWS_35:outside any block', // 0
      'resource "aws_cloudtrail" "main" {', // 1
      '  #checkov:skip=CKV_AWS_35:keys live in the security account', // 2
      '  # checkov:skip=CKV_AWS_999:not one of ours', // 3
      '  // checkov:skip=CKV_AWS_36', // 4
      '  #checkov:skip=CKV_AWS_67:  ', // 5
      '}', // 6
      'resource "aws_s3_bucket" "logs" {', // 7
      '  bucket = "logs" # checkov:skip=CKV_AWS_21:lifecycle rules instead', // 8
      '}', // 9
      '',
    ].join('\n');
    const comments = commentsOf(
      text,
      '#checkov:skip=CKV_AWS_35:outside any block',
      '#checkov:skip=CKV_AWS_35:keys live in the security account',
      '# checkov:skip=CKV_AWS_999:not one of ours',
      '// checkov:skip=CKV_AWS_36',
      '#checkov:skip=CKV_AWS_67:  ',
      '# checkov:skip=CKV_AWS_21:lifecycle rules instead',
    );
    const resources = [
      block(text, 'resource "aws_cloudtrail"', 'aws_cloudtrail.main'),
      block(text, 'resource "aws_s3_bucket"', 'aws_s3_bucket.logs'),
    ];
    assert.deepEqual(skips(text, comments, resources), [
      'checkov aws_cloudtrail.main CKV_AWS_35→CT004 reason=keys live in the security account at="#checkov:skip=CKV_AWS_35:keys live in the security account" id="CKV_AWS_35"',
      'checkov aws_cloudtrail.main CKV_AWS_36→CT003 reason=- at="// checkov:skip=CKV_AWS_36" id="CKV_AWS_36"',
      'checkov aws_cloudtrail.main CKV_AWS_67→CT001 reason=- at="#checkov:skip=CKV_AWS_67:" id="CKV_AWS_67"',
      'checkov aws_s3_bucket.logs CKV_AWS_21→S3004 reason=lifecycle rules instead at="# checkov:skip=CKV_AWS_21:lifecycle rules instead" id="CKV_AWS_21"',
    ]);
    // None of them is a directive of ours.
    assert.deepEqual(directives(text, comments, resources), []);
  });

  describe('applied to findings', () => {
    /** Two trails; findings on the first one's header and two of its lines, and on the second one. */
    function lintBelow(directive: string): string[] {
      const text = [
        directive, // 0
        'resource "aws_cloudtrail" "main" {', // 1
        '  is_multi_region_trail = false', // 2
        '  kms_key_id = var.key', // 3
        '}', // 4
        'resource "aws_cloudtrail" "other" {', // 5
        '  kms_key_id = var.other_key', // 6
        '}', // 7
        '',
      ].join('\n');
      const finding = (ruleId: string, at: string): Finding => {
        const start = text.indexOf(at);
        assert.ok(start >= 0, `not in the text: ${at}`);
        return {
          ruleId,
          severity: 'warning',
          message: `${ruleId} finding`,
          at: { file: FILE, start, end: start + at.length },
          docs: `https://example.test/${ruleId}`,
          related: [],
          fixes: [],
        };
      };
      const findings = [
        finding('CT004', 'resource "aws_cloudtrail" "main"'),
        finding('CT001', 'is_multi_region_trail = false'),
        finding('CT004', 'kms_key_id = var.key'),
        finding('CT004', 'kms_key_id = var.other_key'),
      ];
      const found = readTerraformSuppressions(FILE, text, commentsOf(text, directive), [
        block(text, 'resource "aws_cloudtrail" "main"', 'aws_cloudtrail.main'),
        block(text, 'resource "aws_cloudtrail" "other"', 'aws_cloudtrail.other'),
      ]);
      const result = applySuppressions(findings, {
        text,
        comments: found.comments,
        metadata: found.metadata,
        active: () => true,
        docsOf: (id) => (['CT001', 'CT004'].includes(id) ? `https://example.test/${id}` : undefined),
      });
      return result.map((f) => {
        const s = f.suppressed;
        const suppressed = s ? ` suppressed=${s.reason ?? '-'}@${slice(text, s.at)}` : '';
        return `${f.ruleId} @${slice(text, f.at)}${suppressed}${f.suppressionNote ? ` note=${f.suppressionNote}` : ''}`;
      });
    }

    it('silences the rule on every line of the block below it, and notes a missing reason once', () => {
      const at = '"# trail-lint-disable-next-line CT004"';
      assert.deepEqual(lintBelow('# trail-lint-disable-next-line CT004'), [
        `CT004 @${at} note=no-reason`,
        `CT004 @"resource \\"aws_cloudtrail\\" \\"main\\"" suppressed=-@${at}`,
        // Only the rule it names.
        'CT001 @"is_multi_region_trail = false"',
        `CT004 @"kms_key_id = var.key" suppressed=-@${at}`,
        // The next block is not covered.
        'CT004 @"kms_key_id = var.other_key"',
      ]);
    });

    it('adds no note when the directive gives its reason', () => {
      const directive = '# trail-lint-disable-next-line CT004 -- keys live in the security account';
      const at = JSON.stringify(directive);
      assert.deepEqual(lintBelow(directive), [
        `CT004 @"resource \\"aws_cloudtrail\\" \\"main\\"" suppressed=keys live in the security account@${at}`,
        'CT001 @"is_multi_region_trail = false"',
        `CT004 @"kms_key_id = var.key" suppressed=keys live in the security account@${at}`,
        'CT004 @"kms_key_id = var.other_key"',
      ]);
    });
  });
});
