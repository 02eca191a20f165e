// Text built of pieces, as lowered templates and heredoc JSON strings are: one string when every piece is
// known, otherwise an `Fn::Join` the resolver reads piece by piece (unknown pieces stay unknown).
import { mapNode, scalarNode, seqNode, type SourceNode } from '../source/node';

export function joinedText(parts: SourceNode[], start: number, end: number): SourceNode {
  if (parts.every((p) => p.kind === 'scalar'))
    return scalarNode(
      parts.map((p) => (p.kind === 'scalar' ? String(p.value ?? '') : '')).join(''),
      start,
      end,
    );
  const join = seqNode([scalarNode('', start, start), seqNode(parts, start, end)], start, end);
  return mapNode([{ key: scalarNode('Fn::Join', start, start), value: join }], start, end);
}
