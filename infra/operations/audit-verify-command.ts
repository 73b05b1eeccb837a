/**
 * `npm run audit:verify -- ...`: checks the audit trail day by day against its sealed, signed
 * digests and names the first missing, altered or inserted entry (docs/operations.md).
 */
import { auditVerifyMain, auditVerifyUsage } from './audit-verify-main.ts';
import { runCommand } from './command-line.ts';

runCommand((argv) => auditVerifyMain(argv, (text) => process.stdout.write(text)), auditVerifyUsage);
