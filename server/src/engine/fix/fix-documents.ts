// Fix-all for the two kinds of input the edges hand over: one template, or one Terraform module. The lint
// each pass runs is the same the edges report, under the same options, so fix-all repairs exactly what the
// user sees.
import type { LintOptions } from '../findings';
import { lintDocument } from '../lint';
import { lintTerraform, readFileByFile, type TerraformInput } from '../lint-terraform';
import type { HclFile } from '../source/hcl';
import { intentEdits } from './apply';
import { fixAll, type FixAllResult } from './fix-all';

/** Fix-all on one CloudFormation template (YAML or JSON); CDK output and unreadable files stay as they are. */
export function fixTemplate(file: string, text: string, options: LintOptions): FixAllResult {
  const unchanged = { texts: new Map([[file, text]]), applied: 0, log: [] };
  const first = lintDocument({ file, text }, options);
  if (first.format !== 'cloudformation' || first.problems.length > 0) return unchanged;
  return fixAll(unchanged.texts, {
    lint: (texts) => lintDocument({ file, text: texts.get(file) ?? '' }, options).findings,
    edits: (intent, _finding, texts) => intentEdits(intent, { file, format: 'cloudformation', texts }),
  });
}

/**
 * Fix-all on a Terraform module: every file of the folder, as the linter reads them. A module in which any
 * file could not be read fully is left alone, since a fix could land in the half that was not understood.
 */
export function fixModule(input: TerraformInput, options: LintOptions): FixAllResult {
  if (readFileByFile(input)) {
    // Read file by file by the linter: fixed file by file as well.
    const texts = new Map<string, string>();
    const log: FixAllResult['log'] = [];
    for (const file of input.files) {
      const one = fixModule({ ...input, files: [file] }, options);
      for (const [f, t] of one.texts) texts.set(f, t);
      log.push(...one.log);
    }
    return { texts, applied: log.length, log };
  }
  const initial = new Map(input.files.map((f) => [f.file, f.text]));
  const unchanged = { texts: initial, applied: 0, log: [] };
  const lint = (texts: ReadonlyMap<string, string>) =>
    lintTerraform({ ...input, files: [...texts].map(([file, text]) => ({ file, text })) }, options);
  const first = lint(initial);
  if ([...first.values()].some((r) => r.problems.length > 0)) return unchanged;
  // Every intent's writer reads the module's files: each text is read once per fix-all, not once per intent.
  const reads = new Map<string, HclFile>();
  const readHcl = (text: string): HclFile => {
    let read = reads.get(text);
    if (!read) reads.set(text, (read = input.readHcl(text)));
    return read;
  };
  return fixAll(initial, {
    lint: (texts) => [...lint(texts).values()].flatMap((r) => r.findings),
    edits: (intent, finding, texts) =>
      intentEdits(intent, { file: finding.at.file, format: 'terraform', texts, readHcl }),
  });
}
