// The KMS keys trails and event data stores encrypt with. An alias or a bare key id is first resolved to
// the key's ARN with DescribeKey in the user's region (the ARN then says the key's own region and account);
// each key is then read where it lives: DescribeKey, GetKeyRotationStatus, GetKeyPolicy (`default`). A key
// of another account is not read (KMS refuses GetKeyPolicy across accounts anyway): the evaluation says so.
import type { KeyMetadata } from '@aws-sdk/client-kms';
import { call, notInAccount, ownedBy, parseArn, type Context } from './collect-context';
import { iamAction } from './operations';
import type { Fetched, LiveKey } from './snapshot';

/** A key as a trail or event data store names it, and that resource's region. */
export interface KeyUse {
  id: string;
  region: string;
}

export interface KeysRead {
  /** By key ARN (by the name used, when it could not be resolved to an ARN). */
  keys: Record<string, LiveKey>;
  /** The name a trail or store used → the key under which `keys` holds it. */
  resolved: Map<string, string>;
}

type Description = Extract<LiveKey['description'], { ok: true }>['value'];

export async function readKeys(ctx: Context, uses: KeyUse[]): Promise<KeysRead> {
  const sdk = await import('@aws-sdk/client-kms');
  const describe = (arnOrId: string, region: string): Promise<Fetched<KeyMetadata>> =>
    call(ctx, 'kms', 'DescribeKey', async (options) => {
      const client = await ctx.clients.kms(region);
      const out = await client.send(new sdk.DescribeKeyCommand({ KeyId: arnOrId }), options);
      if (!out.KeyMetadata)
        throw Object.assign(new Error('DescribeKey returned no key'), { name: 'NoKeyMetadata' });
      return out.KeyMetadata;
    });

  // First, every name to an ARN (several names may be the same key).
  const firstUse = new Map<string, string>();
  for (const use of uses) if (!firstUse.has(use.id)) firstUse.set(use.id, use.region);
  const described = new Map<string, Fetched<KeyMetadata>>();
  const resolved = new Map<string, string>();
  const unresolved = new Map<string, Extract<Fetched<never>, { ok: false }>>();
  await Promise.all(
    [...firstUse].map(async ([id, region]) => {
      // A key ARN needs no resolving; another account's alias cannot be read from here.
      if (isKeyArn(id) || ownedBy(ctx, id) === false) {
        resolved.set(id, id);
        return;
      }
      const d = await describe(id, parseArn(id)?.region || region);
      if (d.ok && d.value.Arn) {
        resolved.set(id, d.value.Arn);
        described.set(d.value.Arn, d);
      } else {
        resolved.set(id, id);
        if (!d.ok) unresolved.set(id, d);
      }
    }),
  );

  const keys: Record<string, LiveKey> = {};
  await Promise.all(
    [...new Set(resolved.values())].map(async (arn) => {
      const failed = unresolved.get(arn);
      keys[arn] = failed
        ? unresolvedKey(ctx, arn, failed)
        : await readKey(ctx, sdk, arn, described.get(arn), describe, firstUse.get(arn));
    }),
  );
  return { keys, resolved };
}

async function readKey(
  ctx: Context,
  sdk: typeof import('@aws-sdk/client-kms'),
  arn: string,
  known: Fetched<KeyMetadata> | undefined,
  describe: (arnOrId: string, region: string) => Promise<Fetched<KeyMetadata>>,
  fallbackRegion: string | undefined,
): Promise<LiveKey> {
  const inAccount = ownedBy(ctx, arn);
  if (inAccount === false) {
    const owner = parseArn(arn)?.account;
    return {
      arn,
      inAccount,
      description: notInAccount(iamAction('kms', 'DescribeKey'), arn, owner),
      rotation: notInAccount(iamAction('kms', 'GetKeyRotationStatus'), arn, owner),
      policy: notInAccount(iamAction('kms', 'GetKeyPolicy'), arn, owner),
    };
  }
  const region = parseArn(arn)?.region || fallbackRegion || 'us-east-1';
  const [metadata, rotation, policy] = await Promise.all([
    known ?? describe(arn, region),
    call(ctx, 'kms', 'GetKeyRotationStatus', async (options) => {
      const client = await ctx.clients.kms(region);
      return (
        (await client.send(new sdk.GetKeyRotationStatusCommand({ KeyId: arn }), options))
          .KeyRotationEnabled ?? false
      );
    }),
    call(ctx, 'kms', 'GetKeyPolicy', async (options) => {
      const client = await ctx.clients.kms(region);
      return (
        (await client.send(new sdk.GetKeyPolicyCommand({ KeyId: arn, PolicyName: 'default' }), options))
          .Policy ?? ''
      );
    }),
  ]);
  const description: Fetched<Description> = metadata.ok
    ? { ok: true, value: descriptionOf(metadata.value) }
    : metadata;
  return { arn, inAccount, description, rotation, policy };
}

function descriptionOf(m: KeyMetadata): Description {
  return {
    keyManager: m.KeyManager ?? '',
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? '',
    keyUsage: m.KeyUsage ?? '',
    origin: m.Origin ?? '',
    keyState: m.KeyState ?? '',
  };
}

/** `arn:...:kms:region:account:key/id`, as opposed to an alias ARN, an alias name or a bare key id. */
function isKeyArn(id: string): boolean {
  const arn = parseArn(id);
  return arn?.service === 'kms' && arn.resource.startsWith('key/');
}

/** A name DescribeKey could not resolve: the other calls need the key itself, so they are not made. */
function unresolvedKey(ctx: Context, id: string, failed: Extract<Fetched<never>, { ok: false }>): LiveKey {
  const because = (operation: string): Fetched<never> => ({
    ok: false,
    action: iamAction('kms', operation),
    code: failed.code,
    message: `not read: ${id} could not be resolved to a key (${failed.action}: ${failed.message})`,
  });
  return {
    arn: id,
    inAccount: ownedBy(ctx, id),
    description: failed,
    rotation: because('GetKeyRotationStatus'),
    policy: because('GetKeyPolicy'),
  };
}
