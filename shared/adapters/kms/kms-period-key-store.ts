/**
 * The personal-data keys per period in AWS KMS: each a symmetric customer-managed key with the
 * policy and tags of `personal-data-key-policy.ts`, yearly rotation, and an alias
 * `<alias prefix><kind>-<period>` by which the functions name it. The keys are found by their
 * aliases (`ListAliases`), their state by `DescribeKey`, the mark of an unused intake key in its
 * tag `esup:unusedSince`; a deletion is `ScheduleKeyDeletion`, after which KMS keeps the key
 * unusable for the pending window and then deletes it with its aliases.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { awsClientConfig, nameOverloadOf } from '../aws/dependency-overload.ts';
import type { PeriodKeyStore } from '../../application/complaints/period-key-store.ts';
import { periodKeyLabel, periodKeyOfLabel, type KnownPeriodKey, type PeriodKeyName } from '../../domain/complaints/personal-data-key-periods.ts';
import { personalDataPurpose } from './kms-personal-data-protector.ts';
import { periodKeyTags } from './personal-data-key-policy.ts';

export interface KmsPeriodKeyStoreOptions {
  readonly client: KMSClient;
  /** `alias/<prefix>-pd-` (PERSONAL_DATA_PERIOD_KEYS). */
  readonly aliasPrefix: string;
  /** The deployment prefix: the value of every key's `esup:deployment` tag. */
  readonly deployment: string;
  /** The key policy every period key is created with (PERSONAL_DATA_PERIOD_KEY_POLICY). */
  readonly keyPolicy: Readonly<Record<string, unknown>>;
}

/** The store a function's KMS client (the Lambda's region and credentials, overload named) serves. */
export const kmsPeriodKeyStore = (options: Omit<KmsPeriodKeyStoreOptions, 'client'>): KmsPeriodKeyStore =>
  new KmsPeriodKeyStore({ ...options, client: nameOverloadOf(new KMSClient(awsClientConfig()), 'kms') });

/** A key made but not aliased (a failed step, or another run's alias first) is deleted after the shortest window. */
const orphanPendingWindowDays = 7;

export class KmsPeriodKeyStore implements PeriodKeyStore {
  readonly #client: KMSClient;
  readonly #options: KmsPeriodKeyStoreOptions;

  constructor(options: KmsPeriodKeyStoreOptions) {
    this.#client = options.client;
    this.#options = options;
  }

  async list(): Promise<KnownPeriodKey[]> {
    const found: { name: PeriodKeyName; keyId: string }[] = [];
    let marker: string | undefined;
    do {
      const page = await this.#client.send(new ListAliasesCommand({ Limit: 100, ...(marker === undefined ? {} : { Marker: marker }) }));
      for (const alias of page.Aliases ?? []) {
        if (!alias.AliasName?.startsWith(this.#options.aliasPrefix) || alias.TargetKeyId === undefined) continue;
        const name = periodKeyOfLabel(alias.AliasName.slice(this.#options.aliasPrefix.length));
        if (name !== undefined) found.push({ name, keyId: alias.TargetKeyId });
      }
      marker = page.Truncated ? page.NextMarker : undefined;
    } while (marker !== undefined);
    return Promise.all(found.map((key) => this.#known(key)));
  }

  async create(name: PeriodKeyName): Promise<void> {
    const label = periodKeyLabel(name);
    const { KeyMetadata } = await this.#client.send(
      new CreateKeyCommand({
        Description: `Wraps the data keys of complainants' personal data, ${name.kind === 'intake' ? 'of complaints filed' : 'whose retention ends'} in ${name.period} (UTC) (${this.#options.deployment})`,
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyUsage: 'ENCRYPT_DECRYPT',
        Origin: 'AWS_KMS',
        MultiRegion: false,
        Policy: JSON.stringify(this.#options.keyPolicy),
        // The safety check would need the keeper to hold kms:PutKeyPolicy, the power to rewrite
        // this policy; the policy gives the account's administrators the key, which is what the
        // check protects.
        BypassPolicyLockoutSafetyCheck: true,
        Tags: [
          { TagKey: periodKeyTags.deployment, TagValue: this.#options.deployment },
          { TagKey: periodKeyTags.purpose, TagValue: personalDataPurpose },
          { TagKey: periodKeyTags.kind, TagValue: name.kind },
          { TagKey: periodKeyTags.period, TagValue: name.period },
        ],
      }),
    );
    const keyId = KeyMetadata?.KeyId;
    if (keyId === undefined) throw new Error('KMS CreateKey returned no key id');
    try {
      await this.#client.send(new EnableKeyRotationCommand({ KeyId: keyId }));
      await this.#client.send(new CreateAliasCommand({ AliasName: `${this.#options.aliasPrefix}${label}`, TargetKeyId: keyId }));
    } catch (error) {
      // Never leave a key no alias names (nothing would ever find it again to delete it).
      await this.#client.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: orphanPendingWindowDays })).catch(() => undefined);
      // Another run made the key first: it is there, as wanted.
      if (error instanceof Error && error.name === 'AlreadyExistsException') return;
      throw error;
    }
  }

  async markUnused(key: KnownPeriodKey, since: string): Promise<void> {
    await this.#client.send(new TagResourceCommand({ KeyId: key.keyId, Tags: [{ TagKey: periodKeyTags.unusedSince, TagValue: since }] }));
  }

  async markInUse(key: KnownPeriodKey): Promise<void> {
    await this.#client.send(new TagResourceCommand({ KeyId: key.keyId, Tags: [{ TagKey: periodKeyTags.unusedSince, TagValue: '' }] }));
  }

  async scheduleDeletion(key: KnownPeriodKey, pendingWindowDays: number): Promise<string> {
    const { DeletionDate } = await this.#client.send(new ScheduleKeyDeletionCommand({ KeyId: key.keyId, PendingWindowInDays: pendingWindowDays }));
    if (DeletionDate === undefined) throw new Error('KMS ScheduleKeyDeletion returned no deletion date');
    return DeletionDate.toISOString();
  }

  async #known(key: { name: PeriodKeyName; keyId: string }): Promise<KnownPeriodKey> {
    const { KeyMetadata } = await this.#client.send(new DescribeKeyCommand({ KeyId: key.keyId }));
    const state = KeyMetadata?.KeyState;
    const unusedSince = key.name.kind === 'intake' && state === 'Enabled' ? await this.#unusedSince(key.keyId) : undefined;
    return {
      ...key,
      pendingDeletion: state === 'PendingDeletion',
      ...(state !== 'Enabled' && state !== 'PendingDeletion' ? { disabled: true } : {}),
      ...(unusedSince === undefined ? {} : { unusedSince }),
    };
  }

  async #unusedSince(keyId: string): Promise<string | undefined> {
    const { Tags } = await this.#client.send(new ListResourceTagsCommand({ KeyId: keyId, Limit: 50 }));
    const value = Tags?.find((tag) => tag.TagKey === periodKeyTags.unusedSince)?.TagValue;
    return value === undefined || value === '' ? undefined : value;
  }
}
