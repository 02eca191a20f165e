import { strict as assert } from 'node:assert';
import { EMPTY_CONFIG, parseConfig } from '../../../server/src/engine/config/parse';

/** The problem as `message @ "the text it points at"`. */
function problemOf(text: string, name = '.trail-lint.yaml'): string | undefined {
  const { config, problem } = parseConfig(text, name);
  if (!problem) return undefined;
  assert.equal(config, EMPTY_CONFIG, 'an invalid configuration applies nothing');
  return `${problem.message} @ ${JSON.stringify(text.slice(problem.start, problem.end))}`;
}

describe('configuration file', () => {
  it('reads rules, exclude and templates from YAML', () => {
    const text = [
      '# team policy',
      'rules:',
      '  CT009: off',
      '  S3003: info',
      '  CT004: warn',
      'exclude:',
      '  - test/fixtures/**',
      'templates: ["**/*.template", infra/*.cfn.txt]',
      '',
    ].join('\n');
    assert.deepEqual(parseConfig(text, '.trail-lint.yaml'), {
      config: {
        rules: { CT009: 'off', S3003: 'info', CT004: 'warning' },
        exclude: ['test/fixtures/**'],
        templates: ['**/*.template', 'infra/*.cfn.txt'],
        limits: {},
      },
      problem: undefined,
    });
  });

  it('reads the same from JSON, and an empty file as no change', () => {
    const json = '{ "rules": { "CT001": "error" }, "exclude": [], "templates": null }';
    assert.deepEqual(parseConfig(json, '.trail-lint.json').config, {
      rules: { CT001: 'error' },
      exclude: [],
      templates: [],
      limits: {},
    });
    assert.deepEqual(parseConfig('', '.trail-lint.yml'), { config: EMPTY_CONFIG, problem: undefined });
    assert.deepEqual(parseConfig('# nothing yet\n', '.trail-lint.yaml'), {
      config: EMPTY_CONFIG,
      problem: undefined,
    });
    assert.deepEqual(parseConfig('', '.trail-lint.json'), { config: EMPTY_CONFIG, problem: undefined });
  });

  it('reports an unknown key, at the key', () => {
    assert.equal(
      problemOf('rules: {}\nexcludes: [a]\n'),
      'Invalid trail-lint configuration, so none of it applies: unknown key "excludes"; the keys are rules, exclude, templates and limits. @ "excludes"',
    );
  });

  it('reports an id that is not a rule, at the id', () => {
    assert.equal(
      problemOf('rules:\n  CT001: info\n  CT099: off\n'),
      'Invalid trail-lint configuration, so none of it applies: "CT099" under rules is not a trail-lint rule id. @ "CT099"',
    );
  });

  it('reports a level that is not one, at the value', () => {
    assert.equal(
      problemOf('rules:\n  CT001: loud\n'),
      'Invalid trail-lint configuration, so none of it applies: "loud" is not a level for CT001; use off, info, warning or error. @ "loud"',
    );
    assert.equal(
      problemOf('{ "rules": { "CT001": false } }', '.trail-lint.json'),
      'Invalid trail-lint configuration, so none of it applies: false is not a level for CT001; use off, info, warning or error. @ "false"',
    );
  });

  it('reports shapes that are not the documented ones', () => {
    assert.equal(
      problemOf('exclude: test/**\n'),
      'Invalid trail-lint configuration, so none of it applies: "exclude" must be a list of globs. @ "test/**"',
    );
    assert.equal(
      problemOf('templates: ["*.tpl", 3]\n'),
      'Invalid trail-lint configuration, so none of it applies: every entry of "templates" must be a glob (a non-empty string). @ "3"',
    );
    assert.equal(
      problemOf('rules: [CT001]\n'),
      'Invalid trail-lint configuration, so none of it applies: "rules" must map rule ids to off, info, warning or error. @ "[CT001]"',
    );
    assert.equal(
      problemOf('- rules\n'),
      'Invalid trail-lint configuration, so none of it applies: the file must hold a map with the keys rules, exclude, templates and limits. @ "- rules"',
    );
  });

  it("reports a syntax error where the parser found it, in the parser's words", () => {
    const yaml = 'rules:\n  CT001: [\n';
    const y = parseConfig(yaml, '.trail-lint.yaml');
    assert.deepEqual([y.config, y.problem?.start], [EMPTY_CONFIG, yaml.length]);
    assert.match(
      y.problem?.message ?? '',
      /^Invalid trail-lint configuration, so none of it applies: .*\]\.$/,
    );
    const json = '{ "rules": { "CT001": "info", } ';
    const j = parseConfig(json, '.trail-lint.json');
    assert.deepEqual(
      [j.config, j.problem?.start, j.problem?.message],
      [
        EMPTY_CONFIG,
        json.length,
        'Invalid trail-lint configuration, so none of it applies: JSON syntax error: close brace expected.',
      ],
    );
  });

  it('reports only the first of several mistakes', () => {
    const { problem } = parseConfig('rule: {}\nexclude: x\n', '.trail-lint.yaml');
    assert.match(problem?.message ?? '', /unknown key "rule"/);
  });
});
