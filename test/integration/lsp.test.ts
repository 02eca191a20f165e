// Integration tests for the trail-lint language server: the real bundled server (`node dist/trail-lint.js lsp`)
// over stdio, driven by a real LSP client (vscode-languageserver-protocol). Expectations come from the server
// specification and docs/rules, not from the server source. Build first: node scripts/esbuild.mjs && npx tsc -b
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expectationsFor } from '../helpers/expectations';
import {
  stopClients,
  LspTestClient,
  ROOT,
  RULE_SLUGS,
  describePublish,
  expected,
  messageText,
  rangeAfter,
  rangeOf,
  shapeProblems,
  sortedSummaries,
  type StartOptions,
  type TrailLintSettings,
} from './lsp-client';

// A workspace folder that does not exist on disk: the server must lint buffers, never files.
const WS = pathToFileURL(path.join(os.tmpdir(), `trail-lint-lsp-ws-${process.pid}`)).href;
const uriOf = (rel: string): string => `${WS}/${rel}`;

/** Selectors that satisfy CT007-CT009: all management events, S3 data events of every bucket, Insights. */
const TRAIL_SELECTORS = [
  "      EventSelectors: [{DataResources: [{Type: 'AWS::S3::Object', Values: ['arn:aws:s3']}]}]",
  '      InsightSelectors: [{InsightType: ApiCallRateInsight}]',
];

/** A trail's properties that satisfy CT001-CT009 (S3BucketName, and with it CT010, is up to the test). */
const COMPLIANT_TRAIL_PROPS = [
  '      IsLogging: true',
  '      IsMultiRegionTrail: true',
  '      EnableLogFileValidation: true',
  '      KMSKeyId: alias/trail',
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail',
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs',
  ...TRAIL_SELECTORS,
];

/**
 * Log-bucket properties that satisfy S3003 (S3001 and S3002 hold without a PublicAccessBlockConfiguration or
 * an ACL); versioning and Object Lock (S3004, S3007) are up to the test.
 */
const LOGGED_BUCKET_PROPS = ['      LoggingConfiguration: {DestinationBucketName: access-logs}'];

/**
 * A bucket policy that satisfies CT010, S3005 and S3006: CloudTrail may check the ACL and write under
 * AWSLogs/, for this account's trails only, and plain HTTP is denied. The trail must also DependsOn it.
 */
function trailBucketPolicy(policy: string, bucket: string): string[] {
  return [
    `  ${policy}:`,
    '    Type: AWS::S3::BucketPolicy',
    '    Properties:',
    `      Bucket: !Ref ${bucket}`,
    '      PolicyDocument:',
    "        Version: '2012-10-17'",
    '        Statement:',
    '          - Effect: Allow',
    '            Principal: {Service: cloudtrail.amazonaws.com}',
    '            Action: [s3:GetBucketAcl, s3:PutObject]',
    `            Resource: [!GetAtt ${bucket}.Arn, !Sub '\${${bucket}.Arn}/AWSLogs/\${AWS::AccountId}/*']`,
    '            Condition:',
    '              StringEquals:',
    '                aws:SourceAccount: !Ref AWS::AccountId',
    '          - Effect: Deny',
    "            Principal: '*'",
    '            Action: s3:*',
    `            Resource: [!GetAtt ${bucket}.Arn, !Sub '\${${bucket}.Arn}/*']`,
    '            Condition:',
    '              Bool:',
    "                aws:SecureTransport: 'false'",
  ];
}

const MAIN_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Description: A trail with several findings',
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: !Ref TrailBucket',
  '      IsLogging: true',
  '      IsMultiRegionTrail: false',
  '      IncludeGlobalServiceEvents: false',
  '      EnableLogFileValidation: false',
  '  TrailBucket:',
  '    Type: AWS::S3::Bucket',
  '  AuditorRole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      AssumeRolePolicyDocument:',
  "        Version: '2012-10-17'",
  '        Statement: []',
  '      ManagedPolicyArns:',
  '        - arn:aws:iam::aws:policy/ReadOnlyAccess',
  '        - arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
  '',
].join('\n');

/** What MAIN_YAML (or an edit of it) must produce, computed on `text` so that edits move the ranges. */
function mainYamlFindings(
  text: string,
  state: { multiRegion: boolean; validation: boolean } = { multiRegion: false, validation: false },
): string[] {
  const trailType = rangeOf(text, 'Type: AWS::CloudTrail::Trail');
  const bucketType = rangeOf(text, 'Type: AWS::S3::Bucket');
  const out = [
    state.multiRegion
      ? expected('CT002', 'error', 'Trail', rangeOf(text, 'IncludeGlobalServiceEvents: false'))
      : expected('CT002', 'warning', 'Trail', rangeOf(text, 'IncludeGlobalServiceEvents: false')),
    expected('CT004', 'warning', 'Trail', trailType),
    expected('CT005', 'warning', 'Trail', trailType),
    // No selectors: no S3 data events (CT008), no Insights (CT009).
    expected('CT008', 'info', 'Trail', trailType),
    expected('CT009', 'info', 'Trail', trailType),
    // TrailBucket is bare. No bucket policy: the deployment fails (CT010) and plain HTTP is not denied
    // (S3006); no access logging (S3003), no versioning (S3004), no Object Lock (S3007).
    expected('CT010', 'error', 'Trail', rangeOf(text, 'S3BucketName: !Ref TrailBucket')),
    expected('S3003', 'warning', 'TrailBucket', bucketType),
    expected('S3004', 'warning', 'TrailBucket', bucketType),
    expected('S3006', 'info', 'TrailBucket', bucketType),
    expected('S3007', 'info', 'TrailBucket', bucketType),
    expected(
      'IAM001',
      'warning',
      'AuditorRole',
      rangeOf(text, 'arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess'),
    ),
  ];
  if (!state.multiRegion)
    out.push(expected('CT001', 'warning', 'Trail', rangeOf(text, 'IsMultiRegionTrail: false')));
  if (!state.validation) {
    out.push(expected('CT003', 'warning', 'Trail', rangeOf(text, 'EnableLogFileValidation: false')));
  }
  return out.sort();
}

const MAIN_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": { "Ref": "TrailBucket" },
        "IsLogging": true,
        "IsMultiRegionTrail": false,
        "IncludeGlobalServiceEvents": false,
        "EnableLogFileValidation": false
      }
    },
    "TrailBucket": {
      "Type": "AWS::S3::Bucket"
    },
    "AuditorRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"]
      }
    }
  }
}
`;

function mainJsonFindings(text: string): string[] {
  const trailType = rangeOf(text, '"Type": "AWS::CloudTrail::Trail"');
  const bucketType = rangeOf(text, '"Type": "AWS::S3::Bucket"');
  return [
    expected('CT001', 'warning', 'Trail', rangeOf(text, '"IsMultiRegionTrail": false')),
    expected('CT002', 'warning', 'Trail', rangeOf(text, '"IncludeGlobalServiceEvents": false')),
    expected('CT003', 'warning', 'Trail', rangeOf(text, '"EnableLogFileValidation": false')),
    expected('CT004', 'warning', 'Trail', trailType),
    expected('CT005', 'warning', 'Trail', trailType),
    expected('CT008', 'info', 'Trail', trailType),
    expected('CT009', 'info', 'Trail', trailType),
    expected('CT010', 'error', 'Trail', rangeOf(text, '"S3BucketName": { "Ref": "TrailBucket" }')),
    expected('S3003', 'warning', 'TrailBucket', bucketType),
    expected('S3004', 'warning', 'TrailBucket', bucketType),
    expected('S3006', 'info', 'TrailBucket', bucketType),
    expected('S3007', 'info', 'TrailBucket', bucketType),
    expected(
      'IAM001',
      'warning',
      'AuditorRole',
      rangeOf(text, '"arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess"'),
    ),
  ].sort();
}

/** No AWSTemplateFormatVersion: recognised by its AWS:: resource types. Long forms and multi-line values. */
const SEVERITY_YAML = [
  'Conditions:',
  "  IsProd: !Equals [!Ref 'AWS::Region', us-east-1]",
  'Resources:',
  '  MultiRegionTrail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive',
  '      IsLogging: false',
  '      IsMultiRegionTrail: true',
  '      IncludeGlobalServiceEvents: false',
  '      EnableLogFileValidation: true',
  '      KMSKeyId: !GetAtt TrailKey.Arn',
  '      CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn',
  '      CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn',
  ...TRAIL_SELECTORS,
  '  RoleOnlyTrail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive',
  '      IsLogging: true',
  '      IsMultiRegionTrail: true',
  '      EnableLogFileValidation: true',
  '      KMSKeyId:',
  '        Fn::GetAtt: [TrailKey, Arn]',
  '      CloudWatchLogsRoleArn:',
  '        Fn::GetAtt: [TrailLogsRole, Arn]',
  ...TRAIL_SELECTORS,
  '  GroupOnlyTrail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive',
  '      IsLogging: true',
  '      IsMultiRegionTrail: !If',
  '        - IsProd',
  '        - false',
  '        - false',
  '      IncludeGlobalServiceEvents: false',
  '      EnableLogFileValidation: true',
  '      KMSKeyId: alias/trail',
  "      CloudWatchLogsLogGroupArn: !Sub '${TrailLogGroup.Arn}'",
  ...TRAIL_SELECTORS,
  '  TrailKey:',
  '    Type: AWS::KMS::Key',
  '  TrailLogGroup:',
  '    Type: AWS::Logs::LogGroup',
  '  TrailLogsRole:',
  '    Type: AWS::IAM::Role',
  '',
].join('\n');

function severityFindings(
  sev: {
    CT001?: 'error' | 'warning' | 'info';
    CT002?: 'error' | 'warning' | 'info';
    CT005?: 'error' | 'warning' | 'info';
    CT006?: 'error' | 'warning' | 'info' | 'off';
  } = {},
): string[] {
  const t = SEVERITY_YAML;
  const keyType = rangeOf(t, 'Type: AWS::KMS::Key');
  const logGroupType = rangeOf(t, 'Type: AWS::Logs::LogGroup');
  const out = [
    // The key and log group the trails use are bare: no rotation, no key policy (so the deployment fails),
    // no change alarm, no retention or key.
    expected('KMS001', 'warning', 'TrailKey', keyType),
    expected('KMS002', 'error', 'TrailKey', keyType),
    expected('CW001', 'info', 'TrailLogGroup', logGroupType),
    expected('CW002', 'info', 'TrailLogGroup', logGroupType),
    expected(
      'CT002',
      sev.CT002 ?? 'error',
      'MultiRegionTrail',
      rangeOf(t, 'IncludeGlobalServiceEvents: false', 1),
    ),
    expected(
      'CT005',
      sev.CT005 ?? 'error',
      'RoleOnlyTrail',
      rangeAfter(t, 'RoleOnlyTrail:', 'CloudWatchLogsRoleArn'),
    ),
    // !If with agreeing branches is judged; its value spans lines, so only the key is marked.
    expected(
      'CT001',
      sev.CT001 ?? 'warning',
      'GroupOnlyTrail',
      rangeAfter(t, 'GroupOnlyTrail:', 'IsMultiRegionTrail'),
    ),
    expected(
      'CT002',
      sev.CT002 ?? 'warning',
      'GroupOnlyTrail',
      rangeOf(t, 'IncludeGlobalServiceEvents: false', 2),
    ),
    expected(
      'CT005',
      sev.CT005 ?? 'error',
      'GroupOnlyTrail',
      rangeOf(t, "CloudWatchLogsLogGroupArn: !Sub '${TrailLogGroup.Arn}'"),
    ),
  ];
  if (sev.CT006 !== 'off') {
    out.push(expected('CT006', sev.CT006 ?? 'error', 'MultiRegionTrail', rangeOf(t, 'IsLogging: false')));
  }
  return out.sort();
}

/** Log buckets that differ only in versioning and Object Lock, and a bucket no trail uses. */
const S3_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  PlainTrail:',
  '    Type: AWS::CloudTrail::Trail',
  '    DependsOn: PlainBucketPolicy',
  '    Properties:',
  '      S3BucketName: !Ref PlainBucket',
  ...COMPLIANT_TRAIL_PROPS,
  '  LockedTrail:',
  '    Type: AWS::CloudTrail::Trail',
  '    DependsOn: LockedBucketPolicy',
  '    Properties:',
  '      S3BucketName:',
  '        Ref: LockedBucket',
  ...COMPLIANT_TRAIL_PROPS,
  '  PlainBucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  ...LOGGED_BUCKET_PROPS,
  ...trailBucketPolicy('PlainBucketPolicy', 'PlainBucket'),
  '  LockedBucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  ...LOGGED_BUCKET_PROPS,
  '      VersioningConfiguration:',
  '        Status: Enabled',
  '      ObjectLockEnabled: true',
  '      ObjectLockConfiguration:',
  '        ObjectLockEnabled: Enabled',
  '        Rule: {DefaultRetention: {Mode: GOVERNANCE, Days: 365}}',
  ...trailBucketPolicy('LockedBucketPolicy', 'LockedBucket'),
  '  UnrelatedBucket:',
  '    Type: AWS::S3::Bucket',
  '',
].join('\n');

/** A versioned log bucket without ObjectLockEnabled: the missing property puts the finding on `Type`. */
const S3_VERSIONED_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  VersionedTrail:',
  '    Type: AWS::CloudTrail::Trail',
  '    DependsOn: [VersionedBucketPolicy]',
  '    Properties:',
  '      S3BucketName: {Ref: VersionedBucket}',
  ...COMPLIANT_TRAIL_PROPS,
  '  VersionedBucket:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  ...LOGGED_BUCKET_PROPS,
  '      VersioningConfiguration:',
  '        Status: Enabled',
  ...trailBucketPolicy('VersionedBucketPolicy', 'VersionedBucket'),
  '',
].join('\n');

const IAM_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  AuditRole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}",
  '      ManagedPolicyArns:',
  '        - arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
  '        - arn:aws:iam::aws:policy/ReadOnlyAccess',
  '        - arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
  '  OpsUser:',
  '    Type: AWS::IAM::User',
  '    Properties:',
  '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess]',
  '  OpsGroup:',
  '    Type: AWS::IAM::Group',
  '    Properties:',
  '      ManagedPolicyArns:',
  '        - arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess',
  '  ReaderRole:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  "      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}",
  '      ManagedPolicyArns:',
  '        - arn:aws:iam::aws:policy/AWSCloudTrail_ReadOnlyAccess',
  '',
].join('\n');

const PARAM_DEFAULT_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Parameters:',
  '  MultiRegion:',
  '    Type: String',
  "    Default: 'false'",
  '  Validation:',
  '    Type: String',
  '    Default: "false"',
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive',
  '      IsLogging: true',
  '      IsMultiRegionTrail: !Ref MultiRegion',
  '      EnableLogFileValidation: {Ref: Validation}',
  '      KMSKeyId: alias/trail',
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail',
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs',
  ...TRAIL_SELECTORS,
  '',
].join('\n');

/** Values the server cannot know: a parameter without default, an import, an !If whose branches disagree. */
const UNVERIFIED_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Parameters:',
  '  Env:',
  '    Type: String',
  '  MultiRegion:',
  '    Type: String',
  'Conditions:',
  '  IsProd: !Equals [!Ref Env, prod]',
  'Resources:',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      S3BucketName: central-log-archive',
  '      IsLogging: !If [IsProd, true, false]',
  '      IsMultiRegionTrail: !Ref MultiRegion',
  '      EnableLogFileValidation: !ImportValue shared-LogFileValidation',
  '      KMSKeyId: alias/trail',
  '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:trail',
  '      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs',
  ...TRAIL_SELECTORS,
  '',
].join('\n');

function unverifiedFindings(without: string[] = []): string[] {
  const t = UNVERIFIED_YAML;
  return [
    expected('CT006', 'info', 'Trail', rangeOf(t, 'IsLogging: !If [IsProd, true, false]')),
    expected('CT001', 'info', 'Trail', rangeOf(t, 'IsMultiRegionTrail: !Ref MultiRegion')),
    expected(
      'CT003',
      'info',
      'Trail',
      rangeOf(t, 'EnableLogFileValidation: !ImportValue shared-LogFileValidation'),
    ),
  ]
    .filter((s) => !without.some((code) => s.startsWith(`${code} `)))
    .sort();
}

const CDK_JSON = `{
  "Resources": {
    "TrailS3B3B8C1A6": {
      "Type": "AWS::S3::Bucket",
      "Metadata": { "aws:cdk:path": "Stack/Trail/S3/Resource" }
    },
    "Trail022F0CF2": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": { "Ref": "TrailS3B3B8C1A6" },
        "IsLogging": true,
        "IsMultiRegionTrail": false,
        "IncludeGlobalServiceEvents": true,
        "EnableLogFileValidation": true,
        "KMSKeyId": "alias/trail",
        "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:trail",
        "CloudWatchLogsRoleArn": "arn:aws:iam::111122223333:role/trail-logs"
      },
      "Metadata": { "aws:cdk:path": "Stack/Trail/Resource" }
    }
  }
}
`;

const NOT_A_TEMPLATE_YAML = [
  'name: ci',
  'on: [push]',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - run: echo hello',
  'Properties:',
  '  IsMultiRegionTrail: false',
  '',
].join('\n');

const NOT_A_TEMPLATE_JSON = `{
  "name": "some-package",
  "Resources": { "Trail": { "Type": "Custom::Trail", "Properties": { "IsMultiRegionTrail": false } } }
}
`;

// ---------------------------------------------------------------------------------------------------------

const running: LspTestClient[] = [];

async function startServer(options: StartOptions = {}): Promise<LspTestClient> {
  const client = await LspTestClient.start(options);
  running.push(client);
  return client;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'];

function assertFindings(p: PublishDiagnosticsParams, want: string[], what = ''): void {
  assert.deepEqual(
    sortedSummaries(p.diagnostics),
    [...want].sort(),
    `diagnostics of ${describePublish(p)}${what ? ` (${what})` : ''}`,
  );
  assert.deepEqual(p.diagnostics.flatMap(shapeProblems), [], `shape of ${describePublish(p)}`);
}

/** `findings` under rule overrides: a new severity, or 'off' to drop the rule. */
function withOverrides(
  findings: string[],
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>,
): string[] {
  return findings.flatMap((s) => {
    const [code, severity, ...rest] = s.split(' ');
    const override = rules[code as string];
    if (override === 'off') return [];
    return [[code, override ?? severity, ...rest].join(' ')];
  });
}

function assertParseError(p: PublishDiagnosticsParams, line: number, character: number): void {
  assert.equal(p.diagnostics.length, 1, `exactly one diagnostic for a syntax error: ${describePublish(p)}`);
  const d = p.diagnostics[0] as Diagnostic;
  assert.equal(d.severity, 1, 'syntax error severity');
  assert.equal(d.source, 'trail-lint');
  assert.equal(d.code, undefined, 'a syntax error has no code');
  assert.ok(
    messageText(d).startsWith('trail-lint could not read this template:'),
    `message: ${JSON.stringify(messageText(d))}`,
  );
  assert.deepEqual(d.range.start, { line, character }, `syntax error located at ${line}:${character}`);
}

/** The text after applying `changes` to `text` (for computing multi-change notifications). */
function applyChanges(text: string, changes: TextDocumentContentChangeEvent[]): string {
  return TextDocument.update(TextDocument.create('untitled:x', 'yaml', 0, text), changes, 1).getText();
}

describe('trail-lint language server over stdio', function () {
  this.timeout(30_000);

  afterEach(async function () {
    await stopClients(running, this.currentTest?.state === 'failed');
  });

  describe('lifecycle and basic publishing', () => {
    it('answers initialize with incremental sync and serverInfo.name trail-lint', async () => {
      const client = await startServer();
      const result = client.initializeResult;
      assert.ok(result, 'initialize result');
      assert.equal(result.serverInfo?.name, 'trail-lint');
      const sync = result.capabilities.textDocumentSync;
      if (typeof sync === 'number') {
        assert.equal(sync, 2, 'TextDocumentSyncKind.Incremental');
      } else {
        assert.equal(sync?.change, 2, 'textDocumentSync.change = Incremental');
        assert.equal(sync?.openClose, true, 'textDocumentSync.openClose');
      }
    });

    it('publishes the exact findings of a YAML template on open, with version and rule links', async () => {
      const client = await startServer();
      const uri = uriOf('main.yaml');
      await client.open(uri, MAIN_YAML);
      const p = await client.waitForDiagnostics(uri, 1);
      assert.equal(p.version, 1);
      assertFindings(p, mainYamlFindings(MAIN_YAML));
    });

    it('publishes the exact findings of a JSON template on open', async () => {
      const client = await startServer();
      const uri = uriOf('main.template.json');
      await client.open(uri, MAIN_JSON, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      assert.equal(p.version, 1);
      assertFindings(p, mainJsonFindings(MAIN_JSON));
    });

    it('lints the buffer, not the file on disk', async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-lsp-disk-'));
      try {
        const file = path.join(dir, 'trail.yaml');
        writeFileSync(file, 'name: not a template\n');
        const client = await startServer({ workspaceFolders: [pathToFileURL(dir).href] });
        const uri = pathToFileURL(file).href;
        await client.open(uri, MAIN_YAML);
        assertFindings(await client.waitForDiagnostics(uri, 1), mainYamlFindings(MAIN_YAML));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('publishes an empty list for YAML and JSON that are not CloudFormation templates', async () => {
      const client = await startServer();
      const yamlUri = uriOf('.github/workflows/ci.yaml');
      const jsonUri = uriOf('package.json');
      await client.open(yamlUri, NOT_A_TEMPLATE_YAML);
      await client.open(jsonUri, NOT_A_TEMPLATE_JSON, 'json');
      assertFindings(await client.waitForDiagnostics(yamlUri, 1), []);
      assertFindings(await client.waitForDiagnostics(jsonUri, 1), []);
      // Becoming a template by an edit (judged on content) brings the findings.
      await client.change(yamlUri, 2, [{ text: MAIN_YAML }]);
      const p = await client.waitForDiagnostics(yamlUri, 2);
      assert.equal(p.version, 2);
      assertFindings(p, mainYamlFindings(MAIN_YAML));
    });

    it('drops a fixed finding after an incremental edit, with the newer version', async () => {
      const client = await startServer();
      const uri = uriOf('edit.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), mainYamlFindings(MAIN_YAML));

      // IsMultiRegionTrail false -> true: CT001 goes, CT002 becomes an error (multi-region + no global events).
      const before = client.text(uri);
      const lineRange = rangeOf(before, 'IsMultiRegionTrail: false');
      const valueStart = { line: lineRange.start.line, character: lineRange.end.character - 'false'.length };
      await client.change(uri, 2, [{ range: { start: valueStart, end: lineRange.end }, text: 'true' }]);
      const p2 = await client.waitForDiagnostics(uri, 2);
      assert.equal(p2.version, 2);
      assertFindings(p2, mainYamlFindings(client.text(uri), { multiRegion: true, validation: false }));

      // Two changes in one notification: a line inserted on top (all ranges move) and validation switched on.
      const inserted = applyChanges(client.text(uri), [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# header\n' },
      ]);
      const validation = rangeOf(inserted, 'EnableLogFileValidation: false');
      await client.change(uri, 3, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# header\n' },
        {
          range: {
            start: { line: validation.start.line, character: validation.end.character - 5 },
            end: validation.end,
          },
          text: 'true',
        },
      ]);
      assert.ok(client.text(uri).includes('EnableLogFileValidation: true'), 'local edit applied');
      const p3 = await client.waitForDiagnostics(uri, 3);
      assert.equal(p3.version, 3);
      assertFindings(p3, mainYamlFindings(client.text(uri), { multiRegion: true, validation: true }));
    });

    it('publishes an empty list on didClose, and nothing for the document afterwards', async () => {
      const client = await startServer();
      const uri = uriOf('closed.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), mainYamlFindings(MAIN_YAML));
      const cursor = client.publishes.length;
      await client.close(uri);
      const p = await client.waitForNextPublish(uri, cursor);
      assert.deepEqual(p.diagnostics, [], `after close: ${describePublish(p)}`);
      await client.barrier(uriOf('barrier.yaml'));
      const after = client.publishesFor(uri).slice(-1)[0];
      assert.deepEqual(after?.diagnostics, [], `last publish for the closed document: ${client.report()}`);
    });

    it('leaves an empty list as the last publish when a document is closed right after edits', async () => {
      const client = await startServer();
      const uri = uriOf('closed-fast.yaml');
      await client.open(uri, MAIN_YAML);
      await client.replace(uri, 2, 'IsLogging: true', 'IsLogging: false');
      await client.replace(uri, 3, 'IsMultiRegionTrail: false', 'IsMultiRegionTrail: true');
      await client.close(uri);
      await client.barrier(uriOf('barrier.yaml'));
      const last = client.publishesFor(uri).slice(-1)[0];
      assert.ok(last, `some publish for the closed document: ${client.report()}`);
      assert.deepEqual(last.diagnostics, [], `last publish for the closed document: ${client.report()}`);
    });

    it('lints the new text when a closed uri is reopened at version 1', async () => {
      const client = await startServer();
      const uri = uriOf('reopened.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), mainYamlFindings(MAIN_YAML));
      let cursor = client.publishes.length;
      await client.close(uri);
      assertFindings(await client.waitForNextPublish(uri, cursor), []);
      const fixed = MAIN_YAML.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true');
      cursor = client.publishes.length;
      await client.open(uri, fixed);
      const p = await client.waitForNextPublish(uri, cursor);
      assert.equal(p.version, 1);
      assertFindings(p, mainYamlFindings(fixed, { multiRegion: true, validation: false }));
    });

    it('exits with code 0 after shutdown and exit', async () => {
      const client = await startServer();
      const uri = uriOf('exit.yaml');
      await client.open(uri, MAIN_YAML);
      await client.waitForDiagnostics(uri, 1);
      await client.dispose();
      assert.equal(client.exitCode, 0, client.report());
    });
  });

  describe('positions', () => {
    it('computes ranges in CRLF documents (YAML and JSON), also after an incremental edit', async () => {
      const client = await startServer();
      const yamlUri = uriOf('crlf.yaml');
      const jsonUri = uriOf('crlf.template.json');
      const yamlText = MAIN_YAML.replace(/\n/g, '\r\n');
      const jsonText = MAIN_JSON.replace(/\n/g, '\r\n');
      await client.open(yamlUri, yamlText);
      await client.open(jsonUri, jsonText, 'json');
      assertFindings(await client.waitForDiagnostics(yamlUri, 1), mainYamlFindings(yamlText));
      assertFindings(await client.waitForDiagnostics(jsonUri, 1), mainJsonFindings(jsonText));
      await client.replace(yamlUri, 2, 'EnableLogFileValidation: false', 'EnableLogFileValidation: true');
      assertFindings(
        await client.waitForDiagnostics(yamlUri, 2),
        mainYamlFindings(client.text(yamlUri), { multiRegion: false, validation: true }),
      );
    });

    it('counts columns in UTF-16 code units after non-ASCII text on the same line', async () => {
      const client = await startServer();
      const uri = uriOf('unicode.yaml');
      const text = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Description: "Prüfpfad 😀 für Audits"',
        'Resources:',
        '  Trail:',
        '    Type: AWS::CloudTrail::Trail',
        '    Properties: {S3BucketName: "logs-😀-ü", IsLogging: true, IsMultiRegionTrail: false, EnableLogFileValidation: true, KMSKeyId: alias/trail, CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111122223333:log-group:😀", CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs}',
        '',
      ].join('\n');
      await client.open(uri, text);
      // No selectors (CT008, CT009): those findings sit on the Type line.
      const trailType = rangeOf(text, 'Type: AWS::CloudTrail::Trail');
      assertFindings(await client.waitForDiagnostics(uri, 1), [
        expected('CT001', 'warning', 'Trail', rangeOf(text, 'IsMultiRegionTrail: false')),
        expected('CT008', 'info', 'Trail', trailType),
        expected('CT009', 'info', 'Trail', trailType),
      ]);
      const json = `{"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "😀😀", "IsLogging": true, "IsMultiRegionTrail": true, "EnableLogFileValidation": false, "KMSKeyId": "k", "CloudWatchLogsLogGroupArn": "a", "CloudWatchLogsRoleArn": "b"}}}}\n`;
      const jsonUri = uriOf('unicode.json');
      await client.open(jsonUri, json, 'json');
      const jsonTrailType = rangeOf(json, '"Type": "AWS::CloudTrail::Trail"');
      assertFindings(await client.waitForDiagnostics(jsonUri, 1), [
        expected('CT003', 'warning', 'Trail', rangeOf(json, '"EnableLogFileValidation": false')),
        expected('CT008', 'info', 'Trail', jsonTrailType),
        expected('CT009', 'info', 'Trail', jsonTrailType),
      ]);
    });
  });

  describe('syntax errors', () => {
    it('reports a YAML syntax error as one diagnostic at the error, and the findings come back when fixed', async () => {
      const client = await startServer();
      const uri = uriOf('broken.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), mainYamlFindings(MAIN_YAML));

      await client.replace(uri, 2, 'IsLogging: true', 'IsLogging: @true');
      const at = rangeOf(client.text(uri), '@true').start;
      const p2 = await client.waitForDiagnostics(uri, 2);
      assert.equal(p2.version, 2);
      assertParseError(p2, at.line, at.character);

      await client.replace(uri, 3, '@true', 'true');
      const p3 = await client.waitForDiagnostics(uri, 3);
      assert.equal(p3.version, 3);
      assertFindings(p3, mainYamlFindings(client.text(uri)));
    });

    it('reports a JSON syntax error as one diagnostic at the error, and the findings come back when fixed', async () => {
      const client = await startServer();
      const uri = uriOf('broken.template.json');
      await client.open(uri, MAIN_JSON, 'json');
      assertFindings(await client.waitForDiagnostics(uri, 1), mainJsonFindings(MAIN_JSON));

      await client.replace(uri, 2, '"IsLogging": true', '"IsLogging": tru');
      const at = rangeOf(client.text(uri), 'tru,').start;
      const p2 = await client.waitForDiagnostics(uri, 2);
      assertParseError(p2, at.line, at.character);

      await client.replace(uri, 3, '"IsLogging": tru', '"IsLogging": true');
      const p3 = await client.waitForDiagnostics(uri, 3);
      assertFindings(p3, mainJsonFindings(client.text(uri)));
    });

    it('places a syntax error at the end of a truncated document inside the document', async () => {
      const client = await startServer();
      const cases: [string, string, string][] = [
        [
          'truncated-flow.yaml',
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T: {Type: AWS::CloudTrail::Trail",
          'yaml',
        ],
        [
          'truncated-quote.yaml',
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: \"AWS::CloudTrail::Trail",
          'yaml',
        ],
        [
          'truncated.json',
          '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"T": {"Type": "AWS::CloudTrail::Trail"',
          'json',
        ],
      ];
      for (const [name, text, lang] of cases) await client.open(uriOf(name), text, lang);
      for (const [name, text] of cases) {
        const p = await client.waitForDiagnostics(uriOf(name), 1);
        const doc = TextDocument.create('untitled:x', 'yaml', 0, text);
        const eof = doc.positionAt(text.length);
        assertParseError(p, eof.line, eof.character);
        const end = (p.diagnostics[0] as Diagnostic).range.end;
        assert.deepEqual(
          end,
          doc.positionAt(doc.offsetAt(end)),
          `${name}: range end ${JSON.stringify(end)} lies outside the document`,
        );
      }
    });

    it('keeps serving other documents while one is broken', async () => {
      const client = await startServer();
      const brokenYaml = uriOf('a-broken.yaml');
      const brokenJson = uriOf('a-broken.json');
      const good = uriOf('b-good.yaml');
      const brokenText = MAIN_YAML.replace('IsLogging: true', 'IsLogging: @true');
      await client.open(brokenYaml, brokenText);
      await client.open(brokenJson, MAIN_JSON.replace('"IsLogging": true', '"IsLogging": tru'), 'json');
      await client.open(good, MAIN_YAML);
      const at = rangeOf(brokenText, '@true').start;
      assertParseError(await client.waitForDiagnostics(brokenYaml, 1), at.line, at.character);
      assert.equal((await client.waitForDiagnostics(brokenJson, 1)).diagnostics.length, 1);
      assertFindings(await client.waitForDiagnostics(good, 1), mainYamlFindings(MAIN_YAML));

      await client.replace(good, 2, 'IsMultiRegionTrail: false', 'IsMultiRegionTrail: true');
      assertFindings(
        await client.waitForDiagnostics(good, 2),
        mainYamlFindings(client.text(good), { multiRegion: true, validation: false }),
      );
    });

    it('keeps serving after odd but parseable documents', async () => {
      const client = await startServer();
      const odd: [string, string, string][] = [
        [
          'odd-list.yaml',
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  - Type: AWS::CloudTrail::Trail\n",
          'yaml',
        ],
        [
          'odd-props.yaml',
          "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties: nope\n",
          'yaml',
        ],
        [
          'odd-ref.yaml',
          'Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n      S3BucketName: !Ref T\n      IsMultiRegionTrail: !Ref\n      IsLogging: !If [OnlyOne]\n      KMSKeyId: !GetAtt\n',
          'yaml',
        ],
        [
          'odd-alias.yaml',
          "AWSTemplateFormatVersion: '2010-09-09'\nx: &p {IsLogging: false}\nResources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties: *p\n",
          'yaml',
        ],
        ['odd-multi.yaml', "---\nAWSTemplateFormatVersion: '2010-09-09'\n---\nfoo: 1\n", 'yaml'],
        ['odd-null.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n", 'yaml'],
        ['odd-type.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    Type: 42\n", 'yaml'],
        ['odd-empty.yaml', '', 'yaml'],
        ['odd-array.json', '[]', 'json'],
        ['odd-null.json', 'null', 'json'],
        ['odd-types.json', '{"Resources": {"T": {"Type": ["AWS::CloudTrail::Trail"]}}}', 'json'],
      ];
      for (const [name, text, lang] of odd) await client.open(uriOf(name), text, lang);
      const good = uriOf('z-good.yaml');
      await client.open(good, MAIN_YAML);
      for (const [name] of odd) await client.waitForDiagnostics(uriOf(name), 1);
      assertFindings(await client.waitForDiagnostics(good, 1), mainYamlFindings(MAIN_YAML));
    });
  });

  describe('rules', () => {
    it('judges severities, long forms and multi-line values as specified (CT001, CT002, CT005, CT006)', async () => {
      const client = await startServer();
      const uri = uriOf('severity.yaml');
      await client.open(uri, SEVERITY_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), severityFindings());
    });

    it('S3004: reports an unversioned log bucket, not a versioned+Object-Lock one nor an unrelated bucket', async () => {
      const client = await startServer();
      const uri = uriOf('s3.yaml');
      await client.open(uri, S3_YAML);
      const plainType = rangeAfter(S3_YAML, '  PlainBucket:\n', 'Type: AWS::S3::Bucket');
      assertFindings(await client.waitForDiagnostics(uri, 1), [
        expected('S3004', 'warning', 'PlainBucket', plainType),
        // Nor does it have Object Lock (S3007); LockedBucket has it, with a default retention.
        expected('S3007', 'info', 'PlainBucket', plainType),
      ]);
    });

    it('S3004: reports a versioned log bucket without ObjectLockEnabled on its Type entry (missing property)', async () => {
      const client = await startServer();
      const uri = uriOf('s3-versioned.yaml');
      await client.open(uri, S3_VERSIONED_YAML);
      const bucketType = rangeOf(S3_VERSIONED_YAML, 'Type: AWS::S3::Bucket');
      assertFindings(await client.waitForDiagnostics(uri, 1), [
        expected('S3004', 'warning', 'VersionedBucket', bucketType),
        // The same missing property, judged by S3007 (no Object Lock and no retention lifecycle).
        expected('S3007', 'info', 'VersionedBucket', bucketType),
      ]);
    });

    it('S3004: reports "Could not verify" for Object Lock from a parameter without default only with reportUnverified', async () => {
      const text = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Parameters:',
        '  ObjectLock:',
        '    Type: String',
        'Resources:',
        '  Trail:',
        '    Type: AWS::CloudTrail::Trail',
        '    DependsOn: LogBucketPolicy',
        '    Properties:',
        '      S3BucketName: !Ref LogBucket',
        ...COMPLIANT_TRAIL_PROPS,
        '  LogBucket:',
        '    Type: AWS::S3::Bucket',
        '    Properties:',
        ...LOGGED_BUCKET_PROPS,
        '      VersioningConfiguration:',
        '        Status: Enabled',
        '      ObjectLockEnabled: !Ref ObjectLock',
        ...trailBucketPolicy('LogBucketPolicy', 'LogBucket'),
        '',
      ].join('\n');
      const quiet = uriOf('s3-unverified-quiet.yaml');
      const loud = uriOf('s3-unverified-loud.yaml');
      const client = await startServer({
        configuration: true,
        settings: (scopeUri) => ({ reportUnverified: scopeUri === loud }),
      });
      await client.open(quiet, text);
      await client.open(loud, text);
      assertFindings(await client.waitForDiagnostics(quiet, 1), []);
      const p = await client.waitForDiagnostics(loud, 1);
      // S3007 (Object Lock retention) depends on the same open value, and says so too.
      const lockLine = rangeOf(text, 'ObjectLockEnabled: !Ref ObjectLock');
      assertFindings(p, [
        expected('S3004', 'info', 'LogBucket', lockLine),
        expected('S3007', 'info', 'LogBucket', lockLine),
      ]);
      for (const d of p.diagnostics) assert.match(messageText(d), /^Could not verify/, describePublish(p));
    });

    it('publishes the findings of every catalog rule with its code, docs link and data (rule fixtures)', async () => {
      // test/fixtures/rules/<ID>/bad.yaml marks each line where rule <ID> must report (`# expect: <ID>`); the
      // findings of other rules there are not marked, but they must have the full shape too.
      const dir = path.join(ROOT, 'test', 'fixtures', 'rules');
      const ids = Object.keys(RULE_SLUGS).sort();
      assert.deepEqual(readdirSync(dir).sort(), ids, 'one fixture folder per catalog rule');
      const client = await startServer();
      const texts = new Map(ids.map((id) => [id, readFileSync(path.join(dir, id, 'bad.yaml'), 'utf8')]));
      for (const [id, text] of texts) await client.open(uriOf(`rules/${id}/bad.yaml`), text);
      for (const [id, text] of texts) {
        const p = await client.waitForDiagnostics(uriOf(`rules/${id}/bad.yaml`), 1);
        assert.deepEqual(p.diagnostics.flatMap(shapeProblems), [], `shape of ${describePublish(p)}`);
        const want = expectationsFor(path.join(dir, id, 'bad.yaml'), text).filter((e) => e.ruleId === id);
        assert.ok(want.length > 0, `rules/${id}/bad.yaml marks no ${id} finding`);
        // Line and rule must match; the severity too where the mark gives one.
        const unexpected = p.diagnostics
          .filter((d) => d.code === id)
          .map((d) => `${d.range.start.line + 1} ${id}(${SEVERITY_NAMES[d.severity ?? 0] ?? '?'})`);
        const missing = want.filter((e) => {
          const i = unexpected.findIndex((a) =>
            e.severity ? a === `${e.line} ${id}(${e.severity})` : a.startsWith(`${e.line} ${id}(`),
          );
          if (i >= 0) unexpected.splice(i, 1);
          return i < 0;
        });
        assert.deepEqual(
          { missing, unexpected },
          { missing: [], unexpected: [] },
          `${id} findings of rules/${id}/bad.yaml: ${describePublish(p)}`,
        );
      }
    });

    it('IAM001: reports each AWSCloudTrail_FullAccess entry of roles, users and groups', async () => {
      const client = await startServer();
      const uri = uriOf('iam.yaml');
      await client.open(uri, IAM_YAML);
      const arn = 'arn:aws:iam::aws:policy/AWSCloudTrail_FullAccess';
      assertFindings(await client.waitForDiagnostics(uri, 1), [
        expected('IAM001', 'warning', 'AuditRole', rangeOf(IAM_YAML, arn, 1)),
        expected('IAM001', 'warning', 'AuditRole', rangeOf(IAM_YAML, arn, 2)),
        expected('IAM001', 'warning', 'OpsUser', rangeOf(IAM_YAML, arn, 3)),
        expected('IAM001', 'warning', 'OpsGroup', rangeOf(IAM_YAML, arn, 4)),
      ]);
    });

    it('judges a parameter by its default and points relatedInformation at the default value', async () => {
      const client = await startServer({ relatedInformation: true });
      const uri = uriOf('param-default.yaml');
      await client.open(uri, PARAM_DEFAULT_YAML);
      const p = await client.waitForDiagnostics(uri, 1);
      const t = PARAM_DEFAULT_YAML;
      assertFindings(p, [
        expected('CT001', 'warning', 'Trail', rangeOf(t, 'IsMultiRegionTrail: !Ref MultiRegion')),
        expected('CT003', 'warning', 'Trail', rangeOf(t, 'EnableLogFileValidation: {Ref: Validation}')),
      ]);
      const related = (code: string) =>
        (p.diagnostics.find((d) => d.code === code)?.relatedInformation ?? []).map((r) => ({
          uri: r.location.uri,
          range: r.location.range,
          hasMessage: r.message.trim().length > 0,
        }));
      assert.deepEqual(
        related('CT001'),
        [{ uri, range: rangeOf(t, "'false'"), hasMessage: true }],
        'CT001 related',
      );
      assert.deepEqual(
        related('CT003'),
        [{ uri, range: rangeOf(t, '"false"'), hasMessage: true }],
        'CT003 related',
      );
    });

    it('points relatedInformation at a JSON parameter default', async () => {
      const client = await startServer({ relatedInformation: true });
      const uri = uriOf('param-default.template.json');
      const text = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Parameters": {
    "MultiRegion": { "Type": "String", "Default": "false" }
  },
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": "central-log-archive",
        "IsLogging": true,
        "IsMultiRegionTrail": { "Ref": "MultiRegion" },
        "EnableLogFileValidation": true,
        "KMSKeyId": "alias/trail",
        "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:trail",
        "CloudWatchLogsRoleArn": "arn:aws:iam::111122223333:role/trail-logs",
        "EventSelectors": [{ "DataResources": [{ "Type": "AWS::S3::Object", "Values": ["arn:aws:s3"] }] }],
        "InsightSelectors": [{ "InsightType": "ApiCallRateInsight" }]
      }
    }
  }
}
`;
      await client.open(uri, text, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      assertFindings(p, [
        expected(
          'CT001',
          'warning',
          'Trail',
          rangeOf(text, '"IsMultiRegionTrail": { "Ref": "MultiRegion" }'),
        ),
      ]);
      const related = (p.diagnostics[0]?.relatedInformation ?? []).map((r) => ({
        uri: r.location.uri,
        range: r.location.range,
      }));
      assert.deepEqual(related, [{ uri, range: rangeOf(text, '"false"') }]);
    });

    it('sends no relatedInformation to a client that does not support it', async () => {
      const client = await startServer({ relatedInformation: false });
      const uri = uriOf('param-default.yaml');
      await client.open(uri, PARAM_DEFAULT_YAML);
      const p = await client.waitForDiagnostics(uri, 1);
      assert.deepEqual(sortedSummaries(p.diagnostics).length, 2, describePublish(p));
      for (const d of p.diagnostics) {
        assert.ok(
          d.relatedInformation === undefined || d.relatedInformation.length === 0,
          `relatedInformation sent anyway: ${JSON.stringify(d.relatedInformation)}`,
        );
      }
    });

    it('names the CDK construct path and CDK property for CDK output', async () => {
      const client = await startServer();
      const uri = uriOf('cdk.out/Stack.template.json');
      await client.open(uri, CDK_JSON, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      const trailType = rangeOf(CDK_JSON, '"Type": "AWS::CloudTrail::Trail"');
      const bucketType = rangeOf(CDK_JSON, '"Type": "AWS::S3::Bucket"');
      assertFindings(p, [
        expected('CT001', 'warning', 'Trail022F0CF2', rangeOf(CDK_JSON, '"IsMultiRegionTrail": false')),
        expected('CT008', 'info', 'Trail022F0CF2', trailType),
        expected('CT009', 'info', 'Trail022F0CF2', trailType),
        // The bucket has no bucket policy.
        expected(
          'CT010',
          'error',
          'Trail022F0CF2',
          rangeOf(CDK_JSON, '"S3BucketName": { "Ref": "TrailS3B3B8C1A6" }'),
        ),
        expected('S3003', 'warning', 'TrailS3B3B8C1A6', bucketType),
        expected('S3004', 'warning', 'TrailS3B3B8C1A6', bucketType),
        expected('S3006', 'info', 'TrailS3B3B8C1A6', bucketType),
        expected('S3007', 'info', 'TrailS3B3B8C1A6', bucketType),
      ]);
      const message = (code: string): string => {
        const d = p.diagnostics.find((x) => x.code === code);
        return d ? messageText(d) : '';
      };
      assert.ok(message('CT001').includes('Stack/Trail'), `CT001 message: ${message('CT001')}`);
      assert.ok(message('CT001').includes('isMultiRegionTrail'), `CT001 message: ${message('CT001')}`);
      assert.ok(message('S3004').includes('Stack/Trail/S3'), `S3004 message: ${message('S3004')}`);
      assert.ok(message('S3004').includes('versioned'), `S3004 message: ${message('S3004')}`);
    });

    it('recognises CDK output by its metadata outside cdk.out too', async () => {
      const client = await startServer();
      const uri = uriOf('stacks/Stack.json');
      await client.open(uri, CDK_JSON, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      const found = p.diagnostics.find((d) => d.code === 'CT001');
      const ct001 = found ? messageText(found) : '';
      assert.ok(
        ct001.includes('Stack/Trail') && ct001.includes('isMultiRegionTrail'),
        `CT001 message: ${ct001}`,
      );
    });
  });

  describe('settings', () => {
    it('pulls settings per document and applies rule overrides (off and severity)', async () => {
      const strict = uriOf('strict.yaml');
      const relaxed = uriOf('relaxed.yaml');
      const client = await startServer({
        configuration: true,
        settings: (scopeUri): Partial<TrailLintSettings> =>
          scopeUri === strict
            ? { rules: { CT001: 'off', CT003: 'error', IAM001: 'info', S3004: 'off' } }
            : { rules: { CT004: 'off' } },
      });
      await client.open(strict, MAIN_YAML);
      await client.open(relaxed, MAIN_YAML);
      const t = MAIN_YAML;
      assertFindings(
        await client.waitForDiagnostics(strict, 1),
        withOverrides(mainYamlFindings(t), { CT001: 'off', CT003: 'error', IAM001: 'info', S3004: 'off' }),
      );
      assertFindings(
        await client.waitForDiagnostics(relaxed, 1),
        mainYamlFindings(t).filter((s) => !s.startsWith('CT004 ')),
      );
      const items = client.configurationRequests.flat();
      for (const uri of [strict, relaxed]) {
        assert.ok(
          items.some((i) => i.scopeUri === uri && i.section === 'trailLint'),
          `configuration pulled for ${uri}: ${JSON.stringify(items)}`,
        );
      }
    });

    it('an override also replaces the error level of CT002/CT005, and off removes CT006', async () => {
      const client = await startServer({
        configuration: true,
        settings: () => ({ rules: { CT002: 'warning', CT005: 'info', CT006: 'off', CT001: 'error' } }),
      });
      const uri = uriOf('severity.yaml');
      await client.open(uri, SEVERITY_YAML);
      assertFindings(
        await client.waitForDiagnostics(uri, 1),
        severityFindings({ CT001: 'error', CT002: 'warning', CT005: 'info', CT006: 'off' }),
      );
    });

    it('enable=false publishes an empty list', async () => {
      const client = await startServer({ configuration: true, settings: () => ({ enable: false }) });
      const uri = uriOf('disabled.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), []);
    });

    it('exclude globs are relative to the workspace folder (workspaceFolders)', async () => {
      const client = await startServer({
        configuration: true,
        workspaceFolders: [WS],
        settings: () => ({ exclude: ['fixtures/**', '**/*.generated.yaml'] }),
      });
      const excluded = uriOf('fixtures/deep/trail.yaml');
      const generated = uriOf('templates/trail.generated.yaml');
      const included = uriOf('templates/trail.yaml');
      const notUnderFixtures = uriOf('templates/fixtures-like/trail.yaml');
      await client.open(excluded, MAIN_YAML);
      await client.open(generated, MAIN_YAML);
      await client.open(included, MAIN_YAML);
      await client.open(notUnderFixtures, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(excluded, 1), []);
      assertFindings(await client.waitForDiagnostics(generated, 1), []);
      assertFindings(await client.waitForDiagnostics(included, 1), mainYamlFindings(MAIN_YAML));
      assertFindings(await client.waitForDiagnostics(notUnderFixtures, 1), mainYamlFindings(MAIN_YAML));
    });

    it('exclude globs are relative to rootUri when no workspaceFolders are sent', async () => {
      const client = await startServer({
        configuration: true,
        workspaceFolders: [WS],
        rootUriOnly: true,
        settings: () => ({ exclude: ['fixtures/**'] }),
      });
      const excluded = uriOf('fixtures/trail.yaml');
      const included = uriOf('src/trail.yaml');
      await client.open(excluded, MAIN_YAML);
      await client.open(included, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(excluded, 1), []);
      assertFindings(await client.waitForDiagnostics(included, 1), mainYamlFindings(MAIN_YAML));
    });

    it('matches exclude globs in a workspace folder whose path has spaces and non-ASCII characters', async () => {
      const folder = pathToFileURL(path.join(os.tmpdir(), `trail lint ws ü ${process.pid}`)).href;
      assert.ok(folder.includes('%20'), folder);
      const client = await startServer({
        configuration: true,
        workspaceFolders: [folder],
        settings: () => ({ exclude: ['fixtures/**'] }),
      });
      const excluded = `${folder}/fixtures/trail.yaml`;
      const included = `${folder}/src/trail.yaml`;
      await client.open(excluded, MAIN_YAML);
      await client.open(included, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(excluded, 1), []);
      assertFindings(await client.waitForDiagnostics(included, 1), mainYamlFindings(MAIN_YAML));
    });

    it('matches exclude globs relative to the folder that contains the document (several folders)', async () => {
      const first = uriOf('first');
      const second = uriOf('second');
      const client = await startServer({
        configuration: true,
        workspaceFolders: [first, second],
        settings: () => ({ exclude: ['fixtures/**'] }),
      });
      const docs = {
        firstFixture: `${first}/fixtures/trail.yaml`,
        secondFixture: `${second}/fixtures/trail.yaml`,
        secondSrc: `${second}/src/trail.yaml`,
      };
      for (const uri of Object.values(docs)) await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(docs.firstFixture, 1), []);
      assertFindings(await client.waitForDiagnostics(docs.secondFixture, 1), []);
      assertFindings(await client.waitForDiagnostics(docs.secondSrc, 1), mainYamlFindings(MAIN_YAML));
    });

    it('uses the defaults for keys missing from a partial configuration answer, and for a null answer', async () => {
      const partial = uriOf('partial.yaml');
      const none = uriOf('none.yaml');
      const client = await startServer({
        configuration: true,
        rawSettings: true,
        settings: (scopeUri) => (scopeUri === partial ? { rules: { CT001: 'off' } } : null),
      });
      await client.open(partial, MAIN_YAML);
      await client.open(none, MAIN_YAML);
      assertFindings(
        await client.waitForDiagnostics(partial, 1),
        mainYamlFindings(MAIN_YAML).filter((s) => !s.startsWith('CT001 ')),
      );
      assertFindings(await client.waitForDiagnostics(none, 1), mainYamlFindings(MAIN_YAML));
    });

    it('is silent on unverifiable values by default', async () => {
      const client = await startServer({ configuration: true });
      const uri = uriOf('unverified.yaml');
      await client.open(uri, UNVERIFIED_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), []);
    });

    it('reportUnverified=true reports "Could not verify" infos; off still removes a rule entirely', async () => {
      const all = uriOf('unverified.yaml');
      const ct003Off = uriOf('unverified-ct003-off.yaml');
      const client = await startServer({
        configuration: true,
        settings: (scopeUri) =>
          scopeUri === ct003Off
            ? { reportUnverified: true, rules: { CT003: 'off' } }
            : { reportUnverified: true },
      });
      await client.open(all, UNVERIFIED_YAML);
      await client.open(ct003Off, UNVERIFIED_YAML);
      const p = await client.waitForDiagnostics(all, 1);
      assertFindings(p, unverifiedFindings());
      for (const d of p.diagnostics) {
        assert.ok(
          messageText(d).startsWith('Could not verify'),
          `${String(d.code)} message: ${messageText(d)}`,
        );
      }
      assertFindings(await client.waitForDiagnostics(ct003Off, 1), unverifiedFindings(['CT003']));
    });

    it('pulls again and republishes every open document after workspace/didChangeConfiguration', async () => {
      let settings: Record<string, unknown> = {};
      const client = await startServer({
        configuration: true,
        dynamicConfigurationRegistration: true,
        settings: () => settings,
      });
      const a = uriOf('a.yaml');
      const b = uriOf('b.yaml');
      await client.open(a, UNVERIFIED_YAML);
      await client.open(b, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(a, 1), []);
      assertFindings(await client.waitForDiagnostics(b, 1), mainYamlFindings(MAIN_YAML));
      await client.barrier(uriOf('barrier-1.yaml'));

      settings = { reportUnverified: true, rules: { CT004: 'off' } };
      const cursor = client.publishes.length;
      const requestsBefore = client.configurationRequests.length;
      await client.didChangeConfiguration(null);
      const pa = await client.waitForNextPublish(a, cursor);
      const pb = await client.waitForNextPublish(b, cursor);
      assert.equal(pa.version, 1, 'republished for the current version');
      assert.equal(pb.version, 1, 'republished for the current version');
      assertFindings(pa, unverifiedFindings(), 'a.yaml after didChangeConfiguration');
      assertFindings(
        pb,
        mainYamlFindings(MAIN_YAML).filter((s) => !s.startsWith('CT004 ')),
        'b.yaml after',
      );
      const pulled = client.configurationRequests.slice(requestsBefore).flat();
      for (const uri of [a, b]) {
        assert.ok(
          pulled.some((i) => i.scopeUri === uri && i.section === 'trailLint'),
          `configuration pulled again for ${uri}: ${JSON.stringify(pulled)}`,
        );
      }
    });

    it('takes settings from initializationOptions and from pushed didChangeConfiguration without the pull capability', async () => {
      const client = await startServer({
        configuration: false,
        initializationOptions: { settings: { enable: false } },
      });
      const uri = uriOf('pushed.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), [], 'enable=false from initializationOptions');
      await client.barrier(uriOf('barrier-1.yaml'));

      let cursor = client.publishes.length;
      await client.didChangeConfiguration({ trailLint: { enable: true, rules: { CT001: 'off' } } });
      assertFindings(
        await client.waitForNextPublish(uri, cursor),
        mainYamlFindings(MAIN_YAML).filter((s) => !s.startsWith('CT001 ')),
        'after pushing enable=true, CT001 off',
      );
      await client.barrier(uriOf('barrier-2.yaml'));

      cursor = client.publishes.length;
      await client.didChangeConfiguration({ trailLint: { rules: { CT002: 'error' } } });
      const p = await client.waitForNextPublish(uri, cursor);
      const expectedList = mainYamlFindings(MAIN_YAML).map((s) =>
        s.startsWith('CT002 ') ? s.replace('warning', 'error') : s,
      );
      assertFindings(p, expectedList, 'after pushing CT002 error');
      assert.deepEqual(client.configurationRequests, [], 'no workspace/configuration without the capability');
    });

    it('takes rule overrides from initializationOptions', async () => {
      const client = await startServer({
        initializationOptions: { settings: { rules: { CT004: 'error', CT005: 'off' } } },
      });
      const uri = uriOf('init-rules.yaml');
      await client.open(uri, MAIN_YAML);
      const want = mainYamlFindings(MAIN_YAML)
        .filter((s) => !s.startsWith('CT005 '))
        .map((s) => (s.startsWith('CT004 ') ? s.replace('warning', 'error') : s));
      assertFindings(await client.waitForDiagnostics(uri, 1), want);
    });
  });

  describe('ordering and races', () => {
    it('ignores changes and closes for documents that were never opened', async () => {
      const client = await startServer();
      const ghost = uriOf('ghost.yaml');
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: ghost, version: 2 },
        contentChanges: [
          { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: 'x' },
        ],
      });
      await client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
        textDocument: { uri: ghost },
      });
      const uri = uriOf('real.yaml');
      await client.open(uri, MAIN_YAML);
      assertFindings(await client.waitForDiagnostics(uri, 1), mainYamlFindings(MAIN_YAML));
      await client.barrier(uriOf('barrier.yaml'));
      assert.ok(
        client.publishesFor(ghost).every((p) => p.diagnostics.length === 0),
        `nothing but empty lists for a document never opened: ${client.report()}`,
      );
    });

    it('publishes the final text when edits arrive while a settings pull is pending', async () => {
      const client = await startServer({
        configuration: true,
        settings: () => ({ rules: { CT004: 'off' } }),
      });
      const uri = uriOf('pending-pull.yaml');
      const release = client.holdConfiguration();
      await client.open(uri, MAIN_YAML);
      await client.waitUntil('a workspace/configuration request', () =>
        client.configurationRequests.length > 0 ? true : undefined,
      );
      await client.replace(uri, 2, 'IsMultiRegionTrail: false', 'IsMultiRegionTrail: true');
      await client.replace(uri, 3, 'EnableLogFileValidation: false', 'EnableLogFileValidation: true');
      release();
      const p = await client.waitForDiagnostics(uri, 3);
      assert.equal(p.version, 3);
      const want = mainYamlFindings(client.text(uri), { multiRegion: true, validation: true }).filter(
        (x) => !x.startsWith('CT004 '),
      );
      assertFindings(p, want);
      await client.barrier(uriOf('barrier.yaml'));
      const last = client.publishesFor(uri).slice(-1)[0];
      assert.ok(last, client.report());
      assert.equal(last.version, 3, `the last publish is for version 3: ${client.report()}`);
      assertFindings(last, want, 'last publish');
    });

    it('publishes nothing but an empty list for a document closed while its settings pull is pending', async () => {
      const client = await startServer({ configuration: true });
      const uri = uriOf('closed-pending.yaml');
      const release = client.holdConfiguration();
      await client.open(uri, MAIN_YAML);
      await client.waitUntil('a workspace/configuration request', () =>
        client.configurationRequests.length > 0 ? true : undefined,
      );
      await client.close(uri);
      release();
      await client.barrier(uriOf('barrier.yaml'));
      const last = client.publishesFor(uri).slice(-1)[0];
      assert.ok(last, `an empty list is published on close: ${client.report()}`);
      assert.deepEqual(last.diagnostics, [], `last publish for the closed document: ${client.report()}`);
    });

    it('lints the new text when a uri is closed and reopened at version 1 before the first lint', async () => {
      const client = await startServer();
      const uri = uriOf('reopen-fast.yaml');
      const second = MAIN_YAML.replace('IsMultiRegionTrail: false', 'IsMultiRegionTrail: true');
      await client.open(uri, MAIN_YAML);
      await client.close(uri);
      await client.open(uri, second);
      await client.barrier(uriOf('barrier.yaml'));
      const last = client.publishesFor(uri).slice(-1)[0];
      assert.ok(last, client.report());
      assert.equal(last.version, 1);
      assertFindings(
        last,
        mainYamlFindings(second, { multiRegion: true, validation: false }),
        'after reopen',
      );
    });

    it('applies settings changed while an earlier settings pull was still unanswered', async () => {
      let settings: Partial<TrailLintSettings> = { rules: { CT001: 'off' } };
      const client = await startServer({ configuration: true, settings: () => settings });
      const uri = uriOf('stale-pull.yaml');
      const release = client.holdConfiguration();
      await client.open(uri, MAIN_YAML);
      await client.waitUntil('a workspace/configuration request', () =>
        client.configurationRequests.length > 0 ? true : undefined,
      );
      // The pending answer still carries CT001 off; the new settings turn CT003 off instead.
      settings = { rules: { CT003: 'off' } };
      await client.didChangeConfiguration(null);
      release();
      const want = mainYamlFindings(MAIN_YAML).filter((x) => !x.startsWith('CT003 '));
      await client.waitForPublish(
        'diagnostics for stale-pull.yaml under the new settings (CT003 off, CT001 on)',
        (p) => p.uri === uri && JSON.stringify(sortedSummaries(p.diagnostics)) === JSON.stringify(want),
      );
      await client.barrier(uriOf('barrier.yaml'));
      const last = client.publishesFor(uri).slice(-1)[0];
      assert.ok(last, client.report());
      assertFindings(last, want, 'last publish after the settings change');
    });
  });

  describe('rapid edits', () => {
    it('after a burst of 200 small edits the last publish equals what a fresh server computes', async () => {
      const client = await startServer();
      const uri = uriOf('burst.yaml');
      const base = `${MAIN_YAML}# scratch:\n`;
      await client.open(uri, base);
      await client.waitForDiagnostics(uri, 1);
      const firstBurstPublish = client.publishes.length;

      const textAt = new Map<number, string>([[1, base]]);
      let seed = 0x2f6b1d;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const toggle = (text: string, key: string): TextDocumentContentChangeEvent => {
        const m = new RegExp(`${key}: (true|false)`).exec(text);
        if (!m) throw new Error(`burst: ${key} not found`);
        const value = m[1] as string;
        const r = rangeOf(text, m[0]);
        return {
          range: { start: { line: r.start.line, character: r.end.character - value.length }, end: r.end },
          text: value === 'true' ? 'false' : 'true',
        };
      };
      const keys = [
        'IsMultiRegionTrail',
        'IncludeGlobalServiceEvents',
        'EnableLogFileValidation',
        'IsLogging',
      ];
      const FINAL = 201;
      for (let version = 2; version <= FINAL; version++) {
        const text = client.text(uri);
        let changes: TextDocumentContentChangeEvent[];
        const op = random(6);
        if (version === FINAL && text.includes('@')) {
          changes = [{ range: rangeOf(text, '@'), text: '' }];
        } else if (op === 0 || op === 1) {
          changes = [toggle(text, keys[random(keys.length)] as string)];
        } else if (op === 2) {
          // Two changes in one notification, the second computed on the result of the first.
          const first = toggle(text, keys[random(keys.length)] as string);
          changes = [first, toggle(applyChanges(text, [first]), keys[random(keys.length)] as string)];
        } else if (op === 3) {
          const end = rangeOf(text, '# scratch:').end;
          const line = text.split('\n')[end.line] ?? '';
          changes = [
            {
              range: {
                start: { line: end.line, character: line.length },
                end: { line: end.line, character: line.length },
              },
              text: 'x',
            },
          ];
        } else if (op === 4) {
          // Break or repair the YAML.
          changes = text.includes('@')
            ? [{ range: rangeOf(text, '@'), text: '' }]
            : [
                {
                  range: {
                    start: rangeOf(text, 'S3BucketName').start,
                    end: rangeOf(text, 'S3BucketName').start,
                  },
                  text: '@',
                },
              ];
        } else {
          // Insert or delete a whole line above the trail's properties (moves every later range).
          const pad = '      # pad\n';
          if (text.includes(pad)) {
            const r = rangeOf(text, pad);
            changes = [{ range: r, text: '' }];
          } else {
            const at = rangeOf(text, '    Properties:\n').end;
            changes = [{ range: { start: at, end: at }, text: pad }];
          }
        }
        await client.change(uri, version, changes);
        textAt.set(version, client.text(uri));
      }
      const finalText = client.text(uri);
      assert.ok(!finalText.includes('@'), 'final text is valid YAML');

      await client.waitForPublish(
        `diagnostics for burst.yaml with version ${FINAL}`,
        (p) => p.uri === uri && p.version === FINAL,
      );
      await client.barrier(uriOf('barrier.yaml'));
      const burstPublishes = client.publishes.slice(firstBurstPublish).filter((p) => p.uri === uri);
      const last = burstPublishes.slice(-1)[0];
      assert.ok(last, client.report());
      assert.equal(last.version, FINAL, `the last publish is for version ${FINAL}: ${client.report()}`);

      // A fresh server on the final text, under the same uri, must agree exactly.
      const fresh = await startServer();
      await fresh.open(uri, finalText);
      const reference = await fresh.waitForDiagnostics(uri, 1);
      assert.ok(reference.diagnostics.length > 0, 'the final text has findings');
      assert.ok(
        reference.diagnostics.every((d) => d.code !== undefined),
        `the final text parses: ${describePublish(reference)}`,
      );
      const byJson = (ds: Diagnostic[]) => ds.map((d) => JSON.stringify(d)).sort();
      assert.deepEqual(
        byJson(last.diagnostics),
        byJson(reference.diagnostics),
        'burst result vs fresh server',
      );

      // Every intermediate publish must be what that version's text produces.
      const seen = new Set<number>();
      for (const p of burstPublishes) {
        const version = p.version as number;
        assert.ok(
          typeof p.version === 'number' && textAt.has(version),
          `publish without a valid version: ${describePublish(p)}`,
        );
        if (seen.has(version)) continue;
        seen.add(version);
        const refUri = uriOf(`ref/burst-v${version}.yaml`);
        await fresh.open(refUri, textAt.get(version) as string);
        const ref = await fresh.waitForDiagnostics(refUri, 1);
        assert.deepEqual(
          byJson(p.diagnostics),
          byJson(ref.diagnostics),
          `publish for version ${version} matches its text`,
        );
      }
    });
  });
});
