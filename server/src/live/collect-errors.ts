// What a failed AWS call means for the live check: most failures are facts to report (a denied call, a
// missing bucket), recorded as a `Fetched` error; a few mean no further call can succeed (expired or
// missing credentials) and stop the check with a message that says what to do. Nothing secret leaves here:
// only an error's name and its message, with anything resembling a key or a signature blanked out.
import { ReadOnlyViolationError } from './operations';

/** Stops the whole check: the credentials are gone or expired, or nothing could be read at all. */
export class LiveCheckError extends Error {
  override readonly name = 'LiveCheckError';
}

/** The error's name as AWS reports it (`AccessDenied`, `ThrottlingException`, `ENOTFOUND`…). */
export function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'Error';
  const e = error as { name?: unknown; Code?: unknown; code?: unknown };
  if (typeof e.name === 'string' && e.name !== '' && e.name !== 'Error') return e.name;
  if (typeof e.Code === 'string' && e.Code !== '') return e.Code;
  if (typeof e.code === 'string' && e.code !== '') return e.code;
  return typeof e.name === 'string' && e.name !== '' ? e.name : 'Error';
}

export function errorMessage(error: unknown): string {
  const raw =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
  return scrub(raw);
}

/** Access key ids, session tokens and signatures never reach a report, even when a message quotes them. */
export function scrub(message: string): string {
  return message
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '<redacted>')
    .replace(/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"']+/gi, '$1<redacted>')
    .replace(
      /((?:signature|credential|session[-_ ]?token|security[-_ ]?token)["']?\s*[:=]\s*["']?)[^\s"',]{8,}/gi,
      '$1<redacted>',
    )
    .slice(0, 1000);
}

const EXPIRED_CODES = new Set(['ExpiredTokenException', 'ExpiredToken', 'TokenRefreshRequired']);
const CREDENTIAL_CODES = new Set(['CredentialsProviderError', 'TokenProviderError']);
const SSO_EXPIRED =
  /sso session .*(?:expired|invalid)|token is expired|sso token .*expired|aws sso login|refresh.*sso|the security token included in the request is expired/i;

/**
 * The error to stop the check with, or undefined when the failure concerns this call only. `profile` is
 * the profile credentials come from, for the sign-in command.
 */
export function fatalError(error: unknown, profile: string | undefined): Error | undefined {
  if (error instanceof ReadOnlyViolationError || error instanceof LiveCheckError) return error;
  const code = errorCode(error);
  const message = errorMessage(error);
  const login = `aws sso login --profile ${profile ?? 'default'}`;
  if (EXPIRED_CODES.has(code) || (CREDENTIAL_CODES.has(code) && SSO_EXPIRED.test(message)))
    return new LiveCheckError(
      `the AWS session has expired (${code}: ${message}). Sign in again with \`${login}\` (or refresh the credentials in your environment) and run the check again.`,
    );
  if (CREDENTIAL_CODES.has(code))
    return new LiveCheckError(
      `no usable AWS credentials${profile ? ` for profile "${profile}"` : ''} (${code}: ${message}). Configure the profile, or with SSO sign in with \`${login}\`.`,
    );
  return undefined;
}

/** AbortSignal's reason as an error, for a cancelled check. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new LiveCheckError('the live check was cancelled');
}
