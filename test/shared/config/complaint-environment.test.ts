import { describe, expect, it } from 'vitest';
import { readComplaintSettings } from '#shared/config/complaint-environment.ts';
import { ConfigurationError } from '#shared/config/function-environment.ts';

/** What the stack sets from a configuration that leaves the complaint settings at their defaults. */
const configured = {
  COMPLAINT_ESCALATE_AFTER_WORKING_DAYS: '1',
  COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: '2',
  COMPLAINT_REOPENING_DAYS: '30',
  COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '1095',
};

describe('the retention of personal data in the complaint settings', () => {
  it('stops the cold start naming every variable the stack did not set: a function has no defaults of its own', () => {
    // Act
    const read = () => readComplaintSettings({});

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      /COMPLAINT_ESCALATE_AFTER_WORKING_DAYS.*COMPLAINT_HANDLING_PROMPT_WORKING_DAYS.*COMPLAINT_REOPENING_DAYS.*COMPLAINT_PERSONAL_DATA_RETENTION_DAYS/,
    );
  });

  it("takes a city's own period from 31 days up", () => {
    // Act
    const shortest = readComplaintSettings({ ...configured, COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '31' });
    const longer = readComplaintSettings({ ...configured, COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '1826' });

    // Assess
    expect(shortest.clock.personalDataRetentionDays).toBe(31);
    expect(longer.clock.personalDataRetentionDays).toBe(1826);
  });

  it.each(['30', '0', '-5', '90.5', 'three years', ''])('stops the cold start naming the variable and the rule for %j', (value) => {
    // Act
    const read = () => readComplaintSettings({ ...configured, COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: value });

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(/COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: a whole number of calendar days from 31 to 36500/);
  });

  it('refuses a period that ends before a longer re-opening window', () => {
    // Act
    const read = () => readComplaintSettings({ ...configured, COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '60', COMPLAINT_REOPENING_DAYS: '90' });

    // Assess
    expect(read).toThrow(/COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: must be longer than the re-opening window .*COMPLAINT_REOPENING_DAYS/);
  });
});
