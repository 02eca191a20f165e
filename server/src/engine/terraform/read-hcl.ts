// A `.tf` file (already read by tree-sitter into source/hcl.ts shapes) → the Terraform configuration parts
// trail-lint needs: resource and data blocks, variables with their defaults, locals, comments.
import type { HclBlock, HclFile } from '../source/hcl';
import { headerEnd } from '../source/hcl-walk';
import { emptyConfig, type TfConfig } from './config';

export function configFromHcl(file: string, hcl: HclFile): TfConfig {
  const config = emptyConfig();
  for (const block of topLevel(hcl.body.blocks, 0)) {
    const [first, second] = block.labels;
    if ((block.type === 'resource' || block.type === 'data') && first && second !== undefined) {
      config.resources.push({
        mode: block.type === 'data' ? 'data' : 'resource',
        type: first,
        name: second,
        module: '',
        file,
        at: { start: block.start, end: block.end },
        header: { start: block.typeSpan.start, end: headerEnd(block) },
        body: block.body,
      });
    } else if (block.type === 'variable' && first) {
      config.variables.push({
        name: first,
        file,
        at: { start: block.start, end: block.end },
        default: block.body.attributes.find((a) => a.name === 'default')?.value,
      });
    } else if (block.type === 'module' && first) {
      config.moduleCalls.push({ name: first, file, attributes: block.body.attributes });
    } else if (block.type === 'locals') {
      for (const a of block.body.attributes)
        config.locals.push({ name: a.name, file, nameSpan: a.nameSpan, value: a.value });
    }
  }
  for (const c of hcl.comments) config.comments.push({ ...c, file });
  for (const p of hcl.problems) config.problems.push({ ...p, file });
  return config;
}

const TOP_LEVEL = new Set(['resource', 'data', 'variable', 'locals']);

/**
 * Top-level blocks. A half-typed attribute right before a closing brace (`name =` then `}`) makes
 * tree-sitter read the rest of the file as nested in that block: such blocks are lifted back, as the
 * author wrote them at the top. (No provider schema nests a `resource` or `variable` block.)
 */
function topLevel(blocks: HclBlock[], depth: number): HclBlock[] {
  const out: HclBlock[] = [];
  for (const b of blocks) {
    out.push(b);
    if (depth < 8) liftNested(b.body.blocks, depth + 1, out);
  }
  return out;
}

/**
 * What `topLevel` lifts from below a block, pushed to `out` in its order: every block of a top-level kind
 * with labels, at any depth up to the bound (below blocks that are not lifted too), and no arrays per
 * nested block of every resource.
 */
function liftNested(blocks: HclBlock[], depth: number, out: HclBlock[]): void {
  for (const b of blocks) {
    if (TOP_LEVEL.has(b.type) && b.labels.length > 0) out.push(b);
    if (depth < 8) liftNested(b.body.blocks, depth + 1, out);
  }
}
