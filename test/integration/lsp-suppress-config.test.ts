// The bundled language server with suppressions, configuration files and code actions, driven over stdio
// by the LSP test client. Workspaces live in fresh temporary folders, since configuration files are read from
// disk. Only CT001, CT003 and CT004 are looked at (see trail-templates). No sleeps: every wait is for a message.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  FileChangeType,
  type CodeAction,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { CT003_YAML, OUR_RULES, SUPPRESSED_YAML } from '../helpers/trail-templates';
import {
  stopClients,
  LspTestClient,
  describePublish,
  expected,
  messageText,
  rangeOf,
  type StartOptions,
} from './lsp-client';

const SHOW_DOCS = 'trail-lint.showDocumentation';
const DOCS = 'https://github.com/trail-lint/trail-lint/blob/main/docs/rules/';

const running: LspTestClient[] = [];
let workspace: string;

async function startServer(options: StartOptions = {}): Promise<LspTestClient> {
  const client = await LspTestClient.start({ workspaceFolders: [pathToFileURL(workspace).href], ...options });
  running.push(client);
  return client;
}

function write(rel: string, text: string): string {
  const file = path.join(workspace, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const uriOf = (rel: string): string => pathToFileURL(path.join(workspace, rel)).href;

/** Our rules' diagnostics as "CT003 warning Trail 7:6-7:36", sorted. */
function ours(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics
    .filter((d) => OUR_RULES.has(String(d.code)))
    .map((d) => {
      const data = d.data as { resource?: string } | undefined;
      const severity = ({ 1: 'error', 2: 'warning', 3: 'info' } as Record<number, string>)[d.severity ?? 0];
      return `${String(d.code)} ${severity ?? '?'} ${data?.resource ?? '-'} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
    })
    .sort();
}

function only(p: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = p.diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code} in ${describePublish(p)}`);
  return found[0] as Diagnostic;
}

const ct003 = (severity: 'error' | 'warning' | 'info', text = CT003_YAML): string =>
  expected('CT003', severity, 'Trail', rangeOf(text, 'EnableLogFileValidation: false'));

describe('language server: suppressions, configuration files, code actions', function () {
  this.timeout(30_000);

  beforeEach(() => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-lsp-cfg-'));
  });

  afterEach(async function () {
    await stopClients(running, this.currentTest?.state === 'failed');
    rmSync(workspace, { recursive: true, force: true });
  });

  it('publishes no suppressed finding, and the note about the suppression without a reason', async () => {
    const client = await startServer();
    const uri = uriOf('stack.yaml');
    await client.open(uri, SUPPRESSED_YAML);
    const p = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(ours(p), [
      expected('CT001', 'info', '-', rangeOf(SUPPRESSED_YAML, '# trail-lint-disable-line CT001')),
    ]);
    // A note has nothing to suppress: its only action is the documentation.
    const note = only(p, 'CT001');
    assert.deepEqual(
      ((await client.codeActions(uri, [note])) as CodeAction[]).map((a) => a.title),
      ['Show documentation for CT001'],
    );
  });

  it('uses the nearest configuration file above the document', async () => {
    write('.trail-lint.yaml', 'rules:\n  CT003: info\n');
    write('team/.trail-lint.json', '{ "rules": { "CT003": "error" } }');
    const client = await startServer();
    const a = uriOf('stacks/deep/a.yaml');
    const b = uriOf('team/b.yaml');
    await client.open(a, CT003_YAML);
    await client.open(b, CT003_YAML);
    assert.deepEqual(ours(await client.waitForDiagnostics(a, 1)), [ct003('info')]);
    assert.deepEqual(ours(await client.waitForDiagnostics(b, 1)), [ct003('error')]);
  });

  it("honours the configuration's exclude globs", async () => {
    write('.trail-lint.yml', 'exclude: [generated/**]\n');
    const client = await startServer();
    const uri = uriOf('generated/stack.yaml');
    await client.open(uri, CT003_YAML);
    assert.deepEqual((await client.waitForDiagnostics(uri, 1)).diagnostics, []);
  });

  it("reads files matched by the configuration's templates globs as templates", async () => {
    write('.trail-lint.yaml', 'templates: ["**/*.cfn.yaml"]\n');
    const client = await startServer();
    // Neither recognisable by content nor readable: passed by, unless declared a template.
    const broken = 'Resources:\n  Trail: [\n';
    const declared = uriOf('stacks/trail.cfn.yaml');
    const other = uriOf('stacks/trail.yaml');
    await client.open(declared, broken);
    await client.open(other, broken);
    const p = await client.waitForDiagnostics(declared, 1);
    assert.deepEqual(
      p.diagnostics.map((d) => [
        d.severity,
        messageText(d).startsWith('trail-lint could not read this template: '),
      ]),
      [[1, true]],
    );
    assert.deepEqual((await client.waitForDiagnostics(other, 1)).diagnostics, []);
  });

  it('shows an invalid configuration as one diagnostic on that file, and lints with the defaults', async () => {
    const config = write('.trail-lint.yaml', 'rules:\n  CT003: loud\n');
    const client = await startServer();
    const uri = uriOf('stack.yaml');
    await client.open(uri, CT003_YAML);
    assert.deepEqual(ours(await client.waitForDiagnostics(uri, 1)), [ct003('warning')]);
    const configUri = pathToFileURL(config).href;
    const p = await client.waitForPublish('diagnostics for .trail-lint.yaml', (x) => x.uri === configUri);
    assert.deepEqual(
      p.diagnostics.map((d) => [d.severity, d.source, d.message, d.range]),
      [
        [
          1,
          'trail-lint',
          'Invalid trail-lint configuration, so none of it applies: "loud" is not a level for CT003; use off, info, warning or error.',
          rangeOf('rules:\n  CT003: loud\n', 'loud'),
        ],
      ],
    );
  });

  it('validates an open configuration file from its buffer, as it is edited', async () => {
    const client = await startServer();
    const uri = uriOf('.trail-lint.yaml');
    await client.open(uri, 'rules:\n  CT003: info\nexclude: nope\n');
    const first = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(
      first.diagnostics.map((d) => [d.message, d.range]),
      [
        [
          'Invalid trail-lint configuration, so none of it applies: "exclude" must be a list of globs.',
          rangeOf(client.text(uri), 'nope'),
        ],
      ],
    );
    await client.replace(uri, 2, 'exclude: nope', 'exclude: [nope/**]');
    assert.deepEqual((await client.waitForDiagnostics(uri, 2)).diagnostics, []);
  });

  it('watches configuration files and lints open documents again when one changes', async () => {
    write('.trail-lint.yaml', 'rules:\n  CT003: info\n');
    const client = await startServer({ watchedFiles: true });
    const uri = uriOf('stack.yaml');
    await client.open(uri, CT003_YAML);
    assert.deepEqual(ours(await client.waitForDiagnostics(uri, 1)), [ct003('info')]);
    assert.deepEqual(
      client.registrations.filter(
        (r) => (r as { method?: string }).method === 'workspace/didChangeWatchedFiles',
      ),
      [
        {
          id: (
            client.registrations.find(
              (r) => (r as { method?: string }).method === 'workspace/didChangeWatchedFiles',
            ) as {
              id: string;
            }
          ).id,
          method: 'workspace/didChangeWatchedFiles',
          // One registration: configuration files, and the files of Terraform modules.
          registerOptions: {
            watchers: [
              { globPattern: '**/.trail-lint.{yaml,yml,json}' },
              { globPattern: '**/*.tf' },
              { globPattern: '**/*.tf.json' },
            ],
          },
        },
      ],
    );

    const configUri = uriOf('.trail-lint.yaml');
    let from = client.publishes.length;
    write('.trail-lint.yaml', 'rules:\n  CT003: error\n');
    await client.didChangeWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    assert.deepEqual(ours(await client.waitForNextPublish(uri, from)), [ct003('error')]);

    from = client.publishes.length;
    unlinkSync(path.join(workspace, '.trail-lint.yaml'));
    await client.didChangeWatchedFiles([{ uri: configUri, type: FileChangeType.Deleted }]);
    assert.deepEqual(ours(await client.waitForNextPublish(uri, from)), [ct003('warning')]);
  });

  it('lets settings the user set override the configuration file, and only those', async () => {
    write('.trail-lint.yaml', 'rules:\n  CT003: info\n  CT004: off\n');
    const text = CT003_YAML.replace('      KMSKeyId: alias/trail\n', '');
    // As the VS Code client's middleware answers: only what the user set.
    const set = await startServer({
      configuration: true,
      rawSettings: true,
      settings: () => ({ rules: { CT003: 'error' } }),
    });
    const uri = uriOf('stack.yaml');
    await set.open(uri, text);
    assert.deepEqual(ours(await set.waitForDiagnostics(uri, 1)), [ct003('error', text)]);
    // A client answering with every key, defaults included, overrides nothing.
    const full = await startServer({ configuration: true });
    await full.open(uri, text);
    assert.deepEqual(ours(await full.waitForDiagnostics(uri, 1)), [ct003('info', text)]);
  });

  describe('code actions', () => {
    async function actionsFor(
      client: LspTestClient,
      rel: string,
      text: string,
      code: string,
      languageId = 'yaml',
    ): Promise<{ uri: string; diagnostic: Diagnostic; actions: CodeAction[] }> {
      const uri = uriOf(rel);
      await client.open(uri, text, languageId);
      const diagnostic = only(await client.waitForDiagnostics(uri, 1), code);
      const actions = (await client.codeActions(uri, [diagnostic])) as CodeAction[];
      return { uri, diagnostic, actions };
    }

    const docsAction = (ruleId: string, diagnostic: Diagnostic): CodeAction => ({
      title: `Show documentation for ${ruleId}`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      command: { title: `Show documentation for ${ruleId}`, command: SHOW_DOCS, arguments: [ruleId] },
    });

    it('suppresses for the resource in block YAML, and shows the documentation', async () => {
      const client = await startServer({ showDocument: true });
      const { uri, diagnostic, actions } = await actionsFor(client, 'stack.yaml', CT003_YAML, 'CT003');
      const at = { line: 3, character: '    Type: AWS::CloudTrail::Trail'.length };
      const value = rangeOf(CT003_YAML, 'false');
      assert.deepEqual(actions, [
        {
          title: 'Set EnableLogFileValidation to true',
          kind: 'quickfix',
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: { changes: { [uri]: [{ range: value, newText: 'true' }] } },
        },
        {
          title: 'Suppress CT003 for this resource (Trail)',
          kind: 'quickfix',
          diagnostics: [diagnostic],
          edit: {
            changes: {
              [uri]: [
                {
                  range: { start: at, end: at },
                  newText:
                    '\n    Metadata:\n      trail-lint:\n        ignore:\n          - id: CT003\n            reason: TODO',
                },
              ],
            },
          },
        },
        docsAction('CT003', diagnostic),
      ]);

      await client.executeCommand(SHOW_DOCS, ['CT003']);
      const shown = await client.waitUntil(
        'a window/showDocument request',
        () => client.showDocumentRequests[0],
      );
      assert.deepEqual(shown, { uri: `${DOCS}CT003-trail-log-file-validation.md`, external: true });
    });

    it('appends to an existing Metadata in YAML', async () => {
      const client = await startServer();
      const text = CT003_YAML.replace(
        '    Properties:\n',
        '    Metadata:\n      guard:\n        SuppressedRules: [S3_BUCKET_LOGGING_ENABLED]\n    Properties:\n',
      );
      const { uri, actions } = await actionsFor(client, 'stack.yaml', text, 'CT003');
      const end = rangeOf(text, 'SuppressedRules: [S3_BUCKET_LOGGING_ENABLED]').end;
      assert.deepEqual(actions[1]?.edit, {
        changes: {
          [uri]: [
            {
              range: { start: end, end },
              newText:
                '\n      trail-lint:\n        ignore:\n          - id: CT003\n            reason: TODO',
            },
          ],
        },
      });
    });

    it('suppresses for the resource in JSON', async () => {
      const client = await startServer();
      const text = `{
  "Resources": {
    "Trail": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": "central-log-archive",
        "IsMultiRegionTrail": true,
        "EnableLogFileValidation": false,
        "KMSKeyId": "alias/trail"
      }
    }
  }
}
`;
      const { uri, actions } = await actionsFor(client, 'stack.json', text, 'CT003', 'json');
      const end = { line: 9, character: 7 };
      assert.deepEqual(
        actions.map((a) => a.title),
        [
          'Set EnableLogFileValidation to true',
          'Suppress CT003 for this resource (Trail)',
          'Show documentation for CT003',
        ],
      );
      assert.deepEqual(actions[1]?.edit, {
        changes: {
          [uri]: [
            {
              range: { start: end, end },
              newText:
                ',\n      "Metadata": {\n        "trail-lint": {\n          "ignore": [\n            {\n              "id": "CT003",\n              "reason": "TODO"\n            }\n          ]\n        }\n      }',
            },
          ],
        },
      });
    });

    it('offers CDK output no edit: a disabled action that says where the suppression belongs', async () => {
      const text = `{
  "Resources": {
    "Trail022F0CF2": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": { "S3BucketName": "b", "IsMultiRegionTrail": true, "EnableLogFileValidation": false, "KMSKeyId": "k" },
      "Metadata": { "aws:cdk:path": "Stack/Trail/Resource" }
    }
  }
}
`;
      const withDisabled = await startServer({ codeActionDisabledSupport: true });
      const cdk = await actionsFor(withDisabled, 'cdk.out/Stack.template.json', text, 'CT003', 'json');
      assert.deepEqual(cdk.actions, [
        {
          title:
            'Fix in the CDK app: Stack/Trail: set `enableFileValidation: true` on the Trail (the L2 default)',
          kind: 'quickfix',
          diagnostics: [cdk.diagnostic],
          disabled: {
            reason: 'This template is CDK output, which is generated: make the change in the CDK app.',
          },
        },
        {
          title: 'Suppress CT003 for this resource (Trail022F0CF2)',
          kind: 'quickfix',
          diagnostics: [cdk.diagnostic],
          disabled: {
            reason:
              "This template is CDK output, which is generated: add the suppression in the CDK app, with cfnResource.addMetadata('trail-lint', { ignore: [{ id: 'CT003', reason: '…' }] }).",
          },
        },
        docsAction('CT003', cdk.diagnostic),
      ]);
      const plain = await startServer();
      const other = await actionsFor(plain, 'cdk.out/Stack.template.json', text, 'CT003', 'json');
      assert.deepEqual(other.actions, [docsAction('CT003', other.diagnostic)]);
    });
  });
});
