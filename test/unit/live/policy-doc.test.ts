// The least-privilege policy docs/live.md publishes is exactly what the live check may call: a permission
// added to the allow-list without the docs (or the other way round) fails here.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REQUIRED_ACTIONS } from '../../../server/src/live/operations';
import { ROOT } from '../../helpers/paths';

describe('docs/live.md', () => {
  it('publishes exactly the IAM actions of the operation allow-list', () => {
    const text = readFileSync(path.join(ROOT, 'docs', 'live.md'), 'utf8');
    const block = /```json\n([\s\S]*?)```/.exec(text)?.[1];
    assert.ok(block, 'docs/live.md has no JSON policy');
    const policy = JSON.parse(block) as {
      Statement: { Effect: string; Action: string[]; Resource: string }[];
    };
    const actions = policy.Statement.flatMap((s) => s.Action);
    assert.deepEqual([...actions].sort(), [...REQUIRED_ACTIONS].sort());
    assert.deepEqual(
      policy.Statement.map((s) => [s.Effect, s.Resource]),
      [['Allow', '*']],
    );
  });
});
