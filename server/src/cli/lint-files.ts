// Lints the files a walk found, each under the configuration that applies to it, and turns the results into
// a report with 1-based positions (for the findings and for the suppressions that cover them).
import path from 'node:path';
import type { Finding } from '../engine/findings';
import { lintDocument, type LintResult } from '../engine/lint';
import { lintTerraform } from '../engine/lint-terraform';
import { fixModule, fixTemplate } from '../engine/fix/fix-documents';
import { writeAtomic } from './write-atomic';
import { isPlanJson } from '../engine/terraform/read-plan';
import { loadHclReader } from '../node/hcl-reader';
import { isModuleFile, moduleFileReader, readModuleFiles } from '../node/terraform-module';
import { LineIndex } from '../engine/source/line-index';
import type { CliConfig } from './config';
import { maxFileBytes, sourceLimits } from '../engine/config/parse';
import { readSource } from '../node/read-source';
import type { LocatedFinding, RunReport } from './report';
import { describe, type Target } from './walk';

export interface LintFlags {
  reportUnverified: boolean;
  inlineSuppressions: boolean;
  /** Apply the safe fixes to the files first (`--fix`), then report what is left. */
  fix?: boolean;
}

export async function lintFiles(
  targets: Target[],
  config: CliConfig,
  flags: LintFlags,
  cwd: string,
  report: RunReport,
): Promise<void> {
  // Terraform files are linted a module (folder) at a time, after the templates.
  const modules = new Map<string, Target[]>();
  for (const target of targets) {
    const absolute = path.resolve(cwd, target.file);
    if (isModuleFile(target.file)) {
      const folder = path.dirname(absolute);
      modules.set(folder, [...(modules.get(folder) ?? []), target]);
      continue;
    }
    const scope = await config.scopeOf(absolute);
    let text: string;
    try {
      // Size and encoding are checked before the file is read whole (docs/limits.md).
      const read = await readSource(absolute, maxFileBytes(scope.loaded?.config.limits));
      if ('refused' in read) {
        report.errors.push({ file: target.file, message: read.refused });
        continue;
      }
      text = read.text;
    } catch (error) {
      report.errors.push({ file: target.file, message: `cannot read: ${describe(error)}` });
      continue;
    }
    try {
      await lintTemplate(target, absolute, text, config, flags, report);
    } catch (error) {
      failed([target], error, report);
    }
  }
  for (const [folder, members] of modules) {
    try {
      await lintModule(folder, members, config, flags, report);
    } catch (error) {
      failed(members, error, report);
    }
  }
}

/** A bug costs the files it hit their findings, never the rest of the run: it is reported as an error. */
function failed(targets: Target[], error: unknown, report: RunReport): void {
  for (const target of targets)
    report.errors.push({
      file: target.file,
      message: `trail-lint failed on this file (${describe(error)}); please report it`,
    });
}

/** One template or plan file: fixed first with --fix, then linted. */
async function lintTemplate(
  target: Target,
  absolute: string,
  read: string,
  config: CliConfig,
  flags: LintFlags,
  report: RunReport,
): Promise<void> {
  const options = await optionsFor(absolute, config, flags);
  let text = read;
  if (flags.fix) {
    const fixed = fixTemplate(target.file, text, options);
    const after = fixed.texts.get(target.file) ?? text;
    if (after !== text && (await written(absolute, target.file, after, report))) {
      text = after;
      report.fixed.push(...fixed.log.map((l) => ({ file: target.file, ruleId: l.ruleId, title: l.title })));
    }
  }
  if (/\.json$/i.test(target.file) && isPlanJson(text)) {
    const results = lintTerraform(
      { files: [{ file: target.file, text }], readHcl: (await loadHclReader()).read },
      options,
    );
    addResult(target.file, text, results.get(target.file), report);
    return;
  }
  addResult(target.file, text, lintDocument({ file: target.file, text }, options), report);
}

async function optionsFor(absolute: string, config: CliConfig, flags: LintFlags) {
  const scope = await config.scopeOf(absolute);
  return {
    severities: scope.loaded?.config.rules,
    reportUnverified: flags.reportUnverified,
    inlineSuppressions: flags.inlineSuppressions,
    assumeTemplate: scope.template,
    limits: sourceLimits(scope.loaded?.config.limits),
  };
}

/** One module: every `.tf`/`.tf.json` of the folder is read; findings are reported for the files asked for. */
async function lintModule(
  folder: string,
  members: Target[],
  config: CliConfig,
  flags: LintFlags,
  report: RunReport,
): Promise<void> {
  const first = members[0] as Target;
  const shown = path.dirname(first.file);
  const refused = new Map<string, string>();
  const scope = await config.scopeOf(path.join(folder, path.basename(first.file)));
  let files = readModuleFiles(
    folder,
    (absolute) => path.join(shown, path.basename(absolute)),
    undefined,
    maxFileBytes(scope.loaded?.config.limits),
    (absolute, why) => refused.set(path.join(shown, path.basename(absolute)), why),
  );
  const reader = await loadHclReader();
  const options = await optionsFor(path.join(folder, path.basename(first.file)), config, flags);
  const readFile = moduleFileReader(folder);
  if (flags.fix) {
    const fixed = fixModule({ files, readHcl: reader.read, readFile }, options);
    const before = files;
    const next = [];
    for (const f of files) {
      const after = fixed.texts.get(f.file) ?? f.text;
      const ok =
        after === f.text || (await written(path.join(folder, path.basename(f.file)), f.file, after, report));
      next.push(ok ? { file: f.file, text: after } : f);
    }
    files = next;
    const wrote = new Set(files.filter((f, i) => f.text !== before[i]?.text).map((f) => f.file));
    for (const l of fixed.log) {
      for (const file of l.files.filter((f) => wrote.has(f)))
        report.fixed.push({ file, ruleId: l.ruleId, title: l.title });
    }
  }
  const byName = new Map(files.map((f) => [f.file, f]));
  const results = lintTerraform({ files, readHcl: reader.read, readFile }, options);
  for (const target of members) {
    const name = path.join(shown, path.basename(target.file));
    const doc = byName.get(name);
    if (!doc) {
      report.errors.push({
        file: target.file,
        message: refused.get(name) ?? 'cannot read: no such file or folder',
      });
      continue;
    }
    addResult(target.file, doc.text, results.get(name), report);
  }
}

/** Writes a fixed file; a failure is reported and the file is linted as it was. */
async function written(absolute: string, shown: string, text: string, report: RunReport): Promise<boolean> {
  try {
    await writeAtomic(absolute, text);
    return true;
  } catch (error) {
    report.errors.push({ file: shown, message: `cannot write the fixed file: ${describe(error)}` });
    return false;
  }
}

function addResult(file: string, text: string, result: LintResult | undefined, report: RunReport): void {
  if (result?.format === undefined) return;
  report.filesLinted++;
  const lines = new LineIndex(text);
  for (const problem of result.problems) {
    const at = lines.position(problem.at.start);
    report.errors.push({ file, message: problem.message, line: at.line + 1, column: at.character + 1 });
  }
  for (const finding of result.findings) report.findings.push(locate(file, finding, lines));
}

function locate(file: string, finding: Finding, lines: LineIndex): LocatedFinding {
  const span = (at: { start: number; end: number }) => {
    const start = lines.position(at.start);
    const end = lines.position(at.end);
    return {
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
    };
  };
  const located: LocatedFinding = { file, finding, ...span(finding.at) };
  if (finding.suppressed) located.suppressedAt = span(finding.suppressed.at);
  return located;
}
