import { strict as assert } from 'node:assert';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isExcluded } from '../../../server/src/lsp/server';
import {
  DEFAULT_SETTINGS,
  mergeSettings,
  normalizeExplicit,
  normalizeSettings,
} from '../../../server/src/lsp/settings';

describe('settings', () => {
  it('keeps valid values and drops invalid ones instead of failing', () => {
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(
      normalizeSettings({
        enable: 'yes',
        rules: { CT001: 'off', CT002: 'warn', CT003: 'loud', nope: 'error', IAM001: 'error' },
        exclude: ['a/**', 3],
        reportUnverified: true,
      }),
      {
        enable: true,
        rules: { CT001: 'off', CT002: 'warning', IAM001: 'error' },
        exclude: ['a/**'],
        reportUnverified: true,
      },
    );
  });

  it('matches exclude globs relative to the workspace folder that holds the file', () => {
    const folder = path.resolve('/work/space');
    const uri = (p: string): string => pathToFileURL(path.join(folder, p)).href;
    assert.equal(isExcluded(uri('test/fixtures/t.yaml'), [folder], ['test/fixtures/**']), true);
    assert.equal(isExcluded(uri('templates/t.yaml'), [folder], ['test/fixtures/**']), false);
    assert.equal(isExcluded(uri('.hidden/t.yaml'), [folder], ['**/t.yaml']), true);
    assert.equal(isExcluded('untitled:Untitled-1', [folder], ['**']), false);
    assert.equal(isExcluded(uri('t.yaml'), [folder], []), false);
  });

  it('keeps only what the client sent, so that absent keys do not pass for choices', () => {
    assert.deepEqual(normalizeExplicit({ rules: { CT003: 'warn' } }), { rules: { CT003: 'warning' } });
    assert.deepEqual(normalizeExplicit({ enable: 'yes', exclude: 'a/**' }), {});
    assert.deepEqual(normalizeExplicit(null), {});
  });

  it('merges defaults < configuration file < settings the user set, rule by rule', () => {
    const config = {
      rules: { CT001: 'off', CT003: 'info' } as const,
      exclude: ['gen/**'],
      templates: ['*.tpl'],
      limits: {},
    };
    // Nothing set: the file decides; its exclude and templates are applied apart (relative to its folder).
    assert.deepEqual(mergeSettings(config, {}), {
      ...DEFAULT_SETTINGS,
      rules: { CT001: 'off', CT003: 'info' },
    });
    // A rule the user set overrides the file for that rule only.
    assert.deepEqual(
      mergeSettings(config, normalizeExplicit({ rules: { CT003: 'error' }, reportUnverified: true })),
      {
        enable: true,
        rules: { CT001: 'off', CT003: 'error' },
        exclude: [],
        reportUnverified: true,
      },
    );
    // A client that answers with every key (defaults included) still overrides nothing it did not set.
    assert.deepEqual(mergeSettings(config, normalizeExplicit(DEFAULT_SETTINGS)), {
      ...DEFAULT_SETTINGS,
      rules: { CT001: 'off', CT003: 'info' },
    });
    assert.deepEqual(mergeSettings(undefined, {}), DEFAULT_SETTINGS);
  });
});
