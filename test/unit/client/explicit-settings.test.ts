import { strict as assert } from 'node:assert';
import { explicitSettings, explicitValue } from '../../../client/src/explicit-settings';

describe('settings the user set (VS Code client)', () => {
  it('leaves out what only has its default', () => {
    assert.deepEqual(
      explicitSettings((key) => (key === 'reportUnverified' ? { workspaceValue: true } : {})),
      { reportUnverified: true },
    );
    assert.deepEqual(
      explicitSettings(() => undefined),
      {},
    );
  });

  it('lets the most specific scope win, and merges rule maps across scopes', () => {
    assert.equal(explicitValue({ globalValue: false, workspaceFolderValue: true }), true);
    assert.deepEqual(
      explicitValue({ globalValue: { CT001: 'off', CT003: 'info' }, workspaceValue: { CT003: 'error' } }),
      { CT001: 'off', CT003: 'error' },
    );
    assert.deepEqual(explicitValue({ globalValue: ['a/**'], workspaceValue: ['b/**'] }), ['b/**']);
  });
});
