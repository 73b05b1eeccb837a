/**
 * The receipt of a filed (or re-opened) complaint: the receipt number and the query token, shown
 * this once. The API keeps only the token's hash, so nobody can show it again: the page says so,
 * offers to copy both, and moves on only when the citizen says they kept them. The token is never
 * written to the address, storage or a cookie.
 */
import { useState } from 'react';
import { shanghaiDate, shanghaiDateTime } from '../src/shanghai-time';
import type { FiledComplaint } from './complaint-api';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Refused (an iframe without `allow="clipboard-write"`, an old browser): the text stays selectable.
    return false;
  }
}

function CopyableValue({ label, value, testId }: { readonly label: string; readonly value: string; readonly testId: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | undefined>();
  return (
    <div className="copyable">
      <p className="copyable-label">{label}</p>
      <p className="copyable-value" data-testid={testId}>
        {value}
      </p>
      <button type="button" className="secondary" onClick={async () => setCopied((await copyText(value)) ? 'yes' : 'no')}>
        复制{label}
      </button>
      {copied === 'yes' ? (
        <span className="copied" role="status">
          已复制
        </span>
      ) : null}
      {copied === 'no' ? (
        <span className="copied" role="status">
          无法自动复制，请长按上面的文字手动复制
        </span>
      ) : null}
    </div>
  );
}

export function ReceiptCard({ filed, onContinue }: { readonly filed: FiledComplaint; readonly onContinue: () => void }) {
  const [kept, setKept] = useState(false);
  return (
    <section className="card" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{filed.reopenOf ? '已重新提出投诉' : '投诉已提交'}</h2>
      <p className="lead">
        收到时间：{shanghaiDateTime(filed.receivedAt)}。监察机关将在 <strong data-testid="acceptance-due">{shanghaiDate(filed.acceptanceDueBy)}</strong>{' '}
        前决定是否受理{filed.acceptanceDeadlineProvisional ? '（按目前的节假日安排推算，可能调整）' : ''}。
      </p>
      <div className="banner banner-warning" role="note">
        <p className="banner-title">请立即保存受理编号和查询码</p>
        <p>
          查询码只在此显示这一次，系统不保存查询码本身，任何人（包括工作人员）都无法找回或重新显示。丢失后将无法在网上查询进度、下载告知书、评价或重新投诉。
        </p>
        <p>建议复制到备忘录、截图保存或抄写下来，不要告诉他人。</p>
      </div>
      <CopyableValue label="受理编号" value={filed.receiptNumber} testId="receipt-number" />
      <CopyableValue label="查询码" value={filed.queryToken} testId="query-token" />
      <label className="option consent">
        <input type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} />
        <span>我已保存受理编号和查询码</span>
      </label>
      <button type="button" className="primary" disabled={!kept} onClick={onContinue}>
        查看办理进度
      </button>
    </section>
  );
}
