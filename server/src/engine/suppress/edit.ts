// The edit behind the editor's "Suppress <rule> for this resource": one `trail-lint` ignore entry in the
// resource's Metadata, in the file's own syntax and style. Undefined when the file does not allow it cleanly
// (a syntax error, no such resource, a Metadata that is not a map).
import { CfnTemplate } from '../cfn/template';
import { isJsonText } from '../source/json-parse';
import { DEFAULT_LIMITS } from '../source/limits';
import { asMap, child } from '../source/node';
import { parseYamlFull } from '../source/yaml-parse';
import { addIgnoreJson } from './edit-json';
import { addIgnoreYaml, type TextEdit } from './edit-yaml';

export type { TextEdit } from './edit-yaml';

export function suppressionEdits(text: string, resourceId: string, ruleId: string): TextEdit[] | undefined {
  if (isJsonText(text)) return addIgnoreJson(text, resourceId, ruleId);
  const { roots, problems } = parseYamlFull(text, DEFAULT_LIMITS);
  if (problems.length > 0) return undefined;
  for (const root of roots) {
    const map = asMap(root);
    if (!map || !child(child(map, 'Resources'), resourceId)) continue;
    const resource = new CfnTemplate(map).resources.get(resourceId);
    return resource && addIgnoreYaml(text, resource, ruleId);
  }
  return undefined;
}
