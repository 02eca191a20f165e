// The catalog, in id order. Registration is explicit (greppable, bundler-friendly); a test checks that it
// matches the rule files, their docs pages and the settings schema.
import { CT001 } from './CT001-trail-multi-region';
import { CT002 } from './CT002-trail-global-service-events';
import { CT003 } from './CT003-trail-log-file-validation';
import { CT004 } from './CT004-trail-kms-encryption';
import { CT005 } from './CT005-trail-cloudwatch-logs';
import { CT006 } from './CT006-trail-logging-on';
import { IAM001 } from './IAM001-cloudtrail-full-access';
import { S3004 } from './S3004-log-bucket-mfa-delete';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [CT001, CT002, CT003, CT004, CT005, CT006, S3004, IAM001];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
