// The profiles the user can pick for the live check: every profile of the shared config and credentials
// files (`~/.aws/config`, `~/.aws/credentials`, or where AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE
// point), `default` first. Only names are read and returned: never a key or a token.
import { loadSharedConfigFiles } from '@smithy/core/config';

export async function listProfiles(): Promise<string[]> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles();
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  return [...names].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
}
