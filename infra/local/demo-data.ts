/**
 * The demonstration reference data of the local runtime: one city, two districts, four
 * departments and their licensing catalogues (事项目录). Generated data only — no production
 * data outside production (Data Security Law). The item formats are the ones the reference
 * repositories read (see `shared/tables.ts`, table `reference`).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CatalogueMatter, DepartmentProfile } from '#shared/domain/catalogue/catalogue-matter.ts';
import type { DisclosureMatter } from '#shared/domain/disclosure/disclosure-matter.ts';
import type { PenaltyMatter } from '#shared/domain/penalty/penalty-matter.ts';
import type { TenderMatterInput } from '#shared/domain/tender/tender-matter.ts';
import type { MatterBase } from '#shared/domain/records/record-family.ts';
import { cityJurisdiction } from '#shared/domain/records/identifiers.ts';

/** A jurisdiction of the demo: the city or one of its districts. */
export interface DemoJurisdiction {
  readonly jurisdiction: string;
  readonly name: string;
}

/** The city, whose supervisor sees every district. */
export const demoCity: DemoJurisdiction = { jurisdiction: cityJurisdiction, name: '宁波市' };

/** The districts (县（市）区) below the city. */
export const demoDistricts: readonly DemoJurisdiction[] = [
  { jurisdiction: 'haishu', name: '海曙区' },
  { jurisdiction: 'yinzhou', name: '鄞州区' },
];

/** Departments registered with the demo system, two per district. */
export const demoDepartments: readonly DepartmentProfile[] = [
  { department: 'haishu-market-regulation', name: '海曙区市场监督管理局', jurisdiction: 'haishu' },
  { department: 'haishu-housing', name: '海曙区住房和城乡建设局', jurisdiction: 'haishu' },
  { department: 'yinzhou-market-regulation', name: '鄞州区市场监督管理局', jurisdiction: 'yinzhou' },
  { department: 'yinzhou-natural-resources', name: '鄞州区自然资源和规划局', jurisdiction: 'yinzhou' },
];

const licensingLawArticle42 = '《中华人民共和国行政许可法》第四十二条';

/** Builds a licensing matter with the limits most catalogues share; only what differs is passed. */
const licensingMatter = (
  department: string,
  matterCode: string,
  name: string,
  promisedWorkingDays: number,
): CatalogueMatter => ({
  department,
  matterCode,
  kind: 'licensing',
  name,
  promisedWorkingDays,
  statutoryWorkingDays: 20,
  promptWorkingDaysBefore: 1,
  completionNoticeWorkingDays: 5,
  legalBasis: licensingLawArticle42,
});

/** The licensing catalogue of every demo department (2–3 matters each). */
export const demoCatalogue: readonly CatalogueMatter[] = [
  licensingMatter('haishu-market-regulation', 'food-business-licence', '食品经营许可', 10),
  licensingMatter('haishu-market-regulation', 'medical-device-retail-licence', '第三类医疗器械经营许可', 15),
  licensingMatter('haishu-market-regulation', 'special-equipment-licence', '特种设备使用登记', 12),
  licensingMatter('haishu-housing', 'construction-permit', '建筑工程施工许可', 10),
  licensingMatter('haishu-housing', 'presale-permit', '商品房预售许可', 15),
  licensingMatter('yinzhou-market-regulation', 'food-business-licence', '食品经营许可', 10),
  licensingMatter('yinzhou-market-regulation', 'food-production-licence', '食品生产许可', 15),
  licensingMatter('yinzhou-natural-resources', 'land-use-planning-permit', '建设用地规划许可', 15),
  licensingMatter('yinzhou-natural-resources', 'construction-planning-permit', '建设工程规划许可', 12),
  licensingMatter('yinzhou-natural-resources', 'rural-construction-planning-permit', '乡村建设规划许可', 10),
];

/** Penalty matters (行政处罚) with their discretion benchmark (裁量基准). */
export const demoPenaltyCatalogue: readonly PenaltyMatter[] = [
  {
    department: 'haishu-market-regulation',
    matterCode: 'food-safety-penalty',
    kind: 'penalty',
    name: '食品安全违法行为处罚',
    legalBasis: '《中华人民共和国行政处罚法》第六十条；《中华人民共和国食品安全法》第一百二十二条',
    decisionCalendarDays: 90,
    promptCalendarDaysBefore: 7,
    hearingThresholdYuan: 100_000,
    publicationWorkingDays: 7,
    discretionBands: [
      { violationCode: 'FS-122', circumstance: 'minor', minFineYuan: 50_000, maxFineYuan: 80_000 },
      { violationCode: 'FS-122', circumstance: 'ordinary', minFineYuan: 80_000, maxFineYuan: 150_000 },
      { violationCode: 'FS-122', circumstance: 'serious', minFineYuan: 150_000, maxFineYuan: 1_000_000 },
    ],
  },
  {
    department: 'yinzhou-market-regulation',
    matterCode: 'price-penalty',
    kind: 'penalty',
    name: '价格违法行为处罚',
    legalBasis: '《中华人民共和国行政处罚法》第六十条；《价格违法行为行政处罚规定》',
    decisionCalendarDays: 90,
    promptCalendarDaysBefore: 7,
    hearingThresholdYuan: 100_000,
    publicationWorkingDays: 7,
    discretionBands: [
      { violationCode: 'PR-07', circumstance: 'minor', minFineYuan: 0, maxFineYuan: 5_000 },
      { violationCode: 'PR-07', circumstance: 'ordinary', minFineYuan: 5_000, maxFineYuan: 50_000 },
      { violationCode: 'PR-07', circumstance: 'serious', minFineYuan: 50_000, maxFineYuan: 500_000 },
    ],
  },
];

/** Public resource trading matters (公共资源交易): national minimum periods, the construction threshold. */
export const demoTenderCatalogue: readonly TenderMatterInput[] = [
  {
    department: 'haishu-housing',
    matterCode: 'construction-tender',
    kind: 'publicResourceTrading',
    name: '房屋建筑和市政基础设施工程施工招标',
    legalBasis: '《中华人民共和国招标投标法》第二十四条、第四十六条',
    minBidDays: 20,
    minPublicityDays: 3,
    contractCalendarDays: 30,
    tenderThresholdYuan: 4_000_000,
  },
  {
    department: 'yinzhou-natural-resources',
    matterCode: 'land-survey-tender',
    kind: 'publicResourceTrading',
    name: '土地测绘服务招标',
    legalBasis: '《中华人民共和国招标投标法》第二十四条、第四十六条',
  },
];

/** Information disclosure matters (政务信息公开), limits of the 2019 regulations. */
export const demoDisclosureCatalogue: readonly DisclosureMatter[] = demoDepartments.map((profile) => ({
  department: profile.department,
  matterCode: 'information-disclosure',
  kind: 'disclosure',
  name: '政府信息公开',
  legalBasis: '《中华人民共和国政府信息公开条例》（2019年修订）',
  replyWorkingDays: 20,
  maxExtensionWorkingDays: 20,
  proactiveWorkingDays: 20,
  promptWorkingDaysBefore: 1,
  completionRequestWorkingDays: 7,
}));

/** Every demo matter, whatever its family. */
export const demoMatters: readonly MatterBase[] = [...demoCatalogue, ...demoPenaltyCatalogue, ...demoTenderCatalogue, ...demoDisclosureCatalogue];

/** A `reference` table item, keys included. */
export type ReferenceItem = Record<string, unknown> & { readonly pk: string; readonly sk: string };

/** Partition key of everything the reference table holds about a department. */
export const departmentPartitionKey = (department: string): string => `DEPARTMENT#${department}`;

/** The reference items of the demo: one profile per department, one item per catalogue matter. */
export function demoReferenceItems(): ReferenceItem[] {
  const profiles = demoDepartments.map((profile) => ({
    pk: departmentPartitionKey(profile.department),
    sk: 'PROFILE',
    ...profile,
  }));
  const matters = demoMatters.map((matter) => ({
    pk: departmentPartitionKey(matter.department),
    sk: `MATTER#${matter.matterCode}`,
    ...matter,
  }));
  return [...profiles, ...matters];
}

/** BatchWriteItem accepts at most 25 requests. */
const batchWriteLimit = 25;

/**
 * Writes the demo reference data to the `reference` table. Plain puts of fixed content, so
 * seeding twice (every start of a persistent runtime) leaves the same items.
 *
 * @returns the number of items written
 */
export async function seedDemoData(client: DynamoDBDocumentClient, referenceTable: string): Promise<number> {
  const items = demoReferenceItems();
  for (let start = 0; start < items.length; start += batchWriteLimit) {
    let pending: Record<string, { PutRequest: { Item: ReferenceItem } }[]> = {
      [referenceTable]: items.slice(start, start + batchWriteLimit).map((item) => ({ PutRequest: { Item: item } })),
    };
    // DynamoDB may hand back unprocessed items under load; retry them until none remain.
    for (let attempt = 0; Object.keys(pending).length > 0; attempt += 1) {
      if (attempt >= 10) throw new Error(`demo data: ${referenceTable} kept items unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
      const result = await client.send(new BatchWriteCommand({ RequestItems: pending }));
      pending = (result.UnprocessedItems ?? {}) as typeof pending;
    }
  }
  return items.length;
}
