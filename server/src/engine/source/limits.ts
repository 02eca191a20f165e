// Bounds that keep hostile input from costing unbounded time or memory: past them, a file is reported as
// unreadable instead of being linted. Defaults here; a project changes them in its configuration file
// (`limits:` in .trail-lint.yaml, see docs/limits.md).

export interface SourceLimits {
  /** Upper bound on nodes, counting every expansion of a YAML alias. */
  maxExpandedNodes: number;
  /** Upper bound on nesting, so that hostile files cannot exhaust the stack. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: SourceLimits = { maxExpandedNodes: 2_000_000, maxDepth: 500 };

/**
 * Files larger than this are neither read (CLI) nor linted (language server). CloudFormation takes templates
 * of at most 1 MB (from S3; 51,200 bytes inline), so 10 MB leaves room for CDK output and Terraform plan
 * JSON while bounding a lint to seconds: YAML parses at about 2 MB/s.
 */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Why a file of `bytes` is not linted under `max`, or undefined when it is small enough. */
export function fileTooLarge(bytes: number, max: number): string | undefined {
  if (bytes <= max) return undefined;
  return `not linted: the file is ${megabytes(bytes)}, over the maximum file size of ${megabytes(max)} (limits.maxFileSize in .trail-lint.yaml)`;
}

/** Why a document nested deeper than `maxDepth` is not linted (the same words for YAML and JSON). */
export function nestsTooDeep(maxDepth: number): string {
  return `the document nests deeper than ${maxDepth} levels; it is not linted`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 3 : 1)} MB`;
}

/**
 * Thrown while converting a document that cannot be read safely: past a limit (alias "billion laughs",
 * absurd nesting) or with an alias that points nowhere. The document is not linted.
 */
export class SourceRejected extends Error {}
