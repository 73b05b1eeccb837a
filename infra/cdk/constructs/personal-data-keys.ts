/**
 * The customer-managed KMS keys of complainants' personal data, and who may do what with them.
 *
 * The stack holds two: an HMAC key for the keyed lookup hash, and the symmetric key that wrapped
 * every complaint's data key before keys per period existed (still opened and re-wrapped from,
 * never sealed under again; tagged `esup:kind=legacy`). Complaints are now sealed under keys per
 * month that the `personal-data-keys` function (the keeper) creates and deletes
 * (`shared/domain/complaints/personal-data-key-periods.ts`); every such key carries the
 * deployment's tags and the policy of `shared/adapters/kms/personal-data-key-policy.ts`, the same
 * as the stack's key: the account's administration, and cryptographic use refused to every
 * principal other than the personal-data function roles, and outside the purpose context.
 */
import { Arn, Aws, Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { personalDataPurpose } from '#shared/adapters/kms/kms-personal-data-protector.ts';
import { periodKeyCreationTags, periodKeyTags, personalDataRolePrefixes } from '#shared/adapters/kms/personal-data-key-policy.ts';
import { periodKeyKinds } from '#shared/domain/complaints/personal-data-key-periods.ts';

/** What a function may do with personal data (`FunctionSpec.personalData`). */
export type PersonalDataAccess = 'seal' | 'sealAndOpen';

/** The keys as the stateful stack hands them over. */
export interface PersonalDataKeySet {
  /** Symmetric key wrapping the per-complaint data keys (PERSONAL_DATA_KEY). */
  readonly dataKey: IKey;
  /** HMAC_256 key of the lookup hashes (LOOKUP_HASH_KEY). */
  readonly lookupHashKey: IKey;
}

/** The encryption-context condition every data-key grant carries. */
export const personalDataContextCondition = {
  StringEquals: { 'kms:EncryptionContext:purpose': personalDataPurpose },
} as const;

const longestIamRoleName = 64;
const rolePrefixes = personalDataRolePrefixes;

/** `alias/<prefix>-pd-`: the aliases of the keys per period (PERSONAL_DATA_PERIOD_KEYS). */
export const periodKeyAliasPrefix = (prefix: string): string => `alias/${prefix}-pd-`;

/** `arn:<partition>:kms:<region>:<account>:key/*`: the keys per period are made at run time, so grants name them by their tags. */
// Written with the pseudo parameters, not the stack's literal region and account, so the
// template (and the cdk-nag finding the acknowledgment names) reads the same for every deployment.
const everyKeyOf = (_scope: Construct): string => `arn:${Aws.PARTITION}:kms:${Aws.REGION}:${Aws.ACCOUNT_ID}:key/*`;

/** `arn:<partition>:kms:<region>:<account>:alias/<prefix>-pd-*`: the aliases the keeper may create. */
const periodKeyAliasesOf = (prefix: string): string => `arn:${Aws.PARTITION}:kms:${Aws.REGION}:${Aws.ACCOUNT_ID}:alias/${prefix}-pd-*`;

/** The tags that make a key one of this deployment's personal-data keys. */
const personalDataKeyOf = (prefix: string, kinds?: readonly string[]): Record<string, string | string[]> => ({
  [`aws:ResourceTag/${periodKeyTags.deployment}`]: prefix,
  [`aws:ResourceTag/${periodKeyTags.purpose}`]: personalDataPurpose,
  ...(kinds === undefined ? {} : { [`aws:ResourceTag/${periodKeyTags.kind}`]: [...kinds] }),
});

/**
 * Physical name of a personal-data function's role. The key policies name these patterns, so a
 * role can only use the keys if it is one of them (and its IAM policy grants it).
 */
export const personalDataRoleName = (prefix: string, functionName: string, access: PersonalDataAccess): string => {
  const name = `${rolePrefixes(prefix)[access]}${functionName}`;
  if (name.length > longestIamRoleName) {
    throw new Error(`role name ${name} is longer than ${longestIamRoleName} characters; shorten the prefix or the function name`);
  }
  return name;
};

/** Properties of {@link PersonalDataKeys}. */
export interface PersonalDataKeysProps {
  /** Deployment prefix: aliases `alias/<prefix>-personal-data` and `alias/<prefix>-lookup-hash`. */
  readonly prefix: string;
}

/** The tags of the deployment's own personal-data key: a key the personal-data roles may open and re-wrap from. */
export const legacyPersonalDataKeyKind = 'legacy';

/** The personal-data keys of one deployment, retained on stack deletion. */
export class PersonalDataKeys extends Construct implements PersonalDataKeySet {
  readonly dataKey: Key;
  readonly lookupHashKey: Key;

  constructor(scope: Construct, id: string, props: PersonalDataKeysProps) {
    super(scope, id);
    const roles = rolePrefixes(props.prefix);
    const roleArnLike = (namePrefix: string): string =>
      Arn.format({ service: 'iam', region: '', resource: 'role', resourceName: `${namePrefix}*` }, Stack.of(this));

    this.dataKey = new Key(this, 'DataKey', {
      alias: `alias/${props.prefix}-personal-data`,
      description: `Wrapped the per-complaint data keys of complainants' personal data and written notices before keys per month (${props.prefix}); opened, never sealed under`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const dataKeyUse = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyForComplaintPersonalData',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: dataKeyUse,
        resources: ['*'],
        conditions: { StringNotEquals: personalDataContextCondition.StringEquals },
      }),
    );
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyPersonalDataFunctionsSeal',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: dataKeyUse,
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike(roles.any) } },
      }),
    );
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyOpeningFunctionsDecrypt',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:Decrypt', 'kms:ReEncrypt*'],
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike(roles.sealAndOpen) } },
      }),
    );

    // The grants name personal-data keys by these tags, old and per period alike.
    Tags.of(this.dataKey).add(periodKeyTags.deployment, props.prefix);
    Tags.of(this.dataKey).add(periodKeyTags.purpose, personalDataPurpose);
    Tags.of(this.dataKey).add(periodKeyTags.kind, legacyPersonalDataKeyKind);

    // KMS offers no automatic rotation for HMAC keys; rotating would also change every lookup hash.
    this.lookupHashKey = new Key(this, 'LookupHashKey', {
      alias: `alias/${props.prefix}-lookup-hash`,
      description: `Keyed hash (HMAC-SHA-256) that makes complainants' personal data searchable (${props.prefix})`,
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.lookupHashKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyPersonalDataFunctionsHash',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:GenerateMac', 'kms:VerifyMac'],
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike(roles.any) } },
      }),
    );
    // Tagged as the deployment's: the keeper may tag only keys that carry no such tag (new ones).
    Tags.of(this.lookupHashKey).add(periodKeyTags.deployment, props.prefix);
  }
}

/**
 * Grants a function role exactly what its access needs, on the deployment's personal-data keys
 * (its own key and the keys per period, named by their tags, under the purpose context):
 * `seal` → data keys under an intake key, and lookup hashes; `sealAndOpen` → data keys under any
 * of them, and unwrapping; `rewrap` on top → re-wrapping a data key from any of them to a
 * retention key (finishing a complaint).
 */
export const grantPersonalData = (
  role: IRole,
  keys: PersonalDataKeySet,
  access: PersonalDataAccess,
  options: { readonly prefix: string; readonly rewrap?: boolean },
): void => {
  const everyKey = everyKeyOf(role);
  const purpose = personalDataContextCondition.StringEquals;
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: access === 'sealAndOpen' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'],
      resources: [everyKey],
      conditions: { StringEquals: { ...purpose, ...personalDataKeyOf(options.prefix, access === 'seal' ? ['intake'] : undefined) } },
    }),
  );
  if (options.rewrap === true) {
    if (access !== 'sealAndOpen') throw new Error('re-wrapping personal data needs sealAndOpen');
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['kms:ReEncryptFrom'],
        resources: [everyKey],
        conditions: { StringEquals: { ...purpose, ...personalDataKeyOf(options.prefix) } },
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['kms:ReEncryptTo'],
        resources: [everyKey],
        conditions: { StringEquals: { ...purpose, ...personalDataKeyOf(options.prefix, ['retention']) } },
      }),
    );
  }
  role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['kms:GenerateMac'], resources: [keys.lookupHashKey.keyArn] }));
};

/**
 * What the keeper (`personal-data-keys`) may do through IAM: create symmetric keys of its own
 * region and account tagged as this deployment's keys per period (and only so tagged, tagging no
 * key that already carries the deployment's tag), alias them under `alias/<prefix>-pd-`, and list
 * aliases. Everything else it does to a key — describe it, mark it unused, rotate it, schedule
 * its deletion — the key policy it creates the key with grants it, for that key only: it can
 * delete no key it did not make.
 */
export const grantPersonalDataKeyKeeping = (role: IRole, prefix: string): void => {
  const tagged = {
    [`aws:RequestTag/${periodKeyTags.deployment}`]: prefix,
    [`aws:RequestTag/${periodKeyTags.purpose}`]: personalDataPurpose,
    [`aws:RequestTag/${periodKeyTags.kind}`]: [...periodKeyKinds],
  };
  const onlyTheseTags = { 'ForAllValues:StringEquals': { 'aws:TagKeys': [...periodKeyCreationTags] } };
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:CreateKey'],
      resources: ['*'],
      conditions: {
        StringEquals: { ...tagged, 'kms:KeySpec': 'SYMMETRIC_DEFAULT', 'kms:KeyUsage': 'ENCRYPT_DECRYPT', 'kms:KeyOrigin': 'AWS_KMS' },
        ...onlyTheseTags,
        // The lockout safety check would need the keeper to hold kms:PutKeyPolicy; see KmsPeriodKeyStore.
        Bool: { 'kms:MultiRegion': 'false', 'kms:BypassPolicyLockoutSafetyCheck': 'true' },
      },
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:TagResource'],
      resources: [everyKeyOf(role)],
      conditions: { StringEquals: tagged, ...onlyTheseTags, Null: { [`aws:ResourceTag/${periodKeyTags.deployment}`]: 'true' } },
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:CreateAlias'],
      resources: [periodKeyAliasesOf(prefix)],
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['kms:CreateAlias'],
      resources: [everyKeyOf(role)],
      conditions: { StringEquals: personalDataKeyOf(prefix, periodKeyKinds) },
    }),
  );
  role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['kms:ListAliases'], resources: ['*'] }));
};
