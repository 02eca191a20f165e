// The live check's result in one line, for the findings view's message and the notification: what was
// covered (account, trails, regions and those skipped), what was found, and what could not be verified and
// why, since an audit is only as good as its gaps are visible. Pure (no `vscode` import).
import type { LiveSummary } from './live-protocol';

/** How many "not verified" reasons the line names before it says how many more there are. */
const REASONS_SHOWN = 2;

export function summaryLine(summary: LiveSummary): string {
  const { error, warning, info } = summary.findings;
  const skipped = summary.skippedRegions.length
    ? ` (skipped: ${summary.skippedRegions.map((s) => `${s.region} (${s.reason})`).join(', ')})`
    : '';
  const parts = [
    `Account ${summary.account}: ${count(summary.trails, 'trail')} in ${count(summary.regions.length, 'region')}${skipped}`,
    `${count(error, 'error')}, ${count(warning, 'warning')}, ${info} info`,
  ];
  const notVerified = summary.notVerified.reduce((n, r) => n + r.count, 0);
  if (notVerified > 0) {
    const reasons = summary.notVerified.slice(0, REASONS_SHOWN).map((r) => shortReason(r.reason));
    const more = summary.notVerified.length - REASONS_SHOWN;
    if (more > 0) reasons.push(`${more} more`);
    parts.push(`${count(notVerified, 'check')} not verified (${reasons.join(', ')})`);
  }
  return parts.join('; ');
}

/**
 * The server words a reason for a sentence ("s3:GetBucketVersioning, which was denied (missing permission
 * s3:GetBucketVersioning)"); a summary line only needs the call and what happened to it.
 */
export function shortReason(reason: string): string {
  const denied = /^(\S+), which was denied\b/.exec(reason);
  if (denied) return `${denied[1]} denied`;
  const failed = /^(\S+), which failed (\([^)]*\))/.exec(reason);
  if (failed) return `${failed[1]} failed ${failed[2]}`;
  return reason;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
