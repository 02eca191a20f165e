// The CLI's view of configuration files: the nearest one per file (the default), one forced with
// `--config FILE`, or none with `--no-config`. A configuration with a problem is reported once, as an error of
// the run (exit code 2: a CI gate must not pass or fail on defaults nobody chose), and the files it covers are
// linted with the defaults.
import path from 'node:path';
import { LineIndex } from '../engine/source/line-index';
import { ConfigFiles, classify, type ConfigScope, type LoadedConfig } from '../node/config-files';
import type { RunReport } from './report';

export type ConfigMode = { kind: 'nearest' } | { kind: 'none' } | { kind: 'forced'; file: string };

export class CliConfig {
  private readonly seen = new Map<string, LoadedConfig>();
  private readonly files = new ConfigFiles((loaded) => this.seen.set(loaded.file, loaded));
  private forced: LoadedConfig | undefined;

  constructor(private readonly mode: ConfigMode) {}

  /** Reads the `--config` file; returns why it cannot be read, if it cannot. */
  async prepare(cwd: string): Promise<string | undefined> {
    if (this.mode.kind !== 'forced') return undefined;
    this.forced = await this.files.load(path.resolve(cwd, this.mode.file));
    return this.forced.unreadable ? this.forced.problem?.message : undefined;
  }

  scopeOf(file: string): Promise<ConfigScope> {
    if (this.mode.kind === 'nearest') return this.files.scopeOf(file);
    return Promise.resolve(classify(this.forced, file));
  }

  /** The configuration files read so far that have a problem, as errors of the run. */
  errors(cwd: string): RunReport['errors'] {
    return [...this.seen.values()].flatMap((c) => {
      if (!c.problem) return [];
      const at = new LineIndex(c.text).position(c.problem.start);
      return [
        {
          file: path.relative(cwd, c.file),
          message: c.problem.message,
          line: at.line + 1,
          column: at.character + 1,
        },
      ];
    });
  }
}
