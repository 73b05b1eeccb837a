/**
 * Wire contract of the data-quality scorecard (数据质量, Art. 7(2), 24): per department of the
 * caller's scope over a range of Shanghai days, what its system sent, the findings about its
 * reporting by kind, its latest reconciliation, and a score and grade from declared deductions.
 * The query is the connection-health listing's. Messages are Chinese first.
 */
import * as z from 'zod';
import { lagClasses } from '../domain/connection-health/batch-health.ts';
import { qualityFindingKinds, qualityGrades } from '../domain/data-quality/quality-scorecard.ts';
import { DepartmentHealthView, ListConnectionHealthQuery } from './connection-health-contract.ts';
import { InstantView } from './instant-view.ts';

/** `GET /v1/data-quality`: the connection-health listing's query (`department` or `jurisdiction`, `from`, `to`). */
export const DataQualityQuery = ListConnectionHealthQuery;

const counts = <K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((key) => [key, z.number().int()])) as Record<K, z.ZodNumber>);

const FindingCountsView = counts(qualityFindingKinds);
const LagClass = z.enum(lagClasses);

export const DepartmentScorecardView = z.object({
  department: z.string(),
  name: z.string(),
  jurisdiction: z.string(),
  connectedKinds: z.array(z.string()),
  connectedOn: z.string().optional(),
  /** The last batch with an accepted record; null when none ever was. */
  lastReceivedAt: InstantView.nullable(),
  /** Connected kinds that never produced an accepted record. */
  kindsWithoutRecords: z.array(z.string()),
  /** What arrived in the range, from the connection-health counters. */
  records: z.object({
    /** Accepted, duplicate and refused records. */
    arrived: z.number().int(),
    accepted: z.number().int(),
    duplicates: z.number().int(),
    refused: z.number().int(),
    /** Refused ÷ arrived, four decimals; 0 when none arrived. */
    refusalRate: z.number(),
    /** Accepted records received more than 24 hours after their event. */
    receivedOver24Hours: z.number().int(),
    /** receivedOver24Hours ÷ accepted, four decimals; 0 when none was accepted. */
    lateRate: z.number(),
    /** Accepted records by how long after their event they arrived: within an hour, a day, a week, later. */
    lag: counts(lagClasses),
    /** The lag class of the median accepted record (the counters keep classes, not durations); null when none was accepted. */
    lagMedian: LagClass.nullable(),
    /** The lag class of the 95th percentile; null when none was accepted. */
    lagP95: LagClass.nullable(),
  }),
  /**
   * Data-quality findings raised in the range, by kind (`late` reporting.late; `incomplete`
   * reporting.incomplete; `inaccurate` reporting.stage-order and reporting.future-instant;
   * `dataStandard` connection.data-standard; `reconciliationDifference`; `manifestLate`;
   * `delayedConnection`; `silentFeed` connection.feed-silent), and how many of them are still active.
   */
  findings: z.object({
    raised: FindingCountsView,
    active: FindingCountsView,
    raisedTotal: z.number().int(),
    activeTotal: z.number().int(),
    /** False when the department had more signals in the range than are read (the earliest are counted). */
    complete: z.boolean(),
  }),
  /** The latest day of the range the department reconciled; null when none. */
  reconciliation: DepartmentHealthView.shape.reconciliation,
  /** 0–100; null when no record arrived in the range. */
  score: z.number().int().nullable(),
  /** 优 excellent, 良 good, 中 fair, 差 poor; null when no record arrived in the range. */
  grade: z.enum(qualityGrades).nullable(),
  /** Points lost, each capped as `scoring` declares. */
  deductions: z.object({ refusals: z.number(), lateArrivals: z.number(), findings: z.number() }),
});

const ScoringView = z.object({
  refusalPointsPerPercent: z.number(),
  refusalMaxPoints: z.number(),
  lateArrivalPointsPerPercent: z.number(),
  lateArrivalMaxPoints: z.number(),
  findingPoints: FindingCountsView,
  findingsMaxPoints: z.number(),
  gradeThresholds: z.object({ excellent: z.number(), good: z.number(), fair: z.number() }),
});

export const DataQualityResponse = z.object({
  from: z.string(),
  to: z.string(),
  /** How the score is computed: the same for every department. */
  scoring: ScoringView,
  items: z.array(DepartmentScorecardView),
});
