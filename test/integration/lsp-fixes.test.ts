// Repairs through the protocol: the bundled server offers each finding's fixes as quick-fixes (the obvious
// one preferred), `source.fixAll.trail-lint` applies every safe fix of a file, a Terraform fix may edit
// another file of the module, and CDK output gets the change to make in the app instead of an edit. The
// client applies the returned edits as an editor would and waits for the next diagnostics: no sleeps.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspTestClient, stopClients, type StartOptions } from './lsp-client';

const running: LspTestClient[] = [];
let workspace: string;

async function startServer(options: StartOptions = {}): Promise<LspTestClient> {
  const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(workspace).href], ...options });
  running.push(client);
  return client;
}

const uriOf = (rel: string): string => pathToFileURL(path.join(workspace, rel)).href;

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => String(d.code)).sort();

function diagnostic(p: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = p.diagnostics.find((d) => d.code === code);
  assert.ok(found, `no ${code} in ${codes(p).join(', ')}`);
  return found;
}

const TRAIL = [
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      # the organisation trail',
  '      S3BucketName: central-log-archive-111122223333',
  '      IsMultiRegionTrail: false',
  '      EnableLogFileValidation: false',
  '      KMSKeyId: alias/trail',
  '      IsLogging: true',
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail',
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs',
  '',
].join('\n');

describe('language server: fixes', function () {
  this.timeout(60_000);

  beforeEach(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-fixes-'));
  });

  afterEach(async function () {
    await stopClients(running.splice(0), this.currentTest?.state === 'failed');
    rmSync(workspace, { recursive: true, force: true });
  });

  it('offers the preferred quick-fix first and applies it in place', async () => {
    const client = await startServer();
    const uri = uriOf('trail.yaml');
    await client.open(uri, TRAIL);
    const first = await client.waitForDiagnostics(uri, 1);
    const ct001 = diagnostic(first, 'CT001');
    const actions = (await client.codeActions(uri, [ct001])) as CodeAction[];
    const fix = actions[0];
    assert.deepEqual(fix, {
      title: 'Set IsMultiRegionTrail to true',
      kind: 'quickfix',
      diagnostics: [ct001],
      isPreferred: true,
      edit: {
        changes: {
          [uri]: [
            {
              range: { start: { line: 6, character: 26 }, end: { line: 6, character: 31 } },
              newText: 'true',
            },
          ],
        },
      },
    });
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Set IsMultiRegionTrail to true',
        'Suppress CT001 for this resource (Trail)',
        'Show documentation for CT001',
      ],
    );
    await client.applyEdit(uri, 2, fix?.edit);
    assert.equal(client.text(uri), TRAIL.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true'));
    const after = await client.waitForDiagnostics(uri, 2);
    assert.ok(!codes(after).includes('CT001'), codes(after).join(', '));
  });

  it('source.fixAll.trail-lint applies every safe fix, and then has nothing left to do', async () => {
    const client = await startServer();
    const uri = uriOf('trail.yaml');
    await client.open(uri, TRAIL);
    await client.waitForDiagnostics(uri, 1);
    const actions = (await client.codeActions(uri, [], undefined, ['source.fixAll'])) as CodeAction[];
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all safe trail-lint problems', 'source.fixAll.trail-lint']],
    );
    await client.applyEdit(uri, 2, actions[0]?.edit);
    assert.equal(
      client.text(uri),
      TRAIL.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true').replace(
        'EnableLogFileValidation: false',
        'EnableLogFileValidation: true',
      ),
    );
    const after = await client.waitForDiagnostics(uri, 2);
    assert.deepEqual(
      codes(after).filter((c) => c === 'CT001' || c === 'CT003'),
      [],
    );
    const again = (await client.codeActions(uri, [], undefined, [
      'source.fixAll.trail-lint',
    ])) as CodeAction[];
    assert.deepEqual(again, []);
    // Quick-fix requests do not run fix-all.
    const quick = (await client.codeActions(uri, [], undefined, ['quickfix'])) as CodeAction[];
    assert.deepEqual(quick, []);
  });

  it('a Terraform fix edits the module file that holds the setting', async () => {
    writeFileSync(
      path.join(workspace, 'main.tf'),
      [
        'resource "aws_cloudtrail" "main" {',
        '  name                       = "main"',
        '  s3_bucket_name             = aws_s3_bucket.logs.id',
        '  is_multi_region_trail      = true',
        '  enable_log_file_validation = true',
        '  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/abc"',
        '}',
        '',
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "logs-111122223333"',
        '}',
        '',
      ].join('\n'),
    );
    const access = [
      'resource "aws_s3_bucket_public_access_block" "logs" {',
      '  bucket                  = aws_s3_bucket.logs.id',
      '  block_public_acls       = true',
      '  block_public_policy     = false',
      '  ignore_public_acls      = true',
      '  restrict_public_buckets = true',
      '}',
      '',
    ].join('\n');
    writeFileSync(path.join(workspace, 'access.tf'), access);
    const client = await startServer();
    const main = uriOf('main.tf');
    const other = uriOf('access.tf');
    await client.open(other, access, 'terraform');
    const first = await client.waitForDiagnostics(other, 1);
    const s3001 = diagnostic(first, 'S3001');
    const actions = (await client.codeActions(other, [s3001])) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Turn on all four Block Public Access settings');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [other]);
    await client.applyEdit(other, 2, fix.edit);
    assert.equal(
      client.text(other),
      access.replace('block_public_policy     = false', 'block_public_policy     = true'),
    );
    const after = await client.waitForDiagnostics(other, 2);
    assert.ok(!codes(after).includes('S3001'));
    // main.tf is not open and was not touched: the fix went where the setting lives.
    assert.ok(!actions.some((a) => Object.keys(a.edit?.changes ?? {}).includes(main)));
  });

  it('CDK output gets the change to make in the app, never an edit', async () => {
    const client = await startServer({ codeActionDisabledSupport: true });
    const uri = uriOf('cdk.out/Stack.template.json');
    const template = {
      Resources: {
        Trail: {
          Type: 'AWS::CloudTrail::Trail',
          Properties: { S3BucketName: 'b', IsLogging: true, IsMultiRegionTrail: false },
          Metadata: { 'aws:cdk:path': 'Stack/Trail/Resource' },
        },
      },
    };
    await client.open(uri, JSON.stringify(template, null, 1), 'json');
    const first = await client.waitForDiagnostics(uri, 1);
    const ct001 = diagnostic(first, 'CT001');
    const actions = (await client.codeActions(uri, [ct001])) as CodeAction[];
    const cdk = actions.filter((a) => a.title.startsWith('Fix in the CDK app'));
    assert.deepEqual(
      cdk.map((a) => [a.title, a.disabled?.reason, a.edit]),
      [
        [
          'Fix in the CDK app: Stack/Trail: set `isMultiRegionTrail: true` on the Trail (the L2 default)',
          'This template is CDK output, which is generated: make the change in the CDK app.',
          undefined,
        ],
      ],
    );
    assert.ok(
      actions.every((a) => !a.edit),
      'no edits in CDK output',
    );
  });
});
