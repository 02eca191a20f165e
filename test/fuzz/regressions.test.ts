// Inputs the fuzzer once broke the engine with, kept as fixtures (test/fixtures/fuzz/<format>-<what>.<ext>):
// each must now lint without an exception, within the per-input bound, with every place inside the file and
// at most one problem.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadHclReader } from '../../server/src/node/hcl-reader';
import { FIXTURES } from '../helpers/paths';
import { MAX_CASE_MS } from './campaign';
import { FORMATS, FILE_NAME, runEngine, type FuzzFormat } from './formats';
import { violation } from './invariants';

const DIR = path.join(FIXTURES, 'fuzz');

describe('fuzz regressions', () => {
  for (const name of readdirSync(DIR).sort()) {
    const format = FORMATS.find((f) => name.startsWith(`${f}-`)) as FuzzFormat;
    it(`${name} lints within bounds`, async () => {
      assert.ok(format, `${name} must start with a format (${FORMATS.join(', ')})`);
      const text = readFileSync(path.join(DIR, name), 'utf8');
      const reader = await loadHclReader();
      runEngine(format, text, reader); // warm
      const run = runEngine(format, text, reader);
      assert.ok(run.ms < MAX_CASE_MS, `took ${run.ms} ms`);
      assert.equal(violation(FILE_NAME[format], text, run.results), undefined);
      // A template gets one word about what stopped it; Terraform lists the first few unreadable spots.
      const most = format === 'plan' || format === 'hcl' || format === 'tfjson' ? 10 : 1;
      assert.ok(run.results.reduce((n, r) => n + r.problems.length, 0) <= most, 'too many problems');
    });
  }
});
