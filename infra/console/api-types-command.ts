/** `npm run console:api-types`: regenerates the console's API types from the OpenAPI document. */
import { writeConsoleApiTypes } from './api-types.ts';

writeConsoleApiTypes().then(
  (file) => process.stdout.write(`wrote ${file}\n`),
  (error: unknown) => {
    process.stderr.write(`console:api-types failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
