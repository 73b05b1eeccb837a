/** What a finding of the audit trail's verification means, for a person: Chinese first, English second. */
import type { AuditFinding, DigestBreak } from '../../domain/audit/audit-integrity.ts';

const digestBreaks: Record<DigestBreak, string> = {
  unreadable: '无法读取 / unreadable',
  altered: '封存后被改动 / changed after sealing',
  signature: '签名无效 / signature invalid',
  foreignKey: '不是本系统签名密钥签署 / signed by another key',
  misplaced: '存放在其他时段的位置 / stored under another span',
};

const chainBreaks: Record<Extract<AuditFinding, { kind: 'chainBroken' }>['reason'], string> = {
  previousMismatch: '与前一摘要不符 / does not link to the digest before',
  previousMissing: '前一摘要缺失 / the digest before is missing',
  restarted: '摘要链被重新开始 / the chain starts again',
  overlap: '时段重叠 / spans overlap',
};

export function describeFinding(finding: AuditFinding): string {
  switch (finding.kind) {
    case 'entryMissing':
      return `条目缺失（已封存，现已不在） / entry missing (sealed, now gone): ${finding.entry}`;
    case 'entryAltered':
      return `条目被改动 / entry altered: ${finding.entry}`;
    case 'entryInserted':
      return `条目被插入（或在其时段封存后写入） / entry inserted (or written after its span was sealed): ${finding.entry}`;
    case 'digestMissing':
      return `摘要缺失 / digest missing: ${finding.span.start} – ${finding.span.end}（${finding.entries} 条未能核验 / entries unverified）`;
    case 'digestBroken':
      return `摘要损坏 / digest broken: ${finding.digest}（${digestBreaks[finding.reason]}）`;
    case 'chainBroken':
      return `摘要链断裂 / chain broken: ${finding.digest}（${chainBreaks[finding.reason]}）`;
  }
}
