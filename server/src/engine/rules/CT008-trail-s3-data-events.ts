import type { Trail, Value } from '../model/types';
import { keyAt } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule } from './types';

const S3_OBJECT = 'AWS::S3::Object';

export const CT008: Rule = {
  meta: {
    id: 'CT008',
    slug: 'trail-s3-data-events',
    title: 'Trail logs S3 object-level read and write events',
    severity: 'info',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: false,
  },
  check(model, context) {
    for (const trail of model.trails) {
      if (trail.selectors.partial) continue;
      const logged = s3DataEvents(trail);
      if (logged === undefined) continue;
      if (logged.read && logged.write) continue;
      const missing = !logged.read && !logged.write ? 'read and write' : logged.read ? 'write' : 'read';
      const value =
        logged.readWriteType ??
        (trail.selectors.kind === 'none' ? undefined : keyAt(selectorKey(trail), trail.selectors.keyAt));
      context.report({
        resource: trail,
        value,
        message: `The trail does not log S3 object-level ${missing} events (data events): who read, wrote or deleted which object, including the trail's own log files, is not recorded. Add an S3 data event selector (DataResources Type ${S3_OBJECT}, ReadWriteType All).`,
        cdk: {
          l2: 'call `trail.addS3EventSelector([{ bucket }], { readWriteType: ReadWriteType.ALL })` (or `logAllS3DataEvents()`)',
          l1: "add an event selector with `dataResources: [{ type: 'AWS::S3::Object', values: [...] }]` to the CfnTrail",
        },
      });
    }
  },
};

function selectorKey(trail: Trail): string {
  return trail.selectors.kind === 'advanced' ? 'AdvancedEventSelectors' : 'EventSelectors';
}

/** Which S3 object events the trail logs; undefined when a selector value could not be resolved. */
interface Logged {
  read: boolean;
  write: boolean;
  /** The classic selector's ReadWriteType that limits S3 data events to one direction. */
  readWriteType?: Value<string>;
}

function s3DataEvents(trail: Trail): Logged | undefined {
  const out: Logged = { read: false, write: false };
  if (trail.selectors.kind === 'classic') {
    for (const s of trail.selectors.classic) {
      const s3 = s.dataResources.some((d) => d.type === S3_OBJECT);
      if (s.dataResources.some((d) => d.type === undefined)) return undefined;
      if (!s3) continue;
      const type = s.readWriteType.value;
      if (type === undefined) return undefined;
      if (type === 'All' || type === 'ReadOnly') out.read = true;
      if (type === 'All' || type === 'WriteOnly') out.write = true;
      if (type !== 'All') out.readWriteType ??= s.readWriteType;
    }
    if (out.read && out.write) delete out.readWriteType;
    if (!out.read && !out.write) delete out.readWriteType;
    return out;
  }
  for (const s of trail.selectors.advanced) {
    const has = (field: string, value: string): boolean =>
      s.fields.some((f) => f.field === field && f.equals.includes(value));
    if (!has('eventCategory', 'Data') || !has('resources.type', S3_OBJECT)) continue;
    if (s.partial) return undefined;
    // An eventName field selector keeps only some calls (PutObject but not DeleteObject, say).
    if (s.fields.some((f) => f.field === 'eventName')) continue;
    const readOnly = s.fields.find((f) => f.field === 'readOnly')?.equals[0]?.toLowerCase();
    if (readOnly !== 'false') out.read = true;
    if (readOnly !== 'true') out.write = true;
  }
  return out;
}
