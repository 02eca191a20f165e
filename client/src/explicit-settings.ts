// Which trailLint settings the user actually set. The server lets them override the project's
// `.trail-lint.yaml` key by key, so a default must never pass for a choice: VS Code's getConfiguration()
// fills in defaults, `inspect()` tells them apart. Pure (no `vscode` import) so that it is unit-tested.

/** The parts of `WorkspaceConfiguration.inspect()` that hold values a user wrote. */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export const SETTING_KEYS = ['enable', 'rules', 'exclude', 'reportUnverified'] as const;

/**
 * The value the user set, or undefined. As VS Code does for `get()`, the most specific scope wins (folder over
 * workspace over user), and object values (`rules`) merge across scopes key by key.
 */
export function explicitValue(inspected: Inspected | undefined): unknown {
  if (!inspected) return undefined;
  const set = [inspected.globalValue, inspected.workspaceValue, inspected.workspaceFolderValue].filter(
    (v) => v !== undefined,
  );
  if (set.length === 0) return undefined;
  if (set.every(isPlainObject)) return Object.assign({}, ...set) as unknown;
  return set[set.length - 1];
}

/** The `trailLint` section as the server should see it: only what the user set. */
export function explicitSettings(inspect: (key: string) => Inspected | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = explicitValue(inspect(key));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
