// The bundled CLI with configuration files: found upwards per file (the nearest wins), severities, exclude,
// templates, an invalid file (one error naming it, defaults kept, exit 2), --config and --no-config.
// Only CT001, CT003 and CT004 are looked at (see trail-templates).
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { CT003_YAML, OUR_RULES } from '../helpers/trail-templates';
import { makeTempDir, removeTempDir, runCli, writeFile, type CliResult } from './cli-helpers';

interface JsonOut {
  findings: { file: string; ruleId: string; severity: string; line: number }[];
  errors: { file: string; message: string }[];
}

function parse(r: CliResult): JsonOut {
  return JSON.parse(r.stdout) as JsonOut;
}

/** `file ruleId severity line` for our rules, sorted. */
function ours(r: CliResult): string[] {
  return parse(r)
    .findings.filter((f) => OUR_RULES.has(f.ruleId))
    .map((f) => `${f.file} ${f.ruleId} ${f.severity} ${f.line}`)
    .sort();
}

const p = (...parts: string[]): string => path.join(...parts);

describe('CLI: configuration files', function () {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTempDir();
  });
  afterEach(() => removeTempDir(tmp));

  it('uses the nearest configuration above each file', () => {
    writeFile(tmp, '.trail-lint.yaml', 'rules:\n  CT003: info\n');
    writeFile(tmp, 'team/.trail-lint.json', '{ "rules": { "CT003": "error" } }');
    writeFile(tmp, 'stacks/deep/a.yaml', CT003_YAML);
    writeFile(tmp, 'team/b.yaml', CT003_YAML);
    writeFile(tmp, 'c.yaml', CT003_YAML);
    const r = runCli(['--format', 'json', '.'], tmp);
    assert.deepEqual(parse(r).errors, []);
    assert.deepEqual(ours(r), [
      'c.yaml CT003 info 8',
      `${p('stacks', 'deep', 'a.yaml')} CT003 info 8`,
      `${p('team', 'b.yaml')} CT003 error 8`,
    ]);
    assert.equal(r.status, 1, 'team/b.yaml has an error');
  });

  it('leaves excluded files alone, in a walk and when named', () => {
    writeFile(tmp, '.trail-lint.yaml', 'exclude:\n  - generated/**\n');
    writeFile(tmp, 'generated/x.yaml', CT003_YAML);
    writeFile(tmp, 'kept.yaml', CT003_YAML);
    assert.deepEqual(ours(runCli(['--format', 'json', '.'], tmp)), ['kept.yaml CT003 warning 8']);
    assert.deepEqual(ours(runCli(['--format', 'json', p('generated', 'x.yaml')], tmp)), []);
    assert.match(runCli([p('generated', 'x.yaml')], tmp).stdout, /^No findings; 0 files checked\.\n$/);
  });

  it('walks files matching templates globs whatever their extension', () => {
    writeFile(tmp, 'infra/.trail-lint.yaml', 'templates: ["**/*.tpl"]\n');
    writeFile(tmp, 'infra/stacks/trail.tpl', CT003_YAML);
    writeFile(tmp, 'other/trail.tpl', CT003_YAML);
    assert.deepEqual(ours(runCli(['--format', 'json', '.'], tmp)), [
      `${p('infra', 'stacks', 'trail.tpl')} CT003 warning 8`,
    ]);
    assert.deepEqual(ours(runCli(['--format', 'json', '--no-config', '.'], tmp)), []);
  });

  it('reports an invalid configuration once, naming it, keeps the defaults and exits 2', () => {
    writeFile(tmp, '.trail-lint.yaml', 'rules:\n  CT003: loud\n  CT001: off\n');
    writeFile(tmp, 'a.yaml', CT003_YAML);
    writeFile(tmp, 'b.yaml', CT003_YAML);
    const text = runCli(['.'], tmp);
    assert.equal(text.status, 2);
    const errors = text.stdout.split('\n').filter((l) => l.includes(': error: '));
    assert.deepEqual(errors, [
      '.trail-lint.yaml:2:10: error: Invalid trail-lint configuration, so none of it applies: "loud" is not a level for CT003; use off, info, warning or error.',
    ]);
    const json = runCli(['--format', 'json', '.'], tmp);
    assert.deepEqual(parse(json).errors, [
      {
        file: '.trail-lint.yaml',
        message:
          'line 2, column 10: Invalid trail-lint configuration, so none of it applies: "loud" is not a level for CT003; use off, info, warning or error.',
      },
    ]);
    assert.deepEqual(ours(json), ['a.yaml CT003 warning 8', 'b.yaml CT003 warning 8']);
  });

  it('uses the file given with --config for every file, and none with --no-config', () => {
    writeFile(tmp, '.trail-lint.yaml', 'rules: { CT003: info }\n');
    writeFile(tmp, 'policies/strict-trail-lint.yml', 'rules: { CT003: error }\n');
    writeFile(tmp, 'a.yaml', CT003_YAML);
    const forced = runCli(
      ['--format', 'json', '--config', p('policies', 'strict-trail-lint.yml'), 'a.yaml'],
      tmp,
    );
    assert.deepEqual(ours(forced), ['a.yaml CT003 error 8']);
    assert.deepEqual(ours(runCli(['--format', 'json', '--no-config', 'a.yaml'], tmp)), [
      'a.yaml CT003 warning 8',
    ]);
  });

  it('refuses a --config file that cannot be read, and --config with --no-config', () => {
    writeFile(tmp, 'a.yaml', CT003_YAML);
    const missing = runCli(['--config', 'nope.yaml', 'a.yaml'], tmp);
    assert.deepEqual(
      [missing.status, missing.stdout, missing.stderr],
      [2, '', 'trail-lint: --config nope.yaml: cannot read the trail-lint configuration: no such file\n'],
    );
    const both = runCli(['--config', 'x.yaml', '--no-config', 'a.yaml'], tmp);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /^trail-lint: --config and --no-config exclude each other\n/);
  });
});
