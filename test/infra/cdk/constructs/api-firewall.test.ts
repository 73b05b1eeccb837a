/**
 * The API's web ACL as WAF would apply it: the synthesized rules are run by a small evaluator of
 * the statements they use, on requests as they arrive directly and through the site's CloudFront
 * distribution, to show who each per-address limit counts, and that only the distribution may
 * name a viewer.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { ApiFirewall, siteOriginVerificationSecretName, wafRedactedHeaders } from '#infra/cdk/constructs/api-firewall.ts';
import { firewallViewerAddressNotVerifiedBody } from '#shared/http/gateway-refusal.ts';

type Statement = Record<string, any>;
interface Rule {
  readonly Name: string;
  readonly Priority: number;
  readonly Action?: Record<string, any>;
  readonly Statement: Statement;
}

/** A request as WAF sees it: its path and headers (names in lower case). */
interface WafRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What CloudFormation resolves the secret's dynamic reference to, in these tests. */
const siteSecret = 'value-only-the-distribution-and-the-firewall-know';

const resolved = (searchString: unknown): string => (typeof searchString === 'string' ? searchString : siteSecret);

/** The statements the web ACL uses, evaluated as WAF documents them (a missing header matches nothing). */
function matches(statement: Statement, request: WafRequest): boolean {
  if (statement['AndStatement']) return (statement['AndStatement'].Statements as Statement[]).every((inner) => matches(inner, request));
  if (statement['OrStatement']) return (statement['OrStatement'].Statements as Statement[]).some((inner) => matches(inner, request));
  if (statement['NotStatement']) return !matches(statement['NotStatement'].Statement, request);
  const field = (fieldToMatch: Record<string, any>): string | undefined =>
    fieldToMatch['UriPath'] !== undefined ? request.path : request.headers[String(fieldToMatch['SingleHeader'].Name).toLowerCase()];
  if (statement['SizeConstraintStatement']) {
    const { FieldToMatch, ComparisonOperator, Size } = statement['SizeConstraintStatement'];
    const value = field(FieldToMatch);
    if (ComparisonOperator !== 'GT') throw new Error(`evaluator knows GT only, not ${ComparisonOperator}`);
    return value !== undefined && Buffer.byteLength(value) > Size;
  }
  if (statement['ByteMatchStatement']) {
    const { FieldToMatch, PositionalConstraint, SearchString } = statement['ByteMatchStatement'];
    const value = field(FieldToMatch);
    if (value === undefined) return false;
    if (PositionalConstraint === 'EXACTLY') return value === resolved(SearchString);
    if (PositionalConstraint === 'STARTS_WITH') return value.startsWith(resolved(SearchString));
    throw new Error(`evaluator does not know ${PositionalConstraint}`);
  }
  throw new Error(`evaluator does not know ${Object.keys(statement).join()}`);
}

/**
 * Each rate-based rule that counts the request, with the key it counts it under; or the rule that
 * blocks it outright.
 */
function evaluate(rules: readonly Rule[], request: WafRequest): { blockedBy?: string; countedBy: Record<string, string> } {
  const countedBy: Record<string, string> = {};
  for (const rule of [...rules].sort((a, b) => a.Priority - b.Priority)) {
    const rate = rule.Statement['RateBasedStatement'];
    if (rate === undefined) {
      if (rule.Statement['ManagedRuleGroupStatement'] !== undefined) continue;
      if (matches(rule.Statement, request)) return { blockedBy: rule.Name, countedBy };
      continue;
    }
    if (rate.ScopeDownStatement !== undefined && !matches(rate.ScopeDownStatement, request)) continue;
    if (rate.AggregateKeyType === 'IP') countedBy[rule.Name] = `source ${request.headers['x-source-ip']}`;
    else {
      const header = String(rate.CustomKeys[0].Header.Name);
      const value = request.headers[header];
      if (value !== undefined) countedBy[rule.Name] = `${header} ${value}`;
    }
  }
  return { countedBy };
}

const synthesize = (withSite: boolean): { rules: Rule[]; template: Template } => {
  const stack = new Stack(new App(), 'Firewall', { env: { account: '444455556666', region: 'ap-southeast-1' } });
  new ApiFirewall(stack, 'Firewall', {
    name: 'esup-api',
    stageArn: 'arn:aws:apigateway:ap-southeast-1::/restapis/a1b2c3/stages/prod',
    requestsPerCredentialPer5Minutes: 2000,
    requestsPerIpPer5Minutes: 1000,
    publicRoutes: { pathPrefix: '/v1/public/', stageName: 'prod', requestsPerIpPer5Minutes: 100 },
    ...(withSite ? { siteOriginVerification: { secretName: siteOriginVerificationSecretName('esup') } } : {}),
    logEncryptionKey: new Key(stack, 'Key', { enableKeyRotation: true }),
    logRetention: RetentionDays.ONE_YEAR,
  });
  const template = Template.fromStack(stack);
  const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0] as { Properties: { Rules: Rule[] } };
  return { rules: acl.Properties.Rules, template };
};

const edge = '130.176.0.15';
/** Through the site: CloudFront's edge as the source, the viewer named by its function, the verification value. */
const throughSite = (path: string, viewer: string): WafRequest => ({
  path,
  headers: { 'x-source-ip': edge, 'x-viewer-address': viewer, 'x-site-origin-verification': siteSecret },
});
const direct = (path: string, source: string, extra: Record<string, string> = {}): WafRequest => ({ path, headers: { 'x-source-ip': source, ...extra } });

describe('API firewall with the site in front', () => {
  const { rules, template } = synthesize(true);

  it('counts requests through the site per viewer, so two citizens behind one edge do not share a limit', () => {
    // Act
    const first = evaluate(rules, throughSite('/v1/public/complaints', '192.0.2.7'));
    const second = evaluate(rules, throughSite('/v1/public/complaints', '198.51.100.8'));

    // Assess
    expect(first).toEqual({
      countedBy: { RatePerViewerAddress: 'x-viewer-address 192.0.2.7', RatePerViewerAddressOnPublicRoutes: 'x-viewer-address 192.0.2.7' },
    });
    expect(second.countedBy['RatePerViewerAddressOnPublicRoutes']).toBe('x-viewer-address 198.51.100.8');
  });

  it('counts a direct request by its source address, with the same limits', () => {
    // Act
    const answer = evaluate(rules, direct('/prod/v1/public/complaints', '203.0.113.5'));

    // Assess
    expect(answer).toEqual({ countedBy: { RatePerAddress: 'source 203.0.113.5', RatePerAddressOnPublicRoutes: 'source 203.0.113.5' } });
    const limit = (name: string) => rules.find((rule) => rule.Name === name)!.Statement['RateBasedStatement'].Limit;
    expect([limit('RatePerAddress'), limit('RatePerAddressOnPublicRoutes')]).toEqual([
      limit('RatePerViewerAddress'),
      limit('RatePerViewerAddressOnPublicRoutes'),
    ]);
  });

  it.each([
    ['without the verification value', { 'x-viewer-address': '192.0.2.7' }],
    ['with a wrong verification value', { 'x-viewer-address': '192.0.2.7', 'x-site-origin-verification': 'guessed' }],
  ])('refuses (403) a direct request that names a viewer %s', (_case, headers) => {
    // Act
    const answer = evaluate(rules, direct('/v1/alerts', '203.0.113.5', headers));

    // Assess
    expect(answer.blockedBy).toBe('ForgedViewerAddress');
    const rule = rules.find((candidate) => candidate.Name === 'ForgedViewerAddress')!;
    expect(rule.Action).toEqual({ Block: { CustomResponse: { ResponseCode: 403, CustomResponseBodyKey: 'ViewerAddressNotVerified' } } });
  });

  it('keeps the verification value out of the template (a dynamic reference to a generated secret) and out of the logs', () => {
    // Act
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret')) as { Properties: Record<string, any> }[];
    const logging = Object.values(template.findResources('AWS::WAFv2::LoggingConfiguration'))[0] as { Properties: Record<string, any> };

    // Assess
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.Properties).toMatchObject({ Name: 'esup/site-origin-verification', GenerateSecretString: { PasswordLength: 64 } });
    expect(JSON.stringify(rules)).toContain('{{resolve:secretsmanager:');
    expect(logging.Properties.RedactedFields).toContainEqual({ SingleHeader: { Name: 'x-site-origin-verification' } });
    expect(wafRedactedHeaders).toContain('x-site-origin-verification');
  });

  it('gives every rule its own priority', () => {
    expect(new Set(rules.map((rule) => rule.Priority)).size).toBe(rules.length);
  });
});

describe('API firewall without a site in front', () => {
  const { rules, template } = synthesize(false);

  it('refuses any request that names a viewer, since no distribution may', () => {
    // Act
    const answer = evaluate(
      rules,
      direct('/v1/public/complaints', '203.0.113.5', { 'x-viewer-address': '192.0.2.7', 'x-site-origin-verification': siteSecret }),
    );

    // Assess
    expect(answer.blockedBy).toBe('ForgedViewerAddress');
    const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0] as { Properties: Record<string, any> };
    expect(acl.Properties.CustomResponseBodies.ViewerAddressNotVerified).toEqual({
      ContentType: 'APPLICATION_JSON',
      Content: firewallViewerAddressNotVerifiedBody,
    });
  });

  it('counts every other request by its source address, with no secret and no viewer rules', () => {
    // Act
    const answer = evaluate(rules, direct('/v1/public/complaints', '203.0.113.5'));

    // Assess
    expect(answer).toEqual({ countedBy: { RatePerAddress: 'source 203.0.113.5', RatePerAddressOnPublicRoutes: 'source 203.0.113.5' } });
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
  });
});
