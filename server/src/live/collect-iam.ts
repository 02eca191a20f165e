// IAM, read once in the partition's global region: who holds AWSCloudTrail_FullAccess
// (ListEntitiesForPolicy), and the inline and customer managed policies that can touch CloudTrail
// (GetAccountAuthorizationDetails, both paginated). IAM returns policy documents URL-encoded; they are
// decoded before they are judged or kept. Only documents that name a `cloudtrail:` action, or an action
// pattern that covers CloudTrail (`*`, `cloud*:*`, a NotAction), are kept: the rest cannot matter to IAM00x.
import { callPages, type Context } from './collect-context';
import type { Fetched, LiveIam } from './snapshot';

type Policies = Extract<LiveIam['policies'], { ok: true }>['value'];
type Entities = Extract<LiveIam['fullAccessEntities'], { ok: true }>['value'];

export async function readIam(ctx: Context, region: string): Promise<LiveIam> {
  const sdk = await import('@aws-sdk/client-iam');
  const client = await ctx.clients.iam(region);
  const policyArn = `arn:${ctx.partition}:iam::aws:policy/AWSCloudTrail_FullAccess`;
  // ARNs by kind and name, from the details: ListEntitiesForPolicy gives names without paths.
  const arns = new Map<string, string>();
  const [entities, policies] = await Promise.all([
    callPages(
      ctx,
      'iam',
      'ListEntitiesForPolicy',
      (options) => sdk.paginateListEntitiesForPolicy({ client }, { PolicyArn: policyArn }, options),
      (page): Entities => [
        ...(page.PolicyRoles ?? []).map((r) => ({ kind: 'role' as const, name: r.RoleName ?? '', arn: '' })),
        ...(page.PolicyUsers ?? []).map((u) => ({ kind: 'user' as const, name: u.UserName ?? '', arn: '' })),
        ...(page.PolicyGroups ?? []).map((g) => ({
          kind: 'group' as const,
          name: g.GroupName ?? '',
          arn: '',
        })),
      ],
      // A partition without that AWS managed policy: nobody can hold it.
      { codes: ['NoSuchEntity', 'NoSuchEntityException'] },
    ),
    callPages(
      ctx,
      'iam',
      'GetAccountAuthorizationDetails',
      (options) =>
        sdk.paginateGetAccountAuthorizationDetails(
          { client },
          { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'] },
          options,
        ),
      (page): Policies => {
        const out: Policies = [];
        const inline = (
          kind: 'role' | 'user' | 'group',
          name: string | undefined,
          arn: string | undefined,
          list: { PolicyName?: string | undefined; PolicyDocument?: string | undefined }[] | undefined,
        ): void => {
          if (name && arn) arns.set(`${kind}/${name}`, arn);
          for (const p of list ?? []) {
            const document = decodeDocument(p.PolicyDocument);
            if (document !== undefined && coversCloudTrail(document))
              out.push({ kind, name: name ?? '', arn: arn ?? '', policyName: p.PolicyName, document });
          }
        };
        for (const r of page.RoleDetailList ?? []) inline('role', r.RoleName, r.Arn, r.RolePolicyList);
        for (const u of page.UserDetailList ?? []) inline('user', u.UserName, u.Arn, u.UserPolicyList);
        for (const g of page.GroupDetailList ?? []) inline('group', g.GroupName, g.Arn, g.GroupPolicyList);
        for (const p of page.Policies ?? []) {
          const version = p.PolicyVersionList?.find((v) => v.IsDefaultVersion) ?? p.PolicyVersionList?.[0];
          const document = decodeDocument(version?.Document);
          if (document !== undefined && coversCloudTrail(document))
            out.push({
              kind: 'managed-policy',
              name: p.PolicyName ?? '',
              arn: p.Arn ?? '',
              policyName: undefined,
              document,
            });
        }
        return out;
      },
    ),
  ]);
  const fullAccessEntities: Fetched<Entities> = entities.ok
    ? {
        ok: true,
        value: entities.value.map((e) => ({
          ...e,
          arn:
            arns.get(`${e.kind}/${e.name}`) ?? `arn:${ctx.partition}:iam::${ctx.account}:${e.kind}/${e.name}`,
        })),
      }
    : entities;
  return { fullAccessEntities, policies };
}

/** IAM's URL-encoded document as JSON text (one that is not encoded, as some emulators return, as it is). */
export function decodeDocument(document: string | undefined): string | undefined {
  if (document === undefined) return undefined;
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

/** Whether a policy document has a statement whose actions can include a CloudTrail action. */
export function coversCloudTrail(document: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    // Not JSON: kept when it reads like it concerns CloudTrail, for the rules to judge (and report).
    return /cloudtrail:|"\*"/i.test(document);
  }
  const statements = field(parsed, 'Statement');
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    // Everything but a few actions: CloudTrail's among them unless listed.
    if (field(statement, 'NotAction') !== undefined) return true;
    const actions = field(statement, 'Action');
    for (const action of Array.isArray(actions) ? actions : [actions])
      if (typeof action === 'string' && actionCoversCloudTrail(action)) return true;
  }
  return false;
}

/** `*`, `cloudtrail:StopLogging`, `CloudTrail:*`, `cloud*:Delete*`: the service part matches `cloudtrail`. */
function actionCoversCloudTrail(action: string): boolean {
  const service = action.split(':')[0] ?? '';
  const pattern = service
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`, 'i').test('cloudtrail');
}

function field(x: unknown, name: string): unknown {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
    ? (x as Record<string, unknown>)[name]
    : undefined;
}
