/**
 * The customer-managed key that seals webhook subscribers' signing secrets: the console API
 * encrypts a new secret (creation, rotation) and can never decrypt one; the delivery function
 * decrypts it to sign and can never encrypt. Each secret is sealed under the encryption context
 * `{ purpose: webhook-secret, subscription: <id> }`, so a sealed secret copied onto another
 * subscription does not open. The key policy keeps the account's administration but refuses
 * encryption and decryption to every principal but the roles named for them
 * (`<prefix>-whs-seal-*`, `<prefix>-whs-open-*`): an operator who can read the table cannot read a secret.
 */
import { Arn, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement, type IRole } from 'aws-cdk-lib/aws-iam';
import { Key, type IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** What a function does with webhook secrets (`FunctionSpec.webhookSecrets`). */
export type WebhookSecretAccess = 'seal' | 'open';

/** The encryption context's purpose every sealed secret carries (the grants require it). */
export const webhookSecretPurpose = 'webhook-secret';

const longestIamRoleName = 64;
const rolePrefixes = (prefix: string) => ({ seal: `${prefix}-whs-seal-`, open: `${prefix}-whs-open-` });

/** Physical name of a webhook-secret function's role: the key policy lets only these encrypt or decrypt. */
export const webhookSecretRoleName = (prefix: string, functionName: string, access: WebhookSecretAccess): string => {
  const name = `${rolePrefixes(prefix)[access]}${functionName}`;
  if (name.length > longestIamRoleName) {
    throw new Error(`role name ${name} is longer than ${longestIamRoleName} characters; shorten the prefix or the function name`);
  }
  return name;
};

/** The webhook-secret key of one deployment, retained on stack deletion, rotated yearly. */
export class WebhookSecretKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { readonly prefix: string }) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      alias: `alias/${props.prefix}-webhook-secrets`,
      description: `Seals the signing secrets of webhook subscriptions (${props.prefix})`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const roleArnLike = (access: WebhookSecretAccess): string =>
      Arn.format({ service: 'iam', region: '', resource: 'role', resourceName: `${rolePrefixes(props.prefix)[access]}*` }, Stack.of(this));
    for (const [access, action, sid] of [
      ['seal', 'kms:Encrypt', 'OnlyTheConsoleApiSealsSecrets'],
      ['open', 'kms:Decrypt', 'OnlyTheDeliveriesOpenSecrets'],
    ] as const) {
      this.key.addToResourcePolicy(
        new PolicyStatement({
          sid,
          effect: Effect.DENY,
          principals: [new AnyPrincipal()],
          actions: [action],
          resources: ['*'],
          conditions: { ArnNotLike: { 'aws:PrincipalArn': roleArnLike(access) } },
        }),
      );
    }
  }
}

/** Grants a webhook-secret function its one operation on the key, for sealed secrets only (the context's purpose). */
export const grantWebhookSecrets = (role: IRole, key: IKey, access: WebhookSecretAccess): void => {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: [access === 'seal' ? 'kms:Encrypt' : 'kms:Decrypt'],
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:EncryptionContext:purpose': webhookSecretPurpose } },
    }),
  );
};
