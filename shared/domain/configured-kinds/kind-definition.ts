/**
 * A kind of supervised act defined by configuration, not code (Measures Art. 17(6), Art. 25): a
 * supervisor declares the events departments push and rules of two shapes — a clock between two
 * events, a value outside a band — and the system supervises the new kind like a built-in family.
 * This schema is the whole contract: a definition it accepts builds a family that cannot fail on
 * a reference to something undeclared.
 */
import * as z from 'zod';

// One kind a line: families are added side by side.
// prettier-ignore
/** Kinds served by code (`shared/domain/records/record-families.ts`); a definition may not take them. */
export const builtInKinds = [
  'licensing',
  'penalty',
  'publicResourceTrading',
  'disclosure',
  'onlineService',
  'petition',
  'investmentProject',
  'informationSharing',
] as const;

/** Types a configured event's own field may have; `instant` is an ISO 8601 date-time with offset. */
export const configuredFieldTypes = ['string', 'integer', 'number', 'boolean', 'instant'] as const;
export type ConfiguredFieldType = (typeof configuredFieldTypes)[number];

/** Wire fields every record carries (`recordFields`), so no event may declare them. */
export const commonRecordFieldNames: readonly string[] = [
  'kind',
  'event',
  'department',
  'matterCode',
  'caseId',
  'sequence',
  'occurredAt',
  'classification',
  'official',
];

/** Placeholders a clock rule's summary template may use, replaced when a finding is stated. */
export const clockSummaryPlaceholders = ['deadline', 'from', 'to', 'limit'] as const;

/** Bounds of a definition: generous for real procedures, small enough to evaluate in microseconds. */
export const kindDefinitionLimits = {
  maxEvents: 30,
  maxFieldsPerEvent: 30,
  maxRules: 50,
  maxLimitDays: 3650,
  maxSummaryLength: 300,
} as const;

const kindPattern = /^[a-z][a-zA-Z0-9]{2,40}$/;
const eventNamePattern = /^[a-z][a-zA-Z0-9]{1,40}$/;
const fieldNamePattern = /^[a-z][a-zA-Z0-9]{0,40}$/;
const ruleIdPattern = /^[a-z][a-zA-Z0-9.-]{2,100}$/;

const text = (max: number) => z.string().trim().min(1, '必填 / required').max(max);
const EventName = z
  .string()
  .regex(eventNamePattern, '应为小驼峰式名称：一个字母，其后 1 至 40 个字母或数字 / a lower-camel-case name: a letter, then 1-40 letters or digits');
const RuleId = z.string().regex(ruleIdPattern, '应为一个字母，其后 2 至 100 个字母、数字、点或连字符 / a letter, then 2-100 letters, digits, dots or hyphens');
const days = z.number().int('应为整数 / an integer').min(1).max(kindDefinitionLimits.maxLimitDays);

/** One event departments push for the kind, with its own fields (all required on the wire). */
const ConfiguredEventDefinition = z.strictObject({
  event: EventName,
  fields: z.record(z.string(), z.enum(configuredFieldTypes)).optional(),
});

/** A clock between two events: `to` must happen within `limit` after `from` (the day of `from` not counted). */
const ClockRuleDefinition = z.strictObject({
  type: z.literal('clock'),
  ruleId: RuleId,
  from: EventName,
  to: EventName,
  limit: z.union([z.strictObject({ workingDays: days }), z.strictObject({ calendarDays: days })], {
    error: '应为 { workingDays } 或 { calendarDays } 之一：1 至 3650 的整数 / either { workingDays } or { calendarDays }: an integer from 1 to 3650',
  }),
  /** A `prompt` while `to` is pending and this many days (the limit's unit) or fewer remain. */
  promptBefore: z.number().int('应为整数 / an integer').min(0).optional(),
  /** Level once the limit has passed. */
  level: z.enum(['warning', 'correction']),
  legalBasis: text(500),
  /** One English line for a passed limit; may use `{deadline}`, `{from}`, `{to}`, `{limit}`. No personal data. */
  summary: text(kindDefinitionLimits.maxSummaryLength)
    .regex(/^[^\r\n]*$/, '应为单行文字 / a single line')
    .optional(),
});

/** A value outside a band: the numeric `field` of `event` must lie in [min, max]. */
const BandRuleDefinition = z.strictObject({
  type: z.literal('band'),
  ruleId: RuleId,
  event: EventName,
  field: z.string().min(1),
  min: z.number().optional(),
  max: z.number().optional(),
  level: z.enum(['prompt', 'warning', 'correction']),
  legalBasis: text(500),
});

const DefinitionFields = z.strictObject({
  kind: z.string().regex(kindPattern, '应为小驼峰式名称：一个字母，其后 2 至 40 个字母或数字 / a lower-camel-case name: a letter, then 2-40 letters or digits'),
  /** Name supervisors read, e.g. 行政检查. */
  name: text(200),
  /** What the kind's supervision rests on. */
  legalBasis: text(500),
  /** Cited as `ruleVersion` by every finding; raise it whenever the rules change. */
  version: z.number().int('应为整数 / an integer').min(1),
  events: z.array(ConfiguredEventDefinition).min(1, '至少一个事件 / at least one event').max(kindDefinitionLimits.maxEvents),
  rules: z
    .array(z.discriminatedUnion('type', [ClockRuleDefinition, BandRuleDefinition]))
    .min(1, '至少一条规则 / at least one rule')
    .max(kindDefinitionLimits.maxRules),
});

type DefinitionShape = z.output<typeof DefinitionFields>;

/** The rules across fields, each issue on the path it is about (`rules.1.to`). */
function checkDefinition(definition: DefinitionShape, context: z.RefinementCtx, reserved: ReadonlySet<string>): void {
  const issue = (path: (string | number)[], message: string): void => context.addIssue({ code: 'custom', path, message });
  const { kind } = definition;
  if (reserved.has(kind)) issue(['kind'], `「${kind}」是内置类别 / '${kind}' is a built-in kind`);

  const declared = new Map<string, Readonly<Record<string, ConfiguredFieldType>>>();
  definition.events.forEach(({ event, fields = {} }, index) => {
    if (declared.has(event)) issue(['events', index, 'event'], `事件「${event}」重复声明 / event '${event}' is declared twice`);
    else declared.set(event, fields);
    const names = Object.keys(fields);
    if (names.length > kindDefinitionLimits.maxFieldsPerEvent) {
      issue(['events', index, 'fields'], `至多 ${kindDefinitionLimits.maxFieldsPerEvent} 个字段 / at most ${kindDefinitionLimits.maxFieldsPerEvent} fields`);
    }
    for (const name of names) {
      if (!fieldNamePattern.test(name))
        issue(
          ['events', index, 'fields', name],
          `字段「${name}」应为一个字母，其后至多 40 个字母或数字 / field '${name}' must be a letter, then up to 40 letters or digits`,
        );
      else if (commonRecordFieldNames.includes(name))
        issue(['events', index, 'fields', name], `字段「${name}」是记录的公共字段 / field '${name}' is a common record field`);
    }
  });
  const fieldsOf = (event: string): Readonly<Record<string, ConfiguredFieldType>> | undefined => declared.get(event);

  const ruleIds = new Set<string>();
  definition.rules.forEach((rule, index) => {
    const at = (field: string): (string | number)[] => ['rules', index, field];
    if (ruleIds.has(rule.ruleId)) issue(at('ruleId'), `规则标识「${rule.ruleId}」重复使用 / rule id '${rule.ruleId}' is used twice`);
    ruleIds.add(rule.ruleId);
    // With a malformed kind, the kind's own issue says it all.
    if (kindPattern.test(kind) && (!rule.ruleId.startsWith(`${kind}.`) || rule.ruleId.length === kind.length + 1)) {
      issue(at('ruleId'), `应以「${kind}.」开头，其后为规则名 / must start with '${kind}.' and name the rule after it`);
    }
    if (rule.type === 'clock') {
      if (fieldsOf(rule.from) === undefined) issue(at('from'), `事件「${rule.from}」未声明 / event '${rule.from}' is not declared`);
      if (fieldsOf(rule.to) === undefined) issue(at('to'), `事件「${rule.to}」未声明 / event '${rule.to}' is not declared`);
      if (rule.from === rule.to) issue(at('to'), `应不同于 from（「${rule.from}」） / must differ from 'from' ('${rule.from}')`);
      const limit = 'workingDays' in rule.limit ? rule.limit.workingDays : rule.limit.calendarDays;
      if (rule.promptBefore !== undefined && rule.promptBefore >= limit) {
        issue(
          at('promptBefore'),
          `应小于期限（${limit}）：否则提示将早于「${rule.from}」 / must be less than the limit (${limit}): the prompt would start before '${rule.from}'`,
        );
      }
      for (const placeholder of rule.summary?.match(/\{[^}]*\}/g) ?? []) {
        const name = placeholder.slice(1, -1);
        if (!(clockSummaryPlaceholders as readonly string[]).includes(name)) {
          issue(
            at('summary'),
            `未知占位符 ${placeholder}；可用 ${clockSummaryPlaceholders.map((known) => `{${known}}`).join('、')} / unknown placeholder ${placeholder}; use ${clockSummaryPlaceholders.map((known) => `{${known}}`).join(', ')}`,
          );
        }
      }
    } else {
      const fields = fieldsOf(rule.event);
      if (fields === undefined) {
        issue(at('event'), `事件「${rule.event}」未声明 / event '${rule.event}' is not declared`);
      } else if (!Object.hasOwn(fields, rule.field)) {
        issue(at('field'), `事件「${rule.event}」未声明字段「${rule.field}」 / event '${rule.event}' declares no field '${rule.field}'`);
      } else if (fields[rule.field] !== 'integer' && fields[rule.field] !== 'number') {
        issue(
          at('field'),
          `字段「${rule.field}」的类型为 ${String(fields[rule.field])}；范围规则需要整数或数值字段 / field '${rule.field}' is a ${String(fields[rule.field])}; a band needs an integer or number field`,
        );
      }
      if (rule.min === undefined && rule.max === undefined) issue(at('min'), '范围规则需要 min、max 或二者 / a band needs min, max or both');
      if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) {
        issue(at('max'), `不能小于 min（${rule.min}） / must not be less than min (${rule.min})`);
      }
    }
  });
}

/**
 * The schema of a kind definition whose `kind` may not be one of `reservedKinds` (the kinds
 * served by code). Unknown fields are refused; every cross reference (events of a clock, the
 * field of a band) is checked, each issue on its own path.
 */
export function kindDefinitionSchema(reservedKinds: readonly string[]): z.ZodType<KindDefinition> {
  const reserved = new Set(reservedKinds);
  return DefinitionFields.superRefine((definition, context) => checkDefinition(definition, context, reserved));
}

/** A kind definition as supervisors submit it, refusing the built-in kinds. */
export const KindDefinition = kindDefinitionSchema(builtInKinds);

/** A parsed kind definition (names and legal bases trimmed). */
export type KindDefinition = z.output<typeof DefinitionFields>;
/** One declared event of a {@link KindDefinition}. */
export type ConfiguredEventDefinition = KindDefinition['events'][number];
/** One rule of a {@link KindDefinition}. */
export type ConfiguredRule = KindDefinition['rules'][number];
/** A rule timing `to` against `from`. */
export type ClockRule = Extract<ConfiguredRule, { type: 'clock' }>;
/** A rule keeping a numeric field in a band. */
export type BandRule = Extract<ConfiguredRule, { type: 'band' }>;
