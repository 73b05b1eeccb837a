/**
 * 事项目录: a department's matters and the dated versions of each (the one in force marked), and
 * for supervisors a proposed version tried out on the department's stored cases (back-test: which
 * cases' findings would change, nothing written) before it is recorded as the next version.
 * The matters and a matter's versions can each be exported to Excel or CSV.
 */
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { rowsInHand } from '../api/all-pages';
import type { ApiClient } from '../api/client';
import type { components } from '../api/schema';
import { alertLevels, recordKindName, type AlertLevel } from '../alerts/alert-labels';
import { actsForDepartment } from '../auth/staff-member';
import { ExportButtons } from '../export/export-buttons';
import { settle, type ProblemBody } from '../forms/api-answers';
import { departmentName, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { shanghaiDateTime } from '../shanghai-time';
import { matterExportColumns, versionExportColumns, type Matter, type MatterVersion, type MatterVersions } from './catalogue-export';
type BackTestReport = components['schemas']['BackTestReport'];
type BackTestCase = BackTestReport['cases'][number];

/** Fields every version has; the rest are the family's parameters. */
const envelopeFields = new Set([
  'department',
  'matterCode',
  'kind',
  'name',
  'legalBasis',
  'version',
  'effectiveFrom',
  'effectiveUntil',
  'recordedAt',
  'recordedBy',
]);

const parameterNames: Record<string, string> = {
  promisedWorkingDays: '承诺时限（工作日）',
  statutoryWorkingDays: '法定时限（工作日）',
  promptWorkingDaysBefore: '提前提示（工作日）',
  completionNoticeWorkingDays: '补正告知时限（工作日）',
  statutoryExtensionWorkingDays: '法定延长（工作日）',
  acceptanceWorkingDays: '受理时限（工作日）',
  deliveryWorkingDays: '送达时限（工作日）',
  feeStandardYuan: '收费标准（元）',
  suspensionWarningCalendarDays: '中止预警（自然日）',
  hearingThresholdYuan: '听证标准（元）',
  // 网上行政服务
  limitUnit: '时限单位',
  supplementNoticeWorkingDays: '补正告知时限（工作日）',
  fullyOnline: '全程网办',
  electronicCertificate: '出具电子证照',
};

/** A parameter's value as a person reads it: yes or no, the unit of working days in words, other values as they are. */
function parameterValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value === 'workingDays') return '工作日';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const changeNames: Record<string, { readonly name: string; readonly color: string }> = {
  raised: { name: '新增', color: 'error' },
  cleared: { name: '消除', color: 'success' },
  escalated: { name: '升级', color: 'warning' },
  deescalated: { name: '降级', color: 'processing' },
};

const outcomeNames: Record<string, string> = {
  notFound: '没有该案件',
  otherMatter: '属于其他事项',
  noMatterInForce: '案件开始时无在用版本',
};

const levelTag = (level: AlertLevel | null) =>
  level === null ? <Typography.Text type="secondary">无</Typography.Text> : <Tag color={alertLevels[level].color}>{alertLevels[level].name}</Tag>;

/** A version's family parameters, e.g. “承诺时限（工作日）：10”. */
function parametersOf(version: Record<string, unknown>): string {
  return Object.entries(version)
    .filter(([field]) => !envelopeFields.has(field))
    .map(([field, value]) => `${parameterNames[field] ?? field}：${parameterValue(value)}`)
    .join('；');
}

/** The next version as a proposal: the latest one's fields, numbered next, without what the API records itself. */
function proposalFrom(latest: MatterVersion | undefined): string {
  if (latest === undefined) return '';
  const proposal: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(latest)) if (!['department', 'matterCode', 'recordedAt', 'recordedBy'].includes(field)) proposal[field] = value;
  proposal['version'] = latest.version + 1;
  return JSON.stringify(proposal, null, 2);
}

export default function CataloguePage({ api, member }: PageProps) {
  const { message } = App.useApp();
  const departments = useDepartments(api);
  const supervisor = !actsForDepartment(member);
  const fromAddress = new URLSearchParams(window.location.search).get('department') ?? undefined;
  const [department, setDepartment] = useState<string | undefined>(member.department ?? fromAddress);
  const [matters, setMatters] = useState<readonly Matter[]>([]);
  const [loading, setLoading] = useState(false);
  const [matterCode, setMatterCode] = useState<string | undefined>();

  useEffect(() => {
    if (department === undefined) return;
    let current = true;
    setLoading(true);
    void api
      .GET('/v1/departments/{department}/catalogue', { params: { path: { department } } })
      .then(({ data, error }) => {
        if (!current) return;
        if (data) setMatters(data.matters);
        else message.error(`事项目录读取失败：${(error as ProblemBody | undefined)?.title ?? '请稍后重试'}`);
      })
      .finally(() => setLoading(false));
    return () => {
      current = false;
    };
  }, [api, department, message]);

  const columns = useMemo<ColumnsType<Matter>>(
    () => [
      { title: '事项编码', dataIndex: 'matterCode' },
      { title: '事项名称', key: 'name', render: (_: unknown, matter) => matter.current?.name ?? '（无在用版本）' },
      { title: '类别', key: 'kind', width: 120, render: (_: unknown, matter) => (matter.current ? recordKindName(matter.current.kind) : '—') },
      { title: '法律依据', key: 'legalBasis', render: (_: unknown, matter) => matter.current?.legalBasis ?? '—' },
      { title: '最新版本', dataIndex: 'latestVersion', width: 90, render: (version: number) => `第 ${version} 版` },
      {
        title: '操作',
        key: 'actions',
        width: 100,
        render: (_: unknown, matter) => (
          <Button size="small" type={matter.matterCode === matterCode ? 'primary' : 'default'} onClick={() => setMatterCode(matter.matterCode)}>
            查看版本
          </Button>
        ),
      },
    ],
    [matterCode],
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>部门</Typography.Text>
        <Select
          aria-label="部门"
          placeholder="请选择部门"
          showSearch
          optionFilterProp="label"
          style={{ width: 280 }}
          value={department}
          disabled={member.department !== undefined}
          onChange={(value: string) => {
            setDepartment(value);
            setMatterCode(undefined);
          }}
          options={departments.map((entry) => ({ value: entry.department, label: entry.name }))}
        />
        {department !== undefined && (
          <ExportButtons listName={`事项目录-${departmentName(departments, department)}`} columns={matterExportColumns} readRows={() => rowsInHand(matters)} />
        )}
      </Space>
      {department === undefined ? (
        <Empty description="请选择部门查看其事项目录" />
      ) : (
        <Table<Matter>
          rowKey="matterCode"
          columns={columns}
          dataSource={[...matters]}
          loading={loading}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description="该部门尚无事项" /> }}
        />
      )}
      {department !== undefined && matterCode !== undefined && (
        <MatterVersionsCard key={`${department}/${matterCode}`} api={api} department={department} matterCode={matterCode} supervisor={supervisor} />
      )}
    </Space>
  );
}

function MatterVersionsCard({
  api,
  department,
  matterCode,
  supervisor,
}: {
  readonly api: ApiClient;
  readonly department: string;
  readonly matterCode: string;
  readonly supervisor: boolean;
}) {
  const [versions, setVersions] = useState<MatterVersions | undefined>();

  const load = useCallback(async () => {
    const { data } = await api.GET('/v1/departments/{department}/catalogue/{matterCode}/versions', { params: { path: { department, matterCode } } });
    if (data) setVersions(data);
  }, [api, department, matterCode]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns: ColumnsType<MatterVersion> = [
    {
      title: '版本',
      dataIndex: 'version',
      width: 110,
      render: (version: number) => (
        <Space size={4}>
          第 {version} 版{version === versions?.inForceVersion && <Tag color="success">现行</Tag>}
        </Space>
      ),
    },
    { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
    { title: '失效日期', dataIndex: 'effectiveUntil', width: 110, render: (until?: string) => until ?? '—' },
    { title: '事项名称', dataIndex: 'name' },
    { title: '参数', key: 'parameters', render: (_: unknown, version) => parametersOf(version) },
    { title: '记录时间', dataIndex: 'recordedAt', width: 150, render: shanghaiDateTime },
  ];

  return (
    <>
      <Card
        title={`版本：${matterCode}`}
        data-testid="matter-versions"
        extra={
          versions !== undefined && (
            <ExportButtons
              listName={`事项版本-${matterCode}`}
              columns={versionExportColumns(versions, parametersOf)}
              readRows={() => rowsInHand(versions.versions)}
            />
          )
        }
      >
        <Table<MatterVersion>
          rowKey="version"
          columns={columns}
          dataSource={versions?.versions ?? []}
          loading={versions === undefined}
          pagination={false}
          size="small"
        />
      </Card>
      {supervisor && versions !== undefined && <BackTestCard api={api} department={department} matterCode={matterCode} versions={versions} onRecorded={load} />}
    </>
  );
}

interface ProposalFields {
  readonly proposal: string;
  readonly cases?: string;
}

function BackTestCard({
  api,
  department,
  matterCode,
  versions,
  onRecorded,
}: {
  readonly api: ApiClient;
  readonly department: string;
  readonly matterCode: string;
  readonly versions: MatterVersions;
  readonly onRecorded: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposalFields>();
  const [report, setReport] = useState<BackTestReport | undefined>();
  const [busy, setBusy] = useState<'backTest' | 'record' | undefined>();

  /** The proposal as an object, or undefined with the reason beside the field. */
  const proposalOf = (text: string): Record<string, unknown> | undefined => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Said beside the field below.
    }
    form.setFields([{ name: 'proposal', errors: ['应为一个 JSON 对象（版本的各字段）'] }]);
    return undefined;
  };

  const backTest = async (): Promise<void> => {
    const fields = await form.validateFields();
    const proposal = proposalOf(fields.proposal);
    if (proposal === undefined) return;
    const cases = (fields.cases ?? '')
      .split(/[\s,，、]+/)
      .map((caseId) => caseId.trim())
      .filter((caseId) => caseId !== '');
    setBusy('backTest');
    try {
      const answer = await api.POST('/v1/departments/{department}/catalogue/{matterCode}/back-test', {
        params: { path: { department, matterCode } },
        body: { proposal: proposal as components['schemas']['MatterVersionProposal'], ...(cases.length > 0 ? { cases } : {}) },
      });
      const tested = await settle(answer, { message, form, step: '回测' });
      if (tested) setReport(tested);
    } finally {
      setBusy(undefined);
    }
  };

  const record = async (): Promise<void> => {
    const fields = await form.validateFields();
    const proposal = proposalOf(fields.proposal);
    if (proposal === undefined) return;
    setBusy('record');
    try {
      const answer = await api.POST('/v1/departments/{department}/catalogue/{matterCode}/versions', {
        params: { path: { department, matterCode } },
        body: proposal as components['schemas']['MatterVersionProposal'],
      });
      const recorded = await settle(answer, { message, form, fieldPrefix: '', step: '新版本' });
      if (recorded) {
        message.success(`已记录第 ${recorded.version} 版。`);
        await onRecorded();
      }
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card title="拟定新版本与回测">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="回测用拟定版本重新评估本部门该事项的已存案件，只显示结论会如何变化，不写入任何数据。确认无误后再记录为新版本。"
      />
      <Form<ProposalFields>
        form={form}
        name="proposal"
        layout="vertical"
        initialValues={{ proposal: proposalFrom(versions.versions.at(-1)) }}
        style={{ maxWidth: 860 }}
      >
        <Form.Item name="proposal" label="拟定版本（JSON）" rules={[{ required: true, whitespace: true, message: '请填写拟定版本' }]}>
          <Input.TextArea rows={10} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
        <Form.Item name="cases" label="回测案件编号（可选，以逗号或空格分隔；不填则取该事项最近开始的案件）">
          <Input />
        </Form.Item>
        <Space>
          <Button type="primary" loading={busy === 'backTest'} onClick={() => void backTest()}>
            回测
          </Button>
          <Button loading={busy === 'record'} onClick={() => void record()}>
            记录为新版本
          </Button>
        </Space>
      </Form>
      {report !== undefined && <BackTestResult report={report} />}
    </Card>
  );
}

function BackTestResult({ report }: { readonly report: BackTestReport }) {
  const columns: ColumnsType<BackTestCase> = [
    { title: '案件编号', dataIndex: 'caseId' },
    {
      title: '结果',
      key: 'outcome',
      render: (_: unknown, tested) =>
        tested.outcome !== 'evaluated' ? (
          <Typography.Text type="secondary">{outcomeNames[tested.outcome] ?? tested.outcome}</Typography.Text>
        ) : tested.changes.length === 0 ? (
          '结论不变'
        ) : (
          <Space direction="vertical" size={2}>
            {tested.changes.map((change) => (
              <Space key={change.ruleId} size={4} wrap>
                <Tag color={changeNames[change.change]?.color}>{changeNames[change.change]?.name ?? change.change}</Tag>
                <Typography.Text code>{change.ruleId}</Typography.Text>
                {levelTag(change.current)}→{levelTag(change.proposed)}
              </Space>
            ))}
          </Space>
        ),
    },
    { title: '案件开始', key: 'startedOn', width: 110, render: (_: unknown, tested) => (tested.outcome === 'evaluated' ? tested.startedOn : '—') },
    {
      title: '现适用版本',
      key: 'currentVersion',
      width: 110,
      render: (_: unknown, tested) => (tested.outcome === 'evaluated' && tested.currentVersion !== null ? `第 ${tested.currentVersion} 版` : '—'),
    },
  ];
  const { totals } = report;
  return (
    <div data-testid="back-test-result" style={{ marginTop: 24 }}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="回测时间">{shanghaiDateTime(report.asOf)}</Descriptions.Item>
      </Descriptions>
      <Space size="large" wrap style={{ marginBottom: 16 }}>
        <Statistic title="评估案件" value={totals.evaluated} />
        <Statistic title="结论变化的案件" value={totals.changedCases} />
        <Statistic title="新增预警" value={totals.raised} />
        <Statistic title="消除预警" value={totals.cleared} />
        <Statistic title="升级" value={totals.escalated} />
        <Statistic title="降级" value={totals.deescalated} />
      </Space>
      <Table<BackTestCase> rowKey="caseId" columns={columns} dataSource={report.cases} pagination={false} size="small" />
    </div>
  );
}
