/** DynamoDB's limits on one request, as the adapters that batch their writes and reads rely on them. */

/** Most items one `TransactWriteItems` may write. */
export const transactionItemLimit = 100;
/** Most items one `BatchWriteItem` may write. */
export const batchWriteLimit = 25;
/** Most keys one `BatchGetItem` may read. */
export const batchGetLimit = 100;
