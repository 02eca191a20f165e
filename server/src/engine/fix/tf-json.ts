// Fixes in Terraform's JSON syntax (`.tf.json`): a resource's own attributes (a trail's
// `is_multi_region_trail`, a key's `enable_key_rotation`) set or removed through the JSON writer, at
// `resource.<type>.<name>`, references written as interpolations. Settings that live in other resources
// (split S3 resources, policy documents) and new resources are left to the HCL writer's files: a `.tf.json`
// module gets no edit for them rather than a guess.
import { ownAttribute } from './hcl-targets';
import { isRef, isSub, type FileEdit, type FixIntent, type FixValue } from './intents';
import { jsonFixEdits, type JsonRender } from './json';

export function tfJsonFixEdits(
  texts: ReadonlyMap<string, string>,
  intent: FixIntent,
): FileEdit[] | undefined {
  if (intent.kind !== 'set' && intent.kind !== 'remove') return undefined;
  const [type, name, ...rest] = intent.resource.split('.');
  if (!type || !name || rest.length > 0 || name.includes('#')) return undefined;
  const attribute = ownAttribute(type, intent.path);
  if (!attribute) return undefined;
  if (intent.kind === 'set' && !writable(intent.value)) return undefined;
  for (const [file, text] of texts) {
    if (!/\.tf\.json$/i.test(file) || !declares(text, type, name)) continue;
    return jsonFixEdits(file, text, { ...intent, path: [attribute] }, render, () => ['resource', type, name]);
  }
  return undefined;
}

/** Pseudo parameters need data sources, which this writer does not add. */
function writable(value: FixValue): boolean {
  if (isSub(value)) return !value.$sub.includes('AWS::');
  if (Array.isArray(value)) return value.every(writable);
  if (typeof value === 'object' && !isRef(value)) return Object.values(value).every(writable);
  return true;
}

/** `"${aws_kms_key.trail.arn}"`; a `${X}` placeholder of a Sub string becomes `${X.id}`. */
const render: JsonRender = function tf(value): unknown {
  if (isRef(value)) return `\${${value.$ref}.${value.attribute === 'Arn' ? 'arn' : 'id'}}`;
  if (isSub(value))
    return value.$sub.replace(/\$\{([^}]+)\}/g, (_m, x: string) =>
      x.endsWith('.Arn') ? `\${${x.slice(0, -4)}.arn}` : `\${${x}.id}`,
    );
  if (Array.isArray(value)) return value.map(tf);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]): [string, unknown] => [k, tf(v)]));
  return value;
};

function declares(text: string, type: string, name: string): boolean {
  try {
    const parsed = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
    return typeof parsed.resource?.[type]?.[name] === 'object';
  } catch {
    return false;
  }
}
