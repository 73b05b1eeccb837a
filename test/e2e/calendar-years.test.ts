/**
 * Supervisors load the State Council holiday arrangement of a year the package lacks through the
 * console API: only city supervisors write, every write is versioned, bad bodies name the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#infra/local/runtime.ts';
import { bearerGet } from '../support/local-api-client.ts';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime.ts';
import { anArrangementFor2027 } from '../shared/domain/calendar/year-arrangement-mother.ts';

let started: TestRuntime;
let runtime: LocalRuntime;
let citySupervisor: string;
let districtSupervisor: string;
let liaison: string;

beforeAll(async () => {
  started = await startTestRuntime('calendar');
  runtime = started.runtime;
  citySupervisor = await runtime.mintStaffToken({ subject: 'city-sup-1', role: 'citySupervisor', jurisdiction: 'city' });
  districtSupervisor = await runtime.mintStaffToken({ subject: 'district-sup-1', role: 'districtSupervisor', jurisdiction: 'haishu' });
  liaison = await runtime.mintStaffToken({
    subject: 'liaison-1',
    role: 'departmentLiaison',
    jurisdiction: 'haishu',
    department: 'haishu-housing',
    secondFactor: false,
  });
});

afterAll(async () => {
  await started?.dispose();
});

async function putYear(token: string, year: number | string, body: unknown) {
  const response = await fetch(new URL(`/v1/calendar/years/${year}`, runtime.apiUrl), {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('loading a year of holiday arrangements', () => {
  it('lets a city supervisor load 2027, which every console reader then sees', async () => {
    // Act
    const loaded = await putYear(citySupervisor, 2027, { ...anArrangementFor2027(), expectedVersion: 0 });
    const listed = await bearerGet(runtime.apiUrl, '/v1/calendar/years', liaison);
    const one = await bearerGet(runtime.apiUrl, '/v1/calendar/years/2027', districtSupervisor);

    // Assess
    expect(loaded.status).toBe(200);
    expect(loaded.json).toMatchObject({ year: 2027, version: 1, updatedBy: 'citySupervisor:city-sup-1' });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((item: { year: number; version: number }) => [item.year, item.version])).toEqual([[2027, 1]]);
    expect(listed.json.packagedYears).toContain(2026);
    expect(one.json).toMatchObject({ year: 2027, makeUpWorkingDays: anArrangementFor2027().makeUpWorkingDays });
  });

  it('refuses a district supervisor with 403 and writes nothing', async () => {
    // Act
    const refused = await putYear(districtSupervisor, 2029, {
      ...anArrangementFor2027({ year: 2029, holidays: ['2029-01-01'], makeUpWorkingDays: [] }),
      expectedVersion: 0,
    });
    const read = await bearerGet(runtime.apiUrl, '/v1/calendar/years/2029', citySupervisor);

    // Assess
    expect(refused.status).toBe(403);
    expect(read.status).toBe(404);
  });

  it('refuses a malformed arrangement with 400 naming the field', async () => {
    // Act
    const badDate = await putYear(citySupervisor, 2028, {
      ...anArrangementFor2027({ year: 2028, holidays: ['2028-01-03', '2028-02-30'], makeUpWorkingDays: ['2028-02-14'] }),
      expectedVersion: 0,
    });
    const otherYear = await putYear(citySupervisor, 2028, { ...anArrangementFor2027(), expectedVersion: 0 });
    const badPath = await putYear(citySupervisor, 'next', { ...anArrangementFor2027(), expectedVersion: 0 });

    // Assess
    expect(badDate.status).toBe(400);
    expect(badDate.json.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/holidays/1', '/makeUpWorkingDays/0']);
    expect(otherYear.status).toBe(400);
    expect(otherYear.json.errors).toEqual([{ pointer: '/year', detail: '应为 2028，与路径中的年份一致' }]);
    expect(badPath.status).toBe(400);
    expect(badPath.json.errors[0].pointer).toBe('/path/year');
  });

  it('refuses a stale version with 409 and keeps the stored year', async () => {
    // Prepare
    const arrangement = anArrangementFor2027({ year: 2030, holidays: ['2030-01-01'], makeUpWorkingDays: [], source: 'first' });
    await putYear(citySupervisor, 2030, { ...arrangement, expectedVersion: 0 });
    const corrected = await putYear(citySupervisor, 2030, { ...arrangement, source: 'corrected', expectedVersion: 1 });

    // Act
    const stale = await putYear(citySupervisor, 2030, { ...arrangement, source: 'lost update', expectedVersion: 1 });

    // Assess
    expect(corrected.json.version).toBe(2);
    expect(stale.status).toBe(409);
    expect(stale.json.type).toContain('stale-version');
    const read = await bearerGet(runtime.apiUrl, '/v1/calendar/years/2030', citySupervisor);
    expect(read.json).toMatchObject({ source: 'corrected', version: 2 });
  });
});
