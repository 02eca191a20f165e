// Fix-all: applies every safe fix of a file (or a Terraform module) until nothing safe is left, the way
// ESLint's multipass does. Each pass lints, turns the safe fixes into edits against the current texts, keeps
// the ones that do not touch each other, applies them and lints again: a fix that makes another possible
// (a new bucket policy, then its deny-TLS statement) lands on a later pass. Texts that stop changing end the
// loop; so does a pass limit (30: fixes that insert at one place, such as Terraform's data sources at the end
// of a file, land one per pass), since a fix that does not repair what it claims must not spin.
import type { Finding } from '../findings';
import { applyEdits, type FileEdit, type FixIntent } from './intents';

const MAX_PASSES = 30;

export interface FixAllHooks {
  /** Lints the current texts; findings name their files. */
  lint(texts: ReadonlyMap<string, string>): Finding[];
  /** The edits of one intent against the current texts; undefined when it cannot be applied cleanly. */
  edits(intent: FixIntent, finding: Finding, texts: ReadonlyMap<string, string>): FileEdit[] | undefined;
}

export interface FixAllResult {
  /** The final text of every file, changed or not. */
  texts: Map<string, string>;
  /** How many fixes were applied, over all passes. */
  applied: number;
  /** The applied fixes, in order: the rule that asked, the fix's title, the files it changed. */
  log: { ruleId: string; title: string; files: string[] }[];
}

export function fixAll(initial: ReadonlyMap<string, string>, hooks: FixAllHooks): FixAllResult {
  const texts = new Map(initial);
  const log: FixAllResult['log'] = [];
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const accepted: FileEdit[] = [];
    const seen = new Set<string>();
    for (const finding of hooks.lint(texts)) {
      if (finding.suppressed || finding.unverified) continue;
      for (const intent of finding.fixes) {
        if (!intent.safe) continue;
        // Several findings often ask for the same repair (S3001 per setting): once is enough.
        const key = JSON.stringify(intent);
        if (seen.has(key)) continue;
        seen.add(key);
        const edits = hooks.edits(intent, finding, texts);
        if (!edits || edits.length === 0 || edits.some((e) => clashes(e, accepted, texts))) continue;
        accepted.push(...edits);
        log.push({
          ruleId: finding.ruleId,
          title: intent.title,
          files: [...new Set(edits.map((e) => e.file))],
        });
        break;
      }
    }
    if (accepted.length === 0) break;
    let changed = false;
    for (const [file, text] of texts) {
      const own = accepted.filter((e) => e.file === file);
      if (own.length === 0) continue;
      const next = applyEdits(text, own);
      changed ||= next !== text;
      texts.set(file, next);
    }
    if (!changed) break;
  }
  return { texts, applied: log.length, log };
}

/**
 * Whether an edit touches one already accepted: overlapping, or with only whitespace between them. Two
 * insertions at the end of one map and at the end of the list inside it are both "after the last line": their
 * order would be a guess, so the second waits for the next pass, which sees the first in place.
 */
function clashes(edit: FileEdit, accepted: readonly FileEdit[], texts: ReadonlyMap<string, string>): boolean {
  const text = texts.get(edit.file) ?? '';
  return accepted.some((a) => {
    if (a.file !== edit.file) return false;
    if (edit.start < a.end && a.start < edit.end) return true;
    const [from, to] = a.end <= edit.start ? [a.end, edit.start] : [edit.end, a.start];
    return /^\s*$/.test(text.slice(from, to));
  });
}
