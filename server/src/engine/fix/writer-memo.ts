// What a writer reads from a whole text before it can place one fix (the YAML parse, the file's style and
// habits; the JSON syntax check) costs as much as the fix is small: on a 1 MB template a full parse is a
// second or two, and fix-all asks for a thousand fixes against one text per pass. A memo, handed to the
// writers through the fix target by whoever asks for many fixes of one text (fix-all, one code-action
// request), keeps that reading for the latest text only: a new text replaces it, so nothing of an old
// version outlives the next one, and a memo dropped with its request frees everything.
export class WriterMemo {
  private readonly last = new Map<string, { text: string; value: unknown }>();

  /** The value `read` gives for `text`, read once per text and `kind` (the writer's name). */
  get<T>(kind: string, text: string, read: (text: string) => T): T {
    const hit = this.last.get(kind);
    if (hit && hit.text === text) return hit.value as T;
    const value = read(text);
    this.last.set(kind, { text, value });
    return value;
  }
}
