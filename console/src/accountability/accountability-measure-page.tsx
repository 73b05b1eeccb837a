/**
 * 问责措施详情: the measure, the signals it cites, its written document (downloaded as a PDF with the
 * bearer token) and its history; the step the reader may take — the liaison reports the correction
 * of an order to correct; the issuing organ accepts or rejects it, records a criticism circulated,
 * or records the decision on a referral. A 409 is explained and the measure read again.
 */
import { App, Button, Card, Descriptions, Form, Input, Result, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { actsForDepartment } from '../auth/staff-member';
import { settle, type ProblemBody } from '../forms/api-answers';
import { actorName, departmentName, useDepartments } from '../forms/department-names';
import type { PageProps } from '../frame/routes';
import { shanghaiDateTime } from '../shanghai-time';
import { measureChanges, measureStatuses, measureTypes, referralOutcomes, sanctions, saveBlob, type AccountabilityMeasure } from './accountability-labels';

const measureOfAddress = (): string => new URLSearchParams(window.location.search).get('measure') ?? '';

export default function AccountabilityMeasurePage({ api, member }: PageProps) {
  const { message } = App.useApp();
  const measureNumber = measureOfAddress();
  const departments = useDepartments(api);
  const [measure, setMeasure] = useState<AccountabilityMeasure | undefined>();
  const [failure, setFailure] = useState<ProblemBody | undefined>();
  const [downloading, setDownloading] = useState(false);
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm();
  const liaison = actsForDepartment(member);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/v1/accountability-measures/{measureNumber}', { params: { path: { measureNumber } } });
    if (data) {
      setMeasure(data);
      setFailure(undefined);
    } else setFailure({ ...((error as ProblemBody | undefined) ?? {}), status: response.status });
  }, [api, measureNumber]);

  useEffect(() => {
    void load();
  }, [load]);

  const download = async (): Promise<void> => {
    setDownloading(true);
    try {
      const { data, response } = await api.GET('/v1/accountability-measures/{measureNumber}/document', {
        params: { path: { measureNumber } },
        parseAs: 'blob',
      });
      if (data instanceof Blob) saveBlob(data, `${measureNumber}.pdf`);
      else message.error(`文书下载失败（HTTP ${response.status}）`);
    } finally {
      setDownloading(false);
    }
  };

  const take = async (step: string, fields: Record<string, unknown>, done: string): Promise<void> => {
    if (!measure) return;
    setSending(true);
    try {
      // The step's fields come from the form of that step; the API checks the body whole.
      const answer = await api.POST('/v1/accountability-measures/{measureNumber}', {
        params: { path: { measureNumber } },
        body: { step, expectedVersion: measure.version, ...fields } as never,
      });
      const next = await settle(answer, { message, form, step: done, reread: load });
      if (next) {
        setMeasure(next);
        form.resetFields();
        message.success(`${done}。`);
      }
    } finally {
      setSending(false);
    }
  };

  if (failure !== undefined)
    return (
      <Result
        status={failure.status === 404 ? '404' : 'error'}
        title={failure.status === 404 ? '没有该问责措施' : '问责措施读取失败'}
        subTitle={failure.status === 404 ? `编号 ${measureNumber} 不存在，或不在您的职责范围内。` : (failure.title ?? '')}
        extra={<Button href="/accountability">返回问责措施</Button>}
      />
    );
  if (!measure) return <Spin />;

  const issuingOrgan = !liaison && member.jurisdiction === measure.issuer.jurisdiction;
  const correctionOpen = measure.type === 'correctionOrder' && (measure.status === 'issued' || measure.status === 'correctionRejected');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Button href="/accountability">返回问责措施</Button>
        <Button type="primary" loading={downloading} onClick={() => void download()}>
          下载文书（PDF）
        </Button>
      </Space>
      <Descriptions bordered size="small" column={2} title={`${measureTypes[measure.type]} ${measure.measureNumber}`}>
        <Descriptions.Item label="状态">
          <Space size={4}>
            <Tag color={measureStatuses[measure.status].color}>{measureStatuses[measure.status].name}</Tag>
            {measure.overdue && <Tag color="red">已逾期</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="被问责部门">{departmentName(departments, measure.department)}</Descriptions.Item>
        <Descriptions.Item label="作出机关">{measure.issuer.organ}</Descriptions.Item>
        <Descriptions.Item label="下达时间（北京时间）">{shanghaiDateTime(measure.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label="法律依据" span={2}>
          {measure.legalBasis}
        </Descriptions.Item>
        {measure.deadline && <Descriptions.Item label="改正期限">{measure.deadline}</Descriptions.Item>}
        {measure.circulatedTo && <Descriptions.Item label="通报范围">{measure.circulatedTo}</Descriptions.Item>}
        {measure.referredTo && <Descriptions.Item label="移送机关">{measure.referredTo}</Descriptions.Item>}
        {measure.decision && (
          <Descriptions.Item label="处理决定" span={2}>
            {referralOutcomes[measure.decision.outcome]}
            {measure.decision.sanction ? `（${sanctions[measure.decision.sanction]}）` : ''}，{measure.decision.decidedOn}：{measure.decision.text}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card size="small" title="所依据的预警">
        <Table
          rowKey={(signal) => `${signal.kind}/${signal.caseId}/${signal.ruleId}`}
          size="small"
          pagination={false}
          dataSource={[...measure.signals]}
          columns={[
            { title: '案件', dataIndex: 'caseId' },
            { title: '规则', dataIndex: 'ruleId' },
            { title: '摘要', dataIndex: 'summaryZh' },
            { title: '依据', dataIndex: 'legalBasis' },
          ]}
        />
      </Card>
      <Card size="small" title={measure.document.title}>
        <Typography.Paragraph type="secondary">{measure.document.reference}</Typography.Paragraph>
        <Typography.Paragraph>{measure.document.addressee}：</Typography.Paragraph>
        {measure.document.paragraphs.map((paragraph, index) => (
          <Typography.Paragraph key={index}>{paragraph}</Typography.Paragraph>
        ))}
        <Typography.Paragraph style={{ textAlign: 'right' }}>
          {measure.document.organ}
          <br />
          {measure.document.issuedOn}
        </Typography.Paragraph>
      </Card>
      {liaison && correctionOpen && (
        <Card size="small" title="报告改正情况">
          <Form form={form} layout="vertical" onFinish={(fields) => void take('reportCorrection', { text: fields.text }, '改正情况已报告')}>
            <Form.Item name="text" label="改正情况" rules={[{ required: true, whitespace: true, message: '请填写改正情况' }]}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sending}>
              提交报告
            </Button>
          </Form>
        </Card>
      )}
      {issuingOrgan && measure.status === 'correctionReported' && (
        <Card size="small" title="审核改正情况">
          <Form form={form} layout="vertical">
            <Form.Item name="reasons" label="退回理由（退回时填写）">
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
            <Space>
              <Button type="primary" loading={sending} onClick={() => void take('acceptCorrection', {}, '已确认改正')}>
                确认已改正
              </Button>
              <Button
                loading={sending}
                onClick={() => void take('rejectCorrection', { reasons: String(form.getFieldValue('reasons') ?? '') }, '已退回改正情况')}
              >
                退回
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      {issuingOrgan && measure.type === 'circulatedCriticism' && measure.status === 'issued' && (
        <Card size="small" title="登记已通报">
          <Form form={form} layout="vertical" onFinish={(fields) => void take('recordCirculation', { note: fields.note }, '已登记通报')}>
            <Form.Item name="note" label="通报情况" rules={[{ required: true, whitespace: true, message: '请填写通报情况' }]}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sending}>
              登记
            </Button>
          </Form>
        </Card>
      )}
      {issuingOrgan && measure.type === 'accountabilityReferral' && measure.status === 'issued' && (
        <Card size="small" title="登记处理决定">
          <Form
            form={form}
            layout="vertical"
            onFinish={(fields) =>
              void take(
                'recordDecision',
                {
                  decision: {
                    outcome: fields.outcome,
                    ...(fields.outcome === 'sanctioned' ? { sanction: fields.sanction } : {}),
                    decidedOn: fields.decidedOn,
                    text: fields.text,
                  },
                },
                '已登记处理决定',
              )
            }
          >
            <Space wrap align="start">
              <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '请选择' }]}>
                <Select style={{ width: 240 }} options={Object.entries(referralOutcomes).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="sanction" label="处分种类（给予处分时）">
                <Select allowClear style={{ width: 160 }} options={Object.entries(sanctions).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择日期' }]}>
                <Input type="date" style={{ width: 180 }} />
              </Form.Item>
            </Space>
            <Form.Item name="text" label="决定内容" rules={[{ required: true, whitespace: true, message: '请填写决定内容' }]}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={sending}>
              登记
            </Button>
          </Form>
        </Card>
      )}
      <Card size="small" title="办理经过">
        <Table
          rowKey={(entry) => `${entry.at}-${entry.change}`}
          size="small"
          pagination={false}
          dataSource={[...measure.history]}
          columns={[
            { title: '时间（北京时间）', dataIndex: 'at', width: 200, render: (at: string) => shanghaiDateTime(at) },
            { title: '步骤', dataIndex: 'change', width: 140, render: (change: AccountabilityMeasure['history'][number]['change']) => measureChanges[change] },
            { title: '办理人', dataIndex: 'actor', width: 200, render: (actor: string) => actorName(actor) },
            { title: '说明', dataIndex: 'note', render: (note?: string) => note ?? '—' },
          ]}
        />
      </Card>
    </Space>
  );
}
