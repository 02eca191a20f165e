// What an ARN in a live check result stands for: the kind of resource and the name a person knows it by.
// The tree labels its nodes with it and the console links are built from it. Pure (no `vscode` import).

export type LiveResourceKind =
  | 'trail'
  | 'event data store'
  | 'S3 bucket'
  | 'KMS key'
  | 'KMS alias'
  | 'log group'
  | 'IAM role'
  | 'IAM user'
  | 'IAM group'
  | 'IAM policy'
  | 'account'
  | 'resource';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  kind: LiveResourceKind;
  /** The trail, bucket or log group name, the key id, the role name (without its path)… */
  name: string;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Parses `arn:partition:service:region:account:resource`. Account-wide findings carry the bare account id
 * instead of an ARN: that is an `account` too. Anything else is undefined.
 */
export function parseArn(arn: string): ParsedArn | undefined {
  if (ACCOUNT_ID.test(arn))
    return { partition: '', service: '', region: '', account: arn, kind: 'account', name: arn };
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  // The resource part may itself hold colons (`log-group:NAME:*`).
  const resource = parts.slice(5).join(':');
  const { kind, name } = classify(service, resource);
  return { partition, service, region, account, kind, name };
}

function classify(service: string, resource: string): { kind: LiveResourceKind; name: string } {
  const [type = '', ...rest] = resource.split('/');
  const last = rest.at(-1) ?? resource;
  switch (service) {
    case 'cloudtrail':
      if (type === 'trail') return { kind: 'trail', name: rest.join('/') };
      if (type === 'eventdatastore') return { kind: 'event data store', name: last };
      break;
    case 's3':
      // A bucket ARN, or an object ARN (`bucket/key`): either way the bucket is what the console shows.
      return { kind: 'S3 bucket', name: type };
    case 'kms':
      if (type === 'key') return { kind: 'KMS key', name: last };
      if (type === 'alias') return { kind: 'KMS alias', name: rest.join('/') };
      break;
    case 'logs':
      if (resource.startsWith('log-group:'))
        return { kind: 'log group', name: resource.slice('log-group:'.length).replace(/:\*$/, '') };
      break;
    case 'iam':
      // Roles, users and groups may have a path (`role/aws-reserved/sso.amazonaws.com/Name`): the console
      // addresses them by the last segment, their name.
      if (type === 'role') return { kind: 'IAM role', name: last };
      if (type === 'user') return { kind: 'IAM user', name: last };
      if (type === 'group') return { kind: 'IAM group', name: last };
      if (type === 'policy') return { kind: 'IAM policy', name: last };
      break;
  }
  return { kind: 'resource', name: resource };
}

/** The ARN as the tree and the trail's resource list compare it: a log group with or without its `:*`. */
export function normalizeArn(arn: string): string {
  return arn.replace(/^(arn:[^:]*:logs:.*:log-group:.*):\*$/, '$1');
}
