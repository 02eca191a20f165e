/** The text a node or location covers, for readable assertions about ranges. */
export function textOf(text: string, node: { start: number; end: number } | undefined): string {
  return node ? text.slice(node.start, node.end) : '<none>';
}
