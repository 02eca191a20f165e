// Fix-all for the two kinds of input the edges hand over: one template, or one Terraform module. The lint
// each pass runs is the same the edges report, under the same options, so fix-all repairs exactly what the
// user sees. Both come as steps (see fix-all.ts) for the editor, which runs them in slices and can cancel,
// and as plain functions for the CLI.
import type { LintOptions } from '../findings';
import { DocumentCache, lintDocument } from '../lint';
import { lintTerraform, readFileByFile, type TerraformInput } from '../lint-terraform';
import type { HclFile } from '../source/hcl';
import { intentEdits } from './apply';
import { fixAllSteps, runThrough, type FixAllResult, type FixAllSteps } from './fix-all';
import { WriterMemo } from './writer-memo';

/** Fix-all on one CloudFormation template (YAML or JSON); CDK output and unreadable files stay as they are. */
export function fixTemplate(file: string, text: string, options: LintOptions): FixAllResult {
  return runThrough(fixTemplateSteps(file, text, options));
}

export function* fixTemplateSteps(file: string, text: string, options: LintOptions): FixAllSteps {
  const unchanged = { texts: new Map([[file, text]]), applied: 0, log: [], passes: 0 };
  // One parse cache for every pass: a pass changes a few lines per fixed resource, so the next lint parses
  // those slices again and reuses the rest (the incremental parse the editor uses as the user types).
  const cache = new DocumentCache();
  const first = lintDocument({ file, text }, options, cache);
  if (first.format !== 'cloudformation' || first.problems.length > 0) return unchanged;
  yield;
  // The writers read each text once (parse, style), not once per fix.
  const memo = new WriterMemo();
  return yield* fixAllSteps(unchanged.texts, {
    lint: (texts) => {
      const current = texts.get(file) ?? '';
      // The first pass fixes what the check above found: no second lint of the same text.
      return current === text
        ? first.findings
        : lintDocument({ file, text: current }, options, cache).findings;
    },
    edits: (intent, _finding, texts) =>
      intentEdits(intent, { file, format: 'cloudformation', texts, memo, excerpts: true }),
  });
}

/**
 * Fix-all on a Terraform module: every file of the folder, as the linter reads them. A module in which any
 * file could not be read fully is left alone, since a fix could land in the half that was not understood.
 */
export function fixModule(input: TerraformInput, options: LintOptions): FixAllResult {
  return runThrough(fixModuleSteps(input, options));
}

export function* fixModuleSteps(input: TerraformInput, options: LintOptions): FixAllSteps {
  if (readFileByFile(input)) {
    // Read file by file by the linter: fixed file by file as well.
    const texts = new Map<string, string>();
    const log: FixAllResult['log'] = [];
    let passes = 0;
    for (const file of input.files) {
      const one = yield* fixModuleSteps({ ...input, files: [file] }, options);
      for (const [f, t] of one.texts) texts.set(f, t);
      log.push(...one.log);
      passes += one.passes;
    }
    return { texts, applied: log.length, log, passes };
  }
  const initial = new Map(input.files.map((f) => [f.file, f.text]));
  const unchanged = { texts: initial, applied: 0, log: [], passes: 0 };
  const lint = (texts: ReadonlyMap<string, string>) =>
    lintTerraform({ ...input, files: [...texts].map(([file, text]) => ({ file, text })) }, options);
  const first = lint(initial);
  if ([...first.values()].some((r) => r.problems.length > 0)) return unchanged;
  yield;
  // Every intent's writer reads the module's files: each text is read once per fix-all, not once per intent.
  const reads = new Map<string, HclFile>();
  const readHcl = (text: string): HclFile => {
    let read = reads.get(text);
    if (!read) reads.set(text, (read = input.readHcl(text)));
    return read;
  };
  return yield* fixAllSteps(initial, {
    lint: (texts) => [...lint(texts).values()].flatMap((r) => r.findings),
    edits: (intent, finding, texts) =>
      intentEdits(intent, { file: finding.at.file, format: 'terraform', texts, readHcl }),
  });
}
