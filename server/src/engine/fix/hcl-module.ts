// What a fix knows of the Terraform module it edits: where a resource's block is (in which file, declared
// once, readable), which addresses exist, what the new resources of this fix are called, and which
// `aws_caller_identity` / `aws_partition` / `aws_region` data sources the rendered values lean on (reused
// under whatever name the module gives them, added when absent).
import type { HclBlock, HclFile } from '../source/hcl';
import type { FixRef } from './intents';
import type { Resolver } from './hcl-render';
import type { EditSet } from './hcl-edits';
import { sourceText } from './hcl-text';

export interface HclModuleFile {
  file: string;
  text: string;
  hcl: HclFile;
}

export interface Located {
  file: HclModuleFile;
  block: HclBlock;
}

/** The pseudo parameters Terraform reads from data sources, and the attribute that holds each. */
const PSEUDO: Readonly<Record<string, [string, string]>> = {
  'AWS::AccountId': ['aws_caller_identity', 'account_id'],
  'AWS::Partition': ['aws_partition', 'partition'],
  'AWS::Region': ['aws_region', 'name'],
};

export class FixContext implements Resolver {
  /** New resources of this fix: logical id → address. */
  readonly created = new Map<string, string>();
  /** Data sources to add at the end of the home file, type → name. */
  private readonly missing = new Map<string, string>();

  constructor(
    readonly files: readonly HclModuleFile[],
    readonly home: string,
  ) {}

  /** Every top-level block of a kind and type (`resource`, `aws_s3_bucket`), name optional. */
  blocks(kind: 'resource' | 'data', type: string, name?: string): Located[] {
    const out: Located[] = [];
    for (const file of this.files) {
      for (const block of file.hcl.body.blocks) {
        if (block.type !== kind || block.labels[0] !== type) continue;
        if (name !== undefined && block.labels[1] !== name) continue;
        out.push({ file, block });
      }
    }
    return out;
  }

  /** The one block of an address, when it is declared once and reads without syntax errors. */
  block(kind: 'resource' | 'data', type: string, name: string): Located | undefined {
    const found = this.blocks(kind, type, name);
    const only = found[0];
    return found.length === 1 && only && clean(only) ? only : undefined;
  }

  /** A lowered resource id (`aws_cloudtrail.main`) as its block; ids of child modules are not ours. */
  resource(id: string): Located | undefined {
    const m = /^([a-z0-9_]+)\.([A-Za-z0-9_-]+)$/.exec(id);
    return m ? this.block('resource', m[1] as string, m[2] as string) : undefined;
  }

  exists(address: string): boolean {
    const [type, name] = address.split('.');
    return (
      [...this.created.values()].includes(address) ||
      (type !== undefined && name !== undefined && this.blocks('resource', type, name).length > 0)
    );
  }

  /** `TrailKey` as a Terraform name: `trail_key`, or `trail_key_2` when the address is taken. */
  newAddress(type: string, logicalId: string): string {
    const base = logicalId
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9_]+/g, '_')
      .toLowerCase()
      .replace(/^([^a-z_])/, '_$1');
    let address = `${type}.${base}`;
    for (let i = 2; this.exists(address); i++) address = `${type}.${base}_${i}`;
    return address;
  }

  /** The address a logical id or address stands for: a resource of this fix or of the module. */
  address(id: string): string | undefined {
    const created = this.created.get(id);
    if (created) return created;
    return this.resource(id) ? id : undefined;
  }

  refExpr(ref: FixRef): string | undefined {
    const address = this.address(ref.$ref);
    if (address === undefined) return undefined;
    // A resource with `count` or `for_each` is referred to by instance (`[0]`, `[each.key]`), which a fix
    // cannot choose for the author: such a fix is not offered.
    const existing = this.created.has(ref.$ref) ? undefined : this.resource(ref.$ref);
    if (existing?.block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each'))
      return undefined;
    if (ref.attribute === 'Arn') return `${address}.arn`;
    // The `Ref` value: a bucket's name is its `id`, a log group's its `name`, a key's its `id`.
    return address.startsWith('aws_cloudwatch_log_group.') ? `${address}.name` : `${address}.id`;
  }

  pseudo(name: string): string | undefined {
    const source = PSEUDO[name];
    if (!source) return undefined;
    const [type, attribute] = source;
    const existing = this.blocks('data', type)[0]?.block.labels[1];
    const dataName = existing ?? this.missing.get(type) ?? 'current';
    if (existing === undefined) this.missing.set(type, dataName);
    return `data.${type}.${dataName}.${attribute}`;
  }

  /** Adds the data sources rendered values refer to, one line each, at the end of the home file. */
  addDataSources(edits: EditSet): boolean {
    if (this.missing.size === 0) return true;
    const file = this.files.find((f) => f.file === this.home);
    if (!file) return false;
    const lines = [...this.missing].map(([type, name]) => `data "${type}" "${name}" {}\n`).join('');
    const t = sourceText(file);
    const text = file.text;
    const lead =
      text.length === 0
        ? ''
        : text.endsWith('\n')
          ? t.isBlank(t.lineStart(text.length - 1))
            ? ''
            : '\n'
          : '\n\n';
    edits.add(file, text.length, text.length, lead + lines);
    return true;
  }
}

/** Whether no syntax problem of the file falls inside the block: a half-typed block is not edited. */
export function clean(at: Located): boolean {
  return !at.file.hcl.problems.some((p) => p.start < at.block.end && p.end > at.block.start);
}
