import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigFiles, type ConfigScope } from '../../../server/src/node/config-files';

describe('configuration files on disk', () => {
  let root: string;
  const write = (rel: string, text: string): string => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const brief = (scope: ConfigScope): string =>
    `${scope.loaded ? path.relative(root, scope.loaded.file) : '-'} excluded=${scope.excluded} template=${scope.template}`;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'trail-lint-config-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the nearest configuration upwards; the nearest wins, .yaml before .yml before .json', async () => {
    write('.trail-lint.json', '{ "rules": { "CT001": "info" } }');
    write('team/.trail-lint.yml', 'rules: { CT001: error }\n');
    write('team/.trail-lint.yaml', 'rules: { CT001: off }\n');
    const files = new ConfigFiles();
    const top = await files.scopeOf(path.join(root, 'a/b/t.yaml'));
    const team = await files.scopeOf(path.join(root, 'team/stacks/t.yaml'));
    assert.deepEqual(
      [brief(top), top.loaded?.config.rules, brief(team), team.loaded?.config.rules],
      [
        '.trail-lint.json excluded=false template=false',
        { CT001: 'info' },
        path.join('team', '.trail-lint.yaml') + ' excluded=false template=false',
        { CT001: 'off' },
      ],
    );
  });

  it("matches exclude and templates globs relative to the configuration file's folder", async () => {
    write('infra/.trail-lint.yaml', 'exclude: [generated/**]\ntemplates: ["**/*.tpl"]\n');
    const files = new ConfigFiles();
    const scopes = await Promise.all(
      ['infra/generated/x.yaml', 'infra/stacks/a.tpl', 'infra/stacks/a.yaml', 'infra/.hidden/b.tpl'].map(
        (rel) => files.scopeOf(path.join(root, rel)),
      ),
    );
    const config = path.join('infra', '.trail-lint.yaml');
    assert.deepEqual(scopes.map(brief), [
      `${config} excluded=true template=false`,
      `${config} excluded=false template=true`,
      `${config} excluded=false template=false`,
      `${config} excluded=false template=true`,
    ]);
  });

  it('keeps its answers until invalidated, then reads the disk again', async () => {
    const loads: string[] = [];
    const files = new ConfigFiles((loaded) => loads.push(JSON.stringify(loaded.config.rules)));
    const file = path.join(root, 'stack.yaml');
    assert.equal(brief(await files.scopeOf(file)), '- excluded=false template=false');
    write('.trail-lint.yaml', 'rules: { CT003: info }\n');
    assert.equal(
      brief(await files.scopeOf(file)),
      '- excluded=false template=false',
      'cached: no configuration',
    );
    files.invalidate();
    assert.deepEqual((await files.scopeOf(file)).loaded?.config.rules, { CT003: 'info' });
    write('.trail-lint.yaml', 'rules: { CT003: error }\n');
    await files.scopeOf(file);
    files.invalidate();
    assert.deepEqual((await files.scopeOf(file)).loaded?.config.rules, { CT003: 'error' });
    assert.deepEqual(loads, ['{"CT003":"info"}', '{"CT003":"error"}']);
  });

  it('reports a configuration with a problem, and one that cannot be read', async () => {
    write('.trail-lint.yaml', 'rules:\n  CT001: loud\n');
    const files = new ConfigFiles();
    const scope = await files.scopeOf(path.join(root, 't.yaml'));
    assert.deepEqual(
      [scope.loaded?.config.rules, scope.loaded?.problem?.start],
      [{}, 'rules:\n  CT001: '.length],
    );
    const missing = await files.load(path.join(root, 'nope', '.trail-lint.yaml'));
    assert.deepEqual(
      [missing.unreadable, missing.problem?.message],
      [true, 'cannot read the trail-lint configuration: no such file'],
    );
  });
});
