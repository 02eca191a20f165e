// Terraform in the bundled language server (`node dist/trail-lint.js lsp`), driven over stdio by the LSP test
// client: a `.tf` / `.tf.json` document is linted with every module file of its folder (open buffers win over
// the disk), open siblings are linted again when one changes or closes, watched-file events lint the module's
// open files again, and a plan JSON document is linted alone. Modules are copied from
// test/fixtures/terraform/workspace into a fresh temporary folder per test, since siblings are read from disk.
// No sleeps: every wait is for a message (a publish that matches what the test expects).
// Build first: npm run build && npx tsc -b
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  FileChangeType,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import {
  stopClients,
  LspTestClient,
  ROOT,
  describePublish,
  expected,
  messageText,
  rangeOf,
  shapeProblems,
  sortedSummaries,
  type StartOptions,
} from './lsp-client';

const WORKSPACE_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'terraform', 'workspace');
const CLI_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'terraform', 'cli');
const PLAN_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'terraform', 'plan', 'child-module.plan.json');
const DOCS = 'https://github.com/trail-lint/trail-lint/blob/main/docs/rules/';

/** The fixture module: the trail in main.tf, its switches in variables.tf, its bucket and policy in storage.tf. */
const MODULE_MAIN = readFileSync(path.join(WORKSPACE_FIXTURES, 'module', 'main.tf'), 'utf8');
const MODULE_VARIABLES = readFileSync(path.join(WORKSPACE_FIXTURES, 'module', 'variables.tf'), 'utf8');
const MODULE_STORAGE = readFileSync(path.join(WORKSPACE_FIXTURES, 'module', 'storage.tf'), 'utf8');

const MULTI_REGION_LINE = 'is_multi_region_trail         = var.multi_region';
const BUCKET_NAME_LINE = 's3_bucket_name                = aws_s3_bucket.logs.id';
const MULTI_REGION_DEFAULT = 'default     = false';

const TRAIL = 'aws_cloudtrail.main';
const BUCKET = 'aws_s3_bucket.logs';

/** main.tf's findings: CT001 from the default of var.multi_region (false, in variables.tf); CT010 when no policy. */
function mainFindings(text: string, state: { multiRegion?: boolean; bucketPolicy?: boolean } = {}): string[] {
  const out: string[] = [];
  if (state.multiRegion !== true)
    out.push(expected('CT001', 'warning', TRAIL, rangeOf(text, MULTI_REGION_LINE)));
  if (state.bucketPolicy === false)
    out.push(expected('CT010', 'error', TRAIL, rangeOf(text, BUCKET_NAME_LINE)));
  return out.sort();
}

/**
 * storage.tf's findings: the trail's log bucket is versioned without MFA delete (S3004, on the versioning
 * block) and has no Object Lock (S3007, on the bucket's header); with its policy gone, plain HTTP is no longer
 * denied (S3006).
 */
function storageFindings(text: string, state: { bucketPolicy?: boolean } = {}): string[] {
  const header = rangeOf(text, 'resource "aws_s3_bucket" "logs"');
  const out = [
    expected('S3004', 'warning', BUCKET, rangeOf(text, 'versioning_configuration')),
    expected('S3007', 'info', BUCKET, header),
  ];
  if (state.bucketPolicy === false) out.push(expected('S3006', 'info', BUCKET, header));
  return out.sort();
}

/** storage.tf without its aws_s3_bucket_policy (everything from that block on). */
function withoutPolicy(storage: string): string {
  const at = storage.indexOf('resource "aws_s3_bucket_policy" "logs"');
  assert.ok(at > 0, 'storage.tf declares aws_s3_bucket_policy.logs');
  return storage.slice(0, at);
}

/** A trail with none of the optional settings: the findings a missing attribute puts on its header. */
function bareTrailFindings(text: string, header: string, resource: string, without: string[] = []): string[] {
  const at = rangeOf(text, header);
  return [
    expected('CT003', 'warning', resource, at),
    expected('CT004', 'warning', resource, at),
    expected('CT005', 'warning', resource, at),
    expected('CT008', 'info', resource, at),
    expected('CT009', 'info', resource, at),
  ].filter((s) => !without.some((id) => s.startsWith(`${id} `)));
}

const findings = (p: PublishDiagnosticsParams): Diagnostic[] =>
  p.diagnostics.filter((d) => d.code !== undefined);
const problems = (p: PublishDiagnosticsParams): Diagnostic[] =>
  p.diagnostics.filter((d) => d.code === undefined);
const same = (a: string[], b: string[]): boolean =>
  JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

function assertFindings(p: PublishDiagnosticsParams, want: string[], what = ''): void {
  assert.deepEqual(
    sortedSummaries(p.diagnostics),
    [...want].sort(),
    `diagnostics of ${describePublish(p)}${what ? ` (${what})` : ''}`,
  );
  assert.deepEqual(p.diagnostics.flatMap(shapeProblems), [], `shape of ${describePublish(p)}`);
}

/** No diagnostic says that trail-lint itself failed (an exception caught by the server). */
function assertNoFailure(p: PublishDiagnosticsParams): void {
  for (const d of p.diagnostics) {
    assert.ok(!messageText(d).startsWith('trail-lint failed'), `internal failure: ${messageText(d)}`);
  }
}

// ---------------------------------------------------------------------------------------------------------

const running: LspTestClient[] = [];
let workspace: string;

async function startServer(options: StartOptions = {}): Promise<LspTestClient> {
  const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(workspace).href], ...options });
  running.push(client);
  return client;
}

/** Copies the workspace fixture folder `name` into the temporary workspace (as `as`); returns its path. */
function copyModule(name: string, as: string = name, from = WORKSPACE_FIXTURES): string {
  const folder = path.join(workspace, as);
  cpSync(path.join(from, name), folder, { recursive: true });
  return folder;
}

const uriIn = (folder: string, file: string): string => pathToFileURL(path.join(folder, file)).href;
const readIn = (folder: string, file: string): string => readFileSync(path.join(folder, file), 'utf8');

/**
 * Waits for a publish for `uri` (at index >= `from`) whose findings are exactly `want`: earlier publishes
 * (stale, or computed before the change reached the server) are skipped; a timeout reports them all.
 */
function waitForFindings(
  client: LspTestClient,
  uri: string,
  want: string[],
  from: number,
  what: string,
): Promise<PublishDiagnosticsParams> {
  return client.waitForPublish(
    `${path.posix.basename(uri)}: ${what}: ${JSON.stringify([...want].sort())}`,
    (p) => p.uri === uri && same(sortedSummaries(p.diagnostics), want),
    from,
  );
}

/** After a barrier, the last publish for `uri` must still be exactly `want` (no stale publish came after). */
async function assertSettled(
  client: LspTestClient,
  uri: string,
  want: string[],
  barrier: string,
): Promise<void> {
  await client.barrier(pathToFileURL(path.join(workspace, barrier)).href);
  const last = client.publishesFor(uri).slice(-1)[0];
  assert.ok(last, client.report());
  assertFindings(last, want, 'last publish');
}

describe('language server: Terraform', function () {
  this.timeout(60_000);

  beforeEach(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-lsp-tf-'));
  });

  afterEach(async function () {
    await stopClients(running, this.currentTest?.state === 'failed');
    rmSync(workspace, { recursive: true, force: true });
  });

  describe('a module file is linted with its module folder', () => {
    it('judges main.tf on the variable default in variables.tf and the bucket in storage.tf (neither open)', async () => {
      const folder = copyModule('module');
      const client = await startServer();
      const main = uriIn(folder, 'main.tf');
      await client.open(main, MODULE_MAIN, 'terraform');
      const p = await client.waitForDiagnostics(main, 1);
      assert.equal(p.version, 1);
      // CT010 is not reported: storage.tf (on disk only) holds a policy that lets CloudTrail write.
      assertFindings(p, mainFindings(MODULE_MAIN));

      const d = p.diagnostics[0] as Diagnostic;
      assert.equal(d.code, 'CT001');
      assert.equal(d.source, 'trail-lint');
      assert.equal(d.severity, 2, 'warning');
      assert.deepEqual(d.codeDescription, { href: `${DOCS}CT001-trail-multi-region.md` });
      assert.deepEqual(d.data, {
        ruleId: 'CT001',
        resource: TRAIL,
        fixes: [
          {
            kind: 'set',
            resource: TRAIL,
            path: ['Properties', 'IsMultiRegionTrail'],
            value: true,
            title: 'Set is_multi_region_trail to true',
            // The value is the variable's default: the fix writes over the variable, so it is only offered.
            preferred: false,
            safe: false,
          },
        ],
      });
      const message = messageText(d);
      assert.ok(message.includes('is_multi_region_trail'), `names the Terraform attribute: ${message}`);
      assert.ok(
        message.includes('variable "multi_region"'),
        `names the variable whose default is judged: ${message}`,
      );
      assert.ok(!/IsMultiRegionTrail|Parameter/.test(message), `no CloudFormation wording: ${message}`);
    });

    it('judges storage.tf alone open: its bucket is the log bucket of the trail in main.tf (on disk)', async () => {
      const folder = copyModule('module');
      const client = await startServer();
      const storage = uriIn(folder, 'storage.tf');
      await client.open(storage, MODULE_STORAGE, 'terraform');
      const p = await client.waitForDiagnostics(storage, 1);
      assertFindings(p, storageFindings(MODULE_STORAGE));
      const s3004 = p.diagnostics.find((d) => d.code === 'S3004');
      assert.ok(s3004, describePublish(p));
      assert.ok(
        messageText(s3004).includes('versioning_configuration.mfa_delete'),
        `names the Terraform attribute: ${messageText(s3004)}`,
      );
    });

    it('reads the module from the open buffer of main.tf, not from its disk copy', async () => {
      const folder = copyModule('module');
      const client = await startServer();
      const main = uriIn(folder, 'main.tf');
      // On disk main.tf reads var.multi_region (false); the buffer says true.
      const text = MODULE_MAIN.replace(MULTI_REGION_LINE, 'is_multi_region_trail         = true');
      await client.open(main, text, 'terraform');
      assertFindings(await client.waitForDiagnostics(main, 1), []);
    });

    it('lints a .tf.json module file with the .tf files beside it', async () => {
      const folder = copyModule('json-module', 'json-module', CLI_FIXTURES);
      const client = await startServer();
      const uri = uriIn(folder, 'main.tf.json');
      const text = readIn(folder, 'main.tf.json');
      await client.open(uri, text, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      // is_multi_region_trail is "${var.multi_region}", whose default (false) is in variables.tf.
      assertFindings(p, [
        expected(
          'CT001',
          'warning',
          'aws_cloudtrail.json',
          rangeOf(text, '"is_multi_region_trail": "${var.multi_region}"'),
        ),
        expected(
          'CT003',
          'warning',
          'aws_cloudtrail.json',
          rangeOf(text, '"enable_log_file_validation": false'),
        ),
      ]);
    });

    it('lints a document of languageId terraform whose name does not end in .tf', async () => {
      const folder = path.join(workspace, 'hcl');
      mkdirSync(folder);
      const client = await startServer();
      // The text of the suppress fixture's main.tf, in a file VS Code was told is Terraform.
      const text = readFileSync(path.join(WORKSPACE_FIXTURES, 'suppress', 'main.tf'), 'utf8');
      const uri = uriIn(folder, 'trails.hcl');
      writeFileSync(path.join(folder, 'trails.hcl'), text);
      await client.open(uri, text, 'terraform');
      const p = await client.waitForDiagnostics(uri, 1);
      assert.ok(
        p.diagnostics.some(
          (d) => d.code === 'CT001' && (d.data as { resource?: string }).resource === 'aws_cloudtrail.plain',
        ),
        `CT001 for aws_cloudtrail.plain: ${describePublish(p)}`,
      );
    });

    it('points CT001 at the variable default in variables.tf (relatedInformation in another file)', async () => {
      const folder = copyModule('module');
      const client = await startServer({ relatedInformation: true });
      const main = uriIn(folder, 'main.tf');
      await client.open(main, MODULE_MAIN, 'terraform');
      const p = await client.waitForDiagnostics(main, 1);
      assertFindings(p, mainFindings(MODULE_MAIN));
      const related = (p.diagnostics[0] as Diagnostic).relatedInformation ?? [];
      // The value of `default     = false` in variables.tf.
      const value = rangeOf(MODULE_VARIABLES, 'false', 1);
      assert.deepEqual(value.start.line, rangeOf(MODULE_VARIABLES, MULTI_REGION_DEFAULT).start.line);
      assert.deepEqual(
        related.map((r) => ({ uri: r.location.uri, range: r.location.range })),
        [{ uri: uriIn(folder, 'variables.tf'), range: value }],
        `relatedInformation of ${describePublish(p)}: ${JSON.stringify(related)}`,
      );
    });
  });

  describe('a half-typed block', () => {
    const HALF_TYPED = 'resource "aws_cloudtrail" "x" {\n  is_multi_region_trail = \n';

    it('gets a problem where it is broken, no findings of its own; the other blocks are still judged', async () => {
      const folder = copyModule('module');
      const client = await startServer();
      const main = uriIn(folder, 'main.tf');
      const text = `${MODULE_MAIN}\n${HALF_TYPED}`;
      await client.open(main, text, 'terraform');
      const p = await client.waitForDiagnostics(main, 1);
      assertNoFailure(p);

      const broken = problems(p);
      assert.ok(broken.length > 0, `a problem diagnostic: ${describePublish(p)}`);
      const blockStart = rangeOf(text, 'resource "aws_cloudtrail" "x"').start;
      for (const d of broken) {
        assert.equal(d.severity, 1, 'a problem is an error');
        assert.equal(d.source, 'trail-lint');
        assert.ok(
          messageText(d).startsWith('trail-lint could not read all of this file ('),
          `problem message: ${messageText(d)}`,
        );
        assert.ok(
          d.range.start.line >= blockStart.line,
          `the problem is in the half-typed block (line ${blockStart.line} on), not at ${JSON.stringify(d.range)}`,
        );
      }
      // The server keeps serving: another document of the module, then the block completed.
      const storage = uriIn(folder, 'storage.tf');
      await client.open(storage, MODULE_STORAGE, 'terraform');
      assertFindings(await client.waitForDiagnostics(storage, 1), storageFindings(MODULE_STORAGE));

      const from = client.publishes.length;
      // Typing goes on: the value and the closing brace (one full-text change).
      const done = text.replace(
        HALF_TYPED,
        'resource "aws_cloudtrail" "x" {\n  is_multi_region_trail = true\n}\n',
      );
      await client.change(main, 2, [{ text: done }]);
      const fixed = await waitForFindings(
        client,
        main,
        [
          ...mainFindings(done),
          ...bareTrailFindings(done, 'resource "aws_cloudtrail" "x"', 'aws_cloudtrail.x'),
        ],
        from,
        'the completed block judged, no problem left',
      );
      assert.equal(fixed.version, 2);

      // Checked last, so that everything above runs: while it was half-typed, aws_cloudtrail.main (complete)
      // was judged as before and aws_cloudtrail.x (being typed) was not.
      assertFindings({ ...p, diagnostics: findings(p) }, mainFindings(text), 'findings besides the problems');
    });

    /**
     * Opens main.tf of the module with `typing` written above it: the blocks of main.tf are judged as ever,
     * and each problem sits on a line up to `lastProblemLine` (0-based), in what is being typed.
     */
    async function judgedBelow(typing: string, lastProblemLine: number, what: string): Promise<void> {
      const folder = copyModule('module');
      const client = await startServer();
      const main = uriIn(folder, 'main.tf');
      const text = `${typing}\n${MODULE_MAIN}`;
      await client.open(main, text, 'terraform');
      const p = await client.waitForDiagnostics(main, 1);
      assertNoFailure(p);
      const broken = problems(p);
      assert.ok(broken.length > 0, `a problem diagnostic: ${describePublish(p)}`);
      for (const d of broken)
        assert.ok(
          d.range.start.line <= lastProblemLine,
          `problem in what is typed: ${JSON.stringify(d.range)}`,
        );
      assertFindings({ ...p, diagnostics: findings(p) }, mainFindings(text), what);
    }

    it('still judges the complete blocks after a half-typed attribute that is followed by the closing brace', async () => {
      // Typing a new last attribute of the first block of a file: the `}` after it closes that block (and
      // tree-sitter reports the brace missing at the end of the file).
      await judgedBelow(
        'resource "aws_cloudtrail" "x" {\n  is_multi_region_trail = \n}\n',
        Infinity,
        'the complete trail below is judged',
      );
    });

    it('still judges the complete blocks when the half-typed attribute is followed by another attribute', async () => {
      await judgedBelow(
        'resource "aws_cloudtrail" "x" {\n  is_multi_region_trail = \n  name = "x"\n}\n',
        3,
        'only the complete trail is judged',
      );
    });

    it('still judges the complete blocks below a string left open, which tree-sitter reads on to the end', async () => {
      await judgedBelow(
        'resource "aws_instance" "web" {\n  ami = "ami-1\n}\n',
        2,
        'the trail below is judged',
      );
    });
  });

  describe('siblings', () => {
    it('publishes main.tf again when an open sibling changes, and from disk when that sibling closes', async () => {
      const folder = copyModule('module');
      const client = await startServer();
      const main = uriIn(folder, 'main.tf');
      const variables = uriIn(folder, 'variables.tf');
      const storage = uriIn(folder, 'storage.tf');
      await client.open(main, MODULE_MAIN, 'terraform');
      await client.open(variables, MODULE_VARIABLES, 'terraform');
      await client.open(storage, MODULE_STORAGE, 'terraform');
      assertFindings(await client.waitForDiagnostics(main, 1), mainFindings(MODULE_MAIN));
      assertFindings(await client.waitForDiagnostics(variables, 1), []);
      assertFindings(await client.waitForDiagnostics(storage, 1), storageFindings(MODULE_STORAGE));
      await client.barrier(uriIn(workspace, 'barrier-1.yaml'));

      // variables.tf: the default that main.tf's trail reads becomes true → CT001 goes away in main.tf.
      let from = client.publishes.length;
      await client.replace(variables, 2, MULTI_REGION_DEFAULT, 'default     = true');
      const afterVariables = mainFindings(MODULE_MAIN, { multiRegion: true });
      const p1 = await waitForFindings(
        client,
        main,
        afterVariables,
        from,
        'after the variable default became true',
      );
      assert.equal(p1.version, 1, 'main.tf itself did not change');
      await assertSettled(client, main, afterVariables, 'barrier-2.yaml');

      // storage.tf: the bucket policy is deleted → the trail's creation would fail (CT010 in main.tf).
      from = client.publishes.length;
      await client.change(storage, 2, [{ text: withoutPolicy(MODULE_STORAGE) }]);
      const afterStorage = mainFindings(MODULE_MAIN, { multiRegion: true, bucketPolicy: false });
      await waitForFindings(
        client,
        main,
        afterStorage,
        from,
        'after the bucket policy was deleted in storage.tf',
      );
      await waitForFindings(
        client,
        storage,
        storageFindings(withoutPolicy(MODULE_STORAGE), { bucketPolicy: false }),
        from,
        'storage.tf itself',
      );
      await assertSettled(client, main, afterStorage, 'barrier-3.yaml');

      // Closing storage.tf without saving: main.tf reads it from disk again (the policy is back).
      from = client.publishes.length;
      await client.close(storage);
      const afterClose = mainFindings(MODULE_MAIN, { multiRegion: true });
      await waitForFindings(client, main, afterClose, from, 'after storage.tf closed (read from disk)');
      await assertSettled(client, main, afterClose, 'barrier-4.yaml');

      // Closing variables.tf: its disk default (false) applies again.
      from = client.publishes.length;
      await client.close(variables);
      await waitForFindings(client, main, mainFindings(MODULE_MAIN), from, 'after variables.tf closed');
      await assertSettled(client, main, mainFindings(MODULE_MAIN), 'barrier-5.yaml');
    });

    it('does not publish main.tf again for an edit in another folder', async () => {
      const folder = copyModule('module');
      const other = copyModule('module', 'other');
      const client = await startServer();
      const main = uriIn(folder, 'main.tf');
      const otherVariables = uriIn(other, 'variables.tf');
      await client.open(main, MODULE_MAIN, 'terraform');
      await client.open(otherVariables, MODULE_VARIABLES, 'terraform');
      assertFindings(await client.waitForDiagnostics(main, 1), mainFindings(MODULE_MAIN));
      await client.waitForDiagnostics(otherVariables, 1);
      await client.barrier(uriIn(workspace, 'barrier-1.yaml'));
      const before = client.publishesFor(main).length;
      await client.replace(otherVariables, 2, MULTI_REGION_DEFAULT, 'default     = true');
      await client.waitForDiagnostics(otherVariables, 2);
      await client.barrier(uriIn(workspace, 'barrier-2.yaml'));
      assert.equal(
        client.publishesFor(main).length,
        before,
        `no new publish for main.tf: ${client.report()}`,
      );
    });
  });

  describe('watched files', () => {
    it('registers watchers for .tf and .tf.json, and lints open module files again when a closed one changes on disk', async () => {
      const folder = copyModule('module');
      const client = await startServer({ watchedFiles: true });
      const main = uriIn(folder, 'main.tf');
      await client.open(main, MODULE_MAIN, 'terraform');
      assertFindings(await client.waitForDiagnostics(main, 1), mainFindings(MODULE_MAIN));

      const globs = client.registrations
        .filter((r) => (r as { method?: string }).method === 'workspace/didChangeWatchedFiles')
        .flatMap(
          (r) =>
            (r as { registerOptions?: { watchers?: { globPattern?: unknown }[] } }).registerOptions
              ?.watchers ?? [],
        )
        .map((w) => w.globPattern);
      assert.ok(globs.includes('**/*.tf'), `a watcher for **/*.tf: ${JSON.stringify(globs)}`);
      assert.ok(globs.includes('**/*.tf.json'), `a watcher for **/*.tf.json: ${JSON.stringify(globs)}`);

      // variables.tf changes on disk (it is not open): main.tf is linted again with the new default.
      let from = client.publishes.length;
      writeFileSync(
        path.join(folder, 'variables.tf'),
        MODULE_VARIABLES.replace(MULTI_REGION_DEFAULT, 'default     = true'),
      );
      await client.didChangeWatchedFiles([
        { uri: uriIn(folder, 'variables.tf'), type: FileChangeType.Changed },
      ]);
      const p = await waitForFindings(
        client,
        main,
        mainFindings(MODULE_MAIN, { multiRegion: true }),
        from,
        'after variables.tf changed on disk',
      );
      assert.equal(p.version, 1);

      // storage.tf loses its policy on disk: CT010 appears in main.tf.
      from = client.publishes.length;
      writeFileSync(path.join(folder, 'storage.tf'), withoutPolicy(MODULE_STORAGE));
      await client.didChangeWatchedFiles([
        { uri: uriIn(folder, 'storage.tf'), type: FileChangeType.Changed },
      ]);
      const want = mainFindings(MODULE_MAIN, { multiRegion: true, bucketPolicy: false });
      await waitForFindings(client, main, want, from, 'after storage.tf changed on disk');
      await assertSettled(client, main, want, 'barrier-1.yaml');

      // A file of another folder changes: main.tf is not linted again.
      const other = copyModule('module', 'other');
      const before = client.publishesFor(main).length;
      await client.didChangeWatchedFiles([
        { uri: uriIn(other, 'variables.tf'), type: FileChangeType.Changed },
      ]);
      await client.barrier(uriIn(workspace, 'barrier-2.yaml'));
      assert.equal(
        client.publishesFor(main).length,
        before,
        `no publish for another folder: ${client.report()}`,
      );
    });
  });

  describe('plan JSON', () => {
    const plan = readFileSync(PLAN_FIXTURE, 'utf8');
    const TRAIL_ADDRESS = 'module.audit.aws_cloudtrail.main';

    it('lints a plan JSON document alone, locating findings inside the plan', async () => {
      const folder = path.join(workspace, 'plans');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'child-module.plan.json'), plan);
      const client = await startServer();
      const uri = uriIn(folder, 'child-module.plan.json');
      await client.open(uri, plan, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      assertNoFailure(p);
      assert.deepEqual(problems(p), [], describePublish(p));
      // The trail in module.audit: single-region (planned false), no CloudWatch Logs, no Insights; its key is
      // known after apply (CT004 not judged); its bucket has no policy (CT010, checked on its own below).
      // Its key has no policy configured, so the default key policy applies, which CloudTrail cannot use
      // (KMS002); its bucket is not versioned, has no policy and no Object Lock (S3004, S3006, S3007).
      const address = rangeOf(plan, `"address": "${TRAIL_ADDRESS}"`);
      const KEY = 'module.audit.aws_kms_key.trail';
      const BUCKET = 'module.audit.aws_s3_bucket.logs';
      const bucket = rangeOf(plan, `"address": "${BUCKET}"`);
      const want = [
        expected('CT001', 'warning', TRAIL_ADDRESS, rangeOf(plan, '"is_multi_region_trail": false')),
        expected('CT005', 'warning', TRAIL_ADDRESS, address),
        expected('CT009', 'info', TRAIL_ADDRESS, address),
        expected('KMS002', 'error', KEY, rangeOf(plan, `"address": "${KEY}"`)),
        expected('S3004', 'warning', BUCKET, bucket),
        expected('S3006', 'info', BUCKET, bucket),
        expected('S3007', 'info', BUCKET, bucket),
      ];
      const diags = p.diagnostics.filter((d) => d.code !== 'CT010');
      assertFindings({ ...p, diagnostics: diags }, want);
      const ct001 = diags.find((d) => d.code === 'CT001') as Diagnostic;
      assert.ok(messageText(ct001).includes('is_multi_region_trail'), messageText(ct001));
      assert.equal(ct001.codeDescription?.href, `${DOCS}CT001-trail-multi-region.md`);
    });

    it("reports CT010 for the plan's log bucket without policy, naming no pseudo-address", async () => {
      const client = await startServer();
      const uri = pathToFileURL(path.join(workspace, 'tfplan.json')).href;
      await client.open(uri, plan, 'json');
      const p = await client.waitForDiagnostics(uri, 1);
      const ct010 = p.diagnostics.filter((d) => d.code === 'CT010');
      assert.equal(ct010.length, 1, describePublish(p));
      const d = ct010[0] as Diagnostic;
      assert.equal(d.severity, 1);
      assert.equal((d.data as { resource?: string }).resource, TRAIL_ADDRESS);
      // module.audit.aws_s3_bucket.logs has no policy at all (`policy` is only known after apply, as the
      // provider computes it); "depends_on module.audit.aws_s3_bucket.logs.policy" is no Terraform address.
      assert.ok(!messageText(d).includes('aws_s3_bucket.logs.policy'), `message: ${messageText(d)}`);
      assert.ok(messageText(d).includes('has no bucket policy'), `message: ${messageText(d)}`);
    });
  });

  describe('heredoc policies', () => {
    it('puts a finding inside a heredoc JSON policy on its statement, as the editor shows it', async () => {
      const folder = path.join(workspace, 'heredoc');
      mkdirSync(folder);
      const grant = (action: string, resource: string): string =>
        `    {\n      "Effect": "Allow",\n      "Principal": {"Service": "cloudtrail.amazonaws.com"},\n` +
        `      "Action": "${action}",\n      "Resource": "${resource}"\n    }`;
      const text =
        'resource "aws_s3_bucket" "logs" {\n  bucket = "trail-logs"\n}\n' +
        'resource "aws_s3_bucket_policy" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  policy = <<-EOF\n' +
        '  {\n  "Statement": [\n' +
        `${grant('s3:GetBucketAcl', '${aws_s3_bucket.logs.arn}')},\n` +
        `${grant('s3:PutObject', '${aws_s3_bucket.logs.arn}/AWSLogs/*')}\n` +
        '  ]\n  }\n  EOF\n}\n' +
        'resource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = aws_s3_bucket.logs.id\n' +
        '  depends_on     = [aws_s3_bucket_policy.logs]\n}\n';
      writeFileSync(path.join(folder, 'main.tf'), text);
      const client = await startServer();
      const uri = uriIn(folder, 'main.tf');
      await client.open(uri, text, 'terraform');
      const p = await client.waitForDiagnostics(uri, 1);
      const principal = (n: number) => rangeOf(text, '"Principal"', n);
      assert.deepEqual(sortedSummaries(p.diagnostics.filter((d) => d.code === 'S3005')), [
        expected('S3005', 'warning', 'aws_s3_bucket_policy.logs', principal(1)),
        expected('S3005', 'warning', 'aws_s3_bucket_policy.logs', principal(2)),
      ]);
      assert.deepEqual(p.diagnostics.flatMap(shapeProblems), [], `shape of ${describePublish(p)}`);
    });
  });

  describe('suppressions', () => {
    it('hides CT001 suppressed by a directive above the block and by a checkov skip inside it', async () => {
      const folder = copyModule('suppress');
      const client = await startServer();
      const uri = uriIn(folder, 'main.tf');
      const text = readIn(folder, 'main.tf');
      await client.open(uri, text, 'terraform');
      const p = await client.waitForDiagnostics(uri, 1);
      // Each suppression covers CT001 of its own trail only: the other findings of those trails stay.
      const header = (name: string): string => `resource "aws_cloudtrail" "${name}"`;
      assertFindings(p, [
        ...bareTrailFindings(text, header('sandbox'), 'aws_cloudtrail.sandbox', ['CT003']),
        ...bareTrailFindings(text, header('checkov'), 'aws_cloudtrail.checkov', ['CT003']),
        ...bareTrailFindings(text, header('plain'), 'aws_cloudtrail.plain', ['CT003']),
        expected(
          'CT001',
          'warning',
          'aws_cloudtrail.plain',
          rangeOf(text, 'is_multi_region_trail      = false', 3),
        ),
      ]);

      // Without the directive, the sandbox trail's CT001 is published again.
      const from = client.publishes.length;
      await client.replace(
        uri,
        2,
        '# trail-lint-disable-next-line CT001 -- regional sandbox',
        '# regional sandbox',
      );
      const edited = client.text(uri);
      await waitForFindings(
        client,
        uri,
        [
          ...bareTrailFindings(edited, header('sandbox'), 'aws_cloudtrail.sandbox', ['CT003']),
          ...bareTrailFindings(edited, header('checkov'), 'aws_cloudtrail.checkov', ['CT003']),
          ...bareTrailFindings(edited, header('plain'), 'aws_cloudtrail.plain', ['CT003']),
          expected(
            'CT001',
            'warning',
            'aws_cloudtrail.sandbox',
            rangeOf(edited, 'is_multi_region_trail      = false', 1),
          ),
          expected(
            'CT001',
            'warning',
            'aws_cloudtrail.plain',
            rangeOf(edited, 'is_multi_region_trail      = false', 3),
          ),
        ],
        from,
        'after the directive was removed',
      );
    });
  });

  describe('hostile input', () => {
    /** Opens `text` as a .tf file of a fresh folder; then checks that another document still gets diagnostics. */
    async function survives(name: string, text: string): Promise<PublishDiagnosticsParams> {
      const folder = path.join(workspace, name);
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'main.tf'), text);
      const client = await startServer();
      const uri = uriIn(folder, 'main.tf');
      await client.open(uri, text, 'terraform');
      const p = await client.waitForDiagnostics(uri, 1);
      assertNoFailure(p);
      for (const d of p.diagnostics) {
        if (d.code !== undefined) continue;
        assert.ok(
          messageText(d).startsWith('trail-lint could not read all of this file ('),
          `a problem, not a crash: ${messageText(d)}`,
        );
      }
      // The server still answers: a module document gets its exact findings.
      const module = copyModule('module', `${name}-module`);
      const main = uriIn(module, 'main.tf');
      await client.open(main, MODULE_MAIN, 'terraform');
      assertFindings(await client.waitForDiagnostics(main, 1), mainFindings(MODULE_MAIN));
      assert.equal(client.exitCode, undefined, 'the server is still running');
      return p;
    }

    it('survives binary junk in a .tf file', async () => {
      let seed = 0x5eed;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const bytes = Buffer.from(Array.from({ length: 20_000 }, () => random(256)));
      const p = await survives('junk', bytes.toString('latin1'));
      assert.ok(problems(p).length > 0, `junk is reported as unreadable: ${describePublish(p)}`);
    });

    it('survives NUL bytes and lone surrogates inside a resource block', async () => {
      const text = `resource "aws_cloudtrail" "t" {\n  name = "\u0000\ud800"\n  \u0000\u0000 = \udfff\n}\n`;
      await survives('nul', text);
    });

    it('survives 50 000 nested brackets, objects, parentheses and blocks', async () => {
      const n = 50_000;
      await survives(
        'deep',
        [
          `locals {\n  deep = ${'{a = '.repeat(n)}1${'}'.repeat(n)}\n}`,
          `resource "aws_cloudtrail" "brackets" {\n  is_multi_region_trail = ${'['.repeat(n)}${']'.repeat(n)}\n}`,
          `resource "aws_cloudtrail" "parens" {\n  is_multi_region_trail = ${'tobool('.repeat(n)}true${')'.repeat(n)}\n}`,
          `resource "aws_cloudtrail" "blocks" {\n${'a {\n'.repeat(n)}${'}\n'.repeat(n)}}`,
          '',
        ].join('\n'),
      );
    });

    it('survives 50 000 unclosed brackets', async () => {
      const p = await survives(
        'unclosed',
        `resource "aws_cloudtrail" "t" {\n  is_multi_region_trail = ${'['.repeat(50_000)}\n`,
      );
      assert.ok(problems(p).length > 0, `reported as unreadable: ${describePublish(p)}`);
      assert.deepEqual(findings(p), [], 'the broken block is not judged');
    });
  });
});
