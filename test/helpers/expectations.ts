// Fixture annotations: the findings a fixture must produce, and nothing else.
//  - YAML: a comment on the finding's line, `# expect: CT001, CT002(error)`.
//  - JSON and generated files (CDK output): a sidecar `<file>.expect` with lines `LINE CT001 CT002(error)`.
// A severity in parentheses is checked; without one, any severity matches.
import { existsSync, readFileSync } from 'node:fs';
import type { Finding } from '../../server/src/engine/findings';
import { LineIndex } from '../../server/src/engine/source/line-index';

export interface Expected {
  line: number;
  ruleId: string;
  severity?: string;
}

const ITEM = /^([A-Z][A-Z0-9]*[0-9]{3})(?:\((error|warning|info)\))?$/;

function parseItems(items: string[], line: number, where: string): Expected[] {
  return items.map((item) => {
    const m = ITEM.exec(item.trim());
    if (!m) throw new Error(`${where}: bad expectation "${item}"`);
    return { line, ruleId: m[1] as string, ...(m[2] ? { severity: m[2] } : {}) };
  });
}

export function expectationsFor(file: string, text: string): Expected[] {
  const sidecar = `${file}.expect`;
  if (existsSync(sidecar)) {
    const out: Expected[] = [];
    readFileSync(sidecar, 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.replace(/#.*/, '').trim();
        if (!line) return;
        const [n, ...items] = line.split(/\s+/);
        if (!/^\d+$/.test(n ?? '')) throw new Error(`${sidecar}:${i + 1}: expected "LINE RULE..."`);
        out.push(...parseItems(items, Number(n), `${sidecar}:${i + 1}`));
      });
    return out;
  }
  const out: Expected[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = /#\s*expect:\s*(.+)$/.exec(line);
    if (m) out.push(...parseItems((m[1] as string).split(','), i + 1, `${file}:${i + 1}`));
  });
  return out;
}

/** Compares findings with expectations; returns a readable diff, or undefined when they match exactly. */
export function diffFindings(findings: Finding[], expected: Expected[], text: string): string | undefined {
  const lines = new LineIndex(text);
  const actual = findings.map((f) => ({
    line: lines.position(f.at.start).line + 1,
    ruleId: f.ruleId,
    severity: f.severity,
  }));
  const key = (e: { line: number; ruleId: string }): string => `${String(e.line).padStart(5)} ${e.ruleId}`;
  const unmatched = [...actual];
  const missing: Expected[] = [];
  for (const e of expected) {
    const i = unmatched.findIndex(
      (a) => a.line === e.line && a.ruleId === e.ruleId && (!e.severity || a.severity === e.severity),
    );
    if (i < 0) missing.push(e);
    else unmatched.splice(i, 1);
  }
  if (missing.length === 0 && unmatched.length === 0) return undefined;
  return [
    ...missing.map((e) => `missing   ${key(e)}${e.severity ? `(${e.severity})` : ''}`),
    ...unmatched.map((a) => `unexpected ${key(a)}(${a.severity})`),
  ].join('\n');
}
