// The live findings tree: findings grouped by trail and resource (a shared bucket under each of its
// trails), what belongs to no trail under "Account", and the node fields the view relies on.
import { strict as assert } from 'node:assert';
import type { LiveCheckResult, LiveFindingData } from '../../../client/src/live-protocol';
import { buildLiveTree, countFindings, type LiveNode } from '../../../client/src/live-tree';

const ACCOUNT = '111122223333';
const TRAIL_A = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org-audit`;
const TRAIL_B = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/eu-audit`;
const BUCKET = 'arn:aws:s3:::audit-logs';
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const GROUP = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:cloudtrail/audit`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Admin`;

function finding(ruleId: string, arn: string, extra: Partial<LiveFindingData> = {}): LiveFindingData {
  return {
    ruleId,
    severity: 'warning',
    message: `${ruleId} message.`,
    arn,
    resource: undefined,
    notVerified: false,
    docs: `https://example.com/docs/${ruleId}.md`,
    ...extra,
  };
}

function result(findings: LiveFindingData[]): LiveCheckResult {
  return {
    summary: {
      account: ACCOUNT,
      trails: 2,
      regions: ['us-east-1', 'eu-west-1'],
      skippedRegions: [],
      findings: { error: 0, warning: 0, info: 0 },
      notVerified: [],
      elapsedMs: 1000,
    },
    findings,
    trails: [
      { arn: TRAIL_A, name: 'org-audit', homeRegion: 'us-east-1', resources: [BUCKET, KEY, GROUP] },
      { arn: TRAIL_B, name: 'eu-audit', homeRegion: 'eu-west-1', resources: [BUCKET] },
    ],
    reports: { json: '{}', sarif: '{}' },
  };
}

/** The tree as labels, indented: what someone sees in the view. */
function outline(nodes: LiveNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.label} — ${n.description}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe('live findings tree (VS Code client)', () => {
  it('groups findings by trail, then by resource; a shared bucket appears under each of its trails', () => {
    const tree = buildLiveTree(
      result([
        finding('CT004', TRAIL_A, { severity: 'error' }),
        finding('S3001', BUCKET),
        finding('S3005', BUCKET, { severity: 'info', notVerified: true }),
        finding('CW001', `${GROUP}:*`, { severity: 'info' }),
      ]),
    );
    assert.deepEqual(outline(tree), [
      'org-audit — us-east-1 · 1 error, 1 warning, 1 info, 1 not verified',
      '  org-audit — trail · 1 error',
      '    CT004 CT004 message. — error',
      '  audit-logs — S3 bucket · 1 warning, 1 not verified',
      '    S3001 S3001 message. — warning',
      '    S3005 S3005 message. — not verified',
      '  cloudtrail/audit — log group · 1 info',
      '    CW001 CW001 message. — info',
      'eu-audit — eu-west-1 · 1 warning, 1 not verified',
      '  audit-logs — S3 bucket · 1 warning, 1 not verified',
      '    S3001 S3001 message. — warning',
      '    S3005 S3005 message. — not verified',
    ]);
    const ids = (nodes: LiveNode[]): string[] => nodes.flatMap((n) => [n.id, ...ids(n.children)]);
    const all = ids(tree);
    assert.equal(new Set(all).size, all.length, 'ids are unique, though the bucket appears twice');
  });

  it('puts findings about no trail or trail resource under "Account", first', () => {
    const tree = buildLiveTree(
      result([
        finding('LIVE001', ACCOUNT, { severity: 'error' }),
        finding('IAM001', ROLE),
        finding('S3001', BUCKET),
      ]),
    );
    const [account, ...trails] = tree;
    assert.equal(account?.kind, 'account');
    assert.equal(account.label, 'Account');
    assert.equal(account.description, `${ACCOUNT} · 1 error, 1 warning`);
    assert.deepEqual(
      account.children.map((c) => [c.label, c.description, c.console]),
      [
        [ACCOUNT, 'account · 1 error', undefined],
        ['Admin', 'IAM role · 1 warning', 'https://console.aws.amazon.com/iam/home#/roles/Admin'],
      ],
    );
    assert.deepEqual(
      trails.map((t) => t.label),
      ['org-audit', 'eu-audit'],
    );
  });

  it('lists every trail, a clean one without children, and no Account node when nothing belongs there', () => {
    const tree = buildLiveTree(result([]));
    assert.deepEqual(outline(tree), [
      'org-audit — us-east-1 · no findings',
      'eu-audit — eu-west-1 · no findings',
    ]);
    assert.equal(tree[0]?.console?.startsWith('https://console.aws.amazon.com/cloudtrailv2/'), true);
  });

  it('gives finding nodes what the view needs: the message as tooltip, the docs link, the resource', () => {
    const [trail] = buildLiveTree(result([finding('CT004', TRAIL_A, { severity: 'error' })]));
    const node = trail?.children[0]?.children[0];
    assert.ok(node?.kind === 'finding');
    assert.equal(node.tooltip, 'CT004 message.');
    assert.equal(node.docs, 'https://example.com/docs/CT004.md');
    assert.equal(node.arn, TRAIL_A);
    assert.equal(node.icon, 'error');
    assert.ok(node.console);
  });

  it('sorts findings worst first, those not verified last', () => {
    const [trail] = buildLiveTree(
      result([
        finding('CT009', TRAIL_A, { severity: 'info' }),
        finding('CT002', TRAIL_A, { severity: 'error', notVerified: true }),
        finding('CT004', TRAIL_A, { severity: 'error' }),
        finding('CT003', TRAIL_A),
      ]),
    );
    assert.deepEqual(
      trail?.children[0]?.children.map((f) => f.ruleId),
      ['CT004', 'CT003', 'CT009', 'CT002'],
    );
  });

  it('counts findings in words', () => {
    assert.equal(countFindings([]), 'no findings');
    assert.equal(
      countFindings([
        { severity: 'error', notVerified: false },
        { severity: 'error', notVerified: false },
        { severity: 'info', notVerified: false },
        { severity: 'warning', notVerified: true },
      ]),
      '2 errors, 1 info, 1 not verified',
    );
  });
});
