// Links from a live finding's resource to its page in the AWS console, so that a finding is one click from
// where it is fixed. Pure (no `vscode` import). Links follow the partition: China and GovCloud accounts have
// their own console hosts, and a commercial link would only show a sign-in page.
import { parseArn } from './live-arn';

const CONSOLE_HOSTS: Record<string, string> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** The console page of the resource an ARN names; undefined for what has no page (the account id…). */
export function consoleUrl(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const host = CONSOLE_HOSTS[parsed.partition];
  if (!host) return undefined;
  const { region, name } = parsed;
  const base = `https://${host}`;
  switch (parsed.kind) {
    case 'trail':
      return `${base}/cloudtrailv2/home?region=${region}#/trails/${encodeURIComponent(arn)}`;
    case 'S3 bucket':
      // The commercial S3 console has a host of its own; the other partitions serve it under /s3.
      return parsed.partition === 'aws'
        ? `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(name)}`
        : `${base}/s3/buckets/${encodeURIComponent(name)}`;
    case 'KMS key':
      return `${base}/kms/home?region=${region}#/kms/keys/${encodeURIComponent(name)}`;
    case 'log group':
      return `${base}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${logGroupFragment(name)}`;
    case 'IAM role':
      return `${base}/iam/home#/roles/${encodeURIComponent(name)}`;
    case 'IAM user':
      return `${base}/iam/home#/users/${encodeURIComponent(name)}`;
    case 'IAM group':
      return `${base}/iam/home#/groups/${encodeURIComponent(name)}`;
    default:
      return undefined;
  }
}

/**
 * A log group name as the CloudWatch console writes it in its URL fragment: percent-encoded, then every `%`
 * written `$25` (`/aws/cloudtrail` → `$252Faws$252Fcloudtrail`); a plainly encoded name is not found.
 */
export function logGroupFragment(name: string): string {
  return encodeURIComponent(name).replace(/%/g, '$25');
}
