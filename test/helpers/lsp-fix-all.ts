// Fix-all through the real server on a generated ~1 MB template with about 1,100 safe fixes: shared by the
// integration test (which asserts what comes back) and the bench (BENCH_ONLY=lsp-load, which times it).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  CodeActionRequest,
  type CodeAction,
  type CodeActionParams,
} from 'vscode-languageserver-protocol/node';
import { fixableTemplateJson, fixableTemplateYaml } from '../bench/generate';
import type { LspTestClient } from '../integration/lsp-client';

import { FIX_ALL_KIND } from '../../server/src/lsp/fix-actions';

export { FIX_ALL_KIND };

/** Opens the fixable template as `big.yaml` (or its JSON twin, `big.json`) under `folder` and waits for its first diagnostics. */
export async function openFixable(
  client: LspTestClient,
  folder: string,
  resources = 2000,
  kind: 'yaml' | 'json' = 'yaml',
): Promise<string> {
  const uri = pathToFileURL(path.join(folder, `big.${kind}`)).href;
  await client.open(uri, kind === 'yaml' ? fixableTemplateYaml(resources) : fixableTemplateJson(resources));
  // A 1 MB lint on a busy machine can take longer than the client's default wait.
  await client.waitUntil(`first diagnostics of big.${kind}`, () => client.publishesFor(uri)[0], 300_000);
  return uri;
}

export function fixAllParams(uri: string): CodeActionParams {
  const start = { line: 0, character: 0 };
  return {
    textDocument: { uri },
    range: { start, end: start },
    context: { diagnostics: [], only: [FIX_ALL_KIND] },
  };
}

/** Asks for fix-all and waits for its answer, however long it takes. */
export async function requestFixAll(
  client: LspTestClient,
  uri: string,
  token = new CancellationTokenSource().token,
): Promise<CodeAction[]> {
  const actions = await client.connection.sendRequest(CodeActionRequest.type, fixAllParams(uri), token);
  return (actions ?? []) as CodeAction[];
}
