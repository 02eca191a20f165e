// The catalog, in id order. Registration is explicit (greppable, bundler-friendly); a test checks that it
// matches the rule files, their docs pages and the settings schema.
import { CT001 } from './CT001-trail-multi-region';
import { CT002 } from './CT002-trail-global-service-events';
import { CT003 } from './CT003-trail-log-file-validation';
import { CT004 } from './CT004-trail-kms-encryption';
import { CT005 } from './CT005-trail-cloudwatch-logs';
import { CT006 } from './CT006-trail-logging-on';
import { CT007 } from './CT007-trail-management-events';
import { CT008 } from './CT008-trail-s3-data-events';
import { CT009 } from './CT009-trail-insights';
import { CT010 } from './CT010-trail-bucket-policy';
import { CT011 } from './CT011-event-data-store-kms';
import { CW001 } from './CW001-trail-change-alarm';
import { CW002 } from './CW002-trail-log-group-retention';
import { IAM001 } from './IAM001-cloudtrail-full-access';
import { IAM002 } from './IAM002-cloudtrail-wildcard';
import { IAM003 } from './IAM003-cloudtrail-tamper';
import { IAM004 } from './IAM004-log-bucket-tamper';
import { IAM005 } from './IAM005-trail-key-tamper';
import { KMS001 } from './KMS001-trail-key-rotation';
import { LIVE001 } from './LIVE001-account-multi-region-trail';
import { LIVE002 } from './LIVE002-trail-delivery-health';
import { LIVE003 } from './LIVE003-out-of-account-resource';
import { KMS002 } from './KMS002-trail-key-policy-cloudtrail';
import { KMS003 } from './KMS003-trail-key-policy-public';
import { S3001 } from './S3001-log-bucket-public-access-block';
import { S3002 } from './S3002-log-bucket-not-public';
import { S3003 } from './S3003-log-bucket-access-logging';
import { S3004 } from './S3004-log-bucket-mfa-delete';
import { S3005 } from './S3005-log-bucket-source-condition';
import { S3006 } from './S3006-log-bucket-secure-transport';
import { S3007 } from './S3007-log-bucket-object-lock';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  CT001,
  CT002,
  CT003,
  CT004,
  CT005,
  CT006,
  CT007,
  CT008,
  CT009,
  CT010,
  CT011,
  S3001,
  S3002,
  S3003,
  S3004,
  S3005,
  S3006,
  S3007,
  KMS001,
  KMS002,
  KMS003,
  IAM001,
  IAM002,
  IAM003,
  IAM004,
  IAM005,
  CW001,
  CW002,
  LIVE001,
  LIVE002,
  LIVE003,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
