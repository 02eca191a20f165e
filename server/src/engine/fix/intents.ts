// What a repair means, in model terms: rules say *what* to change (set this property, append this statement,
// add this resource) and never *how* a file spells it. One writer per format (fix/yaml.ts, fix/json.ts,
// fix/hcl.ts) turns an intent into the smallest text edits in that file's own style.
//
// Paths are CloudFormation paths relative to the resource body: `['Properties', 'IsMultiRegionTrail']`,
// `['DependsOn']`, `['Properties', 'PolicyDocument', 'Statement']`. Resource ids are logical ids
// (CloudFormation) or addresses (Terraform: `aws_cloudtrail.main`; the Terraform writer maps paths to the
// provider's attributes, blocks and split resources itself).

/** A reference to a resource of the same template or module: `!Ref X`, `!GetAtt X.Arn`, `aws_kms_key.x.arn`. */
export interface FixRef {
  $ref: string;
  /** Absent: the resource's `Ref` value (a bucket's name, a key's id, a log group's name). */
  attribute?: 'Arn';
}

/**
 * A string with placeholders: `${AWS::AccountId}`, `${AWS::Partition}`, `${AWS::Region}`, `${Id}` (the
 * resource's `Ref` value) and `${Id.Arn}`. CloudFormation writes `Fn::Sub`; Terraform interpolates
 * (pseudo parameters through the `aws_caller_identity` / `aws_partition` / `aws_region` data sources).
 */
export interface FixSub {
  $sub: string;
}

export type FixValue =
  string | number | boolean | FixRef | FixSub | readonly FixValue[] | { readonly [key: string]: FixValue };

/**
 * Keys and list indices from the resource body down. An index names an item of a list as written; a list
 * written as a single item (a `Statement` that is one object) has that item at index 0.
 */
export type FixPath = readonly (string | number)[];

export interface NewResource {
  /** A CloudFormation-style logical id (`TrailKey`); the Terraform writer derives `aws_kms_key.trail_key`. */
  id: string;
  /** The CloudFormation type (`AWS::KMS::Key`); the Terraform writer knows the provider's resources. */
  type: string;
  properties: { readonly [key: string]: FixValue };
  dependsOn?: readonly string[];
}

export interface FixCommon {
  /** What the editor's action says: "Set IsMultiRegionTrail to true". */
  title: string;
  /** The one obvious repair: the editor's preferred quick-fix. */
  preferred: boolean;
  /**
   * Applied by fix-all (`source.fixAll.trail-lint`, `trail-lint --fix`): the repair cannot surprise anyone.
   * Offered-only fixes (a placeholder to fill in, a narrower policy that may break a workload) are not.
   */
  safe: boolean;
}

export type FixIntent = FixCommon &
  (
    | {
        /** Sets a value, adding the property (and any missing maps on the way) when it is absent. */
        kind: 'set';
        resource: string;
        path: FixPath;
        value: FixValue;
      }
    | { kind: 'remove'; resource: string; path: FixPath }
    | {
        /** Appends an item to a list, creating the list when absent (a scalar `DependsOn` becomes a list). */
        kind: 'append';
        resource: string;
        path: FixPath;
        value: FixValue;
      }
    | {
        /** Replaces the list item equal to `from` (IAM001: the managed policy ARN). */
        kind: 'replace';
        resource: string;
        path: FixPath;
        from: string;
        to: FixValue;
      }
    | {
        /**
         * Adds resources, then applies `then` (which may refer to them: the trail's `KMSKeyId`). With no
         * resources it is a batch: several changes as one action.
         */
        kind: 'add-resources';
        resources: readonly NewResource[];
        then: readonly FixIntent[];
      }
  );

/** An edit of one file, in UTF-16 offsets of that file's text as the writer read it. */
export interface FileEdit {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export function isRef(v: FixValue): v is FixRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '$ref' in v;
}

export function isSub(v: FixValue): v is FixSub {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && '$sub' in v;
}

/**
 * Applies non-overlapping edits of one file. Insertions at one offset keep their order in `edits`; edits
 * are applied from the end of the text so that earlier offsets stay valid.
 */
export function applyEdits(
  text: string,
  edits: readonly Pick<FileEdit, 'start' | 'end' | 'newText'>[],
): string {
  const order = edits.map((e, i) => ({ e, i }));
  order.sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  // Pieces joined once: splicing edit by edit copies the whole text per edit, and fix-all applies a thousand
  // edits to a 1 MB template in one pass. Overlapping edits (which no writer hands out) keep the old meaning.
  const pieces: string[] = [];
  let at = 0;
  for (const { e } of order) {
    if (e.start < at) return applyFromTheEnd(text, order);
    pieces.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  pieces.push(text.slice(at));
  return pieces.join('');
}

function applyFromTheEnd(
  text: string,
  order: { e: Pick<FileEdit, 'start' | 'end' | 'newText'>; i: number }[],
): string {
  order.sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  let out = text;
  for (const { e } of order) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
