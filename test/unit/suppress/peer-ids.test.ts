import { strict as assert } from 'node:assert';
import { ruleById } from '../../../server/src/engine/rules';
import { CHECKOV_RULES, GUARD_RULES } from '../../../server/src/engine/suppress/peer-ids';

describe("peers' check ids", () => {
  it('map only to registered rules', () => {
    const targets = [...CHECKOV_RULES.values(), ...GUARD_RULES.values()].flat();
    assert.deepEqual(
      targets.filter((id) => !ruleById(id)),
      [],
    );
  });

  it('are spelled the way checkov and the Guard rules registry spell them', () => {
    assert.deepEqual(
      [...CHECKOV_RULES.keys()].filter((id) => !/^CKV2?_AWS_\d+$/.test(id)),
      [],
    );
    assert.deepEqual(
      [...GUARD_RULES.keys()].filter((id) => !/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(id)),
      [],
    );
  });

  it('map the trail checks the way their sources define them', () => {
    const pairs = (map: ReadonlyMap<string, readonly string[]>, ids: string[]): string[] =>
      ids.map((id) => `${id}→${(map.get(id) ?? []).join('+')}`);
    assert.deepEqual(
      pairs(CHECKOV_RULES, ['CKV_AWS_67', 'CKV_AWS_36', 'CKV_AWS_35', 'CKV2_AWS_10', 'CKV_AWS_251']),
      ['CKV_AWS_67→CT001', 'CKV_AWS_36→CT003', 'CKV_AWS_35→CT004', 'CKV2_AWS_10→CT005', 'CKV_AWS_251→CT006'],
    );
    assert.deepEqual(
      pairs(GUARD_RULES, [
        'MULTI_REGION_CLOUD_TRAIL_ENABLED',
        'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
        'CLOUD_TRAIL_ENCRYPTION_ENABLED',
        'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
      ]),
      [
        'MULTI_REGION_CLOUD_TRAIL_ENABLED→CT001',
        'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED→CT003',
        'CLOUD_TRAIL_ENCRYPTION_ENABLED→CT004',
        'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED→CT005',
      ],
    );
  });
});
