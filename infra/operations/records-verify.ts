/**
 * Verifies the seals of the act records stored in a range of hours by invoking the deployment's
 * verifier (`verify-records`): it alone may derive the hour keys (the record-seal key's policy
 * refuses everyone else, operators included), so the operator needs only `lambda:InvokeFunction`.
 * The range is asked for in requests of at most 48 hours; hours a request left for later (its
 * budget of records spent) are asked for again, so every hour of the range is checked.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { SealVerificationResponse, type SealVerificationRequest } from '#shared/api/record-seal-contract.ts';
import { maxHoursPerRequest } from '#shared/application/record-seals/seal-hours.ts';
import type { BrokenSeal } from '#shared/application/record-seals/verify-record-seals.ts';

/** What the whole range showed. */
export interface RecordsVerification {
  /** The verifier function invoked. */
  readonly functionName: string;
  readonly from: string;
  readonly to: string;
  /** Hours checked completely. */
  readonly hours: number;
  readonly records: number;
  readonly broken: number;
  /** The first broken seals, by table key (at most {@link namedBroken}). */
  readonly brokenRecords: readonly BrokenSeal[];
  /** Hours holding more records than one invocation checks: checked in part only. */
  readonly partlyChecked: readonly string[];
  readonly invocations: number;
}

/** Most broken seals a report names (the count is always complete). */
export const namedBroken = 200;

/** A function error the verifier answered with (an invalid request, a failure of its own). */
export class VerifierFailedError extends Error {
  constructor(functionName: string, errorType: string, message: string) {
    super(`${functionName}: ${errorType}: ${message}`);
    this.name = 'VerifierFailedError';
  }
}

async function invokeVerifier(lambda: LambdaClient, functionName: string, request: SealVerificationRequest): Promise<SealVerificationResponse> {
  const reply = await lambda.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(request)) }),
  );
  const payload = reply.Payload === undefined ? 'null' : new TextDecoder().decode(reply.Payload);
  if (reply.FunctionError !== undefined) {
    const error = JSON.parse(payload) as { errorType?: string; errorMessage?: string };
    throw new VerifierFailedError(functionName, error.errorType ?? reply.FunctionError, error.errorMessage ?? '');
  }
  return SealVerificationResponse.parse(JSON.parse(payload));
}

/** Checks every hour of `hours` (ascending, contiguous), request after request. */
export async function verifyRecords(lambda: LambdaClient, functionName: string, hours: readonly string[]): Promise<RecordsVerification> {
  let pending = [...hours];
  let checkedHours = 0;
  let records = 0;
  let broken = 0;
  let invocations = 0;
  const brokenRecords: BrokenSeal[] = [];
  const partlyChecked: string[] = [];
  while (pending.length > 0) {
    const chunk = pending.slice(0, maxHoursPerRequest);
    const result = await invokeVerifier(lambda, functionName, { verify: { from: chunk[0] as string, to: chunk[chunk.length - 1] as string } });
    invocations += 1;
    records += result.records;
    broken += result.broken;
    brokenRecords.push(...result.brokenRecords.slice(0, namedBroken - brokenRecords.length));
    const complete = result.hours.filter((hour) => hour.complete).length;
    checkedHours += complete;
    let rest = [...result.deferredHours, ...pending.slice(chunk.length)];
    if (complete === 0 && result.deferredHours[0] === chunk[0]) {
      // One hour holds more than a request checks: report it, and go on with the next.
      partlyChecked.push(chunk[0] as string);
      rest = rest.slice(1);
    }
    pending = rest;
  }
  return {
    functionName,
    from: hours[0] ?? '',
    to: hours[hours.length - 1] ?? '',
    hours: checkedHours,
    records,
    broken,
    brokenRecords,
    partlyChecked,
    invocations,
  };
}

const verdictText: Record<BrokenSeal['verdict'], string> = { altered: '被改动 / altered', sealMissing: '封印缺失 / seal missing' };

/** What a person reads: Chinese first, English second. */
export function formatRecordsVerification(result: RecordsVerification): string {
  const lines = [
    `核验函数 / Verifier: ${result.functionName}`,
    `核验小时 / Hours checked: ${result.hours}（${result.from} – ${result.to} UTC）`,
    `核验记录 / Records checked: ${result.records}`,
    `封印不符的记录 / Records whose seal does not match: ${result.broken}`,
    ...result.brokenRecords.map((record) => `  ${record.hour}  ${record.pk}  ${record.sk}  ${verdictText[record.verdict]}`),
    ...(result.broken > result.brokenRecords.length
      ? [`  …（另有 ${result.broken - result.brokenRecords.length} 条 / ${result.broken - result.brokenRecords.length} more）`]
      : []),
    ...(result.partlyChecked.length > 0
      ? [`仅部分核验的小时（记录过多）/ Hours checked in part only (too many records): ${result.partlyChecked.join(', ')}`]
      : []),
    '注意：被删除的记录、或被移出小时索引的记录无法由此发现 / Note: a record deleted, or taken out of the hour index, cannot be found this way',
  ];
  return `${lines.join('\n')}\n`;
}
