// A `.tf` file (already read by tree-sitter into source/hcl.ts shapes) → the Terraform configuration parts
// trail-lint needs: resource and data blocks, variables with their defaults, locals, comments.
import type { HclFile } from '../source/hcl';
import { emptyConfig, type TfConfig } from './config';

export function configFromHcl(file: string, hcl: HclFile): TfConfig {
  const config = emptyConfig();
  for (const block of hcl.body.blocks) {
    const [first, second] = block.labels;
    if ((block.type === 'resource' || block.type === 'data') && first && second !== undefined) {
      config.resources.push({
        mode: block.type === 'data' ? 'data' : 'resource',
        type: first,
        name: second,
        module: '',
        file,
        at: { start: block.start, end: block.end },
        header: { start: block.typeSpan.start, end: block.labelSpans.at(-1)?.end ?? block.typeSpan.end },
        body: block.body,
      });
    } else if (block.type === 'variable' && first) {
      config.variables.push({
        name: first,
        file,
        at: { start: block.start, end: block.end },
        default: block.body.attributes.find((a) => a.name === 'default')?.value,
      });
    } else if (block.type === 'locals') {
      for (const a of block.body.attributes)
        config.locals.push({ name: a.name, file, nameSpan: a.nameSpan, value: a.value });
    }
  }
  for (const c of hcl.comments) config.comments.push({ ...c, file });
  for (const p of hcl.problems) config.problems.push({ ...p, file });
  return config;
}
