// The client's copy of the live check's protocol (server/src/lsp/live.ts): method names and message shapes.
// A copy, not an import: the client project cannot reach into the server's sources (its rootDir is
// client/, without a project reference to server/), and the client bundle must never pull server code.
// test/unit/client/live-protocol.test.ts fails to compile the day the two drift apart.

export const LIVE_PROFILES = 'trailLint/liveProfiles';
export const LIVE_CHECK = 'trailLint/checkLive';
export const LIVE_PROGRESS = 'trailLint/liveProgress';

export interface LiveProfilesResult {
  /** `default` first. */
  profiles: string[];
}

export interface LiveCheckParams {
  profile?: string;
  /** Empty or absent: the default-enabled regions. */
  regions?: string[];
}

export interface LiveProgressParams {
  message: string;
}

export interface LiveSummary {
  account: string;
  trails: number;
  regions: string[];
  skippedRegions: { region: string; reason: string }[];
  findings: Record<'error' | 'warning' | 'info', number>;
  /** Checks that could not be verified, by reason (the call that was denied or failed). */
  notVerified: { reason: string; count: number }[];
  elapsedMs: number;
}

export interface LiveFindingData {
  ruleId: string;
  severity: string;
  message: string;
  /** The resource the finding is about; the account id for account-wide findings. */
  arn: string;
  resource: string | undefined;
  notVerified: boolean;
  docs: string;
}

export interface LiveTrailData {
  arn: string;
  name: string;
  homeRegion: string;
  /** The bucket, key and log group ARNs the trail uses. */
  resources: string[];
}

export interface LiveCheckResult {
  summary: LiveSummary;
  findings: LiveFindingData[];
  trails: LiveTrailData[];
  reports: { json: string; sarif: string };
}
