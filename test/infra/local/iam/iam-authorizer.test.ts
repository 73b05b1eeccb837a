import { describe, expect, it } from 'vitest';
import {
  IamAuthorizer,
  InvalidPolicyError,
  UnknownAuthorizationRequestError,
  type IamPrincipal,
  type PolicyDocument,
} from '#infra/local/iam/iam-authorizer.ts';

const account = '000000000000';
const table = `arn:aws-cn:dynamodb:cn-north-1:${account}:table/demo-cases`;
const key = `arn:aws-cn:kms:cn-north-1:${account}:key/11111111-1111-4111-a111-111111111111`;

const principal = (roleName: string, statements: Record<string, unknown>[]): IamPrincipal => ({
  name: roleName,
  roleArn: `arn:aws-cn:iam::${account}:role/${roleName}`,
  sessionArn: `arn:aws-cn:sts::${account}:assumed-role/${roleName}/session`,
  identityPolicies: [{ name: 'policy', document: { Version: '2012-10-17', Statement: statements } }],
});

/** The personal-data key's policy as the stack writes it: the account delegates to IAM, then denials. */
const keyPolicy: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws-cn:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: { StringNotEquals: { 'kms:EncryptionContext:purpose': 'complaint-personal-data' } },
    },
    {
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['kms:Decrypt'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': `arn:aws-cn:iam::${account}:role/demo-pd-open-*` } },
    },
  ],
};

const authorizer = () => new IamAuthorizer({ account, resourcePolicyOf: (arn) => (arn === key ? keyPolicy : undefined) });
const keyUse = {
  Effect: 'Allow',
  Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
  Resource: key,
  Condition: { StringEquals: { 'kms:EncryptionContext:purpose': 'complaint-personal-data' } },
};
const purpose = (value: string) => ({ 'kms:EncryptionContext:purpose': value });

describe("authorizing a call against a role's policies", () => {
  it('allows what a statement grants, only on the leading keys it names', async () => {
    const role = principal('demo-reader', [
      { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table, Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CASE#*'] } } },
    ]);
    const iam = authorizer();

    const own = await iam.authorize(role, [{ action: 'dynamodb:GetItem', resource: table, context: { 'dynamodb:LeadingKeys': ['CASE#1'] } }]);
    const other = await iam.authorize(role, [{ action: 'dynamodb:GetItem', resource: table, context: { 'dynamodb:LeadingKeys': ['AUDIT#1'] } }]);
    const write = await iam.authorize(role, [{ action: 'dynamodb:PutItem', resource: table }]);

    expect(own).toEqual({ allowed: true });
    expect(other).toMatchObject({ allowed: false });
    expect(write).toEqual({
      allowed: false,
      check: { action: 'dynamodb:PutItem', resource: table },
      message: `User: arn:aws-cn:sts::${account}:assumed-role/demo-reader/session is not authorized to perform: dynamodb:PutItem on resource: ${table} because no identity-based policy allows the dynamodb:PutItem action`,
    });
  });

  it('applies the key policy the stack writes: only opening roles decrypt, and only for the personal-data purpose', async () => {
    const opener = principal('demo-pd-open-intake', [keyUse]);
    const sealer = principal('demo-pd-seal-intake', [keyUse]);
    const iam = authorizer();

    expect(await iam.authorize(opener, [{ action: 'kms:Decrypt', resource: key, context: purpose('complaint-personal-data') }])).toEqual({ allowed: true });
    expect(await iam.authorize(sealer, [{ action: 'kms:GenerateDataKey', resource: key, context: purpose('complaint-personal-data') }])).toEqual({
      allowed: true,
    });
    const sealerOpens = await iam.authorize(sealer, [{ action: 'kms:Decrypt', resource: key, context: purpose('complaint-personal-data') }]);
    const otherPurpose = await iam.authorize(opener, [{ action: 'kms:Decrypt', resource: key, context: purpose('something-else') }]);

    expect(sealerOpens).toMatchObject({ allowed: false, message: expect.stringContaining('with an explicit deny in a resource-based policy') });
    expect(otherPurpose).toMatchObject({ allowed: false });
  });

  it("records every decision, allowed or refused, with the service that made a call on the caller's behalf", async () => {
    // The role's own policy allows both, but the key policy lets only opening roles decrypt.
    const role = principal('demo-writer', [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'kms:Decrypt'], Resource: [table, key] }]);
    const iam = authorizer();

    await iam.authorize(role, [
      { action: 'dynamodb:PutItem', resource: table },
      { action: 'kms:Decrypt', resource: key, via: 'dynamodb' },
    ]);

    expect(iam.decisions()).toEqual([
      { principal: 'demo-writer', action: 'dynamodb:PutItem', resource: table, allowed: true },
      { principal: 'demo-writer', action: 'kms:Decrypt', resource: key, allowed: false, via: 'dynamodb' },
    ]);
  });

  it('refuses a policy the evaluator cannot read, and a request for an action that does not exist', async () => {
    const broken = principal('demo-broken', [{ Effect: 'Maybe', Action: 'dynamodb:GetItem', Resource: table }]);
    const role = principal('demo-reader', [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: table }]);
    const iam = authorizer();

    await expect(iam.authorize(broken, [{ action: 'dynamodb:GetItem', resource: table }])).rejects.toBeInstanceOf(InvalidPolicyError);
    await expect(iam.authorize(role, [{ action: 'dynamodb:GetItems', resource: table }])).rejects.toBeInstanceOf(UnknownAuthorizationRequestError);
  });
});
