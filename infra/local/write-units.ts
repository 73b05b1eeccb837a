/**
 * Write units as DynamoDB would charge them, computed from the items a request writes.
 *
 * Used by the local runtime's usage meter (on the wire format the gateway sees) and by the bench
 * (on the document client's items).
 *
 * Why not `ReturnConsumedCapacity`: DynamoDB Local (1.25.1) misreports transactions — it reports
 * one item's units per table, four times over, whatever the number of items (probed: 1, 2 or 10
 * items of 100 bytes all report 4 units; 1 or 10 items of 3 KB report 12). Single-item writes
 * it reports right. So the bench prices what each write sends, by DynamoDB's documented rules:
 *
 * - an item's size is its attribute names and values (strings and binaries by their UTF-8 or byte
 *   length, numbers about one byte per two digits plus one, booleans and nulls one byte, lists and
 *   maps three bytes plus one per element plus their elements);
 * - a standard write costs one unit per started KB of the item; a transactional write two;
 * - each global secondary index whose key attributes the item carries is written too, one unit
 *   per started KB of what it projects (its keys and the table's for `KEYS_ONLY`, the item for
 *   `ALL`). Index writes are charged at the standard rate (DynamoDB maintains indexes after the
 *   commit). The previous item is not known to a request meter, so two things are approximate:
 *   a rewrite that leaves an index's projection unchanged is counted (DynamoDB skips it), and a
 *   rewrite that moves an item's index key is counted once (DynamoDB also deletes the old entry).
 * - a delete or a condition check costs one unit (two in a transaction): the items deleted are
 *   small outbox entries.
 */
import { tableDesigns, type TableDesign } from '#shared/tables.ts';

export interface WriteUnits {
  readonly table: number;
  /** By index name. */
  readonly indexes: Readonly<Record<string, number>>;
}

const utf8 = (text: string): number => Buffer.byteLength(text, 'utf8');

function valueSize(value: unknown): number {
  if (typeof value === 'object' && value !== null && 'wireSize' in value) return (value as { wireSize: number }).wireSize;
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits =
      String(value)
        .replace(/[-.]|e.*$/gi, '')
        .replace(/^0+/, '').length || 1;
    return Math.ceil(digits / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum: number, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((sum: number, v) => sum + valueSize(v) + 1, 0);
  if (typeof value === 'object') return 3 + Object.entries(value as Record<string, unknown>).reduce((sum, [name, v]) => sum + utf8(name) + valueSize(v) + 1, 0);
  return 1;
}

/** The size of a value in DynamoDB's wire format (`{ "S": "…" }`, `{ "M": { … } }`, …). */
function wireValueSize(value: Readonly<Record<string, unknown>>): number {
  if ('S' in value) return utf8(String(value['S']));
  if ('N' in value) return valueSize(Number(value['N']));
  if ('B' in value) return Buffer.from(String(value['B']), 'base64').byteLength;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('L' in value) return 3 + (value['L'] as Record<string, unknown>[]).reduce((sum, v) => sum + wireValueSize(v) + 1, 0);
  if ('M' in value)
    return 3 + Object.entries(value['M'] as Record<string, Record<string, unknown>>).reduce((sum, [name, v]) => sum + utf8(name) + wireValueSize(v) + 1, 0);
  if ('SS' in value) return (value['SS'] as string[]).reduce((sum, v) => sum + utf8(v), 0);
  if ('NS' in value) return (value['NS'] as string[]).reduce((sum, v) => sum + valueSize(Number(v)), 0);
  if ('BS' in value) return (value['BS'] as string[]).reduce((sum, v) => sum + Buffer.from(v, 'base64').byteLength, 0);
  return 1;
}

/** An item in the wire format as the document client would give it: names kept, values sized by the same rules. */
function wireItem(item: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Record<string, { readonly wireSize: number; readonly present: true }> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, { wireSize: wireValueSize(value), present: true }]));
}

/** The size DynamoDB counts for an item (attribute names and values), in bytes. */
export function itemSize(item: Readonly<Record<string, unknown>>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + (value === undefined ? 0 : utf8(name) + valueSize(value)), 0);
}

const kilobytes = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

/** The design of a physical table (`<prefix>-<logical name>`), if it is one of ours. */
function designOf(tableName: string): TableDesign | undefined {
  return Object.values(tableDesigns).find((design) => tableName === design.name || tableName.endsWith(`-${design.name}`));
}

function putUnits(
  tableName: string,
  item: Readonly<Record<string, unknown>>,
  transactional: boolean,
  into: { table: number; indexes: Record<string, number> },
): void {
  const size = itemSize(item);
  into.table += kilobytes(size) * (transactional ? 2 : 1);
  const design = designOf(tableName);
  for (const index of design?.globalSecondaryIndexes ?? []) {
    if (item[index.partitionKey.name] === undefined || item[index.sortKey.name] === undefined) continue;
    const keys = [index.partitionKey.name, index.sortKey.name, design?.partitionKey.name ?? 'pk', design?.sortKey.name ?? 'sk'];
    const projected = index.projection === 'ALL' ? size : itemSize(Object.fromEntries(keys.map((name) => [name, item[name]])));
    into.indexes[index.indexName] = (into.indexes[index.indexName] ?? 0) + kilobytes(projected);
  }
}

type Input = Record<string, unknown>;

/** The write units of one request, by the operation's name (`PutItem`, `TransactWriteItems`, …) and its (document client) input. */
export function writeUnitsOf(operation: string, input: Input): WriteUnits {
  const units = { table: 0, indexes: {} as Record<string, number> };
  const put = (tableName: unknown, item: unknown, transactional: boolean) => putUnits(String(tableName), (item ?? {}) as Input, transactional, units);
  switch (operation) {
    case 'PutItem':
      put(input['TableName'], input['Item'], false);
      break;
    case 'UpdateItem':
    case 'DeleteItem':
      units.table += 1;
      break;
    case 'BatchWriteItem':
      for (const [tableName, requests] of Object.entries((input['RequestItems'] ?? {}) as Record<string, Input[]>)) {
        for (const request of requests) {
          if (request['PutRequest']) put(tableName, (request['PutRequest'] as Input)['Item'], false);
          else units.table += 1;
        }
      }
      break;
    case 'TransactWriteItems':
      for (const action of (input['TransactItems'] ?? []) as Input[]) {
        const putAction = action['Put'] as Input | undefined;
        if (putAction) put(putAction['TableName'], putAction['Item'], true);
        else units.table += 2;
      }
      break;
    default:
      break;
  }
  return units;
}

/** The same, for a request in DynamoDB's wire format (what the local runtime's gateway sees). */
export function writeUnitsOfWireRequest(operation: string, input: Record<string, unknown>): WriteUnits {
  const items = (value: unknown) => wireItem((value ?? {}) as Record<string, Record<string, unknown>>);
  switch (operation) {
    case 'PutItem':
      return writeUnitsOf(operation, { ...input, Item: items(input['Item']) });
    case 'BatchWriteItem':
      return writeUnitsOf(operation, {
        RequestItems: Object.fromEntries(
          Object.entries((input['RequestItems'] ?? {}) as Record<string, Record<string, Record<string, unknown>>[]>).map(([table, requests]) => [
            table,
            requests.map((request) => (request['PutRequest'] ? { PutRequest: { Item: items(request['PutRequest']['Item']) } } : request)),
          ]),
        ),
      });
    case 'TransactWriteItems':
      return writeUnitsOf(operation, {
        TransactItems: ((input['TransactItems'] ?? []) as Record<string, Record<string, unknown>>[]).map((action) =>
          action['Put'] ? { Put: { ...action['Put'], Item: items(action['Put']['Item']) } } : action,
        ),
      });
    default:
      return writeUnitsOf(operation, input);
  }
}

export const totalOf = (units: WriteUnits): number => units.table + Object.values(units.indexes).reduce((a, b) => a + b, 0);
