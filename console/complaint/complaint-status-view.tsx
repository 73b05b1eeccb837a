/**
 * A complaint's status for the holder of its token: the stage and what happens next, the dates
 * and the deadlines (Shanghai dates, as the API gives them), the decision and the result; the
 * written notices to download; rating and re-opening when the API says they are open.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { shanghaiDate } from '../src/shanghai-time';
import { rateComplaint, readNotice, readStatus, reopenComplaint, type FiledComplaint, type NoticeKind } from './complaint-api';
import { noticeLabels, scoreLabels, stageExplanations, stageLabels } from './complaint-labels';
import { noErrors, placeFieldErrors, type PlacedErrors } from './field-errors';
import { Field, FailureBanner, type Failure } from './form-parts';
import type { Followed } from './status-lookup';

function Row({ label, children, testId }: { readonly label: string; readonly children: ReactNode; readonly testId?: string }) {
  return (
    <div className="row" {...(testId ? { 'data-testid': testId } : {})}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Hands the browser a fetched PDF as a download (the token is a header, so no plain link can fetch it). */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function RatingForm({ followed, onRated }: { readonly followed: Followed; readonly onRated: () => void }) {
  const [score, setScore] = useState<number | undefined>();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<PlacedErrors>(noErrors);
  const [failure, setFailure] = useState<Failure | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (score === undefined) {
      setErrors({ byField: { score: ['请选择满意程度'] }, unplaced: [] });
      return;
    }
    const outcome = await rateComplaint(followed.receiptNumber, followed.token, { score, ...(comment.trim() === '' ? {} : { comment }) });
    if (outcome.kind === 'ok') return onRated();
    setFailure(outcome);
    setErrors(outcome.kind === 'invalid' ? placeFieldErrors(outcome.fieldErrors, ['score', 'comment']) : noErrors);
  }

  return (
    <form className="subcard" onSubmit={submit} noValidate aria-label="评价">
      <h3>评价办理情况</h3>
      {failure ? <FailureBanner failure={failure} unplaced={errors.unplaced} /> : null}
      <fieldset className="choice scores">
        <legend>满意程度</legend>
        {scoreLabels.map((label, index) => (
          <label key={label} className="option">
            <input type="radio" name="score" checked={score === index + 1} onChange={() => setScore(index + 1)} />
            <span>{label}</span>
          </label>
        ))}
        {(errors.byField['score'] ?? []).length > 0 ? <p className="field-error">{errors.byField['score']!.join('；')}</p> : null}
      </fieldset>
      <Field label="意见" optional errors={errors.byField['comment'] ?? []}>
        {(control) => <textarea {...control} name="comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />}
      </Field>
      <button className="primary" type="submit">
        提交评价
      </button>
    </form>
  );
}

function ReopeningForm({ followed, onReopened }: { readonly followed: Followed; readonly onReopened: (filed: FiledComplaint) => void }) {
  const [content, setContent] = useState('');
  const [errors, setErrors] = useState<PlacedErrors>(noErrors);
  const [failure, setFailure] = useState<Failure | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await reopenComplaint(followed.receiptNumber, followed.token, content);
    if (outcome.kind === 'ok') return onReopened(outcome.value);
    setFailure(outcome);
    setErrors(outcome.kind === 'invalid' ? placeFieldErrors(outcome.fieldErrors, ['content']) : noErrors);
  }

  return (
    <form className="subcard" onSubmit={submit} noValidate aria-label="重新投诉">
      <h3>对结果不满意，重新投诉</h3>
      <p className="hint">可在 {shanghaiDate(followed.status.reopeningOpenUntil!)} 前重新投诉一次。重新投诉是一件新的投诉，会得到新的受理编号和查询码。</p>
      {failure ? <FailureBanner failure={failure} unplaced={errors.unplaced} /> : null}
      <Field label="重新投诉的理由" errors={errors.byField['content'] ?? []}>
        {(control) => <textarea {...control} name="reopeningContent" rows={5} value={content} onChange={(e) => setContent(e.target.value)} />}
      </Field>
      <button className="primary" type="submit">
        重新投诉
      </button>
    </form>
  );
}

export function ComplaintStatusView({
  followed,
  onChanged,
  onReopened,
}: {
  readonly followed: Followed;
  readonly onChanged: (followed: Followed) => void;
  readonly onReopened: (filed: FiledComplaint) => void;
}) {
  const { status } = followed;
  const [failure, setFailure] = useState<Failure | undefined>();

  async function refresh() {
    const outcome = await readStatus(followed.receiptNumber, followed.token);
    if (outcome.kind === 'ok') {
      setFailure(undefined);
      onChanged({ ...followed, status: outcome.value });
    } else setFailure(outcome);
  }

  async function download(notice: NoticeKind) {
    const outcome = await readNotice(followed.receiptNumber, followed.token, notice);
    if (outcome.kind === 'ok') saveFile(outcome.value, `${followed.receiptNumber}-${noticeLabels[notice]}.pdf`);
    else setFailure(outcome);
  }

  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">办理进度</h2>
      {failure ? <FailureBanner failure={failure} /> : null}
      <p className={`stage stage-${status.stage}`} data-testid="stage">
        {stageLabels[status.stage]}
      </p>
      <p className="lead">{stageExplanations[status.stage]}</p>
      <dl className="facts">
        <Row label="受理编号">{status.receiptNumber}</Row>
        <Row label="收到日期">{shanghaiDate(status.receivedOn)}</Row>
        <Row label="受理决定期限" testId="acceptance-due-by">
          {shanghaiDate(status.acceptanceDueBy)} 前{status.acceptanceDeadlineProvisional ? '（按目前的节假日安排推算）' : ''}
        </Row>
        {status.decision ? (
          <>
            <Row label="受理决定">
              {status.decision.accepted ? '受理' : '不予受理'}（{shanghaiDate(status.decision.decidedOn)}）
            </Row>
            {status.decision.reasons ? <Row label="理由">{status.decision.reasons}</Row> : null}
            {status.decision.handledBy ? <Row label="承办单位">{status.decision.handledBy}</Row> : null}
            {status.decision.handlingDueBy ? (
              <Row label="办理期限" testId="handling-due-by">
                {shanghaiDate(status.decision.handlingDueBy)} 前
              </Row>
            ) : null}
          </>
        ) : null}
        {status.result ? (
          <>
            <Row label="办结日期">{shanghaiDate(status.result.concludedOn)}</Row>
            <Row label="办理结果">{status.result.summary}</Row>
          </>
        ) : null}
        {status.rating ? (
          <Row label="您的评价">
            {scoreLabels[status.rating.score - 1] ?? status.rating.score}（{shanghaiDate(status.rating.ratedOn)}）
          </Row>
        ) : null}
        {status.reopenOf ? <Row label="原投诉">{status.reopenOf}</Row> : null}
        {status.reopenedAs ? <Row label="已重新投诉">新受理编号 {status.reopenedAs}</Row> : null}
      </dl>

      {status.notices.length > 0 ? (
        <div className="notices">
          <h3>书面告知书</h3>
          {status.notices.map((notice) => (
            <button key={notice} type="button" className="secondary" onClick={() => download(notice)}>
              下载{noticeLabels[notice]}（PDF）
            </button>
          ))}
        </div>
      ) : null}

      {status.ratingOpen ? <RatingForm followed={followed} onRated={refresh} /> : null}
      {status.reopeningOpenUntil && !status.reopenedAs ? <ReopeningForm followed={followed} onReopened={onReopened} /> : null}

      <button type="button" className="secondary" onClick={refresh}>
        刷新
      </button>
    </section>
  );
}
