import type { ClassicSelector, Trail } from '../model/types';
import { keyAt } from './helpers';
import { TEMPLATE_AND_LIVE, type Rule, type RuleContext } from './types';
import type { FixPath } from '../fix/intents';
import { setFix } from './fix-recipes';

const CDK = {
  l2: 'set `managementEvents: ReadWriteType.ALL` on the Trail',
  l1: "set `includeManagementEvents: true` and `readWriteType: 'All'` in the CfnTrail's event selectors",
};

export const CT007: Rule = {
  meta: {
    id: 'CT007',
    slug: 'trail-management-events',
    title: 'Trail logs all management events',
    severity: 'warning',
    formats: TEMPLATE_AND_LIVE,
    live: true,
    fixable: true,
  },
  check(model, context) {
    for (const trail of model.trails) {
      const selectors = trail.selectors;
      if (selectors.kind === 'none' || selectors.partial) continue;
      if (selectors.kind === 'classic') checkClassic(trail, selectors.classic, context);
      else checkAdvanced(trail, context);
    }
  },
};

function selectorPath(selector: ClassicSelector, key: string): FixPath {
  return ['Properties', 'EventSelectors', selector.index, key];
}

function checkClassic(trail: Trail, selectors: ClassicSelector[], context: RuleContext): void {
  const values = selectors.flatMap((s) => [s.includeManagementEvents, s.readWriteType, s.excludedSources]);
  if (values.some((v) => v.provenance === 'unresolved')) return;
  const management = selectors.filter((s) => s.includeManagementEvents.value !== false);
  if (management.length === 0) {
    const first = selectors[0];
    context.report({
      resource: trail,
      value: first?.includeManagementEvents.isSet
        ? first.includeManagementEvents
        : keyAt('EventSelectors', trail.selectors.keyAt),
      fixes: first
        ? [
            setFix(trail, selectorPath(first, 'IncludeManagementEvents'), true, 'Include management events', {
              // Management events may be logged by another trail on purpose (a data-events-only trail).
              safe: false,
            }),
          ]
        : [],
      message:
        'No event selector of the trail includes management events: changes to IAM, security groups or the trail itself go unrecorded. Set IncludeManagementEvents: true (and ReadWriteType: All) on a selector.',
      cdk: CDK,
    });
    return;
  }
  const types = new Set(management.map((s) => s.readWriteType.value));
  if (!types.has('All') && !(types.has('ReadOnly') && types.has('WriteOnly'))) {
    const first = management[0] as ClassicSelector;
    context.report({
      resource: trail,
      value: first.readWriteType,
      fixes: [
        setFix(trail, selectorPath(first, 'ReadWriteType'), 'All', 'Set ReadWriteType to All', {
          // The selector's data events would double too (and their bill): offered, not fix-all.
          safe: first.dataResources.length === 0,
        }),
      ],
      message: `The trail logs only ${first.readWriteType.value === 'ReadOnly' ? 'read' : 'write'} management events (ReadWriteType: ${String(first.readWriteType.value)}): set ReadWriteType: All so both reads and writes are recorded.`,
      cdk: CDK,
    });
  }
  for (const selector of management) {
    if ((selector.excludedSources.value ?? 0) === 0) continue;
    context.report({
      resource: trail,
      value: selector.excludedSources,
      fixes: [
        {
          kind: 'remove',
          resource: trail.id,
          path: selectorPath(selector, 'ExcludeManagementEventSources'),
          title: 'Remove ExcludeManagementEventSources',
          preferred: true,
          safe: true,
        },
      ],
      message:
        'ExcludeManagementEventSources drops management events of some services (such as KMS or RDS Data API) from the trail: an auditor cannot see those calls. Remove the exclusion.',
      cdk: CDK,
    });
  }
}

/** How a trail's advanced selectors record management events; undefined when a selector is computed. */
export function advancedManagement(
  trail: Trail,
): { all: boolean; management: number; everySource: number; modes: Set<string | undefined> } | undefined {
  const management = trail.selectors.advanced.filter((s) =>
    s.fields.some((f) => f.field === 'eventCategory' && f.equals.includes('Management')),
  );
  // Something computed in a management selector may well be the missing half: no claim.
  if (management.some((s) => s.partial)) return undefined;
  const readOnly = (s: (typeof management)[number]): string | undefined =>
    s.fields.find((f) => f.field === 'readOnly')?.equals[0]?.toLowerCase();
  // Any eventSource field selector, whatever its operator (Equals one service, NotEquals, StartsWith…),
  // narrows a selector to some services. Selectors are OR'd: the ones that keep every source must together
  // cover reads and writes.
  const narrowsSources = (s: (typeof management)[number]): boolean =>
    s.fields.some(
      (f) => f.field === 'eventSource' && (f.equals.length > 0 || f.notEquals.length > 0 || f.other),
    );
  const everySource = management.filter((s) => !narrowsSources(s));
  const modes = new Set(everySource.map(readOnly));
  const all = modes.has(undefined) || (modes.has('true') && modes.has('false'));
  return { all, management: management.length, everySource: everySource.length, modes };
}

/**
 * Whether the trail records every read and write management event: true, false, or undefined when its
 * selectors cannot be read.
 */
export function recordsAllManagementEvents(trail: Trail): boolean | undefined {
  const selectors = trail.selectors;
  if (selectors.partial) return undefined;
  if (selectors.kind === 'none') return true;
  if (selectors.kind === 'advanced') return advancedManagement(trail)?.all;
  const values = selectors.classic.flatMap((s) => [s.includeManagementEvents, s.readWriteType]);
  if (values.some((v) => v.provenance === 'unresolved')) return undefined;
  const types = new Set(
    selectors.classic
      .filter((s) => s.includeManagementEvents.value !== false)
      .map((s) => s.readWriteType.value),
  );
  return types.has('All') || (types.has('ReadOnly') && types.has('WriteOnly'));
}

function checkAdvanced(trail: Trail, context: RuleContext): void {
  const coverage = advancedManagement(trail);
  if (!coverage || coverage.all) return;
  const { management, everySource, modes } = coverage;
  const problem =
    management === 0
      ? 'no advanced event selector selects management events (eventCategory = Management)'
      : everySource === 0
        ? 'every management selector is limited to some event sources (an eventSource field selector)'
        : `the management selectors log only ${modes.has('true') ? 'read' : 'write'} events (a readOnly field selector)`;
  context.report({
    resource: trail,
    value: keyAt('AdvancedEventSelectors', trail.selectors.keyAt),
    message: `The trail does not record all management events: ${problem}. Add a selector with eventCategory Equals [Management] and no readOnly or eventSource restriction.`,
    cdk: CDK,
  });
}
