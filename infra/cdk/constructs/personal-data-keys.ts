/**
 * The two customer-managed KMS keys of complainants' personal data: a symmetric key that wraps
 * one data key per complaint (envelope encryption; deleting a complaint's wrapped key shreds its
 * fields) and an HMAC key for the keyed lookup hash. Their key policies keep the account's
 * administration but refuse cryptographic use to every principal other than the personal-data
 * function roles, and any use of the data key outside its encryption-context purpose.
 */
import { Arn, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { personalDataPurpose } from '#shared/adapters/kms/kms-personal-data-protector.ts';

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
const rolePrefixes = (prefix: string) => ({
  any: `${prefix}-pd-`,
  seal: `${prefix}-pd-seal-`,
  sealAndOpen: `${prefix}-pd-open-`,
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
      description: `Wraps the per-complaint data keys of complainants' personal data and written notices (${props.prefix})`,
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
  }
}

/**
 * Grants a function role exactly what its access needs: `seal` → data keys under the
 * personal-data purpose and lookup hashes; `sealAndOpen` → also unwrapping data keys, under the
 * same purpose.
 */
export const grantPersonalData = (role: IRole, keys: PersonalDataKeySet, access: PersonalDataAccess): void => {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: access === 'sealAndOpen' ? ['kms:GenerateDataKey', 'kms:Decrypt'] : ['kms:GenerateDataKey'],
      resources: [keys.dataKey.keyArn],
      conditions: personalDataContextCondition,
    }),
  );
  role.addToPrincipalPolicy(
    new PolicyStatement({ effect: Effect.ALLOW, actions: ['kms:GenerateMac'], resources: [keys.lookupHashKey.keyArn] }),
  );
};
