// An AWS SSO profile whose cached token expired yesterday, in a home folder of its own: what a user has the
// morning after `aws sso login`. The SDK's SSO provider finds the token where the AWS CLI caches it
// (~/.aws/sso/cache/<sha1 of the session name>.json) and, with no refresh token, gives up without calling
// anything, so no network is involved.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes the profile and the expired token under `home`; returns the environment that uses them. */
export function expiredSsoHome(home: string, profile: string): NodeJS.ProcessEnv {
  const session = `${profile}-session`;
  const config = path.join(home, '.aws', 'config');
  const cache = path.join(home, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    config,
    [
      `[profile ${profile}]`,
      `sso_session = ${session}`,
      'sso_account_id = 123456789012',
      'sso_role_name = Auditor',
      'region = us-east-1',
      `[sso-session ${session}]`,
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = us-east-1',
      'sso_registration_scopes = sso:account:access',
      '',
    ].join('\n'),
  );
  const token = {
    accessToken: 'expired-test-token',
    expiresAt: new Date(Date.now() - 24 * 3600_000).toISOString(),
    region: 'us-east-1',
    startUrl: 'https://example.awsapps.com/start',
  };
  writeFileSync(
    path.join(cache, `${createHash('sha1').update(session).digest('hex')}.json`),
    JSON.stringify(token),
  );
  return {
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    // The moto environment's static keys would win over the profile: none here.
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
  };
}
