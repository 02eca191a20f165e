// The live check behind the editor's command: the client asks the server (which alone loads the AWS SDK, on
// first use) for the profiles it may use and then for a check, reports progress as it comes, and cancels by
// cancelling the request. The answer carries the findings with their ARNs, the summary, and the JSON and
// SARIF reports the client's "Export report" writes.
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { formatLive, liveSummary, type LiveSummary } from '../cli/format-live';
import { evaluateSnapshot } from '../live/evaluate';

export const LIVE_PROFILES = 'trailLint/liveProfiles';
export const LIVE_CHECK = 'trailLint/checkLive';
export const LIVE_PROGRESS = 'trailLint/liveProgress';

export interface LiveCheckParams {
  profile?: string;
  /** Empty or absent: the default-enabled regions. */
  regions?: string[];
}

export interface LiveCheckResult {
  summary: LiveSummary;
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    arn: string;
    resource: string | undefined;
    notVerified: boolean;
    docs: string;
  }[];
  /** Each trail and the resources it uses (bucket, key, log group ARNs): the tree groups findings so. */
  trails: { arn: string; name: string; homeRegion: string; resources: string[] }[];
  reports: { json: string; sarif: string };
}

export function registerLive(connection: Connection): void {
  connection.onRequest(LIVE_PROFILES, async (): Promise<{ profiles: string[] }> => {
    const { listProfiles } = await import('../live/reader.js');
    return { profiles: await listProfiles() };
  });
  connection.onRequest(LIVE_CHECK, async (params: LiveCheckParams, token: CancellationToken) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    const { createClients, collectSnapshot } = await import('../live/reader.js');
    const snapshot = await collectSnapshot({
      clients: createClients({ profile: params.profile }),
      regions: params.regions?.length ? params.regions : undefined,
      onProgress: (message: string) => void connection.sendNotification(LIVE_PROGRESS, { message }),
      signal: abort.signal,
    });
    const evaluation = evaluateSnapshot(snapshot);
    const result: LiveCheckResult = {
      summary: liveSummary(snapshot, evaluation),
      findings: evaluation.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        arn: f.arn,
        resource: f.resource,
        notVerified: f.unverified === true,
        docs: f.docs,
      })),
      trails: snapshot.trails.map((t) => ({
        arn: t.arn,
        name: t.name,
        homeRegion: t.homeRegion,
        resources: [
          t.s3BucketName && `arn:${snapshot.partition}:s3:::${t.s3BucketName}`,
          t.kmsKeyId &&
            Object.keys(snapshot.keys).find((k) => k === t.kmsKeyId || k.endsWith(t.kmsKeyId ?? '')),
          t.cloudWatchLogsLogGroupArn?.replace(/:\*$/, ''),
        ].filter((r): r is string => typeof r === 'string' && r.length > 0),
      })),
      reports: {
        json: formatLive('json', snapshot, evaluation),
        sarif: formatLive('sarif', snapshot, evaluation),
      },
    };
    return result;
  });
}
