import { strict as assert } from 'node:assert';
import { renderParts, type Resolved } from '../../../server/src/engine/cfn/resolve';
import { child } from '../../../server/src/engine/source/node';
import { resolverOf } from '../../helpers/model';

const TEMPLATE = `
Parameters:
  WithDefault: { Type: String, Default: audit-logs }
  NoDefault: { Type: String }
Conditions:
  IsProd: !Equals [!Ref NoDefault, prod]
Mappings:
  Env: { prod: { Bucket: prod-logs } }
Resources:
  Bucket: { Type: AWS::S3::Bucket }
  Key: { Type: AWS::KMS::Key }
  Values:
    Type: Custom::Values
    Properties:
      ref: !Ref Bucket
      pseudo: !Ref AWS::Region
      novalue: !Ref AWS::NoValue
      param: !Ref WithDefault
      paramNoDefault: !Ref NoDefault
      missing: !Ref Nowhere
      getatt: !GetAtt Key.Arn
      getattList: { 'Fn::GetAtt': [Key, Arn] }
      sub: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket}/\${!Literal}/\${WithDefault}'
      subVars: !Sub ['\${Name}-x', { Name: !Ref Bucket }]
      join: !Join ['', ['arn:aws:s3:::', !Ref Bucket, '/*']]
      joinIf: !Join ['-', [a, !If [IsProd, b, c]]]
      select: !Select [1, [x, y, z]]
      findInMap: !FindInMap [Env, prod, Bucket]
      import: !ImportValue shared-bucket
      ifBranches: !If [IsProd, !Ref Bucket, !Ref AWS::NoValue]
      other: !Base64 text
      plainMap: { a: 1 }
`;

describe('intrinsic resolution', () => {
  const { template, resolver } = resolverOf(TEMPLATE);
  const props = template.resources.get('Values')?.properties;
  const resolve = (name: string): Resolved => resolver.resolve(child(props, name)) as Resolved;
  const rendered = (name: string): string => {
    const r = resolve(name);
    if (r.k === 'scalar') return String(r.value);
    assert.equal(r.k, 'str', `${name} resolves to ${r.k}`);
    return renderParts(r.parts);
  };

  it('resolves Ref to resources, pseudo parameters and AWS::NoValue', () => {
    assert.equal(rendered('ref'), '${Bucket}');
    assert.equal(rendered('pseudo'), '${AWS::Region}');
    assert.equal(resolve('novalue').k, 'novalue');
  });

  it('takes a parameter default, remembering where it came from', () => {
    const r = resolve('param');
    assert.equal(r.k, 'scalar');
    assert.equal(r.k === 'scalar' && r.value, 'audit-logs');
    assert.equal(r.k === 'scalar' && r.via?.param, 'WithDefault');
  });

  it('leaves what the template cannot tell unknown, saying why', () => {
    const why = (name: string): string => {
      const r = resolve(name);
      assert.equal(r.k, 'unknown', name);
      return r.k === 'unknown' ? r.why : '';
    };
    assert.match(why('paramNoDefault'), /parameter NoDefault, which has no default/);
    assert.match(why('missing'), /Nowhere, which is not defined/);
    assert.match(why('import'), /Fn::ImportValue/);
    assert.match(why('other'), /Fn::Base64/);
  });

  it('resolves Fn::GetAtt in both forms', () => {
    assert.equal(rendered('getatt'), '${Key.Arn}');
    assert.equal(rendered('getattList'), '${Key.Arn}');
  });

  it('resolves Fn::Sub with pseudo parameters, escapes, parameters and a variable map', () => {
    assert.equal(rendered('sub'), 'arn:${AWS::Partition}:s3:::${Bucket}/${Literal}/audit-logs');
    assert.equal(rendered('subVars'), '${Bucket}-x');
  });

  it('resolves Fn::Join, Fn::Select and Fn::FindInMap', () => {
    assert.equal(rendered('join'), 'arn:aws:s3:::${Bucket}/*');
    assert.equal(rendered('select'), 'y');
    assert.equal(rendered('findInMap'), 'prod-logs');
  });

  it('keeps both branches of Fn::If, also inside a joined string', () => {
    const r = resolve('joinIf');
    assert.equal(r.k, 'if');
    if (r.k !== 'if') return;
    assert.equal(r.cond, 'IsProd');
    assert.deepEqual(
      [r.then, r.else].map((b) => (b.k === 'scalar' ? b.value : b.k)),
      ['a-b', 'a-c'],
    );
    const branches = resolve('ifBranches');
    assert.equal(branches.k === 'if' && branches.else.k, 'novalue');
  });

  it('leaves plain maps to be read on demand', () => {
    assert.equal(resolve('plainMap').k, 'map');
  });
});
