// Fix-all's JSON writer works on an excerpt of the resources a fix touches (fix/json-excerpt.ts); it must
// hand out exactly the edits the whole-text writer does. Every fix of every finding of the JSON rule
// fixtures and scenarios, in several layouts (as written, CRLF, tabs, 4 spaces, one space, resources in
// reverse order, comments and a trailing comma, a line per resource, one line), is asked of both; then
// fix-all runs both ways.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { intentEdits, type FixTarget } from '../../../server/src/engine/fix/apply';
import { fixTemplate } from '../../../server/src/engine/fix/fix-documents';
import type { FixIntent } from '../../../server/src/engine/fix/intents';
import { excerptFixEdits } from '../../../server/src/engine/fix/json-excerpt';
import { WriterMemo } from '../../../server/src/engine/fix/writer-memo';
import { lintDocument } from '../../../server/src/engine/lint';
import { fixAllWholeText } from '../../helpers/fix-all-whole-text';
import { FIXTURES } from '../../helpers/paths';

function templates(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const id of readdirSync(path.join(FIXTURES, 'rules'))) {
    for (const kind of ['bad', 'good']) {
      const file = path.join(FIXTURES, 'rules', id, `${kind}.json`);
      if (existsSync(file)) out.push({ name: `${id}/${kind}.json`, text: readFileSync(file, 'utf8') });
    }
  }
  const scenarios = path.join(FIXTURES, 'scenarios');
  for (const f of readdirSync(scenarios).filter((f) => f.endsWith('.json')))
    out.push({ name: `scenarios/${f}`, text: readFileSync(path.join(scenarios, f), 'utf8') });
  return out;
}

/** Re-written with an indentation unit; `reverse` puts the resources in the opposite order. */
function reindent(text: string, unit: string, reverse = false): string {
  const template = JSON.parse(text) as { Resources?: Record<string, unknown> };
  if (reverse && template.Resources)
    template.Resources = Object.fromEntries(Object.entries(template.Resources).reverse());
  return JSON.stringify(template, null, unit) + '\n';
}

/** A comment line before each resource and a trailing comma after the last: what jsonc tolerates. */
function commented(text: string): string {
  return reindent(text, '  ')
    .replace(/^( {4})("[^"]+": \{)$/gm, '$1// resource\n$1$2')
    .replace(/\n {4}\}\n {2}\}/, '\n    },\n  }');
}

/** Each resource on a line of its own; and a section after `Resources`, so that new ones go in mid-file. */
function compact(text: string): string {
  const template = JSON.parse(text) as Record<string, unknown> & { Resources?: Record<string, unknown> };
  const resources = Object.entries(template.Resources ?? {}).map(
    ([id, body]) => `    ${JSON.stringify(id)}: ${JSON.stringify(body).replace(/":/g, '": ')}`,
  );
  const rest = Object.entries(template)
    .filter(([k]) => k !== 'Resources')
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const outputs = '  "Outputs": {\n    "Note": {"Value": "after the resources"}\n  }';
  return `{\n${[...rest, `  "Resources": {\n${resources.join(',\n')}\n  }`, outputs].join(',\n')}\n}\n`;
}

const LAYOUTS: Record<string, (text: string) => string> = {
  'as written': (t) => t,
  CRLF: (t) => t.replace(/\r?\n/g, '\r\n'),
  tabs: (t) => reindent(t, '\t'),
  '4 spaces, CRLF': (t) => reindent(t, '    ').replace(/\n/g, '\r\n'),
  'one space': (t) => reindent(t, ' '),
  reversed: (t) => reindent(t, '  ', true),
  'comments, trailing comma': commented,
  'a line per resource, outputs after': compact,
  'one line': (t) => JSON.stringify(JSON.parse(t)),
};

describe('JSON fixes on an excerpt', function () {
  this.timeout(120_000);

  it('give the whole-text edits for every fix of every fixture, in every layout', () => {
    let asked = 0;
    let onExcerpt = 0;
    for (const { name, text: written } of templates()) {
      for (const [layout, lay] of Object.entries(LAYOUTS)) {
        const text = lay(written);
        const file = `t.json`;
        const result = lintDocument({ file, text });
        if (result.problems.length > 0) continue;
        const texts = new Map([[file, text]]);
        const target: FixTarget = { file, format: 'cloudformation', texts };
        for (const finding of result.findings) {
          for (const intent of finding.fixes) {
            const whole = intentEdits(intent, target);
            const excerpt = intentEdits(intent, { ...target, excerpts: true, memo: new WriterMemo() });
            assert.deepEqual(excerpt, whole, `${name} (${layout}): ${finding.ruleId} "${intent.title}"`);
            asked++;
            if (layout !== 'one line' && excerptFixEdits(file, text, intent)) onExcerpt++;
          }
        }
      }
    }
    assert.ok(asked > 500, `${asked} fixes asked`);
    // The one-line layout and comments on a resource's own line are the whole-text writer's; the rest is not.
    assert.ok(onExcerpt / asked > 0.8, `${onExcerpt} of ${asked} fixes worked out on an excerpt`);
  });

  it('leave to the whole-text writer what an excerpt cannot stand for', () => {
    const trail = (before: string, after: string): string =>
      `{\n  "Resources": {\n    ${before}"Trail": {\n      "Type": "AWS::CloudTrail::Trail",\n` +
      `      "Properties": {"IsLogging": false, "S3BucketName": "logs"}\n    }${after}\n  }\n}\n`;
    const set: FixIntent = {
      ...{ title: 't', preferred: true, safe: true },
      kind: 'set',
      resource: 'Trail',
      path: ['Properties', 'IsLogging'],
      value: true,
    };
    const cases: [string, string, FixIntent][] = [
      ['a resource sharing its line', trail('"Bucket": {"Type": "AWS::S3::Bucket"}, ', ''), set],
      [
        'a comment after a resource',
        trail('', ', // the trail\n    "Bucket": {"Type": "AWS::S3::Bucket"}'),
        set,
      ],
      ['the resource as a whole', trail('', ''), { ...set, kind: 'remove', path: [0] }],
    ];
    for (const [what, text, intent] of cases) {
      assert.equal(excerptFixEdits('t.json', text, intent), undefined, what);
      const target: FixTarget = {
        file: 't.json',
        format: 'cloudformation',
        texts: new Map([['t.json', text]]),
      };
      const whole = intentEdits(intent, target);
      assert.ok(whole?.length, what);
      assert.deepEqual(intentEdits(intent, { ...target, excerpts: true }), whole, what);
    }
  });

  it('give fix-all the whole-text result on every fixture, in every layout', () => {
    for (const { name, text: written } of templates()) {
      for (const [layout, lay] of Object.entries(LAYOUTS)) {
        const text = lay(written);
        if (lintDocument({ file: 't.json', text }).problems.length > 0) continue;
        const fixed = fixTemplate('t.json', text, {});
        const whole = fixAllWholeText('t.json', text);
        assert.equal(fixed.texts.get('t.json'), whole.texts.get('t.json'), `${name} (${layout})`);
        assert.deepEqual(fixed.log, whole.log, `${name} (${layout})`);
      }
    }
  });
});
