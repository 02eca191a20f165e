// A CloudFormation template read from a source tree: its sections, resources and parameters, indexed once.
// Detection lives here too, because "is this a template?" is answered from the same sections.
import {
  asMap,
  child,
  entry,
  scalarString,
  type MapEntry,
  type MapNode,
  type SourceNode,
} from '../source/node';

export interface CfnResource {
  id: string;
  /** The `LogicalId:` key. */
  key: SourceNode;
  /** The resource body (`Type`, `Properties`, …). */
  body: MapNode;
  type: string;
  typeEntry: MapEntry | undefined;
  properties: MapNode | undefined;
  metadata: MapNode | undefined;
  dependsOn: string[];
  condition: string | undefined;
}

export interface CfnParameter {
  name: string;
  body: MapNode | undefined;
  /** The `Default:` value node, when the parameter has one. */
  defaultValue: SourceNode | undefined;
}

export class CfnTemplate {
  readonly resources = new Map<string, CfnResource>();
  readonly parameters = new Map<string, CfnParameter>();
  readonly conditions = new Set<string>();
  readonly mappings: MapNode | undefined;
  private typeIndex: Map<string, CfnResource[]> | undefined;

  constructor(readonly root: MapNode) {
    for (const e of asMap(child(root, 'Parameters'))?.entries ?? []) {
      const name = String(e.key.value);
      const body = asMap(e.value);
      this.parameters.set(name, { name, body, defaultValue: body && entry(body, 'Default')?.value });
    }
    for (const e of asMap(child(root, 'Conditions'))?.entries ?? []) this.conditions.add(String(e.key.value));
    this.mappings = asMap(child(root, 'Mappings'));
    for (const e of asMap(child(root, 'Resources'))?.entries ?? []) {
      const body = asMap(e.value);
      if (!body) continue;
      const typeEntry = entry(body, 'Type');
      const id = String(e.key.value);
      this.resources.set(id, {
        id,
        key: e.key,
        body,
        type: scalarString(typeEntry?.value) ?? '',
        typeEntry,
        properties: asMap(child(body, 'Properties')),
        metadata: asMap(child(body, 'Metadata')),
        dependsOn: readDependsOn(child(body, 'DependsOn')),
        condition: scalarString(child(body, 'Condition')),
      });
    }
  }

  resourcesOfType(...types: string[]): CfnResource[] {
    if (types.length === 1) return [...(this.byType().get(types[0] as string) ?? [])];
    const wanted = new Set(types);
    return [...this.resources.values()].filter((r) => wanted.has(r.type));
  }

  /**
   * Resources by type, in template order, made on first use: the adapter and the linker ask for a dozen
   * types, and a scan of every resource per type made that quadratic-looking in large templates.
   */
  private byType(): Map<string, CfnResource[]> {
    if (!this.typeIndex) {
      this.typeIndex = new Map();
      for (const r of this.resources.values()) {
        const list = this.typeIndex.get(r.type);
        if (list) list.push(r);
        else this.typeIndex.set(r.type, [r]);
      }
    }
    return this.typeIndex;
  }

  /**
   * The CDK construct path of a synthesized resource, and whether it came from an L2 construct (whose
   * CloudFormation resource is its `Resource` child) or straight from an L1 `Cfn*` class.
   */
  cdkConstruct(resource: CfnResource): { path: string; level: 'L1' | 'L2' } | undefined {
    const path = scalarString(child(resource.metadata, 'aws:cdk:path'));
    if (!path) return undefined;
    const l2 = /\/(Resource|Default)$/.test(path);
    return { path: l2 ? path.replace(/\/(Resource|Default)$/, '') : path, level: l2 ? 'L2' : 'L1' };
  }

  /**
   * CDK output carries `aws:cdk:path` metadata when synthesized by the cdk CLI, and the bootstrap version
   * check (parameter `BootstrapVersion`, rule `CheckBootstrapVersion`) however it was synthesized.
   */
  isCdkOutput(): boolean {
    for (const r of this.resources.values()) if (child(r.metadata, 'aws:cdk:path')) return true;
    const bootstrap = this.parameters.get('BootstrapVersion');
    return !!bootstrap && !!child(child(this.root, 'Rules'), 'CheckBootstrapVersion');
  }
}

function readDependsOn(node: SourceNode | undefined): string[] {
  if (!node) return [];
  if (node.kind === 'seq') return node.items.map(scalarString).filter((s): s is string => s !== undefined);
  const one = scalarString(node);
  return one === undefined ? [] : [one];
}

/** Cheap text test run before any parsing: files that cannot be templates cost one scan. */
export function mayBeTemplate(text: string): boolean {
  return text.includes('AWS::') || text.includes('AWSTemplateFormatVersion');
}

/** A template has `AWSTemplateFormatVersion`, or a `Resources` map whose types start with `AWS::`. */
export function isTemplateRoot(root: SourceNode | undefined): root is MapNode {
  if (root?.kind !== 'map') return false;
  if (entry(root, 'AWSTemplateFormatVersion')) return true;
  const resources = asMap(child(root, 'Resources'));
  if (!resources) return false;
  return resources.entries.some((e) => scalarString(child(e.value, 'Type'))?.startsWith('AWS::'));
}

/** Whether a file that failed to parse still looks like a template, so that the failure is worth a word. */
export function looksLikeTemplateText(text: string): boolean {
  return /^\s*["']?(AWSTemplateFormatVersion|Resources)["']?\s*:/m.test(text) && mayBeTemplate(text);
}

/** CDK output: `aws:cdk:path` metadata, or a file inside a `cdk.out` folder. */
export function isCdkFile(path: string, template: CfnTemplate): boolean {
  return /(^|[\\/])cdk\.out[\\/]/.test(path) || template.isCdkOutput();
}
