// Following references between resources of one template: a trail's `S3BucketName` to its bucket, its
// `KMSKeyId` to its key (directly or through an alias), its log group ARN to its log group, a bucket policy
// to its bucket. References count through Ref, Fn::GetAtt, Fn::Sub and Fn::Join, in every Fn::If branch,
// and literal names or ARNs count when they equal a name the template gives a resource.
import type { SourceNode } from '../source/node';
import { renderParts, type Part, type Resolved, type Resolver } from './resolve';
import type { CfnResource, CfnTemplate } from './template';

export const BUCKET = 'AWS::S3::Bucket';
export const KEY = 'AWS::KMS::Key';
export const ALIAS = 'AWS::KMS::Alias';
export const LOG_GROUP = 'AWS::Logs::LogGroup';

/** Which property names a resource of each type, and how ARNs spell that name. */
const NAMING: Record<string, { property: string; fromArn: RegExp }> = {
  [BUCKET]: { property: 'BucketName', fromArn: /^arn:[^:]*:s3:::([^/]+)/ },
  [LOG_GROUP]: { property: 'LogGroupName', fromArn: /^arn:[^:]*:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/ },
  [ALIAS]: { property: 'AliasName', fromArn: /^(?:arn:[^:]*:kms:[^:]*:[^:]*:)?(alias\/.+)$/ },
};

/**
 * The text of a string with pseudo parameters replaced by colon-free marks, so that ARN patterns can split
 * `arn:${AWS::Partition}:kms:${AWS::Region}:…` on its colons; `unmask` turns a captured piece back into the
 * `${AWS::…}` spelling that names are indexed under.
 */
function maskPseudo(parts: Part[]): { text: string; unmask: (s: string) => string } {
  const names: string[] = [];
  const text = renderParts(
    parts.map((p) => {
      if (!('pseudo' in p)) return p;
      names.push(p.pseudo);
      return { lit: `\uE000${names.length - 1}\uE000` };
    }),
  );
  const unmask = (s: string): string =>
    s.replace(/\uE000(\d+)\uE000/g, (_, i: string) => `\${${names[Number(i)] ?? ''}}`);
  return { text, unmask };
}

export class Linker {
  private readonly names = new Map<string, Map<string, string>>();

  constructor(
    private readonly template: CfnTemplate,
    private readonly resolver: Resolver,
  ) {
    for (const [type, naming] of Object.entries(NAMING)) {
      const index = new Map<string, string>();
      for (const r of template.resourcesOfType(type)) {
        for (const name of this.renderedStrings(r.properties && this.property(r, naming.property)))
          index.set(name, r.id);
      }
      this.names.set(type, index);
    }
  }

  /** Ids of the resources of `type` that a property refers to, in any branch. */
  targets(node: SourceNode | undefined, type: string): string[] {
    const found = new Set<string>();
    const visit = (r: Resolved | undefined, depth: number): void => {
      if (!r || depth > 8) return;
      if (r.k === 'if') {
        visit(r.then, depth);
        visit(r.else, depth);
        return;
      }
      if (r.k !== 'str' && r.k !== 'scalar') return;
      const parts = r.k === 'str' ? r.parts : [{ lit: String(r.value) }];
      for (const part of parts) {
        if (!('ref' in part)) continue;
        const target = this.template.resources.get(part.ref);
        if (target?.type === type) found.add(target.id);
        // A key used through its alias: Ref of the alias, then the alias's TargetKeyId.
        if (type === KEY && target?.type === ALIAS)
          visit(this.resolver.resolve(this.property(target, 'TargetKeyId')), depth + 1);
      }
      if (parts.some((p) => 'unknown' in p)) return;
      const text = renderParts(parts);
      // An empty name names nothing (Terraform then generates one): two empty names are not one bucket.
      if (text === '') return;
      // Masked only when a name is not found as written (and never for keys, which no name indexes).
      let masked: ReturnType<typeof maskPseudo> | undefined;
      const byName = (t: string): string | undefined => {
        const naming = NAMING[t];
        const index = this.names.get(t);
        if (!naming || !index) return undefined;
        const written = index.get(text);
        if (written !== undefined) return written;
        masked ??= maskPseudo(parts);
        const fromArn = naming.fromArn.exec(masked.text)?.[1];
        return fromArn === undefined ? undefined : index.get(masked.unmask(fromArn));
      };
      const direct = byName(type);
      if (direct) found.add(direct);
      if (type === KEY) {
        const alias = byName(ALIAS);
        const aliasResource = alias ? this.template.resources.get(alias) : undefined;
        if (aliasResource)
          visit(this.resolver.resolve(this.property(aliasResource, 'TargetKeyId')), depth + 1);
      }
    };
    visit(this.resolver.resolve(node), 0);
    return [...found];
  }

  private property(r: CfnResource, name: string): SourceNode | undefined {
    return r.properties?.entries.find((e) => e.key.value === name)?.value;
  }

  /** Every fully known, non-empty string a property can take (one per Fn::If branch). */
  private renderedStrings(node: SourceNode | undefined): string[] {
    const out: string[] = [];
    const visit = (r: Resolved | undefined): void => {
      if (!r) return;
      if (r.k === 'if') {
        visit(r.then);
        visit(r.else);
      } else if (r.k === 'scalar' && r.value !== null && r.value !== '') {
        out.push(String(r.value));
      } else if (r.k === 'str' && !r.parts.some((p) => 'unknown' in p)) {
        const text = renderParts(r.parts);
        if (text !== '') out.push(text);
      }
    };
    visit(this.resolver.resolve(node));
    return out;
  }
}
