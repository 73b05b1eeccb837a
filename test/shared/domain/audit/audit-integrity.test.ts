import { describe, expect, it } from 'vitest';
import { auditEntryDigest } from '#shared/domain/audit/audit-entry.ts';
import { compareSpanEntries, verifyChainHead, verifyDay } from '#shared/domain/audit/audit-integrity.ts';
import { aChain, aDigest, anEntry, checked } from './audit-trail-mother.ts';

const day = '2026-03-02';
const span = (start: string, end: string) => ({ start: `${day}T${start}.000Z`, end: end === '24:00:00' ? '2026-03-03T00:00:00.000Z' : `${day}T${end}.000Z` });
const entries = [
  anEntry(`${day}T00:01:00.000Z`),
  anEntry(`${day}T00:02:00.000Z`),
  anEntry(`${day}T00:07:00.000Z`),
  anEntry(`${day}T00:12:00.000Z`),
  anEntry(`${day}T00:13:30.000Z`),
];
const spans = [span('00:00:00', '00:05:00'), span('00:05:00', '00:10:00'), span('00:10:00', '00:15:00')];

describe('one span against its digest', () => {
  it('finds nothing wrong when the stored entries are those sealed', () => {
    // Prepare
    const digest = aDigest(spans[0]!, entries, null);

    // Act / Assess
    expect(compareSpanEntries(digest, entries)).toEqual([]);
  });

  it('names a missing, an inserted and an altered entry, in time order', () => {
    // Prepare
    const digest = aDigest(spans[0]!, entries, null);
    const [first, second] = entries;
    const altered = { ...second!, content: { ...second!.content, outcome: 'denied' } };
    const inserted = anEntry(`${day}T00:03:00.000Z`);

    // Act
    const findings = compareSpanEntries(digest, [altered, inserted]);

    // Assess
    expect(findings.map(({ kind, entry }: any) => [kind, entry])).toEqual([
      ['entryMissing', first!.key],
      ['entryAltered', second!.key],
      ['entryInserted', inserted.key],
    ]);
  });

  it('names an entry altered together with its unkeyed digest: the sealed digest still differs', () => {
    // Prepare
    const digest = aDigest(spans[0]!, entries, null);
    const content = { ...entries[0]!.content, actor: 'citySupervisor:someone-else' };
    const rewritten = { ...entries[0]!, content, digest: auditEntryDigest(content) };

    // Act
    const findings = compareSpanEntries(digest, [rewritten, entries[1]!]);

    // Assess
    expect(findings).toEqual([{ kind: 'entryAltered', at: `${day}T00:01:00.000Z`, entry: entries[0]!.key, span: spans[0] }]);
  });
});

describe('a day against its chain of digests', () => {
  it('finds an intact day intact, with its entries after the last digest pending', () => {
    // Prepare
    const chain = aChain(spans, entries);

    // Act
    const result = verifyDay({ day, entries: [...entries, anEntry(`${day}T00:16:00.000Z`)], digests: chain.map(checked), chainBefore: false });

    // Assess
    expect(result).toMatchObject({ entries: 6, digests: 3, sealedUntil: spans[2]!.end, unsealed: { beforeChain: 0, pending: 1 }, findings: [] });
  });

  it('names the span of a lost digest, and the entries it leaves unverified', () => {
    // Prepare
    const chain = aChain(spans, entries);

    // Act
    const result = verifyDay({ day, entries, digests: [chain[0]!, chain[2]!].map(checked), chainBefore: false });

    // Assess
    expect(result.findings).toEqual([{ kind: 'digestMissing', at: spans[1]!.start, span: spans[1], entries: 1 }]);
  });

  it('names a digest changed after sealing, and a link that no longer matches', () => {
    // Prepare
    const chain = aChain(spans, entries);
    const forgedBody = aDigest(spans[1]!, [], chain[0]!);

    // Act
    const altered = verifyDay({
      day,
      entries,
      digests: [checked(chain[0]!), { ...checked(chain[1]!), broken: 'altered' }, checked(chain[2]!)],
      chainBefore: false,
    });
    const relinked = verifyDay({ day, entries, digests: [checked(chain[0]!), checked(forgedBody), checked(chain[2]!)], chainBefore: false });

    // Assess
    expect(altered.findings).toEqual([
      { kind: 'digestBroken', at: spans[1]!.start, digest: 'digests/2026-03-02/000500.000Z.json', reason: 'altered', entries: 1 },
    ]);
    expect(relinked.findings.map((finding) => finding.kind)).toEqual(['entryInserted', 'chainBroken']);
  });

  it('calls a day finished once a later digest exists: its unsealed tail is then a missing digest', () => {
    // Prepare
    const chain = aChain([...spans, span('00:15:00', '24:00:00')], entries);
    const following = aDigest({ start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T00:05:00.000Z' }, [], chain[3]!);

    // Act
    const result = verifyDay({
      day,
      entries,
      digests: chain.slice(0, 3).map(checked),
      chainBefore: false,
      following: { startsChain: following.previous === null },
    });

    // Assess
    expect(result.findings).toEqual([
      { kind: 'digestMissing', at: spans[2]!.end, span: { start: spans[2]!.end, end: '2026-03-03T00:00:00.000Z' }, entries: 0 },
    ]);
    expect(result.unsealed.pending).toBe(0);
  });

  it('takes a first digest without a link as the start of the chain, unless digests came before it', () => {
    // Prepare
    const chain = aChain(spans, entries);

    // Act
    const genesis = verifyDay({ day, entries, digests: chain.map(checked), chainBefore: false });
    const restart = verifyDay({ day, entries, digests: chain.map(checked), chainBefore: true });

    // Assess
    expect(genesis.findings).toEqual([]);
    expect(restart.findings).toEqual([{ kind: 'chainBroken', at: spans[0]!.start, digest: 'digests/2026-03-02/000000.000Z.json', reason: 'restarted' }]);
  });

  it('checks the link of the first digest to the last one of the day before', () => {
    // Prepare
    const yesterday = aDigest({ start: '2026-03-01T00:00:00.000Z', end: spans[0]!.start }, [], null);
    const chain = aChain(spans, entries, yesterday);
    const other = aDigest({ start: '2026-03-01T00:00:00.000Z', end: spans[0]!.start }, [anEntry('2026-03-01T10:00:00.000Z')], null);

    // Act
    const linked = verifyDay({ day, entries, digests: chain.map(checked), predecessor: checked(yesterday), chainBefore: true });
    const missing = verifyDay({ day, entries, digests: chain.map(checked), predecessor: 'missing', chainBefore: true });
    const mismatched = verifyDay({ day, entries, digests: chain.map(checked), predecessor: checked(other), chainBefore: true });

    // Assess
    expect(linked.findings).toEqual([]);
    expect(missing.findings.map((finding) => finding.kind === 'chainBroken' && finding.reason)).toEqual(['previousMissing']);
    expect(mismatched.findings.map((finding) => finding.kind === 'chainBroken' && finding.reason)).toEqual(['previousMismatch']);
  });

  it('tells a day before the chain began from a day whose digests are all gone', () => {
    // Prepare
    const genesisNextDay = aDigest({ start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T00:05:00.000Z' }, [], null);
    const chain = aChain([span('00:00:00', '24:00:00')], entries);
    const linkedNextDay = aDigest({ start: '2026-03-03T00:00:00.000Z', end: '2026-03-03T00:05:00.000Z' }, [], chain[0]!);

    // Act
    const before = verifyDay({ day, entries, digests: [], chainBefore: false, following: { startsChain: genesisNextDay.previous === null } });
    const gone = verifyDay({ day, entries, digests: [], chainBefore: true, following: { startsChain: linkedNextDay.previous === null } });
    const notYet = verifyDay({ day, entries, digests: [], chainBefore: true });

    // Assess
    expect(before).toMatchObject({ unsealed: { beforeChain: 5, pending: 0 }, findings: [] });
    expect(gone.findings).toEqual([
      { kind: 'digestMissing', at: `${day}T00:00:00.000Z`, span: { start: `${day}T00:00:00.000Z`, end: '2026-03-03T00:00:00.000Z' }, entries: 5 },
    ]);
    expect(notYet).toMatchObject({ unsealed: { beforeChain: 0, pending: 5 }, findings: [] });
  });
});

describe('the chain head the sealer re-checks', () => {
  it('names what changed in the last sealed span and whether it still links to the digest before', () => {
    // Prepare
    const chain = aChain(spans, entries);
    const head = checked(chain[2]!);

    // Act
    const intact = verifyChainHead(head, checked(chain[1]!), entries);
    const emptied = verifyChainHead(head, checked(chain[1]!), entries.slice(0, 3));
    const lostPredecessor = verifyChainHead(head, 'missing', entries);

    // Assess
    expect(intact).toEqual([]);
    expect(emptied.map((finding) => finding.kind)).toEqual(['entryMissing', 'entryMissing']);
    expect(lostPredecessor).toEqual([{ kind: 'chainBroken', at: spans[2]!.start, digest: 'digests/2026-03-02/001000.000Z.json', reason: 'previousMissing' }]);
  });
});
