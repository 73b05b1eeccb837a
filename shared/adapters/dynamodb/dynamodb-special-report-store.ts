/**
 * Special reports in the `reference` table (access patterns in `shared/tables.ts`): one item per
 * report, `pk SPECIALREPORT#<owner>#<period>`, `sk REPORT#<number, 10 digits>`, its version and
 * status beside the report kept gzipped (a city's findings name up to every department). A new
 * report is put if its number is free; a change is put while the stored one is a draft at the
 * version read.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SpecialReportNumberTaken, SpecialReportVersionChanged, type SpecialReportStore } from '../../application/special-reports/special-report-store.ts';
import { changedSinceRead, rereadStep } from '../../application/store-refusals.ts';
import type { SpecialReport } from '../../domain/special-reports/special-report.ts';
import { queryEveryPage } from './query-every-page.ts';

export const specialReportPk = (owner: string, period: string): string => `SPECIALREPORT#${owner}#${period}`;
export const specialReportSk = (id: number): string => `REPORT#${String(id).padStart(10, '0')}`;

const itemOf = (report: SpecialReport): Record<string, unknown> => ({
  pk: specialReportPk(report.owner, report.period),
  sk: specialReportSk(report.id),
  version: report.version,
  status: report.status,
  report: gzipSync(Buffer.from(JSON.stringify(report), 'utf8')),
});
const reportOf = (item: Record<string, unknown>): SpecialReport => JSON.parse(gunzipSync(item['report'] as Uint8Array).toString('utf8')) as SpecialReport;

export class DynamoDbSpecialReportStore implements SpecialReportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(owner: string, period: string): Promise<SpecialReport[]> {
    const items = await queryEveryPage(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': specialReportPk(owner, period), ':prefix': 'REPORT#' },
      ConsistentRead: true,
    });
    return items.map(reportOf);
  }

  async report(owner: string, period: string, id: number): Promise<SpecialReport | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: specialReportPk(owner, period), sk: specialReportSk(id) }, ConsistentRead: true }),
    );
    return Item ? reportOf(Item) : undefined;
  }

  async add(report: SpecialReport): Promise<void> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: itemOf(report), ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new SpecialReportNumberTaken(
          { zh: '专项报告编号已被占用', en: 'The special report number was taken' },
          {
            zh: `${report.owner} ${report.period} 第 ${report.id} 号报告刚由他人存储。`,
            en: `Report ${report.id} of ${report.owner} ${report.period} was just stored by someone else.`,
          },
        );
      }
      throw error;
    }
  }

  async replace(report: SpecialReport, expectedVersion: number): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: itemOf(report),
          ConditionExpression: '#version = :expected AND #status = :draft',
          ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
          ExpressionAttributeValues: { ':expected': expectedVersion, ':draft': 'draft' },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new SpecialReportVersionChanged(
          { zh: `专项报告${changedSinceRead.zh}`, en: `The special report: ${changedSinceRead.en.toLowerCase()}` },
          {
            zh: `${report.owner} ${report.period} 第 ${report.id} 号报告已不是第 ${expectedVersion} 版。${rereadStep.zh}`,
            en: `Report ${report.id} of ${report.owner} ${report.period} is no longer at version ${expectedVersion}. ${rereadStep.en}`,
          },
        );
      }
      throw error;
    }
  }
}
