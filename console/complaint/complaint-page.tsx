/**
 * The citizen's complaint page (Art. 19): file a complaint, keep its receipt, follow it. One
 * screen at a time, as a phone shows it; what the citizen typed and the query token live only in
 * the page's memory.
 */
import { useEffect, useRef, useState } from 'react';
import type { FiledComplaint } from './complaint-api';
import { ComplaintStatusView } from './complaint-status-view';
import { FilingForm, type FilingPresets } from './filing-form';
import { ReceiptCard } from './receipt-card';
import { StatusLookup, type Followed } from './status-lookup';
import { readStatus } from './complaint-api';
import { PublishedResults, type ResultsQuery } from './published-results';

type Screen =
  | { readonly name: 'file' }
  | { readonly name: 'lookup' }
  | { readonly name: 'receipt'; readonly filed: FiledComplaint }
  | { readonly name: 'status'; readonly followed: Followed }
  | { readonly name: 'results' };

/** `?department=…` / `?jurisdiction=…`: a portal's page about one department may preset it. */
function presetsFrom(search: string): FilingPresets {
  const query = new URLSearchParams(search);
  const department = query.get('department') ?? undefined;
  const jurisdiction = query.get('jurisdiction') ?? undefined;
  return { ...(department ? { department } : {}), ...(jurisdiction ? { jurisdiction } : {}) };
}

/** `?owner=city&period=2026-11`: a portal links straight to a period's published results. */
function resultsQueryFrom(search: string): ResultsQuery | undefined {
  const query = new URLSearchParams(search);
  const owner = query.get('owner');
  const period = query.get('period');
  return owner !== null && period !== null ? { owner, period } : undefined;
}

export function ComplaintPage() {
  const [resultsQuery] = useState(() => resultsQueryFrom(window.location.search));
  const [screen, setScreen] = useState<Screen>(resultsQuery === undefined ? { name: 'file' } : { name: 'results' });
  const [presets] = useState(() => presetsFrom(window.location.search));
  const [followFailure, setFollowFailure] = useState<string | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);

  // A new screen starts at its top, read from its heading; inside a portal's frame, scrolling the
  // heading into view scrolls the portal too. Not on the first screen: loading the page inside a
  // portal must not move the portal or take its focus.
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [screen.name]);

  async function follow(filed: FiledComplaint) {
    const outcome = await readStatus(filed.receiptNumber, filed.queryToken);
    if (outcome.kind === 'ok') {
      setFollowFailure(undefined);
      setScreen({ name: 'status', followed: { receiptNumber: filed.receiptNumber, token: filed.queryToken, status: outcome.value } });
    } else setFollowFailure(`${outcome.title}${'detail' in outcome && outcome.detail ? `：${outcome.detail}` : ''}`);
  }

  const tab = screen.name === 'lookup' || screen.name === 'status' ? 'follow' : screen.name === 'results' ? 'results' : 'file';
  return (
    <div className="page">
      <header className="masthead">
        <h1 ref={heading} tabIndex={-1}>
          行政效能投诉
        </h1>
        <nav className="tabs" aria-label="功能">
          <button type="button" aria-current={tab === 'file' ? 'page' : undefined} onClick={() => setScreen({ name: 'file' })}>
            我要投诉
          </button>
          <button type="button" aria-current={tab === 'follow' ? 'page' : undefined} onClick={() => setScreen({ name: 'lookup' })}>
            查询进度
          </button>
          <button type="button" aria-current={tab === 'results' ? 'page' : undefined} onClick={() => setScreen({ name: 'results' })}>
            结果公示
          </button>
        </nav>
      </header>
      <main>
        {screen.name === 'file' ? <FilingForm presets={presets} onFiled={(filed) => setScreen({ name: 'receipt', filed })} /> : null}
        {screen.name === 'receipt' ? (
          <>
            {followFailure ? (
              <div className="banner banner-error" role="alert">
                <p>{followFailure}</p>
              </div>
            ) : null}
            <ReceiptCard filed={screen.filed} onContinue={() => follow(screen.filed)} />
          </>
        ) : null}
        {screen.name === 'results' ? <PublishedResults {...(resultsQuery === undefined ? {} : { initial: resultsQuery })} /> : null}
        {screen.name === 'lookup' ? <StatusLookup onFound={(followed) => setScreen({ name: 'status', followed })} /> : null}
        {screen.name === 'status' ? (
          <ComplaintStatusView
            followed={screen.followed}
            onChanged={(followed) => setScreen({ name: 'status', followed })}
            onReopened={(filed) => setScreen({ name: 'receipt', filed })}
          />
        ) : null}
      </main>
      <footer className="footnote">
        <p>依据《宁波市行政电子监察管理办法》第十九条，监察机关在收到投诉后 5 个工作日内作出是否受理的决定；实名投诉人将收到书面告知。</p>
      </footer>
    </div>
  );
}
