import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFunction } from '#infra/cdk/constructs/app-function.ts';
import { functions } from '#shared/topology.ts';

/** A function that talks to AWS, so the bundle shows whether the SDK was bundled. */
const spec = functions.find((candidate) => candidate.name === 'ingest-records')!;

let template: Template;
let bundle: string;
let bundleDirectory: string;
let outdir: string;

beforeAll(() => {
  // Real esbuild bundling, as `npm run synth` does it (the other CDK tests skip it for speed).
  outdir = mkdtempSync(join(tmpdir(), 'app-function-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'Bundled', { env: { account: '111122223333', region: 'cn-north-1' } });
  new AppFunction(stack, 'Ingest', {
    spec,
    prefix: 'esup-test',
    logEncryptionKey: new Key(stack, 'Key', { enableKeyRotation: true }),
    logRetention: RetentionDays.ONE_YEAR,
    tracing: false,
    environment: { EXAMPLE: 'value' },
  });
  app.synth();
  template = Template.fromStack(stack);
  const code = Object.values(template.findResources('AWS::Lambda::Function'))[0]!.Properties.Code;
  bundleDirectory = join(outdir, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);
  bundle = readFileSync(join(bundleDirectory, 'index.mjs'), 'utf8');
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('AppFunction', () => {
  it('bundles the handler as an ES module that can still require CommonJS dependencies', () => {
    // Act
    const firstLine = bundle.split('\n')[0];

    // Assess
    expect(firstLine).toContain("import { createRequire as topLevelCreateRequire } from 'module'");
    expect(firstLine).toContain('const require = topLevelCreateRequire(import.meta.url)');
    expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
  });

  it('bundles the AWS SDK instead of relying on the runtime copy', () => {
    // Prepare: the SDK probes these optional add-ons inside try/catch; they are meant to be absent.
    const optionalAddOns = ['@aws-sdk/signature-v4-crt', '@aws-sdk/signature-v4a'];

    // Act
    const externalSdkImports = (bundle.match(/(from\s*|require\(|import\()["']@(aws-sdk|smithy)\/[^"']+["']/g) ?? []).filter(
      (reference) => !optionalAddOns.some((addOn) => reference.includes(addOn)),
    );

    // Assess
    expect(externalSdkImports).toEqual([]);
    expect(bundle).toContain('DynamoDB');
  });

  it('ships a source map and enables it at run time', () => {
    // Act / Assess
    expect(existsSync(join(bundleDirectory, 'index.mjs.map'))).toBe(true);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: { EXAMPLE: 'value', NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: spec.name, LOG_LEVEL: 'INFO' } },
    });
  });

  it('writes to its own encrypted, year-long log group under the name Lambda uses', () => {
    // Prepare
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));

    // Act / Assess
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/lambda/esup-test-${spec.name}`,
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
  });

  it('starts from a role with no managed policy and only its log group to write', () => {
    // Prepare
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    const policies = Object.values(template.findResources('AWS::IAM::Policy'));

    // Act
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);

    // Assess
    expect(roles).toHaveLength(1);
    expect(roles[0]!.Properties.ManagedPolicyArns).toBeUndefined();
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: expect.anything() },
    ]);
  });
});
