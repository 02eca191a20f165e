import { strict as assert } from 'node:assert';
import { LineIndex } from '../../../server/src/engine/source/line-index';

describe('LineIndex', () => {
  it('maps offsets to 0-based line and UTF-16 character across \\n, \\r\\n and \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    const at = (s: string) => index.position(text.indexOf(s));
    assert.deepEqual(at('a'), { line: 0, character: 0 });
    assert.deepEqual(at('d'), { line: 1, character: 1 });
    assert.deepEqual(at('e'), { line: 2, character: 0 });
    assert.deepEqual(at('h'), { line: 3, character: 1 });
    assert.equal(index.lineCount, 4);
    assert.equal(index.lineStart(2), text.indexOf('e'));
  });

  it('counts characters outside the BMP as two code units, as LSP does', () => {
    const text = 'x: "😀" y';
    assert.deepEqual(new LineIndex(text).position(text.indexOf('y')), { line: 0, character: 8 });
  });

  it('clamps offsets outside the text', () => {
    const index = new LineIndex('a\nb');
    assert.deepEqual(index.position(-5), { line: 0, character: 0 });
    assert.deepEqual(index.position(99), { line: 1, character: 1 });
  });
});
