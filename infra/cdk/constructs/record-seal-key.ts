/**
 * The customer-managed key of the record seals (MLPS level 3, integrity of stored act records):
 * an HMAC_256 key from which the record writer and the verifier derive each hour's key with
 * `GenerateMac`. The key never leaves KMS. Its key policy keeps the account's administration but
 * refuses every MAC operation to any principal other than the roles named for record seals
 * (`<prefix>-rs-seal-*`, `<prefix>-rs-verify-*`): an operator who can change a stored record
 * cannot make its seal match.
 */
import { Arn, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage, type IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** What a function does with record seals (`FunctionSpec.recordSeals`). */
export type RecordSealAccess = 'seal' | 'verify';

const longestIamRoleName = 64;
const rolePrefixes = (prefix: string) => ({ any: `${prefix}-rs-`, seal: `${prefix}-rs-seal-`, verify: `${prefix}-rs-verify-` });

/** Physical name of a record-seal function's role: the key policy lets only these use the key. */
export const recordSealRoleName = (prefix: string, functionName: string, access: RecordSealAccess): string => {
  const name = `${rolePrefixes(prefix)[access]}${functionName}`;
  if (name.length > longestIamRoleName) {
    throw new Error(`role name ${name} is longer than ${longestIamRoleName} characters; shorten the prefix or the function name`);
  }
  return name;
};

/** Properties of {@link RecordSealKey}. */
export interface RecordSealKeyProps {
  /** Deployment prefix: alias `alias/<prefix>-record-seal`. */
  readonly prefix: string;
}

/** The record-seal key of one deployment, retained on stack deletion. */
export class RecordSealKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: RecordSealKeyProps) {
    super(scope, id);
    // KMS offers no automatic rotation for HMAC keys; a new key would need the verifier to know
    // which key sealed which hour (the seal's version prefix leaves room for that).
    this.key = new Key(this, 'Key', {
      alias: `alias/${props.prefix}-record-seal`,
      description: `Derives the hour keys of the keyed digests (seals) over stored act records (${props.prefix})`,
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const roleArnLike = Arn.format({ service: 'iam', region: '', resource: 'role', resourceName: `${rolePrefixes(props.prefix).any}*` }, Stack.of(this));
    this.key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyRecordSealFunctionsMac',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['kms:GenerateMac', 'kms:VerifyMac'],
        resources: ['*'],
        conditions: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike } },
      }),
    );
  }
}

/** Grants a record-seal function the one operation both the writer and the verifier need: deriving hour keys. */
export const grantRecordSeals = (role: IRole, key: IKey): void => {
  role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['kms:GenerateMac'], resources: [key.keyArn] }));
};
