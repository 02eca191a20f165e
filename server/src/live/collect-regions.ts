// Which regions the live check looks at, without EC2's DescribeRegions (its SDK package is too big to ship
// for one call): the regions the user names, or those enabled by default in the account's partition. A
// region that is not enabled for the account answers with an authentication-style error; such a region is
// skipped and named, never mistaken for a region without trails.

/** The commercial regions every account has enabled (opt-in regions are left to `--region`). */
export const DEFAULT_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
];

const PARTITION_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: DEFAULT_REGIONS,
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-west-1', 'us-gov-east-1'],
};

/** Where a partition's global services (IAM, and STS here) answer. */
const GLOBAL_REGION: Readonly<Record<string, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
};

export function defaultRegions(partition: string): string[] {
  return [...(PARTITION_REGIONS[partition] ?? DEFAULT_REGIONS)];
}

export function globalRegion(partition: string): string {
  return GLOBAL_REGION[partition] ?? 'us-east-1';
}

/** The partition a region belongs to, by its name: where to ask STS before the account is known. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  return 'aws';
}

const NOT_ENABLED_CODES = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'OptInRequired',
  'AuthFailure',
  // The region's endpoint does not exist (a mistyped or unknown region name).
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const NOT_ENABLED_MESSAGE =
  /not (?:enabled|subscribed)|opt[- ]?in|security token included in the request is invalid|region .*(?:disabled|not available)/i;

/** Whether a call's failure says the region is not enabled for the account (or does not exist). */
export function regionNotEnabled(code: string, message: string): boolean {
  return NOT_ENABLED_CODES.has(code) || NOT_ENABLED_MESSAGE.test(message);
}
