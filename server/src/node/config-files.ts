// Finds the configuration that applies to a file: the nearest `.trail-lint.{yaml,yml,json}` in its folder or
// above. Answers are cached per folder and per configuration file, because the editor asks on every lint;
// `invalidate()` forgets them all when a configuration file changes (the LSP server watches them).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  CONFIG_FILE_NAMES,
  EMPTY_CONFIG,
  parseConfig,
  type ConfigProblem,
  type TrailLintConfig,
} from '../engine/config/parse';

export interface LoadedConfig {
  /** Absolute path of the configuration file. */
  file: string;
  /** Its folder: the base of its globs. */
  folder: string;
  /** The text read, for locating the problem. */
  text: string;
  config: TrailLintConfig;
  problem: ConfigProblem | undefined;
  /** Set when the file could not be read at all (then `problem` says so too). */
  unreadable?: true;
}

export interface ConfigScope {
  loaded: LoadedConfig | undefined;
  /** Matched by the configuration's `exclude`. */
  excluded: boolean;
  /** Matched by the configuration's `templates`. */
  template: boolean;
}

export class ConfigFiles {
  private readonly nearest = new Map<string, Promise<string | undefined>>();
  private readonly loaded = new Map<string, Promise<LoadedConfig>>();

  /** `onLoad` sees every configuration file when it is read (again), e.g. to report its problem. */
  constructor(private readonly onLoad: (loaded: LoadedConfig) => void = () => undefined) {}

  /** The configuration for a file, and how its globs classify that file. */
  async scopeOf(file: string): Promise<ConfigScope> {
    const configFile = await this.nearestConfig(path.dirname(path.resolve(file)));
    const loaded = configFile === undefined ? undefined : await this.load(configFile);
    return classify(loaded, file);
  }

  /** Reads (or returns the cached read of) one configuration file; a file that cannot be read is a problem. */
  load(file: string): Promise<LoadedConfig> {
    const absolute = path.resolve(file);
    let pending = this.loaded.get(absolute);
    if (!pending) {
      pending = read(absolute).then((loaded) => {
        this.onLoad(loaded);
        return loaded;
      });
      this.loaded.set(absolute, pending);
    }
    return pending;
  }

  invalidate(): void {
    this.nearest.clear();
    this.loaded.clear();
  }

  private nearestConfig(folder: string): Promise<string | undefined> {
    let pending = this.nearest.get(folder);
    if (!pending) {
      pending = (async () => {
        for (const name of CONFIG_FILE_NAMES) {
          const candidate = path.join(folder, name);
          if (await isFile(candidate)) return candidate;
        }
        const parent = path.dirname(folder);
        return parent === folder ? undefined : this.nearestConfig(parent);
      })();
      this.nearest.set(folder, pending);
    }
    return pending;
  }
}

/** How a configuration's globs (relative to its folder) classify a file. */
export function classify(loaded: LoadedConfig | undefined, file: string): ConfigScope {
  if (!loaded) return { loaded, excluded: false, template: false };
  const relative = path.relative(loaded.folder, path.resolve(file)).split(path.sep).join('/');
  const matches = (globs: readonly string[]): boolean =>
    globs.length > 0 && !relative.startsWith('../') && picomatch.isMatch(relative, [...globs], { dot: true });
  return { loaded, excluded: matches(loaded.config.exclude), template: matches(loaded.config.templates) };
}

async function read(file: string): Promise<LoadedConfig> {
  const folder = path.dirname(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(error);
    return {
      file,
      folder,
      text: '',
      config: EMPTY_CONFIG,
      problem: { message: `cannot read the trail-lint configuration: ${reason}`, start: 0, end: 0 },
      unreadable: true,
    };
  }
  const { config, problem } = parseConfig(text, path.basename(file));
  return { file, folder, text, config, problem };
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
