// `templates` globs declare files templates whatever their content: the engine then reads them as one.
import { strict as assert } from 'node:assert';
import { lintDocument } from '../../../server/src/engine/lint';
import { TRAIL_RULES } from '../suppress/helpers';

describe('files declared templates', () => {
  // No AWSTemplateFormatVersion and no AWS:: type: content detection passes it by.
  const vendor = 'Resources:\n  Trail:\n    Type: Vendor::Audit::Trail\n    Properties: {}\n';
  const broken = 'Resources:\n  Trail: [\n';

  it('are read even when their content would not be recognised', () => {
    assert.deepEqual(lintDocument({ file: 'a.tpl', text: vendor }, {}, undefined, TRAIL_RULES), {
      format: undefined,
      findings: [],
      problems: [],
    });
    assert.deepEqual(
      lintDocument({ file: 'a.tpl', text: vendor }, { assumeTemplate: true }, undefined, TRAIL_RULES),
      { format: 'cloudformation', findings: [], problems: [] },
    );
  });

  it('get their syntax errors reported instead of being passed by', () => {
    assert.equal(lintDocument({ file: 'b.tpl', text: broken }).format, undefined);
    const declared = lintDocument({ file: 'b.tpl', text: broken }, { assumeTemplate: true });
    assert.deepEqual(
      declared.problems.map((p) => p.message.startsWith('trail-lint could not read this template: ')),
      [true],
    );
  });
});
