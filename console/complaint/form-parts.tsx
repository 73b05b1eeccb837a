/**
 * The pieces every form of the citizen's page is made of: a field with its label, hint and the
 * API's errors right beside it, and the banner that says what went wrong otherwise — the rate
 * limit explained, with a countdown when the answer said how long to wait.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Outcome } from './complaint-api';
import { waitInWords } from './complaint-labels';

export type Failure = Exclude<Outcome<never>, { kind: 'ok' }>;

export interface FieldProps {
  readonly label: string;
  readonly hint?: string;
  readonly errors?: readonly string[];
  readonly optional?: boolean;
  /** Renders the control with the ids it must carry. */
  readonly children: (control: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}

export function Field({ label, hint, errors = [], optional = false, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : undefined, errors.length > 0 ? errorId : undefined].filter(Boolean).join(' ');
  return (
    <div className={errors.length > 0 ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional">（选填）</span> : null}
      </label>
      {children({ id, 'aria-invalid': errors.length > 0, ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p className="field-error" id={errorId} role="alert" data-testid="field-error">
          {errors.join('；')}
        </p>
      ) : null}
    </div>
  );
}

function useCountdown(seconds: number | undefined): number | undefined {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (seconds === undefined) return undefined;
    const started = Date.now();
    const timer = window.setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [seconds]);
  return left;
}

/** Why the request was not served and what to do; the form keeps what was typed. */
export function FailureBanner({ failure, unplaced = [] }: { readonly failure: Failure; readonly unplaced?: readonly string[] }) {
  const left = useCountdown(failure.kind === 'wait' ? failure.retryAfterSeconds : undefined);
  const banner = useRef<HTMLDivElement>(null);
  // On a phone the button is a screen below the banner: bring the banner into view.
  useEffect(() => {
    banner.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);
  if (failure.kind === 'wait') {
    const tooMany = failure.status === 429;
    return (
      <div className="banner banner-wait" role="alert" data-testid="rate-limit" ref={banner}>
        <p className="banner-title">{tooMany ? '操作过于频繁，请稍后再试' : '服务繁忙，请稍后再试'}</p>
        <p>
          {tooMany
            ? '为防止滥用，投诉平台限制同一网络地址在一段时间内的提交和查询次数。您的请求超过了这一限制，因此本次没有提交成功，也没有产生任何记录。'
            : '服务器暂时繁忙，本次请求没有完成，也没有产生任何记录。'}
        </p>
        <p>
          {failure.retryAfterSeconds === undefined
            ? '请在几分钟后再提交一次。'
            : left !== undefined && left > 0
              ? `请在 ${waitInWords(left)}后再提交一次。`
              : '现在可以再提交一次了。'}
          您填写的内容仍保留在页面上，无需重新填写。
        </p>
        {failure.detail ? (
          <p className="banner-detail">
            服务器说明：{failure.title}。{failure.detail}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="failure" ref={banner}>
      <p className="banner-title">{failure.kind === 'invalid' ? '请修改标出的内容后再提交' : failure.title}</p>
      {failure.kind === 'problem' && failure.detail ? <p>{failure.detail}</p> : null}
      {unplaced.length > 0 ? (
        <ul>
          {unplaced.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
