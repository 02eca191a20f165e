// Fix-all (`trail-lint --fix`'s engine, fixTemplate) on the generated templates with safe-fixable settings
// wrong, YAML and its JSON twin side by side: every pass lints once and applies a thousand fixes, so this is
// where a writer that re-reads the whole file per fix shows. Median of 3 rounds (one of each size and syntax
// per round, so a busy machine slows all alike); asserts nothing. `BENCH_ONLY=fix-all node out/test/bench/bench.js`.
import { fixTemplate } from '../../server/src/engine/fix/fix-documents';
import { fixableTemplateJson, fixableTemplateYaml } from './generate';

const COUNTS = [1000, 2000, 3000];
const ROUNDS = 3;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export function benchFixAll(): void {
  const runs = COUNTS.flatMap((count) =>
    (['yaml', 'json'] as const).map((kind) => ({
      count,
      kind,
      text: kind === 'yaml' ? fixableTemplateYaml(count) : fixableTemplateJson(count),
      samples: [] as number[],
      applied: 0,
      passes: 0,
    })),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const run of runs) {
      const t0 = performance.now();
      const result = fixTemplate(`t${run.count}.${run.kind}`, run.text, {});
      run.samples.push(performance.now() - t0);
      run.applied = result.applied;
      run.passes = result.passes;
    }
  }
  console.log('\nFix-all on templates with safe-fixable settings wrong (median of 3 rounds, ms)');
  console.log('resources   YAML size   YAML fix-all   JSON size   JSON fix-all   fixes  passes');
  for (const count of COUNTS) {
    const [yaml, json] = runs.filter((r) => r.count === count);
    if (!yaml || !json) continue;
    const kb = (s: string): string => `${(s.length / 1024).toFixed(0)} KB`.padStart(10);
    const ms = (samples: number[]): string => median(samples).toFixed(0).padStart(13);
    console.log(
      String(count).padStart(9) +
        '  ' +
        kb(yaml.text) +
        ms(yaml.samples) +
        '  ' +
        kb(json.text) +
        ms(json.samples) +
        String(json.applied).padStart(8) +
        String(json.passes).padStart(8),
    );
  }
}
