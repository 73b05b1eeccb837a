import { describe, expect, it } from 'vitest';
import { ComplaintEnvironment, complaintSettingsFrom } from '#shared/config/complaint-environment.ts';
import { ConfigurationError, PersonalDataEnvironment, readEnvironment } from '#shared/config/function-environment.ts';
import { SupervisionEnvironment, supervisionPolicyFrom } from '#shared/config/supervision-environment.ts';

describe('complaint and supervision settings from the environment', () => {
  it('stops the cold start naming each variable the stack did not set', () => {
    // Act / Assess
    expect(() => readEnvironment(SupervisionEnvironment, { SUPERVISION_DECISION_WORKING_DAYS: '3' })).toThrow(
      /SUPERVISION_PROMPT_WORKING_DAYS_BEFORE.*SUPERVISION_ESCALATE_AFTER_WORKING_DAYS/,
    );
  });

  it("takes a city's own values", () => {
    // Act
    const complaints = complaintSettingsFrom(
      readEnvironment(ComplaintEnvironment, {
        COMPLAINT_ESCALATE_AFTER_WORKING_DAYS: '2',
        COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: '2',
        COMPLAINT_REOPENING_DAYS: '60',
        COMPLAINT_PERSONAL_DATA_RETENTION_DAYS: '1095',
      }),
    );
    const supervision = supervisionPolicyFrom(
      readEnvironment(SupervisionEnvironment, {
        SUPERVISION_DECISION_WORKING_DAYS: '5',
        SUPERVISION_PROMPT_WORKING_DAYS_BEFORE: '2',
        SUPERVISION_ESCALATE_AFTER_WORKING_DAYS: '0',
      }),
    );

    // Assess
    expect(complaints.clock.escalateAfterWorkingDays).toBe(2);
    expect(complaints.reopeningWindowDays).toBe(60);
    expect(supervision).toEqual({ decisionWorkingDays: 5, promptWorkingDaysBefore: 2, escalateAfterWorkingDays: 0 });
  });

  it('stops the cold start naming the variable when a value is not a whole number in range', () => {
    // Act / Assess
    expect(() => readEnvironment(ComplaintEnvironment, { COMPLAINT_HANDLING_PROMPT_WORKING_DAYS: '0' })).toThrow(/COMPLAINT_HANDLING_PROMPT_WORKING_DAYS/);
    expect(() => readEnvironment(SupervisionEnvironment, { SUPERVISION_DECISION_WORKING_DAYS: 'soon' })).toThrow(ConfigurationError);
  });

  it('accepts a KMS key ARN of either partition or a local key file, and nothing else, for personal data', () => {
    // Prepare
    const arn = 'arn:aws-cn:kms:cn-north-1:123456789012:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

    // Act / Assess
    expect(readEnvironment(PersonalDataEnvironment, { PERSONAL_DATA_KEY: arn, LOOKUP_HASH_KEY: arn.replace('aws-cn', 'aws') })).toMatchObject({
      PERSONAL_DATA_KEY: arn,
    });
    expect(readEnvironment(PersonalDataEnvironment, { PERSONAL_DATA_KEY: 'local:/keys/a.key', LOOKUP_HASH_KEY: 'local:/keys/b.key' })).toMatchObject({
      LOOKUP_HASH_KEY: 'local:/keys/b.key',
    });
    expect(() => readEnvironment(PersonalDataEnvironment, { PERSONAL_DATA_KEY: 'alias/personal-data', LOOKUP_HASH_KEY: 'local:/k' })).toThrow(
      /PERSONAL_DATA_KEY/,
    );
  });
});
