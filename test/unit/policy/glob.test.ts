// Glob patterns against glob patterns: does one cover all of the other, do they share a value.
import { strict as assert } from 'node:assert';
import { globIntersects, globSubsumes } from '../../../server/src/engine/policy/glob';

describe('glob pattern relations', () => {
  it('knows when one pattern covers every value of another', () => {
    assert.equal(globSubsumes('*', 'arn:x:s3:::b/*', false), true);
    assert.equal(globSubsumes('arn:x:s3:::b/*', 'arn:x:s3:::b/*AWSLogs/1/x', false), true);
    assert.equal(globSubsumes('arn:x:s3:::b/*', 'arn:x:s3:::b/logs/x', false), true);
    assert.equal(globSubsumes('a:*:*:t/*', 'a:*:1:t/*', false), true);
    assert.equal(globSubsumes('a:r:*:t/*', 'a:*:1:t/*', false), false);
    assert.equal(globSubsumes('arn:x:s3:::b/AWSLogs/*', 'arn:x:s3:::b/*AWSLogs/1/x', false), false);
    assert.equal(globSubsumes('b/?', 'b/*', false), false);
    assert.equal(globSubsumes('b/*', 'b/?', false), true);
    assert.equal(globSubsumes('b/??', 'b/?x', false), true);
    assert.equal(globSubsumes('B/*', 'b/x', true), true);
    assert.equal(globSubsumes('B/*', 'b/x', false), false);
  });

  it('knows when two patterns share a value', () => {
    assert.equal(globIntersects('b/AWSLogs/*', 'b/*AWSLogs/1/x', false), true);
    assert.equal(globIntersects('b/team-a/*', 'b/*AWSLogs/1/x', false), true);
    assert.equal(globIntersects('other/*', 'b/*AWSLogs/1/x', false), false);
    assert.equal(globIntersects('*a', '*b', false), false);
    assert.equal(globIntersects('ab*', '*b', false), true);
    assert.equal(globIntersects('a?c', 'a*', false), true);
    assert.equal(globIntersects('abc', 'abd', false), false);
    assert.equal(globIntersects('', '*', false), true);
  });
});
