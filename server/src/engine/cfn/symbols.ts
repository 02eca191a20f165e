// The symbol table for canonical ARNs (policy/arn.ts): what `${LogicalId}` and `${LogicalId.Arn}` stand for
// in this template, so that `!GetAtt LogBucket.Arn`, `arn:aws:s3:::${LogBucket}` and the bucket's literal name
// all compare equal.
import type { Symbols } from '../policy/arn';
import { property } from '../source/node';
import { renderParts, type Resolver } from './resolve';
import type { CfnResource, CfnTemplate } from './template';

const PARTITION = '${AWS::Partition}';
const HERE = '${AWS::Region}:${AWS::AccountId}';

/** How each resource type's Ref and Arn attribute read, given its name (or `${Id}` when it has none). */
const ARN_OF: Record<string, { nameProperty?: string; arn: (name: string, id: string) => string }> = {
  'AWS::S3::Bucket': { nameProperty: 'BucketName', arn: (name) => `arn:${PARTITION}:s3:::${name}` },
  'AWS::KMS::Key': { arn: (_name, id) => `arn:${PARTITION}:kms:${HERE}:key/\${${id}}` },
  'AWS::CloudTrail::Trail': {
    nameProperty: 'TrailName',
    arn: (name) => `arn:${PARTITION}:cloudtrail:${HERE}:trail/${name}`,
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    arn: (name) => `arn:${PARTITION}:logs:${HERE}:log-group:${name}:*`,
  },
  'AWS::IAM::Role': { arn: (_name, id) => `arn:${PARTITION}:iam::\${AWS::AccountId}:role/\${${id}}` },
  'AWS::SNS::Topic': { arn: (_name, id) => `arn:${PARTITION}:sns:${HERE}:\${${id}}` },
};

export function buildSymbols(template: CfnTemplate, resolver: Resolver): Map<string, string> {
  const symbols = new Map<string, string>();
  for (const r of template.resources.values()) {
    const spec = ARN_OF[r.type];
    if (!spec) continue;
    const name = (spec.nameProperty && literalName(r, spec.nameProperty, resolver)) ?? `\${${r.id}}`;
    if (name !== `\${${r.id}}`) symbols.set(`\${${r.id}}`, name);
    symbols.set(`\${${r.id}.Arn}`, spec.arn(name, r.id));
  }
  return symbols;
}

/** The resource's name when the template gives it fully (no parameter without default, no condition). */
function literalName(r: CfnResource, name: string, resolver: Resolver): string | undefined {
  const resolved = resolver.resolve(property(r.properties, name)?.value);
  if (resolved?.k === 'scalar' && typeof resolved.value === 'string') return resolved.value;
  if (resolved?.k === 'str' && !resolved.parts.some((p) => 'unknown' in p))
    return renderParts(resolved.parts);
  return undefined;
}

export function arnOf(symbols: Symbols, id: string): string {
  return symbols.get(`\${${id}.Arn}`) ?? `\${${id}.Arn}`;
}
