// The catalog is declared once (server/src/engine/rules/index.ts); its files, docs pages and settings
// schema must agree with it.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../server/src/engine/rules';
import { DOCS_BASE_URL, docsUrl } from '../../server/src/engine/rules/types';
import { ROOT } from '../helpers/paths';

const FAMILY_ORDER = ['CT', 'S3', 'KMS', 'IAM', 'CW', 'LIVE'];

describe('rule catalog', () => {
  it('has unique ids and slugs, in catalog order', () => {
    const ids = RULES.map((r) => r.meta.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(RULES.map((r) => r.meta.slug)).size, ids.length);
    const key = (id: string): [number, number] => {
      const family = /^(CT|S3|KMS|IAM|CW|LIVE)/.exec(id)?.[1] ?? '';
      return [FAMILY_ORDER.indexOf(family), Number(id.slice(-3))];
    };
    const sorted = [...ids].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
    assert.deepEqual(ids, sorted);
  });

  it('declares live support exactly for the rules the catalog evaluates against the live account', () => {
    // RULES.md, "Live account only": CT001–CT009, CT011, S3001–S3006, KMS001–KMS003, IAM001, CW001, CW002.
    const range = (family: string, from: number, to: number): string[] =>
      Array.from({ length: to - from + 1 }, (_, i) => `${family}${String(from + i).padStart(3, '0')}`);
    const live = new Set([
      ...range('CT', 1, 9),
      'CT011',
      ...range('S3', 1, 6),
      ...range('KMS', 1, 3),
      'IAM001',
      'CW001',
      'CW002',
    ]);
    for (const { meta } of RULES) {
      if (meta.id.startsWith('LIVE')) continue;
      assert.equal(meta.live, live.has(meta.id), `${meta.id} live`);
      assert.equal(meta.formats.includes('live'), live.has(meta.id), `${meta.id} formats`);
    }
  });

  it('has one source file per rule, named by id and slug, and no stray rule files', () => {
    const dir = path.join(ROOT, 'server', 'src', 'engine', 'rules');
    const files = readdirSync(dir).filter((f) => /^[A-Z0-9]+-/.test(f));
    assert.deepEqual(files.sort(), RULES.map((r) => `${r.meta.id}-${r.meta.slug}.ts`).sort());
  });

  for (const rule of RULES) {
    const { id, slug } = rule.meta;
    it(`${id} has a docs page whose title names it, linked from the index`, () => {
      const page = path.join(ROOT, 'docs', 'rules', `${id}-${slug}.md`);
      assert.ok(existsSync(page), `missing ${page}`);
      assert.match(readFileSync(page, 'utf8').split('\n')[0] ?? '', new RegExp(`^# ${id} ${slug}: `));
      assert.equal(docsUrl(rule.meta), `${DOCS_BASE_URL}${id}-${slug}.md`);
      const index = readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8');
      assert.ok(index.includes(`(${id}-${slug}.md)`), `docs/rules/README.md does not link ${id}`);
    });
  }

  it('accepts every rule id in the trailLint.rules settings schema', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { propertyNames?: { pattern: string } }> } };
    };
    const pattern = new RegExp(
      pkg.contributes.configuration.properties['trailLint.rules']?.propertyNames?.pattern ?? '^$',
    );
    for (const rule of RULES) assert.match(rule.meta.id, pattern);
  });
});
