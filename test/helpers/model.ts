// Building a model straight from template text, for unit tests of resolution and adaptation.
import { strict as assert } from 'node:assert';
import { adaptTemplate } from '../../server/src/engine/cfn/adapt';
import { Resolver } from '../../server/src/engine/cfn/resolve';
import { CfnTemplate } from '../../server/src/engine/cfn/template';
import type { Model } from '../../server/src/engine/model/types';
import type { MapNode } from '../../server/src/engine/source/node';
import { parseYamlFull } from '../../server/src/engine/source/yaml-parse';

export function templateOf(yaml: string): CfnTemplate {
  const parsed = parseYamlFull(yaml);
  assert.deepEqual(parsed.problems, []);
  return new CfnTemplate(parsed.roots[0] as MapNode);
}

export function modelOf(yaml: string, file = 'template.yaml'): Model {
  return adaptTemplate(templateOf(yaml), file);
}

export function resolverOf(yaml: string): { template: CfnTemplate; resolver: Resolver } {
  const template = templateOf(yaml);
  return { template, resolver: new Resolver(template) };
}
