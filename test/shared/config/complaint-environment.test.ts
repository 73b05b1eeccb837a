import { describe, expect, it } from 'vitest';
import { readComplaintSettings } from '#shared/config/complaint-environment.ts';
import { ConfigurationError } from '#shared/config/function-environment.ts';

describe('the retention of personal data in the complaint settings', () => {
  it('keeps personal data three years after the end when a deployment sets nothing', () => {
    // Act
    const settings = readComplaintSettings({});

    // Assess
    expect(settings.clock.personalDataRetentionDays).toBe(1095);
  });

  it("takes a city's own period from 31 days up", () => {
    // Act
    const shortest = readComplaintSettings({ COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '31' });
    const longer = readComplaintSettings({ COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '1826' });

    // Assess
    expect(shortest.clock.personalDataRetentionDays).toBe(31);
    expect(longer.clock.personalDataRetentionDays).toBe(1826);
  });

  it.each(['30', '0', '-5', '90.5', 'three years', ''])('stops the cold start naming the variable and the rule for %j', (value) => {
    // Act
    const read = () => readComplaintSettings({ COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: value });

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: a whole number of calendar days from 31 to 36500/);
  });

  it('refuses a period that ends before a longer re-opening window', () => {
    // Act
    const read = () => readComplaintSettings({ COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '60', COMPLAINT_REOPENING_DAYS: '90' });

    // Assess
    expect(read).toThrow(/COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: must be longer than COMPLAINT_REOPENING_DAYS/);
  });
});
