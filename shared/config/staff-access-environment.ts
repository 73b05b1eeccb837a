/**
 * The staff authorizer's settings, read from the environment once at cold start; the stack sets
 * them from the configuration's `staffAccess` section.
 */
import * as z from 'zod';
import { environmentNames } from '../topology.ts';
import { numberFromEnvironment, required, settingRules } from './setting-rules.ts';

const { staffAccess } = settingRules;
const names = environmentNames.settings;

export const StaffAccessEnvironment = z.object({
  /** Hours a sign-in lasts (`staffAccess.maxSessionHours`). */
  [names.staffMaxSessionHours]: numberFromEnvironment(required(staffAccess.maxSessionHours)),
  /** Failures from one address within a window that lock it out (`staffAccess.failuresBeforeLockout`). */
  [names.staffFailuresBeforeLockout]: numberFromEnvironment(required(staffAccess.failuresBeforeLockout)),
  /** Minutes of a counting window (`staffAccess.lockoutWindowMinutes`). */
  [names.staffLockoutWindowMinutes]: numberFromEnvironment(required(staffAccess.lockoutWindowMinutes)),
});
export type StaffAccessEnvironment = z.infer<typeof StaffAccessEnvironment>;

/** The settings in the units the authorizer works in. */
export interface StaffAccessSettings {
  readonly maxSessionSeconds: number;
  readonly failuresBeforeLockout: number;
  readonly lockoutWindowSeconds: number;
}

export const staffAccessSettingsFrom = (env: StaffAccessEnvironment): StaffAccessSettings => ({
  maxSessionSeconds: env[names.staffMaxSessionHours] * 3600,
  failuresBeforeLockout: env[names.staffFailuresBeforeLockout],
  lockoutWindowSeconds: env[names.staffLockoutWindowMinutes] * 60,
});
