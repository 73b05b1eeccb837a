import { describe, expect, it } from 'vitest';
import { CloudFormationResolver, localKeyId, UnresolvableTemplateValueError, type SynthesizedStack } from '#infra/local/deployment/cloudformation-resolver.ts';

const environment = { partition: 'aws-cn', region: 'cn-north-1', account: '000000000000', sqsEndpoint: 'http://127.0.0.1:9999' };

const stateful: SynthesizedStack = {
  stackName: 'demo-stateful',
  template: {
    Resources: {
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
      Cases: { Type: 'AWS::DynamoDB::GlobalTable', Properties: { TableName: 'demo-cases' } },
      Records: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'demo-records' } },
    },
    Outputs: {
      CasesArn: { Value: { 'Fn::GetAtt': ['Cases', 'Arn'] }, Export: { Name: 'demo-stateful:CasesArn' } },
      KeyArn: { Value: { 'Fn::GetAtt': ['Key', 'Arn'] }, Export: { Name: 'demo-stateful:KeyArn' } },
    },
  },
};
const stateless: SynthesizedStack = {
  stackName: 'demo-stateless',
  template: {
    Resources: {
      Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'demo-alerts' } },
      NamedRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'demo-pd-open-intake' } },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    },
  },
};

describe("resolving a deployment's templates to local names and ARNs", () => {
  const resolver = new CloudFormationResolver([stateful, stateless], environment);

  it('follows an export across stacks and joins it into an index ARN', () => {
    const value = resolver.resolve(stateless, { 'Fn::Join': ['', [{ 'Fn::ImportValue': 'demo-stateful:CasesArn' }, '/index/dueChecks']] });
    expect(value).toBe('arn:aws-cn:dynamodb:cn-north-1:000000000000:table/demo-cases/index/dueChecks');
  });

  it('gives each resource type the reference CloudFormation gives it: a queue its URL, a bus its name, a key its id', () => {
    expect(resolver.resolve(stateful, { Ref: 'Records' })).toBe('http://127.0.0.1:9999/000000000000/demo-records');
    expect(resolver.resolve(stateful, { 'Fn::GetAtt': ['Records', 'Arn'] })).toBe('arn:aws-cn:sqs:cn-north-1:000000000000:demo-records');
    expect(resolver.resolve(stateless, { Ref: 'Bus' })).toBe('demo-alerts');
    expect(resolver.resolve(stateless, { 'Fn::GetAtt': ['Bus', 'Arn'] })).toBe('arn:aws-cn:events:cn-north-1:000000000000:event-bus/demo-alerts');
    expect(resolver.resolve(stateful, { 'Fn::ImportValue': 'demo-stateful:KeyArn' })).toBe(
      `arn:aws-cn:kms:cn-north-1:000000000000:key/${localKeyId('demo-stateful', 'Key')}`,
    );
  });

  it('names roles as IAM does: the given name, or a generated one of at most 64 characters, in a global ARN', () => {
    expect(resolver.resolve(stateless, { 'Fn::GetAtt': ['NamedRole', 'Arn'] })).toBe('arn:aws-cn:iam::000000000000:role/demo-pd-open-intake');
    const generated = String(resolver.resolve(stateless, { Ref: 'Role' }));
    expect(generated).toMatch(/^demo-stateless-Role-[0-9A-F]{12}$/);
    expect(generated.length).toBeLessThanOrEqual(64);
  });

  it('substitutes pseudo parameters and attributes in Fn::Sub', () => {
    const value = resolver.resolve(stateless, { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/x on ${Bus.Arn}' });
    expect(value).toBe('arn:aws-cn:logs:cn-north-1:000000000000:log-group:/x on arn:aws-cn:events:cn-north-1:000000000000:event-bus/demo-alerts');
  });

  it('gives a key the same id at every start, and different keys different ids', () => {
    expect(localKeyId('demo-stateful', 'Key')).toBe(localKeyId('demo-stateful', 'Key'));
    expect(localKeyId('demo-stateful', 'Key')).not.toBe(localKeyId('demo-stateful', 'OtherKey'));
    expect(localKeyId('demo-stateful', 'Key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses what it cannot resolve instead of guessing', () => {
    expect(() => resolver.resolve(stateless, { 'Fn::ImportValue': 'demo-stateful:Missing' })).toThrow(UnresolvableTemplateValueError);
    expect(() => resolver.resolve(stateless, { Ref: 'Nothing' })).toThrow(UnresolvableTemplateValueError);
    expect(() => resolver.resolve(stateless, { 'Fn::If': ['c', 'a', 'b'] })).toThrow(UnresolvableTemplateValueError);
  });
});
