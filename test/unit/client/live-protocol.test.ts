// The client keeps its own copy of the live check's protocol (client/src/live-protocol.ts); this test holds
// it to the server's: the types must be assignable both ways (checked when the tests compile) and the
// method names equal.
import { strict as assert } from 'node:assert';
import * as client from '../../../client/src/live-protocol';
import * as server from '../../../server/src/lsp/live';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const sameParams: Same<client.LiveCheckParams, server.LiveCheckParams> = true;
const sameResult: Same<client.LiveCheckResult, server.LiveCheckResult> = true;

describe('live check protocol (VS Code client)', () => {
  it('has the server’s method names and message shapes', () => {
    assert.equal(client.LIVE_PROFILES, server.LIVE_PROFILES);
    assert.equal(client.LIVE_CHECK, server.LIVE_CHECK);
    assert.equal(client.LIVE_PROGRESS, server.LIVE_PROGRESS);
    assert.ok(sameParams && sameResult);
  });
});
