// Every fix of every finding in the rule fixtures, applied one at a time, in every format the writers edit:
// CloudFormation YAML and JSON (test/fixtures/rules/<ID>/bad.*) and Terraform HCL modules
// (test/fixtures/terraform/rules/<ID>/bad/). Each fixed text must
//  - read without a problem,
//  - no longer carry the finding it fixed (one fewer finding of that rule on that resource), unless the fix
//    is one of the partial repairs named below, and
//  - carry no finding that was not there before, beyond the follow-ups named below.
// Each fixable rule must have at least one fix applied in each format its bad fixtures exist in, and fix-all
// must be idempotent: run again on its own output it changes nothing.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../../server/src/engine/findings';
import { intentEdits, type FixTarget } from '../../../server/src/engine/fix/apply';
import { fixModule, fixTemplate } from '../../../server/src/engine/fix/fix-documents';
import { applyEdits, type FileEdit, type FixIntent } from '../../../server/src/engine/fix/intents';
import { lintDocument } from '../../../server/src/engine/lint';
import { lintTerraform } from '../../../server/src/engine/lint-terraform';
import { RULES } from '../../../server/src/engine/rules';
import { loadHclReader, type HclReader } from '../../../server/src/node/hcl-reader';
import { isModuleFile } from '../../../server/src/node/terraform-module';
import { FIXTURES } from '../../helpers/paths';

/** Fixes that do part of the job by design; the finding stays, with what is left for the author. */
const PARTIAL: Record<string, RegExp> = {
  // CloudFormation cannot turn MFA delete on: versioning is the template's half.
  S3004: /^Enable versioning$/,
  // A Deny of the tamper actions does not take back cloudtrail:* as a whole.
  IAM002: /denies stopping/,
  // The retention half; the KMS key half is the author's choice of key.
  CW002: /365 days/,
};

/** Findings a fix may bring with it: the next step the new resource asks for. */
const FOLLOW_UPS: Record<string, RegExp> = {
  // A new log group has no alarm yet (CW001) and no KMS key (CW002): both info, both the author's next step.
  CT005: /^(CW001|CW002) /,
  // Object Lock without a default retention rule: S3007 (info) names the missing rule.
  S3004: /^S3007 /,
};

/** Rules whose fixes set a resource's own attribute, which the `.tf.json` writer edits. */
const TF_JSON = new Set(['CT001', 'CT002', 'CT003', 'CT006', 'KMS001', 'CW002']);

let reader: HclReader;
before(async () => {
  reader = await loadHclReader();
});

interface Case {
  id: string;
  label: string;
  /** File → text; one file for a template, every module file for Terraform. */
  texts: Map<string, string>;
  terraform: boolean;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const rule of RULES.filter((r) => r.meta.fixable)) {
    const id = rule.meta.id;
    for (const ext of ['yaml', 'json']) {
      const file = path.join(FIXTURES, 'rules', id, `bad.${ext}`);
      if (existsSync(file)) {
        out.push({
          id,
          label: `${id} bad.${ext}`,
          texts: new Map([[file, readFileSync(file, 'utf8')]]),
          terraform: false,
        });
      }
    }
    for (const folder of ['bad', 'bad-json']) {
      const dir = path.join(FIXTURES, 'terraform', 'rules', id, folder);
      if (!existsSync(dir)) continue;
      const files = readdirSync(dir).filter(isModuleFile).sort();
      const texts = new Map(files.map((f) => [path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')]));
      const json = folder === 'bad-json';
      // `.tf.json` gets the fixes of a resource's own attributes only (fix/tf-json.ts).
      if (json && !TF_JSON.has(id)) continue;
      out.push({ id, label: `${id} ${folder}/ (Terraform)`, texts, terraform: true });
    }
  }
  return out;
}

function lintAll(c: Case, texts: ReadonlyMap<string, string>): { findings: Finding[]; problems: string[] } {
  if (c.terraform) {
    const files = [...texts].map(([file, text]) => ({ file, text }));
    const results = [...lintTerraform({ files, readHcl: reader.read }, {}).values()];
    return {
      findings: results.flatMap((r) => r.findings),
      problems: results.flatMap((r) => r.problems.map((p) => p.message)),
    };
  }
  const [file, text] = [...texts][0] as [string, string];
  const result = lintDocument({ file, text }, {});
  return { findings: result.findings, problems: result.problems.map((p) => p.message) };
}

const key = (f: Finding): string => `${f.ruleId} ${f.resource ?? ''}`;

function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
  return m;
}

function target(c: Case, finding: Finding, texts: ReadonlyMap<string, string>): FixTarget {
  return c.terraform
    ? { file: finding.at.file, format: 'terraform', texts, readHcl: (t) => reader.read(t) }
    : { file: finding.at.file, format: 'cloudformation', texts };
}

function describeFix(c: Case, finding: Finding, intent: FixIntent): string {
  return `${c.label}: "${intent.title}" for ${finding.ruleId} on ${finding.resource ?? '?'}`;
}

/**
 * The exact edits of every fix, one golden file per case under test/fixtures/fixes/<ID>/: a change in what a
 * fix writes shows in review. `TRAIL_LINT_UPDATE_FIXES=1` rewrites them.
 */
function checkGolden(c: Case, actual: string): void {
  const golden = path.join(
    FIXTURES,
    'fixes',
    c.id,
    `${c.label.replace(/^\S+ /, '').replace(/[^\w.-]+/g, '_')}.edits`,
  );
  if (process.env['TRAIL_LINT_UPDATE_FIXES'] === '1') {
    mkdirSync(path.dirname(golden), { recursive: true });
    writeFileSync(golden, actual);
  }
  assert.ok(existsSync(golden), `${golden} is missing (TRAIL_LINT_UPDATE_FIXES=1 writes it)`);
  assert.equal(actual, readFileSync(golden, 'utf8'), `${c.label}: the edits differ from ${golden}`);
}

/** `Title [preferred, safe]` and each edit as `file line:col-line:col "new text"`, 1-based. */
function describeEdits(
  c: Case,
  finding: Finding,
  intent: FixIntent,
  edits: FileEdit[] | undefined,
): string[] {
  const flags = [intent.preferred ? 'preferred' : '', intent.safe ? 'safe' : ''].filter(Boolean).join(', ');
  const at = position(c.texts.get(finding.at.file) ?? '', finding.at.start);
  const head = `${finding.ruleId} ${at} ${finding.resource ?? ''}: ${intent.title}${flags ? ` [${flags}]` : ''}`;
  if (!edits) return [head, '  (not applicable)'];
  return [
    head,
    ...edits.map((e) => {
      const text = c.texts.get(e.file) ?? '';
      return `  ${path.basename(e.file)} ${position(text, e.start)}-${position(text, e.end)} ${JSON.stringify(e.newText)}`;
    }),
  ];
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

describe('rule fixes on the rule fixtures', () => {
  for (const c of cases()) {
    it(`${c.label}: every fix repairs its finding and nothing else`, () => {
      const before = lintAll(c, c.texts);
      assert.deepEqual(before.problems, []);
      const beforeCounts = counts(before.findings);
      let applied = 0;
      const log: string[] = [];
      for (const finding of before.findings.filter((f) => f.ruleId === c.id)) {
        for (const intent of finding.fixes) {
          const edits = intentEdits(intent, target(c, finding, c.texts));
          log.push(...describeEdits(c, finding, intent, edits));
          if (!edits || edits.length === 0) continue;
          applied++;
          const texts = new Map(c.texts);
          for (const [file, text] of texts)
            texts.set(
              file,
              applyEdits(
                text,
                edits.filter((e) => e.file === file),
              ),
            );
          const after = lintAll(c, texts);
          const what = describeFix(c, finding, intent);
          assert.deepEqual(after.problems, [], `${what}: the fixed text must read cleanly`);
          const afterCounts = counts(after.findings);
          if (!PARTIAL[c.id]?.test(intent.title)) {
            assert.ok(
              (afterCounts.get(key(finding)) ?? 0) < (beforeCounts.get(key(finding)) ?? 0),
              `${what}: the finding is still there\n${[...texts.values()].join('\n----\n')}`,
            );
          }
          const added = [...afterCounts]
            .filter(([k, n]) => n > (beforeCounts.get(k) ?? 0))
            .map(([k]) => k)
            .filter((k) => !FOLLOW_UPS[c.id]?.test(k));
          assert.deepEqual(added, [], `${what}: new findings\n${[...texts.values()].join('\n----\n')}`);
        }
      }
      assert.ok(applied > 0, `${c.label}: no fix of ${c.id} could be applied`);
      checkGolden(c, log.join('\n') + '\n');
    });

    it(`${c.label}: fix-all is idempotent`, () => {
      const once = c.terraform
        ? fixModule({ files: [...c.texts].map(([file, text]) => ({ file, text })), readHcl: reader.read }, {})
        : fixTemplate(...([...c.texts][0] as [string, string]), {});
      assert.deepEqual(lintAll(c, once.texts).problems, []);
      const twice = c.terraform
        ? fixModule(
            { files: [...once.texts].map(([file, text]) => ({ file, text })), readHcl: reader.read },
            {},
          )
        : fixTemplate(...([...once.texts][0] as [string, string]), {});
      assert.equal(twice.applied, 0, twice.log.map((l) => `${l.ruleId} ${l.title}`).join('\n'));
      assert.deepEqual(twice.texts, once.texts);
    });
  }
});
