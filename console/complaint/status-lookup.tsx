/** Looking a complaint up by its receipt number and query token, as the citizen kept them. */
import { useState, type FormEvent } from 'react';
import { readStatus, type ComplaintStatus } from './complaint-api';
import { Field, FailureBanner, type Failure } from './form-parts';

export interface Followed {
  readonly receiptNumber: string;
  /** Held in the page's memory only, for the follow-up requests' header. */
  readonly token: string;
  readonly status: ComplaintStatus;
}

export function StatusLookup({ onFound }: { readonly onFound: (followed: Followed) => void }) {
  const [receiptNumber, setReceiptNumber] = useState('');
  const [token, setToken] = useState('');
  const [failure, setFailure] = useState<Failure | undefined>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const receipt = receiptNumber.trim().toUpperCase();
    if (receipt === '' || token.trim() === '') {
      setFailure({ kind: 'problem', status: 0, title: '请填写受理编号和查询码' });
      return;
    }
    setSending(true);
    const outcome = await readStatus(receipt, token.trim());
    setSending(false);
    if (outcome.kind === 'ok') onFound({ receiptNumber: receipt, token: token.trim(), status: outcome.value });
    else setFailure(outcome);
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-label="查询进度">
      <h2>查询办理进度</h2>
      <p className="lead">输入提交投诉时得到的受理编号和查询码。</p>
      {failure ? <FailureBanner failure={failure} /> : null}
      <Field label="受理编号" hint="如 TS20261205ABCD1234。">
        {(control) => (
          <input
            {...control}
            name="receiptNumber"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            value={receiptNumber}
            onChange={(e) => setReceiptNumber(e.target.value)}
          />
        )}
      </Field>
      <Field label="查询码">
        {(control) => <input {...control} name="queryToken" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} />}
      </Field>
      <button className="primary" type="submit" disabled={sending}>
        {sending ? '正在查询…' : '查询'}
      </button>
    </form>
  );
}
