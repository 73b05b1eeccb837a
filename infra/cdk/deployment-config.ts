/**
 * Deployment configuration: everything that differs between one city's deployment and another
 * (account, region, identity provider, the city's structure and departments, alarm address,
 * limits). One JSON file per
 * deployment under `infra/cdk/config/`, validated at synth time so a bad file stops `cdk synth`
 * with the offending field named, before anything reaches CloudFormation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import * as z from 'zod';
import {
  ConnectedKinds,
  ConnectedOn,
  JurisdictionFields,
  jurisdictionKinds,
  kindRuleBroken,
  OrganName,
  ProfileName,
  type JurisdictionKind,
} from '#shared/domain/city-structure/city-structure.ts';
import { cityJurisdiction, DepartmentId, JurisdictionId } from '#shared/domain/records/identifiers.ts';
import { normalizeOrigin } from '#shared/http/allowed-origin.ts';
import { retentionOutlastsReopening, retentionOutlastsReopeningMessage, settingRules } from '#shared/config/setting-rules.ts';
import { pointInTimeRecoveryDays } from '#shared/domain/complaints/personal-data-key-periods.ts';
import { functions as topologyFunctions, type FunctionSpec } from '#shared/topology.ts';

/** Folder holding one `<deployment>.json` per deployment. */
export const configDirectory: string = fileURLToPath(new URL('./config/', import.meta.url));

/** Log retention periods CloudWatch Logs accepts, from one year up (Cybersecurity Law Art. 23: ≥ 6 months; we keep ≥ 1 year). */
export const allowedLogRetentionDays = [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const longestIamRoleName = 64;

const httpsUrl = z.url({ protocol: /^https$/, message: 'an https:// URL' }).describe('https URL');

/** A city portal's origin for CORS: https, normalised as a browser sends it in `Origin`. */
const portalOrigin = z.string().transform((value, context) => {
  try {
    const origin = normalizeOrigin(value);
    if (origin.startsWith('https://')) return origin;
    context.addIssue({ code: 'custom', message: `'${value}' must be an https origin (a deployed portal is served over TLS)` });
  } catch (error) {
    context.addIssue({ code: 'custom', message: (error as Error).message });
  }
  return z.NEVER;
});

/** A lower-case DNS name (the example names one in the message). */
const domainName = (example: string) =>
  z.string().regex(/^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, `a lower-case domain name such as ${example}`);

const regionName = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region name such as cn-north-1');

const resourcePrefix = z.string().regex(/^[a-z][a-z0-9-]{1,18}[a-z0-9]$/, 'lower-case letters, digits and hyphens, 3-20 characters, starting with a letter');

/** A jurisdiction below the city: a district (区), county (县) or county-level city (县级市). */
const ConfiguredJurisdiction = z.strictObject({ id: JurisdictionId, ...JurisdictionFields.shape });

/**
 * The city (jurisdiction `city`) and every jurisdiction below it, each with the supervisory organ
 * that issues its written notices. Applied to the reference table at each deployment.
 */
const ConfiguredCity = z.strictObject({
  name: ProfileName,
  issuingOrgan: OrganName,
  jurisdictions: z.array(ConfiguredJurisdiction).max(100),
});

/**
 * A department's certificate revoked (its private key lost or compromised, the department closed
 * down): as IAM Roles Anywhere refuses a certificate on the CA's revocation list, its role admits
 * no new session; beyond a revocation list, the sessions already issued (up to an hour) are cut at
 * once by an explicit deny. The department's profile and its records stay.
 */
const DepartmentRevocation = z.strictObject({
  /** The day the certificate was revoked (as on the CA's revocation list). */
  since: z.iso.date('a calendar day, yyyy-mm-dd'),
  /** Why, for the access review: 私钥泄露 / key compromised, 机构撤销 / department closed, ... */
  reason: z.string().trim().min(2).max(200),
});

/**
 * A department: its profile (applied to the reference table) and its IAM role (one per
 * department; `id` is the certificate CN and the department of its records).
 */
const ConfiguredDepartment = z.strictObject({
  id: DepartmentId,
  name: ProfileName,
  /** `city`, or the id of a jurisdiction under `city.jurisdictions`. */
  jurisdiction: JurisdictionId,
  /** The record kinds its business system is connected for (`licensing`, `penalty`, `publicResourceTrading`, `disclosure`, `onlineService`, `petition`, `informationSharing`, or configured kinds). */
  connectedKinds: ConnectedKinds,
  /** The date (YYYY-MM-DD, Shanghai) its business system was connected: its connected kinds must produce records from then on (connection health). */
  connectedOn: ConnectedOn.optional(),
  /** Set when the department's certificate is revoked: its signed requests are refused (403). */
  revoked: DepartmentRevocation.optional(),
});

const trustAnchorIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const trustAnchorArnPattern = /^arn:(aws[a-z-]*):rolesanywhere:([a-z0-9-]+):(\d{12}):trust-anchor\/([0-9a-f-]{36})$/;

/** A certificate name attribute (CN, O) as Roles Anywhere maps it to a session tag. */
const CertificateName = z
  .string()
  .trim()
  .min(1)
  .max(64, 'at most 64 characters (X.520 upper bound)')
  .refine((value) => !/[*?]/.test(value), 'the exact name, without wildcards');

/**
 * Who may issue department certificates: the IAM Roles Anywhere trust anchor of the city's CA,
 * and that CA's name as Roles Anywhere maps it from each certificate's issuer
 * (`aws:PrincipalTag/x509Issuer/CN`, `.../O`). Every department role trusts only sessions through
 * this anchor, from a certificate of this issuer, with the department's id as subject CN.
 */
const DepartmentCertificates = z.strictObject({
  /** The trust anchor: its ARN (`arn:<partition>:rolesanywhere:<region>:<account>:trust-anchor/<id>`) or its id. */
  trustAnchor: z
    .string()
    .refine((value) => trustAnchorIdPattern.test(value) || trustAnchorArnPattern.test(value), 'a Roles Anywhere trust anchor ARN, or its id (a UUID)'),
  /** The issuing CA's subject CN. */
  issuerCommonName: CertificateName,
  /** The issuing CA's subject O, when its certificates carry one. */
  issuerOrganization: CertificateName.optional(),
});

/** The schema of one deployment's configuration file. */
export const DeploymentConfigSchema = z
  .strictObject({
    /** Deployment name; the CDK Stage id (`cdk deploy '<name>/*'`). */
    name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'lower-case letters, digits and hyphens, starting with a letter'),
    /** Prefix of every physical resource name (tables, queues, functions, department roles). */
    prefix: resourcePrefix,
    account: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    region: regionName,
    /** The city's OIDC provider that signs staff tokens (AWS China has no Cognito user pools). */
    identityProvider: z.strictObject({
      issuer: httpsUrl,
      audience: z.string().min(1, 'the client id the console tokens are issued for'),
      jwksUri: httpsUrl,
    }),
    /** The city and its districts, counties and county-level cities. */
    city: ConfiguredCity,
    /** Departments allowed to push records; each gets one IAM role and a profile. */
    departments: z.array(ConfiguredDepartment).min(1, 'at least one department'),
    /** The CA that issues department certificates, and its trust anchor in IAM Roles Anywhere. */
    departmentCertificates: DepartmentCertificates,
    backup: z.strictObject({
      /** Region holding the copy of every backup (Beijing ↔ Ningxia in AWS China). */
      copyRegion: regionName,
      /**
       * AWS Backup Vault Lock (governance mode) on both vaults: no recovery point can be deleted
       * before the daily retention has passed, whoever asks. On by default; turn it off only in a
       * region that does not offer it.
       */
      vaultLock: z.boolean().default(true),
    }),
    alarm: z.strictObject({ email: z.email('an e-mail address for operations alarms') }),
    api: z.strictObject({
      /** Stage-wide steady rate and burst (requests per second). */
      throttling: z.strictObject({
        rateLimit: z.number().positive(),
        burstLimit: z.number().int().positive(),
      }),
      /**
       * Each department's own steady rate and burst: the usage plan's throttle, applied per API key
       * (one key per department). At most the stage-wide limits, so that no department can take the
       * whole API from the others.
       */
      departmentThrottling: z.strictObject({
        rateLimit: z.number().positive(),
        burstLimit: z.number().int().positive(),
      }),
      /** Each department's quota: the usage plan's quota, applied per API key. */
      quota: z.strictObject({
        limit: z.number().int().positive(),
        period: z.enum(['DAY', 'WEEK', 'MONTH']),
      }),
      /** WAF rate-based rules, requests per 5-minute window (per staff token, per client address). */
      waf: z.strictObject({
        requestsPerCredentialPer5Minutes: z.number().int().min(100).max(2_000_000_000),
        requestsPerIpPer5Minutes: z.number().int().min(100).max(2_000_000_000),
      }),
      /**
       * Origins of the city portals whose browser complaint form calls the public complaint routes
       * (CORS), e.g. `https://ts.ningbo.gov.cn`. Absent or empty: no CORS.
       */
      publicCorsOrigins: z.array(portalOrigin).max(20).optional(),
      /**
       * The API's own domain (needed in AWS China for anything but SigV4-signed calls: an ICP-filed
       * domain). With one, the default `execute-api` endpoint is disabled, so every caller goes
       * through the domain (and its TLS policy).
       */
      customDomain: z
        .strictObject({
          domainName: domainName('api.jianc.ningbo.gov.cn'),
          certificateArn: z
            .string()
            .regex(/^arn:aws(-cn)?:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, 'the ARN of an ACM certificate in the deployment region'),
        })
        .optional(),
    }),
    /**
     * The site: the console and the citizen's complaint page, served by CloudFront from a private
     * bucket beside the API (`/v1/*`), on one origin; in AWS China the pages only, which call the
     * API on `api.customDomain` directly (`directApiOriginsOf`). Absent: the deployment serves the
     * API only (the console is hosted elsewhere). In AWS China CloudFront serves only on an ICP-filed domain
     * of its own with a certificate uploaded to IAM, so there `customDomain` with
     * `iamCertificateId` is required.
     */
    site: z
      .strictObject({
        customDomain: z
          .strictObject({
            domainName: domainName('jianc.ningbo.gov.cn'),
            /** An IAM server certificate's id (`aws iam upload-server-certificate`, `ServerCertificateId`): what CloudFront takes in AWS China. */
            iamCertificateId: z
              .string()
              .regex(/^ASCA[A-Z0-9]{12,124}$/, 'an IAM server certificate id (ServerCertificateId, ASCA...)')
              .optional(),
            /** An ACM certificate in us-east-1 (outside AWS China; CloudFront takes certificates from that region only). */
            acmCertificateArn: z
              .string()
              .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/, 'the ARN of an ACM certificate in us-east-1')
              .optional(),
          })
          .optional(),
      })
      .optional(),
    /** Processing of the records queue. */
    processing: z.strictObject({
      /**
       * Batches the queue's consumer works on at once: the SQS event source's maximum concurrency
       * (2–1000, what Lambda accepts). It bounds the write pressure processing puts on the tables;
       * a backlog waits on the queue instead.
       */
      maxConcurrency: z
        .number()
        .int()
        .min(2, 'at least 2 (SQS event source maximum concurrency)')
        .max(1000, 'at most 1000 (SQS event source maximum concurrency)'),
    }),
    retention: z.strictObject({
      /** CloudWatch Logs retention for every log group. */
      logDays: z
        .number()
        .int()
        .refine((days) => (allowedLogRetentionDays as readonly number[]).includes(days), {
          message: `one of ${allowedLogRetentionDays.join(', ')} (at least a year)`,
        }),
      /** Daily recovery points are kept this many days. */
      dailyBackupDays: z.number().int().min(35),
      /** Monthly recovery points are kept this many days. */
      monthlyBackupDays: z.number().int().min(365),
      /** Days each sealed digest of the audit trail stays locked (S3 Object Lock, compliance mode); entries are never expired. */
      auditDays: z.number().int().min(365, 'at least 365 days (security audit: retained at least a year)').max(36_500).default(365),
    }),
    /** Signals: escalation of unanswered prompts and warnings, and when a department's feed counts as stale. */
    supervision: z.strictObject(settingRules.supervision).prefault({}),
    /** Connection health: working hours of silence before a warning, the grace for connecting each kind, the refused share of the data standard. */
    connectionHealth: z.strictObject(settingRules.connectionHealth).prefault({}),
    /** Accountability measures (Art. 23, 24): when an overdue order to correct escalates. */
    accountability: z.strictObject(settingRules.accountability).prefault({}),
    /** Reporting (Art. 24(4)): the hours after an act within which its record must arrive. */
    reporting: z.strictObject(settingRules.reporting).prefault({}),
    /** The complaint clocks a city may set (the 5-working-day acceptance period is law, not configuration). */
    complaints: z.strictObject(settingRules.complaints).prefault({}),
    /** The time limits of supervision cases (督办). */
    supervisionCases: z.strictObject(settingRules.supervisionCases).prefault({}),
    /** Staff sign-ins: the session cap, and the lockout of addresses that keep failing to authenticate. */
    staffAccess: z.strictObject(settingRules.staffAccess).prefault({}),
    /** What every route refuses besides the markings of 秘密 / 机密 / 绝密: markers the security administrator adds. */
    classifiedContent: z.strictObject(settingRules.classifiedContent).prefault({}),
    /** The keys per period of complainants' personal data: how long a key waits between its scheduled deletion and the deletion. */
    personalDataKeys: z.strictObject(settingRules.personalDataKeys).prefault({}),
    /** Sealing of the audit trail: how far behind the clock the sealer stays. */
    audit: z.strictObject(settingRules.audit).prefault({}),
    /** Webhook deliveries to departments and supervisor offices: how long a subscriber may keep failing before it is disabled. */
    webhooks: z.strictObject(settingRules.webhooks).prefault({}),
    /**
     * Lambda and API Gateway X-Ray tracing. Defaults to on outside AWS China and off inside it,
     * where Lambda has no X-Ray integration; turning it on in `aws-cn` is refused.
     */
    tracing: z.boolean().optional(),
  })
  .superRefine((config, context) => {
    const partition = RegionInfo.get(config.region).partition;
    if (partition === undefined) {
      context.addIssue({ code: 'custom', path: ['region'], message: `unknown region ${config.region}` });
      return;
    }
    const copyPartition = RegionInfo.get(config.backup.copyRegion).partition;
    if (config.backup.copyRegion === config.region) {
      context.addIssue({ code: 'custom', path: ['backup', 'copyRegion'], message: 'must differ from region' });
    } else if (copyPartition !== partition) {
      context.addIssue({
        code: 'custom',
        path: ['backup', 'copyRegion'],
        message: `must be a region of partition ${partition} (AWS Backup copies stay inside a partition)`,
      });
    }
    const { throttling, departmentThrottling } = config.api;
    if (departmentThrottling.rateLimit > throttling.rateLimit) {
      context.addIssue({
        code: 'custom',
        path: ['api', 'departmentThrottling', 'rateLimit'],
        message: `at most api.throttling.rateLimit (${throttling.rateLimit}): a department cannot have more than the whole API`,
      });
    }
    if (departmentThrottling.burstLimit > throttling.burstLimit) {
      context.addIssue({
        code: 'custom',
        path: ['api', 'departmentThrottling', 'burstLimit'],
        message: `at most api.throttling.burstLimit (${throttling.burstLimit}): a department cannot have more than the whole API`,
      });
    }
    for (const problem of siteDomainProblems(config.site, config.api.customDomain !== undefined, partition)) context.addIssue({ code: 'custom', ...problem });
    if (config.tracing === true && !partitionHasLambdaTracing(partition)) {
      context.addIssue({ code: 'custom', path: ['tracing'], message: `X-Ray tracing is not available for Lambda in ${partition}` });
    }
    const anchorArn = trustAnchorArnPattern.exec(config.departmentCertificates.trustAnchor);
    if (anchorArn !== null) {
      const [, anchorPartition, anchorRegion, anchorAccount] = anchorArn;
      const expected = `partition ${partition}, region ${config.region}, account ${config.account}`;
      if (anchorPartition !== partition || anchorRegion !== config.region || anchorAccount !== config.account) {
        context.addIssue({
          code: 'custom',
          path: ['departmentCertificates', 'trustAnchor'],
          message: `信任锚须属于本部署(${expected}) / the trust anchor must be this deployment's (${expected})`,
        });
      }
    }
    if (config.audit.sealGraceSeconds < minimumSealGraceSeconds()) {
      context.addIssue({
        code: 'custom',
        path: ['audit', 'sealGraceSeconds'],
        message: `至少 ${minimumSealGraceSeconds()} 秒：长于最长的函数超时再加 ${sealClockAllowanceSeconds} 秒，封存时不会再有条目写入 / at least ${minimumSealGraceSeconds()} seconds: longer than the longest function timeout plus ${sealClockAllowanceSeconds} s, so no entry is still being written to a span being sealed`,
      });
    }
    if (!retentionOutlastsReopening(config.complaints.personalDataRetentionDays, config.complaints.reopeningDays)) {
      context.addIssue({
        code: 'custom',
        path: ['complaints', 'personalDataRetentionDays'],
        message: `${retentionOutlastsReopeningMessage} (complaints.reopeningDays)`,
      });
    }
  })
  // Runs even when other fields are invalid, so every problem of the structure is named at once.
  .superRefine((config, context) => checkCityStructure(config as unknown as Record<string, unknown>, context), { when: () => true });

/**
 * Sections that moved, each with where its settings went: a file written for an older version
 * is refused naming the new place, never read with its settings silently dropped.
 */
export const movedSections: Readonly<Record<string, string>> = {
  ingest:
    '`ingest.classifiedMarkers` 已移至 `classifiedContent.markers`（现适用于每个接口） / moved to `classifiedContent.markers` (it now applies to every route)',
};

/** The moved sections a raw configuration still has, each with where it went. */
function movedSectionProblems(raw: unknown): { field: string; message: string }[] {
  if (raw === null || typeof raw !== 'object') return [];
  return Object.entries(movedSections)
    .filter(([section]) => Object.hasOwn(raw, section))
    .map(([field, message]) => ({ field, message }));
}

type Issues = { addIssue(issue: { code: 'custom'; path: PropertyKey[]; message: string }): void };

const entries = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map((entry) => (entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {})) : [];

/**
 * The rules across the city's structure and the departments: the city's id is reserved, ids are
 * unique, only the city is of kind `city`, every department's jurisdiction is configured, and a
 * department's role name fits IAM. The configuration may be partly invalid here: each rule looks
 * only at values of the right type.
 */
function checkCityStructure(config: Record<string, unknown>, context: Issues): void {
  if (config === null || typeof config !== 'object') return;
  const city = config['city'] !== null && typeof config['city'] === 'object' ? (config['city'] as Record<string, unknown>) : {};
  const jurisdictions = new Set<string>([cityJurisdiction]);
  entries(city['jurisdictions']).forEach((jurisdiction, index) => {
    const path = ['city', 'jurisdictions', index];
    const id = jurisdiction['id'];
    if (typeof id !== 'string') return;
    if (id === cityJurisdiction) {
      context.addIssue({
        code: 'custom',
        path: [...path, 'id'],
        message: `${cityJurisdiction} 是市本级，在 city.name 与 city.issuingOrgan 中描述 / ${cityJurisdiction} is the city itself: describe it in city.name and city.issuingOrgan`,
      });
      return;
    }
    if (jurisdictions.has(id)) {
      context.addIssue({ code: 'custom', path: [...path, 'id'], message: `辖区 ${id} 重复 / duplicate jurisdiction ${id}` });
    }
    jurisdictions.add(id);
    const kind = jurisdiction['kind'];
    const broken = (jurisdictionKinds as readonly unknown[]).includes(kind) ? kindRuleBroken(id, kind as JurisdictionKind) : undefined;
    if (broken) context.addIssue({ code: 'custom', path: [...path, 'kind'], message: broken });
  });
  const seen = new Set<string>();
  const prefix = typeof config['prefix'] === 'string' ? config['prefix'] : undefined;
  entries(config['departments']).forEach((department, index) => {
    const id = department['id'];
    const jurisdiction = department['jurisdiction'];
    if (typeof jurisdiction === 'string' && !jurisdictions.has(jurisdiction)) {
      context.addIssue({
        code: 'custom',
        path: ['departments', index, 'jurisdiction'],
        message: `辖区 ${jurisdiction} 未配置：应为 ${cityJurisdiction} 或 city.jurisdictions 中的一个 / ${jurisdiction} is not configured: ${cityJurisdiction} or one of city.jurisdictions`,
      });
    }
    if (typeof id !== 'string') return;
    if (seen.has(id)) {
      context.addIssue({ code: 'custom', path: ['departments', index, 'id'], message: `duplicate department ${id}` });
    }
    seen.add(id);
    const roleName = prefix === undefined ? undefined : departmentRoleName(prefix, id);
    if (roleName !== undefined && roleName.length > longestIamRoleName) {
      context.addIssue({
        code: 'custom',
        path: ['departments', index, 'id'],
        message: `role name ${roleName} is longer than ${longestIamRoleName} characters; shorten the prefix or the id`,
      });
    }
  });
}

/**
 * What a site's domain must carry in a partition: in AWS China CloudFront serves nothing on its
 * default domain (`*.cloudfront.cn`) and takes no ACM certificate, so a site there needs an
 * ICP-filed domain with a certificate uploaded to IAM, and the API its own ICP-filed domain;
 * elsewhere a domain needs one certificate.
 */
function siteDomainProblems(
  site: { customDomain?: { iamCertificateId?: string; acmCertificateArn?: string } } | undefined,
  apiHasDomain: boolean,
  partition: string,
): { path: PropertyKey[]; message: string }[] {
  const problems: { path: PropertyKey[]; message: string }[] = [];
  if (site === undefined) return problems;
  const domain = site.customDomain;
  if (partition === 'aws-cn') {
    // The pages call the API (OIDC bearer tokens, complaints) on its own domain, and API Gateway serves unsigned requests there only on an ICP-filed one.
    if (!apiHasDomain) {
      problems.push({
        path: ['api', 'customDomain'],
        message:
          'AWS 中国区的 API Gateway 只在已 ICP 备案的自定义域名上接受未经 SigV4 签名的请求，控制台和投诉页面直接调用该域名，需要 api.customDomain，见 docs/deploy.md / ' +
          'API Gateway in AWS China serves unsigned requests only on an ICP-filed domain, which the console and the complaint page call directly: api.customDomain is required, see docs/deploy.md',
      });
    }
    if (domain === undefined || domain.iamCertificateId === undefined) {
      problems.push({
        path: ['site', 'customDomain', ...(domain === undefined ? [] : ['iamCertificateId'])],
        message:
          'AWS 中国区的 CloudFront 不能用默认域名 *.cloudfront.cn 提供内容：需要已 ICP 备案的域名（domainName）和上传到 IAM 的服务器证书（iamCertificateId），见 docs/deploy.md / ' +
          'CloudFront in AWS China serves nothing on its default domain: give an ICP-filed domain (domainName) and the id of its certificate uploaded to IAM (iamCertificateId), see docs/deploy.md',
      });
    }
    if (domain?.acmCertificateArn !== undefined) {
      problems.push({
        path: ['site', 'customDomain', 'acmCertificateArn'],
        message: 'AWS 中国区的 CloudFront 不支持 ACM 证书，请用 iamCertificateId / CloudFront in AWS China takes no ACM certificate: use iamCertificateId',
      });
    }
  } else if (domain !== undefined && (domain.iamCertificateId === undefined) === (domain.acmCertificateArn === undefined)) {
    problems.push({ path: ['site', 'customDomain'], message: 'exactly one of iamCertificateId and acmCertificateArn' });
  }
  return problems;
}

/** Seconds allowed between a writer's clock and the sealer's (Lambda hosts keep NTP time; this is margin, not expectation). */
export const sealClockAllowanceSeconds = 60;

/**
 * The shortest grace period a deployment may give the sealer: an entry's instant is taken just
 * before it is written, and no function runs longer than its timeout, so after the longest
 * timeout (plus the clock allowance) no entry can still arrive in a span being sealed. Functions
 * without a timeout of their own get the app-function default (10 s), below the longest here.
 */
export const minimumSealGraceSeconds = (): number =>
  Math.max(...(topologyFunctions as readonly FunctionSpec[]).map((spec) => spec.timeoutSeconds ?? 0)) + sealClockAllowanceSeconds;

/** A validated deployment configuration (settings filled in with their defaults). */
export type DeploymentConfig = z.infer<typeof DeploymentConfigSchema>;

/** A configuration as a file may write it: the settings' sections may be left out. */
export type DeploymentConfigInput = z.input<typeof DeploymentConfigSchema>;

/** A configuration file that cannot be used; the message names every offending field. */
export class DeploymentConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly { readonly field: string; readonly message: string }[],
  ) {
    super(`Deployment config ${source} is invalid:\n` + problems.map((problem) => `  - ${problem.field}: ${problem.message}`).join('\n'));
    this.name = 'DeploymentConfigError';
  }
}

/** Role name prefix shared by every department role; functions get it as `DEPARTMENT_ROLE_PREFIX`. */
export const departmentRolePrefix = (prefix: string): string => `${prefix}-department-`;

/** Physical IAM role name of one department. */
export const departmentRoleName = (prefix: string, departmentId: string): string => `${departmentRolePrefix(prefix)}${departmentId}`;

/** The id of the configuration's Roles Anywhere trust anchor, whether it was given as an ARN or an id. */
export const trustAnchorId = (config: Pick<DeploymentConfig, 'departmentCertificates'>): string => {
  const { trustAnchor } = config.departmentCertificates;
  return trustAnchorArnPattern.exec(trustAnchor)?.[4] ?? trustAnchor;
};

/**
 * Days the longest-kept copy of a table lives: point-in-time recovery (35 days), the daily and
 * the monthly recovery points and their copies in the other region. An intake key of personal
 * data is deleted only after this long without an open complaint under it.
 */
export const backupWindowDaysOf = (config: Pick<DeploymentConfig, 'retention'>): number =>
  Math.max(pointInTimeRecoveryDays, config.retention.dailyBackupDays, config.retention.monthlyBackupDays);

/** Whether Lambda offers active X-Ray tracing in a partition (not in `aws-cn`). */
export const partitionHasLambdaTracing = (partition: string): boolean => partition !== 'aws-cn';

/** The partition (`aws`, `aws-cn`, ...) of a validated configuration's region. */
export const partitionOf = (config: DeploymentConfig): string => RegionInfo.get(config.region).partition ?? 'aws';

/** The origins of a site whose pages call the API on the API's own domain. */
export interface DirectApiOrigins {
  /** Where the console and the complaint page are served from: the one origin the staff routes allow (CORS). */
  readonly site: string;
  /** Where the pages send every API call. */
  readonly api: string;
}

/**
 * Whether the site's pages call the API on its own domain rather than through the site's `/v1/*`:
 * in AWS China, whose CloudFront has neither WAF nor functions, so only a direct call lets the
 * API's firewall (per-address limits) and the staff sign-in lockout see the viewer's address
 * instead of an edge's. Undefined elsewhere and without a site (the validation requires both
 * domains for a site in China).
 */
export function directApiOriginsOf(config: Pick<DeploymentConfig, 'region' | 'site' | 'api'>): DirectApiOrigins | undefined {
  if ((RegionInfo.get(config.region).partition ?? 'aws') !== 'aws-cn') return undefined;
  const site = config.site?.customDomain?.domainName;
  const api = config.api.customDomain?.domainName;
  return site === undefined || api === undefined ? undefined : { site: normalizeOrigin(`https://${site}`), api: normalizeOrigin(`https://${api}`) };
}

/**
 * Whether the deployment's site forwards `/v1/*` to the API through CloudFront: a site outside
 * AWS China. There CloudFront runs no functions to name the viewer, and the pages call the API's
 * own domain instead.
 */
export const siteForwardsToApi = (config: DeploymentConfig): boolean => config.site !== undefined && directApiOriginsOf(config) === undefined;

/** Whether tracing is on for a deployment: the explicit flag, else what the partition offers. */
export const tracingEnabled = (config: DeploymentConfig): boolean => config.tracing ?? partitionHasLambdaTracing(partitionOf(config));

const fieldName = (path: readonly PropertyKey[]): string =>
  path.length === 0
    ? '(file)'
    : path
        .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
        .join('.')
        .replace(/\.\[/g, '[');

/**
 * Validates raw configuration data.
 * @param raw parsed JSON
 * @param source where it came from, for the error message
 * @throws DeploymentConfigError naming each invalid field
 */
export const parseDeploymentConfig = (raw: unknown, source: string): DeploymentConfig => {
  const result = DeploymentConfigSchema.safeParse(raw);
  if (!result.success) {
    throw new DeploymentConfigError(source, [
      ...movedSectionProblems(raw),
      ...result.error.issues.map((issue) => ({ field: fieldName(issue.path), message: issue.message })),
    ]);
  }
  return result.data;
};

/**
 * Reads and validates one configuration file.
 * @throws DeploymentConfigError when the file is not JSON or not a valid configuration
 */
export const loadDeploymentConfig = (file: string): DeploymentConfig => {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DeploymentConfigError(file, [{ field: '(file)', message: `not readable JSON: ${(error as Error).message}` }]);
  }
  return parseDeploymentConfig(raw, file);
};

/**
 * Reads the configurations of the selected deployments (file base names, e.g. `cn-north-1`),
 * or of every file in the folder when none is selected.
 */
export const loadDeploymentConfigs = (directory: string = configDirectory, selected?: readonly string[]): DeploymentConfig[] => {
  const available = readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => basename(file, '.json'))
    .sort();
  const names = selected === undefined || selected.length === 0 ? available : [...selected];
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    throw new DeploymentConfigError(directory, [{ field: 'config', message: `no file for ${unknown.join(', ')}; available: ${available.join(', ')}` }]);
  }
  return names.map((name) => loadDeploymentConfig(join(directory, `${name}.json`)));
};
