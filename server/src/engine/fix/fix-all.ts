// Fix-all: applies every safe fix of a file (or a Terraform module) until nothing safe is left, the way
// ESLint's multipass does. Each pass lints once, turns the safe fixes into edits against the current texts,
// keeps the ones that do not touch each other, applies them all at once and lints again: a fix that makes
// another possible (a new bucket policy, then its deny-TLS statement) lands on a later pass. Texts that stop
// changing end the loop; so does a pass limit (30: fixes that insert at one place, such as Terraform's data
// sources at the end of a file, land one per pass), since a fix that does not repair what it claims must not
// spin.
//
// The loop is a generator that stops (yields) after each lint and each fix it tries, so that an editor can
// run it in slices and drop it when the request is cancelled (lsp/fix-all-run.ts); `fixAll` runs it through.
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
  /** Lints run: one per pass, and the one that found nothing left to fix. */
  passes: number;
}

/** Fix-all as steps: each `next()` does a bounded piece of work (one lint, or one fix turned into edits). */
export type FixAllSteps = Generator<void, FixAllResult, void>;

export function fixAll(initial: ReadonlyMap<string, string>, hooks: FixAllHooks): FixAllResult {
  return runThrough(fixAllSteps(initial, hooks));
}

/** Runs steps to the end, without pause: the CLI's way. */
export function runThrough<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export function* fixAllSteps(initial: ReadonlyMap<string, string>, hooks: FixAllHooks): FixAllSteps {
  const texts = new Map(initial);
  const log: FixAllResult['log'] = [];
  let passes = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const findings = hooks.lint(texts);
    passes++;
    yield;
    const accepted = new AcceptedEdits(texts);
    const seen = new Set<string>();
    for (const finding of findings) {
      if (finding.suppressed || finding.unverified) continue;
      for (const intent of finding.fixes) {
        if (!intent.safe) continue;
        // Several findings often ask for the same repair (S3001 per setting): once is enough.
        const key = JSON.stringify(intent);
        if (seen.has(key)) continue;
        seen.add(key);
        const edits = hooks.edits(intent, finding, texts);
        yield;
        if (!edits || edits.length === 0 || edits.some((e) => accepted.clashes(e))) continue;
        accepted.add(edits);
        log.push({
          ruleId: finding.ruleId,
          title: intent.title,
          files: [...new Set(edits.map((e) => e.file))],
        });
        break;
      }
    }
    if (accepted.size === 0) break;
    let changed = false;
    for (const [file, text] of texts) {
      const own = accepted.of(file);
      if (own.length === 0) continue;
      const next = applyEdits(text, own);
      changed ||= next !== text;
      texts.set(file, next);
    }
    if (!changed) break;
  }
  return { texts, applied: log.length, log, passes };
}

/**
 * The edits a pass keeps, per file in the order they were accepted (which applyEdits keeps for insertions at
 * one offset) and sorted by offset, so that whether a new edit touches one costs a look at its neighbours
 * rather than at every edit accepted so far (a pass on a large template accepts a thousand).
 */
class AcceptedEdits {
  private readonly inOrder = new Map<string, FileEdit[]>();
  private readonly sorted = new Map<string, FileEdit[]>();
  size = 0;

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  of(file: string): readonly FileEdit[] {
    return this.inOrder.get(file) ?? [];
  }

  add(edits: readonly FileEdit[]): void {
    for (const e of edits) {
      let list = this.inOrder.get(e.file);
      if (!list) this.inOrder.set(e.file, (list = []));
      list.push(e);
      let sorted = this.sorted.get(e.file);
      if (!sorted) this.sorted.set(e.file, (sorted = []));
      sorted.splice(firstAtOrAfter(sorted, e.start), 0, e);
      this.size++;
    }
  }

  /**
   * Whether an edit touches one already accepted: overlapping, or with only whitespace between them. Two
   * insertions at the end of one map and at the end of the list inside it are both "after the last line":
   * their order would be a guess, so the second waits for the next pass, which sees the first in place.
   * Accepted edits never touch each other, so only the nearest on each side can touch a new one: scanning
   * outwards stops at the first that is apart from it (any further one is further apart).
   */
  clashes(edit: FileEdit): boolean {
    const sorted = this.sorted.get(edit.file);
    if (!sorted) return false;
    const text = this.texts.get(edit.file) ?? '';
    const touches = (a: FileEdit): boolean => {
      if (edit.start < a.end && a.start < edit.end) return true;
      const [from, to] = a.end <= edit.start ? [a.end, edit.start] : [edit.end, a.start];
      return /^\s*$/.test(text.slice(from, to));
    };
    const at = firstAtOrAfter(sorted, edit.start);
    for (let i = at; i < sorted.length; i++) {
      const a = sorted[i] as FileEdit;
      if (touches(a)) return true;
      if (a.start >= edit.end) break;
    }
    for (let i = at - 1; i >= 0; i--) {
      const a = sorted[i] as FileEdit;
      if (touches(a)) return true;
      if (a.end <= edit.start) break;
    }
    return false;
  }
}

/** The index of the first edit that starts at or after `offset`, in edits sorted by start. */
function firstAtOrAfter(sorted: readonly FileEdit[], offset: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as FileEdit).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
