// Tokenizes real text with the real YAML/JSON TextMate grammars (tm-grammars) plus our injection grammar,
// wired the way VS Code wires `contributes.grammars[].injectTo`, and checks the scopes token by token.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type IOnigLib } from 'vscode-textmate';

const INJECTION_SCOPE = 'cloudformation.intrinsics.injection';
const INTRINSIC = 'support.function.intrinsic.cloudformation';
const PSEUDO = 'variable.language.pseudo-parameter.cloudformation';
const SUBSTITUTION = 'variable.other.substitution.cloudformation';
const ESCAPE = 'constant.character.escape.substitution.cloudformation';
const EXPRESSION = 'meta.template.expression.cloudformation';
const EXPRESSION_BEGIN = 'punctuation.definition.template-expression.begin.cloudformation';
const EXPRESSION_END = 'punctuation.definition.template-expression.end.cloudformation';

const TAGS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'Condition',
  'FindInMap',
  'Select',
  'Split',
  'ImportValue',
  'Base64',
  'Cidr',
  'GetAZs',
  'Transform',
  'ToJsonString',
  'Length',
  'ForEach',
];
const FN_KEYS = TAGS.filter((t) => t !== 'Ref' && t !== 'Condition').map((t) => `Fn::${t}`);
const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface Line {
  readonly number: number;
  readonly text: string;
  readonly tokens: readonly Token[];
}

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

interface PackageJson {
  name: string;
  contributes: { grammars: GrammarContribution[] };
}

interface RawRule {
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  patterns?: RawRule[];
}

interface InjectionGrammarFile extends RawRule {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, RawRule>;
}

/** Walks up from the compiled test (out/test/unit) or the source (test/unit) to the extension's root. */
function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (
      fs.existsSync(manifest) &&
      (JSON.parse(fs.readFileSync(manifest, 'utf8')) as PackageJson).name === 'trail-lint'
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no trail-lint package.json above ${__dirname}`);
    }
  }
}

const HOST_GRAMMARS: Record<string, string> = {
  'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
  'source.json': require.resolve('tm-grammars/grammars/json.json'),
  'source.json.comments': require.resolve('tm-grammars/grammars/jsonc.json'),
};

/** `items[i]`, failing the test (instead of returning undefined) when there is no such item. */
function at<T>(items: readonly T[], i: number, what: string): T {
  const item = items[i];
  assert.ok(item !== undefined, `no ${what} #${i} (only ${items.length})`);
  return item;
}

function formatLine(line: Line): string {
  const rows = line.tokens.map(
    (t) => `    [${t.start},${t.end}) ${JSON.stringify(t.text).padEnd(28)} ${t.scopes.join(' ')}`,
  );
  return `line ${line.number}: ${JSON.stringify(line.text)}\n${rows.join('\n')}`;
}

function tokenize(grammar: IGrammar, text: string): Line[] {
  let state = INITIAL;
  return text.split('\n').map((lineText, i) => {
    const result = grammar.tokenizeLine(lineText, state);
    state = result.ruleStack;
    const tokens = result.tokens.map((t) => ({
      text: lineText.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: Math.min(t.endIndex, lineText.length),
      scopes: t.scopes,
    }));
    return { number: i + 1, text: lineText, tokens };
  });
}

/** The first line (or the nth) containing `needle`. */
function lineWith(lines: readonly Line[], needle: string, nth = 0): Line {
  const found = lines.filter((l) => l.text.includes(needle));
  assert.ok(
    found.length > nth,
    `no line #${nth} containing ${JSON.stringify(needle)} in:\n${lines.map((l) => l.text).join('\n')}`,
  );
  return at(found, nth, `line containing ${JSON.stringify(needle)}`);
}

/** The token whose text is exactly `text` (the nth one on the line). */
function tokenOf(line: Line, text: string, nth = 0): Token {
  const found = line.tokens.filter((t) => t.text === text);
  assert.ok(found.length > nth, `no token #${nth} ${JSON.stringify(text)} on ${formatLine(line)}`);
  return at(found, nth, `token ${JSON.stringify(text)}`);
}

/** Asserts that the token `text` carries every scope in `expected` and none in `absent`. */
function assertToken(
  line: Line,
  text: string,
  expected: readonly string[],
  absent: readonly string[] = [],
  nth = 0,
): void {
  const token = tokenOf(line, text, nth);
  for (const scope of expected) {
    assert.ok(
      token.scopes.includes(scope),
      `token ${JSON.stringify(text)} lacks ${scope} on ${formatLine(line)}`,
    );
  }
  for (const scope of absent) {
    assert.ok(
      !token.scopes.includes(scope),
      `token ${JSON.stringify(text)} has ${scope} on ${formatLine(line)}`,
    );
  }
}

/** Tokens overlapping the nth occurrence of `substring` on the line. */
function tokensCovering(line: Line, substring: string, nth = 0): Token[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = line.text.indexOf(substring, at + 1);
    assert.ok(at >= 0, `no ${JSON.stringify(substring)} #${nth} on ${formatLine(line)}`);
  }
  const end = at + substring.length;
  return line.tokens.filter((t) => t.start < end && t.end > at);
}

const isInjected = (scope: string): boolean => scope.endsWith('.cloudformation');

/** Asserts that no character of `substring` got a CloudFormation scope, and (optionally) that all keep `hostScope`. */
function assertNotColoured(line: Line, substring: string, hostScope?: string, nth = 0): void {
  for (const token of tokensCovering(line, substring, nth)) {
    const injected = token.scopes.filter(isInjected);
    assert.deepEqual(injected, [], `${JSON.stringify(substring)} is coloured on ${formatLine(line)}`);
    if (hostScope !== undefined) {
      assert.ok(
        token.scopes.some((s) => s === hostScope || s.startsWith(`${hostScope}.`)),
        `${JSON.stringify(token.text)} in ${JSON.stringify(substring)} is not ${hostScope} on ${formatLine(line)}`,
      );
    }
  }
}

/** Per-character scopes of one line. */
function scopesPerChar(line: Line): (readonly string[])[] {
  const perChar: (readonly string[])[] = [];
  for (const t of line.tokens) {
    for (let i = t.start; i < t.end; i++) {
      perChar[i] = t.scopes;
    }
  }
  return perChar;
}

/** The tokens that got a CloudFormation scope other than meta/punctuation, as `line: text = scope`. */
function colouredTokens(lines: readonly Line[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    for (const t of line.tokens) {
      for (const scope of t.scopes.filter(isInjected)) {
        if (!scope.startsWith('meta.') && !scope.startsWith('punctuation.')) {
          out.push(`${line.number}: ${t.text} = ${scope.replace(/\.cloudformation$/, '')}`);
        }
      }
    }
  }
  return out;
}

describe('CloudFormation intrinsic-function injection grammar', () => {
  let root: string;
  let contribution: GrammarContribution;
  let injectionFile: InjectionGrammarFile;
  let withInjection: Registry;
  let hostOnly: Registry;

  before(async () => {
    root = findRepoRoot();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;
    const found = pkg.contributes.grammars.find((g) => g.scopeName === INJECTION_SCOPE);
    assert.ok(found, `package.json contributes no grammar with scopeName ${INJECTION_SCOPE}`);
    contribution = found;
    const injectionPath = path.resolve(root, contribution.path);
    const injectionText = fs.readFileSync(injectionPath, 'utf8');
    injectionFile = JSON.parse(injectionText) as InjectionGrammarFile;

    await loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
    const onigLib: Promise<IOnigLib> = Promise.resolve({
      createOnigScanner: (patterns: string[]) => new OnigScanner(patterns),
      createOnigString: (s: string) => new OnigString(s),
    });
    const loadGrammar = (scopeName: string) => {
      if (scopeName === INJECTION_SCOPE) {
        return Promise.resolve(parseRawGrammar(injectionText, injectionPath));
      }
      const file = HOST_GRAMMARS[scopeName];
      return Promise.resolve(
        file === undefined ? null : parseRawGrammar(fs.readFileSync(file, 'utf8'), file),
      );
    };
    // What VS Code does with `injectTo`: a grammar is injected into each root scope it lists.
    const injectTo = contribution.injectTo ?? [];
    withInjection = new Registry({
      onigLib,
      loadGrammar,
      getInjections: (scopeName) => (injectTo.includes(scopeName) ? [INJECTION_SCOPE] : undefined),
    });
    hostOnly = new Registry({ onigLib, loadGrammar });
  });

  async function grammarFor(registry: Registry, scopeName: string): Promise<IGrammar> {
    const grammar = await registry.loadGrammar(scopeName);
    assert.ok(grammar, `grammar ${scopeName} did not load`);
    return grammar;
  }

  const yaml = async (text: string) => tokenize(await grammarFor(withInjection, 'source.yaml'), text);
  const json = async (text: string) => tokenize(await grammarFor(withInjection, 'source.json'), text);
  const jsonc = async (text: string) =>
    tokenize(await grammarFor(withInjection, 'source.json.comments'), text);
  const fixture = (name: string) => fs.readFileSync(path.join(root, 'test/fixtures/grammar', name), 'utf8');

  describe('contribution', () => {
    it('is declared in package.json with the scopeName and injectTo targets of the host grammars', async () => {
      assert.equal(injectionFile.scopeName, INJECTION_SCOPE);
      assert.deepEqual([...(contribution.injectTo ?? [])].sort(), Object.keys(HOST_GRAMMARS).sort());
      for (const [scopeName, file] of Object.entries(HOST_GRAMMARS)) {
        assert.equal(
          (JSON.parse(fs.readFileSync(file, 'utf8')) as { scopeName: string }).scopeName,
          scopeName,
        );
      }
      const grammar = await grammarFor(withInjection, 'source.yaml');
      assert.equal(tokenOf(at(tokenize(grammar, 'a: !Ref b'), 0, 'line'), '!Ref').scopes.at(-1), INTRINSIC);
    });

    it('uses only single-line match rules and a selector aimed at the YAML and JSON roots', () => {
      const visit = (rule: RawRule, where: string): void => {
        for (const key of ['begin', 'end', 'while'] as const) {
          assert.equal(rule[key], undefined, `${where} has a ${key} rule`);
        }
        rule.patterns?.forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
      };
      visit(injectionFile, 'root');
      for (const [name, rule] of Object.entries(injectionFile.repository)) {
        visit(rule, name);
      }
      for (const part of injectionFile.injectionSelector.split(',')) {
        assert.match(
          part.trim(),
          /^(L:)?source\.(yaml|json|json\.comments)( |$)/,
          `selector part ${JSON.stringify(part)}`,
        );
      }
    });
  });

  describe('YAML short-form tags', () => {
    it('colours every intrinsic tag as one whole token after a key', async () => {
      const lines = await yaml(TAGS.map((t) => `Key${t}: !${t} value`).join('\n'));
      TAGS.forEach((t, i) =>
        assertToken(at(lines, i, 'line'), `!${t}`, [INTRINSIC], ['storage.type.tag-handle.yaml']),
      );
    });

    it('colours tags after "- ", in flow collections, after an anchor and after another tag', async () => {
      const lines = await yaml(
        [
          'List:',
          '  - !Ref Foo',
          '  - !Join [ "", [ !Ref A, !GetAtt B.Arn ] ]',
          'Map: { a: !Sub x, b: !Select [0, !GetAZs ""] }',
          'Anchored: &name !ImportValue shared',
          'UserData: !Base64 !Sub |',
          '  echo hi',
        ].join('\n'),
      );
      assertToken(lineWith(lines, '- !Ref'), '!Ref', [INTRINSIC]);
      assertToken(lineWith(lines, '!Join'), '!Join', [INTRINSIC]);
      assertToken(lineWith(lines, '!Join'), '!Ref', [INTRINSIC, 'meta.flow-sequence.yaml']);
      assertToken(lineWith(lines, '!Join'), '!GetAtt', [INTRINSIC]);
      assertToken(lineWith(lines, 'Map:'), '!Sub', [INTRINSIC, 'meta.flow-mapping.yaml']);
      assertToken(lineWith(lines, 'Map:'), '!GetAZs', [INTRINSIC]);
      assertToken(lineWith(lines, 'Anchored'), '!ImportValue', [INTRINSIC]);
      assertToken(lineWith(lines, 'Anchored'), 'name', ['entity.name.type.anchor.yaml']);
      assertToken(lineWith(lines, 'UserData'), '!Base64', [INTRINSIC]);
      assertToken(lineWith(lines, 'UserData'), '!Sub', [INTRINSIC]);
    });

    it('colours !GetAtt and leaves its argument a plain scalar', async () => {
      const line = lineWith(await yaml('Outputs:\n  Arn:\n    Value: !GetAtt Trail.Arn'), '!GetAtt');
      assertToken(line, '!GetAtt', [INTRINSIC]);
      assertNotColoured(line, 'Trail.Arn', 'string.unquoted.plain.out.yaml');
      assertNotColoured(line, 'Value', 'entity.name.tag.yaml');
    });

    it('does not colour longer or unknown tags such as !Reference', async () => {
      const lines = await yaml('A: !Reference x\nB: !Refx y\nC: !Custom z\nD: !!str w');
      assertToken(at(lines, 0, 'line'), '!Reference', ['storage.type.tag-handle.yaml'], [INTRINSIC]);
      assertToken(at(lines, 1, 'line'), '!Refx', ['storage.type.tag-handle.yaml'], [INTRINSIC]);
      assertNotColoured(at(lines, 2, 'line'), '!Custom', 'storage.type.tag-handle.yaml');
      assertNotColoured(at(lines, 3, 'line'), '!!str', 'storage.type.tag-handle.yaml');
    });

    it('does not colour words such as "Refund !Ref" in a plain scalar', async () => {
      const line = lineWith(await yaml('Tags:\n  - Key: Purpose\n    Value: Refund !Ref tracking'), 'Refund');
      assertNotColoured(line, 'Refund !Ref tracking', 'string.unquoted.plain.out.yaml');
    });

    it('does not colour tags inside quoted strings', async () => {
      const lines = await yaml(`A: '!Ref x'\nB: "!Sub y"\nC: [ '!GetAtt z' ]`);
      assertNotColoured(at(lines, 0, 'line'), '!Ref x', 'string.quoted.single.yaml');
      assertNotColoured(at(lines, 1, 'line'), '!Sub y', 'string.quoted.double.yaml');
      assertNotColoured(at(lines, 2, 'line'), '!GetAtt z', 'string.quoted.single.yaml');
    });

    it('does not colour tags in comments', async () => {
      const lines = await yaml(
        '# uses !Ref and !Sub below\n  # indented: !GetAtt\nBucket: !Ref TrailBucket # see !GetAtt too',
      );
      assertNotColoured(at(lines, 0, 'line'), '# uses !Ref and !Sub below', 'comment.line.number-sign.yaml');
      assertNotColoured(at(lines, 1, 'line'), '# indented: !GetAtt', 'comment.line.number-sign.yaml');
      assertToken(at(lines, 2, 'line'), '!Ref', [INTRINSIC]);
      assertNotColoured(at(lines, 2, 'line'), '# see !GetAtt too', 'comment.line.number-sign.yaml');
    });
  });

  describe('YAML long-form keys', () => {
    it('colours every Fn:: key and keeps the colon a mapping separator', async () => {
      const lines = await yaml(FN_KEYS.map((k) => `${k}: [a, b]`).join('\n'));
      FN_KEYS.forEach((k, i) => {
        assertToken(at(lines, i, 'line'), k, [INTRINSIC]);
        assertToken(at(lines, i, 'line'), ':', ['punctuation.separator.key-value.mapping.yaml'], [INTRINSIC]);
      });
    });

    it('colours nested Fn::Join, Ref and Fn::ForEach::Name keys', async () => {
      const lines = await yaml(
        [
          'SnsTopicName:',
          '  Fn::Join:',
          "    - '-'",
          '    - - Ref: AWS::StackName',
          '      - { Ref: AWS::Region }',
          'Fn::ForEach::Buckets:',
          '  - Name',
        ].join('\n'),
      );
      assertToken(lineWith(lines, 'Fn::Join'), 'Fn::Join', [INTRINSIC]);
      assertToken(lineWith(lines, '- Ref'), 'Ref', [INTRINSIC]);
      assertToken(lineWith(lines, '- Ref'), 'AWS::StackName', [PSEUDO]);
      assertToken(lineWith(lines, '{ Ref'), 'Ref', [INTRINSIC, 'meta.flow-mapping.yaml']);
      assertToken(lineWith(lines, 'Fn::ForEach'), 'Fn::ForEach::Buckets', [INTRINSIC]);
      assertNotColoured(lineWith(lines, 'SnsTopicName'), 'SnsTopicName', 'entity.name.tag.yaml');
    });

    it('leaves ordinary keys, the Condition attribute and policy Condition blocks uncoloured', async () => {
      const lines = await yaml(
        [
          'TrailBucket:',
          '  Type: AWS::S3::Bucket',
          '  Condition: IsProd',
          '  MyRef: value',
          '  NotFn::Sub: value',
          '  Properties:',
          '    Statement:',
          '      - Effect: Allow',
          '        Condition:',
          '          StringEquals:',
          "            aws:SourceArn: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org'",
        ].join('\n'),
      );
      assertNotColoured(lineWith(lines, 'Type:'), 'Type', 'entity.name.tag.yaml');
      assertNotColoured(lineWith(lines, 'Type:'), 'AWS::S3::Bucket', 'string.unquoted.plain.out.yaml');
      assertNotColoured(lineWith(lines, 'Condition: IsProd'), 'Condition: IsProd');
      assertNotColoured(lineWith(lines, 'MyRef'), 'MyRef', 'entity.name.tag.yaml');
      assertNotColoured(lineWith(lines, 'NotFn::Sub'), 'NotFn::Sub', 'entity.name.tag.yaml');
      assertNotColoured(lineWith(lines, 'Condition:', 1), 'Condition', 'entity.name.tag.yaml');
      assertNotColoured(lineWith(lines, 'StringEquals'), 'StringEquals', 'entity.name.tag.yaml');
    });

    it('does not colour intrinsic names used as values or without a key colon', async () => {
      const lines = await yaml('A: Fn::Join\nB: Ref:x\nC: Fn::Joiner: x\nD: prefixRef');
      assertNotColoured(at(lines, 0, 'line'), 'Fn::Join', 'string.unquoted.plain.out.yaml');
      assertNotColoured(at(lines, 1, 'line'), 'Ref:x', 'string.unquoted.plain.out.yaml');
      assertNotColoured(at(lines, 2, 'line'), 'Fn::Joiner');
      assertNotColoured(at(lines, 3, 'line'), 'prefixRef', 'string.unquoted.plain.out.yaml');
    });

    it('colours quoted intrinsic keys inside the host string', async () => {
      const lines = await yaml(`"Fn::Sub": x\n'Ref': y\nz: "Ref"`);
      assertToken(at(lines, 0, 'line'), 'Fn::Sub', [INTRINSIC, 'string.quoted.double.yaml']);
      assertToken(at(lines, 1, 'line'), 'Ref', [INTRINSIC, 'string.quoted.single.yaml']);
      assertNotColoured(at(lines, 2, 'line'), '"Ref"', 'string.quoted.double.yaml');
    });
  });

  describe('YAML pseudo parameters and substitutions', () => {
    it('colours AWS::AccountId inside a !Sub string and keeps it a string', async () => {
      const line = lineWith(
        await yaml(`Properties:\n  BucketName: !Sub '\${AWS::StackName}-logs-\${AWS::AccountId}'`),
        '!Sub',
      );
      assertToken(line, '!Sub', [INTRINSIC]);
      assertToken(line, 'AWS::AccountId', [PSEUDO, EXPRESSION, 'string.quoted.single.yaml']);
      assertToken(line, 'AWS::StackName', [PSEUDO, 'string.quoted.single.yaml']);
      assertToken(line, '${', [EXPRESSION_BEGIN, 'string.quoted.single.yaml'], [], 1);
      assertToken(line, '}', [EXPRESSION_END, 'string.quoted.single.yaml'], [], 1);
      assertNotColoured(line, '-logs-', 'string.quoted.single.yaml');
      assertToken(line, "'", ['punctuation.definition.string.end.yaml'], [], 1);
    });

    it('colours ${Name} and ${Name.Attr} in double-quoted and plain !Sub strings', async () => {
      const lines = await yaml(
        [
          'Resource: !Sub "arn:${AWS::Partition}:s3:::${TrailBucket}/AWSLogs/*"',
          'aws:SourceArn: !Sub arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/${Trail.Arn}',
        ].join('\n'),
      );
      assertToken(at(lines, 0, 'line'), 'TrailBucket', [
        SUBSTITUTION,
        EXPRESSION,
        'string.quoted.double.yaml',
      ]);
      assertToken(
        at(lines, 0, 'line'),
        'AWS::Partition',
        [PSEUDO, 'string.quoted.double.yaml'],
        [SUBSTITUTION],
      );
      assertNotColoured(at(lines, 0, 'line'), '/AWSLogs/*', 'string.quoted.double.yaml');
      assertToken(at(lines, 1, 'line'), 'Trail.Arn', [SUBSTITUTION, 'string.unquoted.plain.out.yaml']);
      assertToken(at(lines, 1, 'line'), 'AWS::Region', [PSEUDO, 'string.unquoted.plain.out.yaml']);
      assertNotColoured(at(lines, 1, 'line'), ':trail/', 'string.unquoted.plain.out.yaml');
    });

    it('colours every pseudo parameter, bare and inside a substitution', async () => {
      const lines = await yaml(PSEUDO_PARAMETERS.map((p) => `- [!Ref ${p}, !Sub 'x-\${${p}}-y']`).join('\n'));
      PSEUDO_PARAMETERS.forEach((p, i) => {
        assertToken(at(lines, i, 'line'), p, [PSEUDO], [], 0);
        assertToken(at(lines, i, 'line'), p, [PSEUDO, EXPRESSION, 'string.quoted.single.yaml'], [], 1);
      });
    });

    it('does not colour resource types or look-alike names', async () => {
      const lines = await yaml(
        'Type: AWS::S3::Bucket\nA: AWS::RegionName\nB: MyAWS::Region\nC: AWS::Region::Sub\nD: AWS::Include',
      );
      assertNotColoured(at(lines, 0, 'line'), 'AWS::S3::Bucket');
      assertNotColoured(at(lines, 1, 'line'), 'AWS::RegionName');
      assertNotColoured(at(lines, 2, 'line'), 'MyAWS::Region');
      assertNotColoured(at(lines, 3, 'line'), 'AWS::Region::Sub');
      assertNotColoured(at(lines, 4, 'line'), 'AWS::Include');
    });

    it('marks ${!Literal} as an escape and leaves shell expansions alone', async () => {
      const line = lineWith(await yaml(`Cmd: !Sub 'echo \${!Literal} \${HOME:-/root} \${ Spaced }'`), 'Cmd');
      assertToken(line, '${!', [ESCAPE, 'string.quoted.single.yaml']);
      assertNotColoured(line, 'Literal}');
      assertNotColoured(line, '${HOME:-/root}', 'string.quoted.single.yaml');
      assertNotColoured(line, '${ Spaced }', 'string.quoted.single.yaml');
    });
  });

  describe('host grammar keeps control', () => {
    it('keeps a block scalar after injected tokens a block scalar', async () => {
      const lines = await yaml(
        [
          'Collector:',
          '  Properties:',
          '    UserData: !Base64',
          '      Fn::Sub: |',
          '        #!/bin/bash -xe',
          '        echo "${AWS::StackName} ${Trail.Arn}" # not a YAML comment',
          '    Tags: !Ref AWS::NoValue',
        ].join('\n'),
      );
      assertToken(lineWith(lines, 'UserData'), '!Base64', [INTRINSIC]);
      assertToken(lineWith(lines, 'Fn::Sub'), 'Fn::Sub', [INTRINSIC]);
      assertToken(lineWith(lines, 'Fn::Sub'), '|', ['keyword.control.flow.block-scalar.literal.yaml']);
      assertNotColoured(lineWith(lines, '#!/bin/bash'), '#!/bin/bash -xe', 'string.unquoted.block.yaml');
      const echo = lineWith(lines, 'echo');
      assertToken(echo, 'AWS::StackName', [PSEUDO, 'string.unquoted.block.yaml']);
      assertToken(echo, 'Trail.Arn', [SUBSTITUTION, 'string.unquoted.block.yaml']);
      assertNotColoured(echo, '" # not a YAML comment', 'string.unquoted.block.yaml');
      const after = lineWith(lines, 'Tags');
      assertNotColoured(after, 'Tags', 'entity.name.tag.yaml');
      assertToken(after, '!Ref', [INTRINSIC], ['string.unquoted.block.yaml']);
    });

    it('keeps comments after injected tokens comments', async () => {
      const lines = await yaml(
        [
          'Fn::Sub: | # header comment with !Ref',
          '  text',
          "Name: !Sub '${AWS::Region}' # trailing ${AWS::Region}",
        ].join('\n'),
      );
      assertToken(at(lines, 0, 'line'), 'Fn::Sub', [INTRINSIC]);
      assertToken(at(lines, 0, 'line'), '#', ['punctuation.definition.comment.yaml']);
      assertNotColoured(at(lines, 0, 'line'), ' header comment with !Ref', 'comment.line.number-sign.yaml');
      assertNotColoured(at(lines, 1, 'line'), 'text', 'string.unquoted.block.yaml');
      assertToken(at(lines, 2, 'line'), 'AWS::Region', [PSEUDO, 'string.quoted.single.yaml']);
      assertNotColoured(at(lines, 2, 'line'), '# trailing ${AWS::Region}', 'comment.line.number-sign.yaml');
    });

    for (const [file, scopeName] of [
      ['template.yaml', 'source.yaml'],
      ['template.json', 'source.json'],
      ['template.jsonc', 'source.json.comments'],
    ] as const) {
      it(`scopes every character outside injected tokens exactly as the host alone does (${file})`, async () => {
        const text = fixture(file);
        const injected = tokenize(await grammarFor(withInjection, scopeName), text);
        const host = tokenize(await grammarFor(hostOnly, scopeName), text);
        let checked = 0;
        let coloured = 0;
        injected.forEach((line, n) => {
          const hostLine = at(host, n, 'host line');
          const want = scopesPerChar(hostLine);
          scopesPerChar(line).forEach((got, col) => {
            const expected = at(want, col, `column of ${formatLine(hostLine)}`);
            const ours = got.filter(isInjected);
            const rest = got.filter((s) => !isInjected(s));
            // Inside JSON strings and YAML quoted or block strings the injection only adds scopes.
            const lossless =
              ours.length === 0 ||
              scopeName !== 'source.yaml' ||
              expected.some((s) => s.startsWith('string.quoted.') || s.startsWith('string.unquoted.block.'));
            if (ours.length > 0) {
              coloured++;
            }
            if (lossless) {
              checked++;
              assert.deepEqual(
                rest,
                expected,
                `column ${col} differs from the host grammar\nwith the injection: ${formatLine(line)}\nhost only: ${formatLine(hostLine)}`,
              );
            }
          });
        });
        assert.ok(coloured > 0 && checked > coloured, `checked ${checked} characters, ${coloured} coloured`);
      });
    }

    it('colours exactly the expected tokens in a realistic YAML template', async () => {
      assert.deepEqual(colouredTokens(await yaml(fixture('template.yaml'))), [
        '4: AWS::Region = variable.language.pseudo-parameter',
        '11: !Equals = support.function.intrinsic',
        '11: !Ref = support.function.intrinsic',
        '11: AWS::Region = variable.language.pseudo-parameter',
        '12: !Not = support.function.intrinsic',
        '12: !Equals = support.function.intrinsic',
        '12: !Ref = support.function.intrinsic',
        '19: !Sub = support.function.intrinsic',
        '19: TrailName = variable.other.substitution',
        '19: AWS::AccountId = variable.language.pseudo-parameter',
        '19: AWS::Region = variable.language.pseudo-parameter',
        '26: !Ref = support.function.intrinsic',
        '34: !Sub = support.function.intrinsic',
        '34: AWS::Partition = variable.language.pseudo-parameter',
        '34: TrailBucket = variable.other.substitution',
        '34: AWS::AccountId = variable.language.pseudo-parameter',
        '37: !Sub = support.function.intrinsic',
        '37: AWS::Partition = variable.language.pseudo-parameter',
        '37: AWS::Region = variable.language.pseudo-parameter',
        '37: AWS::AccountId = variable.language.pseudo-parameter',
        '37: TrailName = variable.other.substitution',
        '46: !Join = support.function.intrinsic',
        '46: !Ref = support.function.intrinsic',
        '46: AWS::Partition = variable.language.pseudo-parameter',
        '46: !Ref = support.function.intrinsic',
        '46: AWS::AccountId = variable.language.pseudo-parameter',
        '53: !If = support.function.intrinsic',
        '53: !Ref = support.function.intrinsic',
        '53: !Ref = support.function.intrinsic',
        '53: AWS::NoValue = variable.language.pseudo-parameter',
        '54: !Ref = support.function.intrinsic',
        '55: !GetAtt = support.function.intrinsic',
        '57: Fn::GetAtt = support.function.intrinsic',
        '59: Fn::Join = support.function.intrinsic',
        '61: Ref = support.function.intrinsic',
        '61: AWS::StackName = variable.language.pseudo-parameter',
        '62: !Select = support.function.intrinsic',
        '62: !Split = support.function.intrinsic',
        '62: !Ref = support.function.intrinsic',
        '62: AWS::StackId = variable.language.pseudo-parameter',
        '68: !Select = support.function.intrinsic',
        '68: !GetAZs = support.function.intrinsic',
        '69: !Base64 = support.function.intrinsic',
        '70: Fn::Sub = support.function.intrinsic',
        '72: AWS::StackName = variable.language.pseudo-parameter',
        '72: AWS::Region = variable.language.pseudo-parameter',
        '72: Trail.Arn = variable.other.substitution',
        '73: ${! = constant.character.escape.substitution',
        '74: !ToJsonString = support.function.intrinsic',
        '74: !Ref = support.function.intrinsic',
        '74: AWS::URLSuffix = variable.language.pseudo-parameter',
        '77: !GetAtt = support.function.intrinsic',
        '79: !Sub = support.function.intrinsic',
        '79: AWS::StackName = variable.language.pseudo-parameter',
        '81: !Join = support.function.intrinsic',
        '81: !Ref = support.function.intrinsic',
        '81: AWS::NotificationARNs = variable.language.pseudo-parameter',
      ]);
    });
  });

  describe('JSON', () => {
    it('colours "Fn::Join" and "Ref" keys inside the host property-name string', async () => {
      const line = at(
        await json('{ "SnsTopicName": { "Fn::Join": ["-", [{ "Ref": "AWS::StackName" }]] } }'),
        0,
        'line',
      );
      assertToken(line, 'Fn::Join', [INTRINSIC, 'string.json', 'support.type.property-name.json']);
      assertToken(line, '"', ['punctuation.support.type.property-name.begin.json'], [INTRINSIC], 2);
      assertToken(line, '"', ['punctuation.support.type.property-name.end.json'], [INTRINSIC], 3);
      assertToken(line, 'Ref', [INTRINSIC, 'support.type.property-name.json']);
      assertToken(line, 'AWS::StackName', [PSEUDO, 'string.quoted.double.json']);
      assertNotColoured(line, 'SnsTopicName', 'support.type.property-name.json');
    });

    it('colours every Fn:: key, also before a space and a colon', async () => {
      const lines = await json(
        ['{', ...FN_KEYS.map((k) => `  "${k}" : [],`), '  "Fn::ForEach::Loop": []', '}'].join('\n'),
      );
      FN_KEYS.forEach((k, i) =>
        assertToken(at(lines, i + 1, 'line'), k, [INTRINSIC, 'support.type.property-name.json']),
      );
      assertToken(lineWith(lines, 'Loop'), 'Fn::ForEach::Loop', [INTRINSIC]);
    });

    it('leaves ordinary keys, "Condition" and intrinsic names used as values uncoloured', async () => {
      const lines = await json(
        [
          '{',
          '  "Type": "AWS::S3::Bucket",',
          '  "Condition": "IsProd",',
          '  "Tags": [{ "Key": "Ref", "Value": "Fn::Join" }],',
          '  "List": ["Fn::GetAtt", "Refund !Ref"]',
          '}',
        ].join('\n'),
      );
      assertNotColoured(at(lines, 1, 'line'), '"Type": "AWS::S3::Bucket"');
      assertNotColoured(at(lines, 2, 'line'), '"Condition"', 'support.type.property-name.json');
      assertNotColoured(at(lines, 3, 'line'), '"Ref"', 'string.quoted.double.json');
      assertNotColoured(at(lines, 3, 'line'), '"Fn::Join"', 'string.quoted.double.json');
      assertNotColoured(at(lines, 4, 'line'), '"Fn::GetAtt", "Refund !Ref"');
    });

    it('colours pseudo parameters and substitutions inside JSON strings', async () => {
      const lines = await json(
        '{ "Fn::Sub": "${TrailName}-${AWS::AccountId}-${!Literal}" }\n{ "Ref": "AWS::NoValue" }',
      );
      assertToken(at(lines, 0, 'line'), 'TrailName', [SUBSTITUTION, EXPRESSION, 'string.quoted.double.json']);
      assertToken(at(lines, 0, 'line'), 'AWS::AccountId', [PSEUDO, 'string.quoted.double.json']);
      assertToken(at(lines, 0, 'line'), '${!', [ESCAPE, 'string.quoted.double.json']);
      assertToken(at(lines, 0, 'line'), '"', ['punctuation.definition.string.end.json'], [], 3);
      assertToken(at(lines, 1, 'line'), 'AWS::NoValue', [PSEUDO, 'string.quoted.double.json']);
    });

    it('leaves JSON with comments alone inside comments (JSONC)', async () => {
      const lines = await jsonc(fixture('template.jsonc'));
      assertNotColoured(
        lineWith(lines, '// Trail'),
        '// Trail bucket; {"Ref": "TrailBucket"} and ${AWS::Region}',
      );
      assertNotColoured(lineWith(lines, '/* a block'), '"Fn::Join": []', 'comment.block.json.comments');
      assertNotColoured(
        lineWith(lines, 'second line'),
        '${AWS::AccountId} on its second line',
        'comment.block',
      );
      const trailing = lineWith(lines, 'trailing');
      assertToken(trailing, 'Ref', [INTRINSIC, 'support.type.property-name.json.comments']);
      assertNotColoured(trailing, '// trailing "Ref": comment', 'comment.line.double-slash');
      assertToken(lineWith(lines, 'trail-'), 'AWS::Region', [PSEUDO, 'string.quoted.double.json.comments']);
    });

    it('colours exactly the expected tokens in a realistic JSON template', async () => {
      assert.deepEqual(colouredTokens(await json(fixture('template.json'))), [
        '9: Fn::Sub = support.function.intrinsic',
        '9: TrailName = variable.other.substitution',
        '9: AWS::AccountId = variable.language.pseudo-parameter',
        '9: ${! = constant.character.escape.substitution',
        '16: Ref = support.function.intrinsic',
        '17: Fn::GetAtt = support.function.intrinsic',
        '18: Fn::If = support.function.intrinsic',
        '18: Ref = support.function.intrinsic',
        '18: Ref = support.function.intrinsic',
        '18: AWS::NoValue = variable.language.pseudo-parameter',
        '19: Fn::Join = support.function.intrinsic',
        '19: Ref = support.function.intrinsic',
        '19: AWS::StackName = variable.language.pseudo-parameter',
      ]);
    });
  });
});
