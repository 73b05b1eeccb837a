/**
 * The steps of a complaint's course, each a form sending the version the page read: the
 * supervisor's decision on acceptance (handle it, forward it to a department, or not accept it,
 * with reasons), the result of handling with its evidence (the supervisor's own, or the
 * department's when forwarded), and the supervisor's review of a department's result.
 */
import { App, Button, Card, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { settle } from '../forms/api-answers';
import { useDepartments } from '../forms/department-names';
import type { ComplaintDetail } from './complaint-page';

export interface ComplaintStepProps {
  readonly complaint: ComplaintDetail;
  readonly api: ApiClient;
  readonly onChanged: () => Promise<void>;
}

const required = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }];

interface DecisionFields {
  readonly outcome: 'forward' | 'self' | 'refuse';
  readonly reasons?: string;
  readonly handling?: { readonly department?: string; readonly deadline?: string; readonly aboutRecipient?: boolean };
}

export function ComplaintDecisionForm({ complaint, api, onChanged }: ComplaintStepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DecisionFields>();
  const outcome = Form.useWatch('outcome', form);
  const departments = useDepartments(api);
  const [sending, setSending] = useState(false);
  const subject = complaint.subject as { department?: string };

  const decide = async (fields: DecisionFields): Promise<void> => {
    setSending(true);
    try {
      const expectedVersion = complaint.version;
      const reasons = fields.reasons?.trim() ? { reasons: fields.reasons } : {};
      const deadline = fields.handling?.deadline ?? '';
      const body =
        fields.outcome === 'refuse'
          ? { expectedVersion, accepted: false as const, reasons: fields.reasons ?? '' }
          : fields.outcome === 'self'
            ? { expectedVersion, accepted: true as const, ...reasons, handling: { by: 'supervisor' as const, deadline } }
            : {
                expectedVersion,
                accepted: true as const,
                ...reasons,
                handling: {
                  by: 'department' as const,
                  department: fields.handling?.department ?? '',
                  deadline,
                  ...(fields.handling?.aboutRecipient ? { aboutRecipient: true } : {}),
                },
              };
      const answer = await api.POST('/v1/complaints/{receiptNumber}/decision', { params: { path: { receiptNumber: complaint.receiptNumber } }, body });
      if (await settle(answer, { message, form, step: '受理决定', reread: onChanged })) {
        message.success(
          fields.outcome === 'refuse' ? '已决定不予受理。' : fields.outcome === 'self' ? '已决定受理，由监察机关办理。' : '已决定受理并转部门办理。',
        );
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title="受理决定">
      <Form<DecisionFields>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ outcome: 'forward', handling: { department: subject.department } }}
        onFinish={(fields) => void decide(fields)}
      >
        <Form.Item name="outcome" label="决定">
          <Radio.Group
            options={[
              { value: 'forward', label: '受理，转部门办理' },
              { value: 'self', label: '受理，监察机关自办' },
              { value: 'refuse', label: '不予受理' },
            ]}
          />
        </Form.Item>
        {outcome === 'forward' && (
          <>
            <Form.Item name={['handling', 'department']} label="办理部门" rules={[{ required: true, message: '请选择办理部门' }]}>
              <Select
                aria-label="办理部门"
                showSearch
                optionFilterProp="label"
                options={departments.map((entry) => ({ value: entry.department, label: entry.name }))}
              />
            </Form.Item>
            <Form.Item name={['handling', 'aboutRecipient']} valuePropName="checked">
              <Checkbox>投诉涉及该部门或其工作人员（未经投诉人同意，不向该部门披露其身份）</Checkbox>
            </Form.Item>
          </>
        )}
        {outcome !== 'refuse' && (
          <Form.Item name={['handling', 'deadline']} label="办理期限" rules={[{ required: true, message: '请选择办理期限' }]}>
            <Input type="date" aria-label="办理期限" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Form.Item
          name="reasons"
          label={outcome === 'refuse' ? '不予受理理由（将写入告知书）' : '说明（可选，将写入告知书）'}
          rules={outcome === 'refuse' ? required('不予受理理由') : []}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending}>
          提交决定
        </Button>
      </Form>
    </Card>
  );
}

/** What handling found, as the statistics count it (Art. 20). */
const findings = [
  { value: 'upheld', label: '属实' },
  { value: 'partlyUpheld', label: '部分属实' },
  { value: 'notUpheld', label: '不属实' },
] as const;

interface ResultFields {
  readonly summary: string;
  readonly finding: (typeof findings)[number]['value'];
  readonly note?: string;
  readonly evidence?: readonly { readonly title: string; readonly sha256: string; readonly reference: string }[];
}

export function ComplaintResultForm({ complaint, api, onChanged }: ComplaintStepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ResultFields>();
  const [sending, setSending] = useState(false);

  const report = async (fields: ResultFields): Promise<void> => {
    setSending(true);
    try {
      const answer = await api.POST('/v1/complaints/{receiptNumber}/result', {
        params: { path: { receiptNumber: complaint.receiptNumber } },
        body: {
          expectedVersion: complaint.version,
          summary: fields.summary,
          finding: fields.finding,
          evidence: [...(fields.evidence ?? [])],
          ...(fields.note?.trim() ? { note: fields.note } : {}),
        },
      });
      if (await settle(answer, { message, form, step: '办理结果', reread: onChanged })) {
        message.success('办理结果已报告。');
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title="报告办理结果">
      <Form<ResultFields> form={form} layout="vertical" style={{ maxWidth: 720 }} onFinish={(fields) => void report(fields)}>
        <Form.Item name="summary" label="办理结果（将告知投诉人）" rules={required('办理结果')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="finding" label="查实情况（计入统计）" rules={[{ required: true, message: '请选择查实情况' }]}>
          <Radio.Group options={findings.map((finding) => ({ ...finding }))} aria-label="查实情况" />
        </Form.Item>
        <Form.Item name="note" label="内部说明（不告知投诉人，可选）">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <EvidenceList />
        <Button type="primary" htmlType="submit" loading={sending}>
          提交办理结果
        </Button>
      </Form>
    </Card>
  );
}

/** Evidence rows: a document's title, its SHA-256 digest and where it is kept. */
export function EvidenceList() {
  return (
    <Form.List name="evidence">
      {(fields, { add, remove }) => (
        <Form.Item label="证明材料">
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field) => (
              <Space key={field.key} align="start" wrap>
                <Form.Item name={[field.name, 'title']} rules={required('材料名称')} noStyle={false} style={{ marginBottom: 0 }}>
                  <Input placeholder="材料名称" style={{ width: 180 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'sha256']} rules={required('SHA-256 摘要')} style={{ marginBottom: 0 }}>
                  <Input placeholder="SHA-256 摘要（64 位十六进制）" style={{ width: 300 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'reference']} rules={required('存放位置')} style={{ marginBottom: 0 }}>
                  <Input placeholder="存放位置（档案号、链接）" style={{ width: 220 }} />
                </Form.Item>
                <Button onClick={() => remove(field.name)}>删除</Button>
              </Space>
            ))}
            <Button type="dashed" onClick={() => add()}>
              添加证明材料
            </Button>
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}

interface ReviewFields {
  readonly verdict: 'accept' | 'sendBack';
  readonly summary?: string;
  readonly reasons?: string;
  readonly deadline?: string;
}

export function ComplaintReviewForm({ complaint, api, onChanged }: ComplaintStepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewFields>();
  const verdict = Form.useWatch('verdict', form);
  const [sending, setSending] = useState(false);
  const latest = complaint.results.at(-1) as { summary?: string } | undefined;

  const review = async (fields: ReviewFields): Promise<void> => {
    setSending(true);
    try {
      const expectedVersion = complaint.version;
      const body =
        fields.verdict === 'accept'
          ? { expectedVersion, verdict: 'accept' as const, ...(fields.summary?.trim() ? { summary: fields.summary } : {}) }
          : { expectedVersion, verdict: 'sendBack' as const, reasons: fields.reasons ?? '', deadline: fields.deadline ?? '' };
      const answer = await api.POST('/v1/complaints/{receiptNumber}/review', { params: { path: { receiptNumber: complaint.receiptNumber } }, body });
      if (await settle(answer, { message, form, step: '审核', reread: onChanged })) {
        message.success(fields.verdict === 'accept' ? '办理结果已审核通过，投诉办结。' : '已退回部门重新办理。');
        await onChanged();
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title="审核部门办理结果">
      {latest?.summary !== undefined && <p>部门报告的结果：{latest.summary}</p>}
      <Form<ReviewFields>
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ verdict: 'accept' }}
        onFinish={(fields) => void review(fields)}
      >
        <Form.Item name="verdict" label="审核意见">
          <Radio.Group
            options={[
              { value: 'accept', label: '通过，办结' },
              { value: 'sendBack', label: '退回重办' },
            ]}
          />
        </Form.Item>
        {verdict === 'sendBack' ? (
          <>
            <Form.Item name="reasons" label="退回理由（内部）" rules={required('退回理由')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="deadline" label="重新办理期限" rules={[{ required: true, message: '请选择期限' }]}>
              <Input type="date" aria-label="重新办理期限" style={{ width: 200 }} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="summary" label="告知投诉人的结果（可选，默认采用部门报告的结果）">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={sending}>
          提交审核
        </Button>
      </Form>
    </Card>
  );
}
