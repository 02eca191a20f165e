// V8 makes `text.slice(a, b)` a view into `text` (a sliced string) for anything but short results, so one
// small string taken from a document keeps the whole document alive. Caches that outlive a version of an
// open document (the YAML slice cache, the JSON resource cache) parse from a copy instead: their nodes then
// hold on to the few hundred bytes of their own slice, not to every version of a megabyte template.

/** A copy of `text` that shares no storage with the string it was sliced from. */
export function detached(text: string): string {
  // A JSON round trip always builds a new flat string; `(' ' + s).slice(1)` would be another sliced string.
  return JSON.parse(JSON.stringify(text)) as string;
}
