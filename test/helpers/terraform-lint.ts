// Linting an in-memory Terraform module in unit tests: the findings of every file, and a compact
// `rule@file:line` view of them for exact assertions.
import { strict as assert } from 'node:assert';
import type { Finding, LintOptions } from '../../server/src/engine/findings';
import { lintTerraform } from '../../server/src/engine/lint-terraform';
import type { HclReader } from '../../server/src/node/hcl-reader';

/** File name → text: the files of one module folder. */
export type ModuleFiles = Record<string, string>;

/** Every finding of the module; the files must read without a problem. */
export function lintModuleFiles(
  reader: HclReader,
  files: ModuleFiles,
  options: LintOptions = {},
  readFile?: (p: string) => string | undefined,
): Finding[] {
  const results = lintTerraform(
    {
      files: Object.entries(files).map(([file, text]) => ({ file, text })),
      readHcl: reader.read,
      readFile,
    },
    options,
  );
  const all = [...results.values()].flatMap((r) => r.findings);
  const problems = [...results.values()].flatMap((r) => r.problems);
  assert.deepEqual(problems, []);
  return all;
}

/** `rule@file:line` of every finding of the given rules (`rule?@…` for a "could not verify" note), sorted. */
export function findingLines(files: ModuleFiles, findings: Finding[], rules: string[]): string[] {
  return findings
    .filter((f) => rules.includes(f.ruleId))
    .map((f) => {
      const text = files[f.at.file] ?? '';
      return `${f.ruleId}${f.unverified ? '?' : ''}@${f.at.file}:${text.slice(0, f.at.start).split('\n').length}`;
    })
    .sort();
}
