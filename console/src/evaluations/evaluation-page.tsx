/**
 * 效能评估 (Art. 21-22, 25): a supervisor's evaluations of a period — the city's for the city
 * supervisor, its district's for a district supervisor. The stored versions are listed; a version
 * shows its departments ranked, their grades, each dimension's points, deductions and bonus, and
 * the model's formula in words. 运行评估 scores the ended period from the statistics (a new
 * version only when the inputs changed); 批准发布 makes a version public, after a confirmation.
 */
import { Alert, App, Button, Card, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { settle, type ProblemBody } from '../forms/api-answers';
import { actorName, departmentName, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { shanghaiDateTime } from '../shanghai-time';
import { lastCompleteMonth, periodName, periodPattern, unitOf, type PeriodUnit } from '../statistics/statistics-periods';
import { PeriodPicker } from '../statistics/period-picker';
import {
  deductions,
  dimensionPoints,
  gradeNames,
  inputNames,
  metricNames,
  pointsOf,
  pointsText,
  rankFor,
  type EvaluationVersion,
  type EvaluationVersions,
  type RankedResult,
} from './evaluation-labels';

type VersionEntry = EvaluationVersions['versions'][number];

export default function EvaluationPage({ api, member, params }: PageProps) {
  const { message, modal } = App.useApp();
  const departments = useDepartments(api);
  const citySupervisor = member.role === 'citySupervisor';
  const asked = params?.['period'];
  const [period, setPeriod] = useState(asked !== undefined && periodPattern.test(asked) ? asked : lastCompleteMonth());
  const [unit, setUnit] = useState<PeriodUnit>(unitOf(period));
  const [owner, setOwner] = useState(member.jurisdiction);
  const [owners, setOwners] = useState<readonly { value: string; label: string }[]>([]);
  const [versions, setVersions] = useState<readonly VersionEntry[]>([]);
  const [chosen, setChosen] = useState<number | undefined>();
  const [evaluation, setEvaluation] = useState<EvaluationVersion | undefined>();
  const [loading, setLoading] = useState(false);
  const [running, setRunning] = useState(false);
  /** Counts the readings of the list: the version shown is read again with it (an approval changes the same version). */
  const [listing, setListing] = useState(0);

  useEffect(() => {
    if (!citySupervisor) return;
    void api.GET('/v1/jurisdictions').then(({ data }) => {
      if (data)
        setOwners([
          { value: 'city', label: '全市' },
          ...data.items.filter((entry) => entry.jurisdiction !== 'city').map((entry) => ({ value: entry.jurisdiction, label: entry.name })),
        ]);
    });
  }, [api, citySupervisor]);

  /** The versions of the period; `show` is the one to show (the newest when not named). */
  const loadVersions = useCallback(
    async (show?: number) => {
      setLoading(true);
      try {
        const { data, error, response } = await api.GET('/v1/evaluations/{owner}/{period}', { params: { path: { owner, period } } });
        // 404: no evaluation of the period yet, which is what the list then says.
        if (!data && response.status !== 404) message.error(`评估读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
        const listed = data?.versions ?? [];
        setVersions(listed);
        setChosen(show ?? listed.at(-1)?.version);
        setListing((count) => count + 1);
      } finally {
        setLoading(false);
      }
    },
    [api, owner, period, message],
  );

  useEffect(() => {
    void loadVersions();
  }, [loadVersions]);

  useEffect(() => {
    if (chosen === undefined) {
      setEvaluation(undefined);
      return;
    }
    let current = true;
    void api.GET('/v1/evaluations/{owner}/{period}/{version}', { params: { path: { owner, period, version: String(chosen) } } }).then(({ data, error }) => {
      if (!current) return;
      if (data) setEvaluation(data);
      else message.error(`评估结果读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
    });
    return () => {
      current = false;
    };
  }, [api, owner, period, chosen, listing, message]);

  const run = async (): Promise<void> => {
    setRunning(true);
    try {
      const ran = await settle(await api.POST('/v1/evaluations', { body: { owner, period } }), { message, step: '运行评估' });
      if (!ran) return;
      message.success(ran.newVersion === false ? `数据未变化，仍为第 ${ran.version} 版。` : `已生成第 ${ran.version} 版评估结果（未公开）。`);
      await loadVersions(ran.version);
    } finally {
      setRunning(false);
    }
  };

  const approve = (version: number): void => {
    modal.confirm({
      title: `批准发布第 ${version} 版评估结果？`,
      content: `批准后，${periodName(period)}的评估结果、排名及评分公式将向社会公开，且不能撤回；此后的更正将作为新版本另行发布。`,
      okText: '批准发布',
      cancelText: '取消',
      onOk: async () => {
        const approved = await settle(
          await api.POST('/v1/evaluations/{owner}/{period}/{version}/approval', { params: { path: { owner, period, version: String(version) } } }),
          { message, step: '批准发布', reread: () => loadVersions(version) },
        );
        if (!approved) return;
        message.success(`第 ${version} 版已批准，结果已公开。`);
        await loadVersions(version);
      },
    });
  };

  const dimensions = evaluation?.model.dimensions ?? [];
  const resultColumns = useMemo<ColumnsType<RankedResult>>(
    () => [
      { title: '名次', key: 'rank', width: 70, align: 'right', render: (_: unknown, result) => rankFor(owner, result) },
      { title: '部门', dataIndex: 'department', render: (id: string) => departmentName(departments, id) },
      { title: '总分', dataIndex: 'total', align: 'right', render: (total: number) => <strong>{pointsText(total)}</strong> },
      { title: '等级', dataIndex: 'grade', render: (grade: RankedResult['grade']) => <Tag color={gradeNames[grade].color}>{gradeNames[grade].name}</Tag> },
      ...dimensions.map(({ metric, weight }): ColumnsType<RankedResult>[number] => ({
        title: `${metricNames[metric] ?? metric}（${weight}%）`,
        key: metric,
        align: 'right',
        render: (_: unknown, result: RankedResult) => pointsText(dimensionPoints(result, metric)),
      })),
      {
        title: '扣分',
        key: 'deductions',
        align: 'right',
        render: (_: unknown, result: RankedResult) => {
          const parts = deductions(result).filter((part) => part.points !== 0);
          const total = pointsOf(parts);
          return parts.length === 0 ? (
            '0.00'
          ) : (
            <Tooltip title={parts.map((part) => `${part.words.zh}：${pointsText(part.points)}`).join('；')}>
              <span tabIndex={0}>{pointsText(total)}</span>
            </Tooltip>
          );
        },
      },
      {
        title: '加分',
        key: 'bonus',
        align: 'right',
        render: (_: unknown, result: RankedResult) => pointsText(pointsOf(result.parts.filter((part) => part.kind === 'earlyCompletionBonus'))),
      },
    ],
    [owner, departments, dimensions],
  );

  const versionColumns: ColumnsType<VersionEntry> = [
    { title: '版本', dataIndex: 'version', width: 70, render: (version: number) => `第 ${version} 版` },
    { title: '评估时间（北京时间）', dataIndex: 'evaluatedAt', render: (at: string) => shanghaiDateTime(at) },
    { title: '评估人', dataIndex: 'evaluatedBy', render: (actor: string) => actorName(actor) },
    { title: '模型版本', dataIndex: 'modelVersion', render: (version: number) => `第 ${version} 版` },
    {
      title: '发布',
      dataIndex: 'approval',
      render: (approval: VersionEntry['approval']) =>
        approval === null ? <Tag>未公开</Tag> : <Tag color="success">已公开（{shanghaiDateTime(approval.approvedAt)}）</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, entry) => (
        <Space>
          <Button size="small" type={entry.version === chosen ? 'primary' : 'default'} onClick={() => setChosen(entry.version)}>
            查看
          </Button>
          {entry.approval === null && (
            <Button size="small" danger onClick={() => approve(entry.version)}>
              批准发布
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        {citySupervisor ? (
          <Select
            aria-label="评估主体"
            style={{ width: 180 }}
            value={owner}
            onChange={setOwner}
            options={owners.length === 0 ? [{ value: 'city', label: '全市' }] : [...owners]}
          />
        ) : (
          <Typography.Text>评估主体：本辖区</Typography.Text>
        )}
        <PeriodPicker
          unitLabel="评估周期"
          unit={unit}
          period={period}
          includeCurrent={false}
          onChange={(nextUnit, nextPeriod) => {
            setUnit(nextUnit);
            setPeriod(nextPeriod);
          }}
        />
        <Button type="primary" loading={running} onClick={() => void run()}>
          运行评估
        </Button>
      </Space>
      <Card title={`${periodName(period)} 评估版本`}>
        <Table<VersionEntry>
          rowKey="version"
          columns={versionColumns}
          dataSource={[...versions]}
          loading={loading}
          pagination={false}
          size="small"
          locale={{ emptyText: <Empty description="该期间尚未评估" /> }}
        />
      </Card>
      {evaluation && evaluation.version === chosen && (
        <Card
          title={`第 ${evaluation.version} 版评估结果${evaluation.approval === null ? '（未公开）' : '（已公开）'}`}
          extra={
            <Typography.Text type="secondary">
              模型：{evaluation.model.name} 第 {evaluation.model.version} 版
            </Typography.Text>
          }
        >
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {evaluation.unmeasuredInputs.length > 0 && (
              <Alert
                type="info"
                showIcon
                message={`统计尚未计量以下输入项，按 0 计入：${evaluation.unmeasuredInputs.map((input) => inputNames[input] ?? input).join('、')}`}
              />
            )}
            <Table<RankedResult>
              rowKey="department"
              columns={resultColumns}
              dataSource={[...evaluation.results]}
              pagination={false}
              size="middle"
              scroll={{ x: 'max-content' }}
            />
            <div>
              <Typography.Title level={5}>评分公式</Typography.Title>
              <ol aria-label="评分公式">
                {evaluation.formula.zh.map((sentence) => (
                  <li key={sentence}>{sentence}</li>
                ))}
              </ol>
            </div>
          </Space>
        </Card>
      )}
    </Space>
  );
}
