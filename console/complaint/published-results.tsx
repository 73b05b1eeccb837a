/**
 * The published results of the efficiency evaluation (Art. 21) on the citizen's page: whose
 * (the city or a district) and which period, then the ranked departments with their scores and
 * grades, the approval date, the formula in words, and a correction shown as one. Nothing is
 * shown before a supervisor approved it: the API answers 404 until then.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { publishedEvaluationCsvUrl, readPublishedEvaluation, type PublishedEvaluation } from './complaint-api';
import { Field } from './form-parts';
import { inputNames } from '../src/evaluations/evaluation-labels';

const gradeNames: Record<string, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** A month `2026-11`, a quarter `2026-Q4` or a year `2026`, as the API names periods. */
const periodPattern = /^20\d{2}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
const ownerPattern = /^[a-z][a-z0-9-]{1,63}$/;

/** How a period reads in Chinese: 2026年11月, 2026年第四季度, 2026年. */
export function periodInChinese(period: string): string {
  const [year, rest] = period.split('-');
  if (rest === undefined) return `${year}年`;
  if (rest.startsWith('Q')) return `${year}年第${['一', '二', '三', '四'][Number(rest.slice(1)) - 1]}季度`;
  return `${year}年${Number(rest)}月`;
}

/** An instant as the API writes it (Shanghai time with its offset): its Shanghai date. */
const dateOf = (instant: string): string => {
  const [year, month, day] = instant.slice(0, 10).split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
};

export interface ResultsQuery {
  readonly owner: string;
  readonly period: string;
}

type Shown =
  | { readonly kind: 'none' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'results'; readonly results: PublishedEvaluation; readonly csv?: string }
  | { readonly kind: 'message'; readonly text: string };

export function PublishedResults({ initial }: { readonly initial?: ResultsQuery }) {
  const [owner, setOwner] = useState(initial?.owner ?? 'city');
  const [period, setPeriod] = useState(initial?.period ?? '');
  const [invalid, setInvalid] = useState<string | undefined>();
  const [shown, setShown] = useState<Shown>({ kind: 'none' });

  async function show(query: ResultsQuery): Promise<void> {
    if (!ownerPattern.test(query.owner) || !periodPattern.test(query.period)) {
      setInvalid('请填写范围代码（全市为 city，区县如 haishu）和期间（如 2026-11、2026-Q4 或 2026）。');
      return;
    }
    setInvalid(undefined);
    setShown({ kind: 'loading' });
    const outcome = await readPublishedEvaluation(query.owner, query.period);
    if (outcome.kind === 'ok') {
      const csv = await publishedEvaluationCsvUrl(query.owner, query.period);
      setShown({ kind: 'results', results: outcome.value, ...(csv === undefined ? {} : { csv }) });
    } else if (outcome.kind === 'problem' && outcome.status === 404) {
      setShown({ kind: 'message', text: `${periodInChinese(query.period)}的评估结果尚未公布。` });
    } else setShown({ kind: 'message', text: `${outcome.title}${'detail' in outcome && outcome.detail ? `：${outcome.detail}` : ''}` });
  }

  useEffect(() => {
    if (initial !== undefined) void show(initial);
    // Only the query the page was opened with.
  }, []);

  function submit(event: FormEvent): void {
    event.preventDefault();
    void show({ owner: owner.trim(), period: period.trim() });
  }

  return (
    <section className="card" aria-labelledby="results-heading">
      <h2 id="results-heading">效能评估结果公示</h2>
      <p className="hint">监察机关批准公布的部门效能评估结果，含评分公式与公布日期；公布后的更正以新版本公布并注明。</p>
      <form onSubmit={submit} noValidate>
        <Field label="范围代码" hint="全市为 city；区县（市）如 haishu（海曙区）。">
          {(control) => (
            <input
              {...control}
              name="owner"
              value={owner}
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setOwner(e.target.value)}
            />
          )}
        </Field>
        <Field label="期间" hint="月份 2026-11、季度 2026-Q4 或年份 2026。" errors={invalid === undefined ? [] : [invalid]}>
          {(control) => (
            <input {...control} name="period" value={period} autoComplete="off" placeholder="2026-11" onChange={(e) => setPeriod(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="primary">
          查看结果
        </button>
      </form>
      {shown.kind === 'loading' ? <p aria-live="polite">正在读取……</p> : null}
      {shown.kind === 'message' ? (
        <p className="banner" role="status">
          {shown.text}
        </p>
      ) : null}
      {shown.kind === 'results' ? <ResultsTable results={shown.results} csv={shown.csv} /> : null}
    </section>
  );
}

function ResultsTable({ results, csv }: { readonly results: PublishedEvaluation; readonly csv?: string }) {
  const scope = results.owner === 'city' ? '全市' : results.owner;
  return (
    <div className="results">
      <h3>
        {scope} {periodInChinese(results.period)}效能评估结果（第 {results.version} 版）
      </h3>
      <p>
        公布日期：{dateOf(results.approvedAt)}；评估时间：{dateOf(results.evaluatedAt)}。
      </p>
      {results.corrects !== undefined ? (
        <p className="banner" role="note">
          本版为更正版本，更正了第 {results.corrects} 版
          {results.superseded.length > 0 ? `（${results.superseded.map((s) => `第 ${s.version} 版公布于${dateOf(s.approvedAt)}`).join('；')}）` : ''}。
        </p>
      ) : null}
      <table>
        <caption>按总分排名（并列同名次）</caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">部门代码（所属辖区）</th>
            <th scope="col">总分</th>
            <th scope="col">等级</th>
          </tr>
        </thead>
        <tbody>
          {results.results.map((result) => (
            <tr key={result.department}>
              <td>{result.cityRank}</td>
              <td>
                {result.department}
                <span className="hint">（{result.jurisdiction}）</span>
              </td>
              <td>{result.total.toFixed(2)}</td>
              <td>{gradeNames[result.grade] ?? result.grade}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>评分公式</h4>
      <ul>
        {results.formula.words.zh.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
      {results.unmeasuredInputs.length > 0 ? (
        <p className="hint">部分输入项尚未计量，按 0 计入：{results.unmeasuredInputs.map((input) => inputNames[input] ?? input).join('、')}。</p>
      ) : null}
      {csv !== undefined ? (
        <p>
          <a href={csv} download>
            下载 CSV 数据
          </a>
        </p>
      ) : null}
    </div>
  );
}
