import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFunction, deployedNoticeFontFile, noticeFontCopyCommands, noticeFontSource, repositoryRoot } from '#infra/cdk/constructs/app-function.ts';
import { environmentNames, functions, type FunctionSpec } from '#shared/topology.ts';

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

  it("takes its credentials from the environment Lambda sets, without the SDK's other credential sources", () => {
    // Act / Assess: the env provider's debug line is there; the default chain's links are not.
    expect(bundle).toContain('@aws-sdk/credential-provider-env - fromEnv');
    expect(bundle).not.toContain('defaultProvider::fromSSO');
    expect(bundle).not.toContain('AssumeRoleWithWebIdentity');
  });

  it('ships a source map and enables it at run time', () => {
    // Act / Assess
    expect(existsSync(join(bundleDirectory, 'index.mjs.map'))).toBe(true);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: {
        Variables: {
          EXAMPLE: 'value',
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: spec.name,
          POWERTOOLS_METRICS_NAMESPACE: 'ESupervision',
          LOG_LEVEL: 'INFO',
        },
      },
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
    expect(statements).toEqual([{ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: expect.anything() }]);
  });
});

describe('AppFunction rendering written notices', () => {
  // A small, stable handler stands in for a notice-rendering one: what is tested is the bundle step.
  const noticeSpec: FunctionSpec = { ...functions.find((candidate) => candidate.name === 'public-api')!, rendersNotices: true };
  let noticeOutdir: string;
  let noticeTemplate: Template;
  let noticeBundleDirectory: string;

  beforeAll(() => {
    noticeOutdir = mkdtempSync(join(tmpdir(), 'app-function-notices-'));
    const app = new App({ outdir: noticeOutdir });
    const stack = new Stack(app, 'Notices', { env: { account: '111122223333', region: 'cn-north-1' } });
    new AppFunction(stack, 'Notices', {
      spec: noticeSpec,
      prefix: 'esup-test',
      logEncryptionKey: new Key(stack, 'Key', { enableKeyRotation: true }),
      logRetention: RetentionDays.ONE_YEAR,
      tracing: false,
      environment: {},
    });
    app.synth();
    noticeTemplate = Template.fromStack(stack);
    const code = Object.values(noticeTemplate.findResources('AWS::Lambda::Function'))[0]!.Properties.Code;
    noticeBundleDirectory = join(noticeOutdir, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);
  }, 120_000);

  afterAll(() => rmSync(noticeOutdir, { recursive: true, force: true }));

  it('carries the notice font beside the handler and names its deployed path', () => {
    // Act
    const bundledFont = readFileSync(join(noticeBundleDirectory, 'NotoSansSC-Notice.otf'));

    // Assess
    expect(bundledFont.equals(readFileSync(join(repositoryRoot, noticeFontSource)))).toBe(true);
    expect(deployedNoticeFontFile).toBe('/var/task/NotoSansSC-Notice.otf');
    noticeTemplate.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { [environmentNames.noticeFont]: deployedNoticeFontFile } },
    });
  });

  it('stops the build, naming the file, when the notice font is missing', () => {
    // Prepare
    const scratch = mkdtempSync(join(tmpdir(), 'notice-font-'));
    const withFont = join(scratch, 'with-font');
    const withoutFont = join(scratch, 'without-font');
    const output = join(scratch, 'out');
    mkdirSync(join(withFont, 'assets', 'fonts'), { recursive: true });
    mkdirSync(withoutFont);
    mkdirSync(output);
    writeFileSync(join(withFont, noticeFontSource), 'font bytes');
    const run = (inputDir: string) => () => execFileSync('bash', ['-c', noticeFontCopyCommands(inputDir, output).join(' && ')], { stdio: 'pipe' });

    try {
      // Act
      run(withFont)();
      const missing = (() => {
        try {
          run(withoutFont)();
          return undefined;
        } catch (error) {
          return error as { status: number; stderr: Buffer };
        }
      })();

      // Assess
      expect(readFileSync(join(output, 'NotoSansSC-Notice.otf'), 'utf8')).toBe('font bytes');
      expect(missing?.status).toBe(1);
      expect(missing?.stderr.toString()).toContain('notice font missing: assets/fonts/NotoSansSC-Notice.otf');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
