/**
 * A complaint's page: what it is about and where it stands, its deadlines, its written notices
 * (PDF, fetched with the signed-in person's token and saved from memory), the complainant's
 * identity — shown in full only after a supervisor states why (the act is audited) — and the
 * step its stage awaits from the person at the screen: the decision on acceptance, the result of
 * handling, the review of a department's result.
 */
import { Alert, App, Button, Card, Descriptions, Empty, Result, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { components } from '../api/schema';
import { actsForDepartment } from '../auth/staff-member';
import { DeadlineText } from '../forms/deadline-text';
import { actorName, departmentName, useDepartments } from '../forms/department-names';
import type { ProblemBody } from '../forms/api-answers';
import type { PageProps } from '../frame/routes';
import { shanghaiDateTime } from '../shanghai-time';
import { complaintCategories, complaintStages, complaintStepName, identityViews, noticeNames, signalLevels } from './complaint-labels';
import { ComplaintDecisionForm, ComplaintResultForm, ComplaintReviewForm } from './complaint-steps';
import { IdentityDialog } from './identity-dialog';
import { NoticeDeliveries } from './notice-deliveries';

export type ComplaintDetail = components['schemas']['ComplaintDetail'];
type Complainant = NonNullable<ComplaintDetail['complainant']>;

/** The deliveries recorded for a notice (the detail types notices loosely). */
const deliveriesOf = (record: unknown): readonly { channel: string; deliveredAt: string; trackingReference?: string }[] => {
  const deliveries = (record as { deliveries?: unknown } | undefined)?.deliveries;
  return Array.isArray(deliveries) ? (deliveries as { channel: string; deliveredAt: string; trackingReference?: string }[]) : [];
};

const receiptOfAddress = (): string => new URLSearchParams(window.location.search).get('receipt') ?? '';

/** Saves bytes fetched in memory as a file the browser downloads. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click was handled, not before the download started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function ComplaintPage({ api, member }: PageProps) {
  const { message } = App.useApp();
  const receiptNumber = receiptOfAddress();
  const departments = useDepartments(api);
  const [complaint, setComplaint] = useState<ComplaintDetail | undefined>();
  const [failure, setFailure] = useState<ProblemBody | undefined>();
  const [revealed, setRevealed] = useState<Complainant | undefined>();
  const [asking, setAsking] = useState(false);
  const [downloading, setDownloading] = useState<string | undefined>();
  const supervisor = !actsForDepartment(member);

  const load = useCallback(async () => {
    const { data, error, response } = await api.GET('/v1/complaints/{receiptNumber}', { params: { path: { receiptNumber } } });
    if (data) {
      setComplaint(data);
      setFailure(undefined);
    } else setFailure({ ...((error as ProblemBody | undefined) ?? {}), status: response.status });
  }, [api, receiptNumber]);

  useEffect(() => {
    void load();
  }, [load]);

  const download = async (notice: 'decision' | 'result'): Promise<void> => {
    setDownloading(notice);
    try {
      const { data, response } = await api.GET('/v1/complaints/{receiptNumber}/notices/{notice}', {
        params: { path: { receiptNumber, notice } },
        parseAs: 'blob',
      });
      if (data instanceof Blob) saveBlob(data, `${receiptNumber}-${noticeNames[notice] ?? notice}.pdf`);
      else if (response.status === 410) message.error('告知书已随个人信息保存期限届满删除。');
      else message.error(`告知书下载失败（HTTP ${response.status}）`);
    } finally {
      setDownloading(undefined);
    }
  };

  if (failure !== undefined)
    return (
      <Result
        status={failure.status === 404 ? '404' : 'error'}
        title={failure.status === 404 ? '没有该投诉' : '投诉读取失败'}
        subTitle={failure.status === 404 ? `受理编号 ${receiptNumber} 不存在，或不在您的职责范围内。` : (failure.title ?? '')}
        extra={<Button href="/complaints">返回投诉队列</Button>}
      />
    );
  if (complaint === undefined) return <Spin />;

  const subject = complaint.subject as { kind?: string; department?: string; departmentName?: string; case?: { kind: string; caseId: string } };
  const handling = complaint.handling as
    { by?: string; department?: string; departmentName?: string; deadline?: { date: string; provisional: boolean } } | undefined;
  const decision = complaint.decision as { decidedOn?: string; accepted?: boolean; reasons?: string; decidedBy?: string } | undefined;
  const notices = Object.keys(complaint.notices).filter((kind): kind is 'decision' | 'result' => kind === 'decision' || kind === 'result');
  const erased = complaint.personalData?.erasedAt !== undefined;
  const complainant = revealed ?? complaint.complainant;
  const finished = complaint.stage === 'concluded' || complaint.stage === 'notAccepted';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={`受理编号 ${complaint.receiptNumber}`} extra={<a href="/complaints">返回投诉队列</a>}>
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="状态">
            <Tag color={finished ? 'default' : 'processing'}>{complaintStages[complaint.stage] ?? complaint.stage}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="类别">{complaintCategories[complaint.category] ?? complaint.category}</Descriptions.Item>
          <Descriptions.Item label="被投诉对象">
            {subject.kind === 'department' ? (subject.departmentName ?? departmentName(departments, subject.department)) : `辖区：${complaint.jurisdiction}`}
            {subject.case !== undefined && <Typography.Text type="secondary">（案件 {subject.case.caseId}）</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label="收到时间">{shanghaiDateTime(complaint.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label="受理决定期限">
            <DeadlineText deadline={complaint.acceptanceDeadline} done={decision !== undefined} api={api} />
          </Descriptions.Item>
          <Descriptions.Item label="办理期限">
            {handling?.deadline === undefined ? (
              '—'
            ) : (
              <DeadlineText deadline={handling.deadline} done={finished || complaint.stage === 'awaitingReview'} api={api} />
            )}
          </Descriptions.Item>
          <Descriptions.Item label="办理机关">
            {handling === undefined
              ? '—'
              : handling.by === 'department'
                ? (handling.departmentName ?? departmentName(departments, handling.department))
                : '监察机关自办'}
          </Descriptions.Item>
          <Descriptions.Item label="当前等待">
            {complaint.clock === null ? '—' : `${complaint.clock.actor === 'department' ? '部门' : '监察机关'}（至 ${complaint.clock.deadline.date}）`}
          </Descriptions.Item>
          <Descriptions.Item label="投诉内容" span={2}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
              {complaint.content ?? (erased ? '（个人信息保存期限届满，内容已删除）' : '—')}
            </Typography.Paragraph>
          </Descriptions.Item>
          {decision !== undefined && (
            <Descriptions.Item label="受理决定" span={2}>
              {decision.accepted ? '受理' : '不予受理'}（{decision.decidedOn}）{decision.reasons === undefined ? '' : `：${decision.reasons}`}
            </Descriptions.Item>
          )}
          {complaint.resultSummary !== undefined && (
            <Descriptions.Item label="办理结果" span={2}>
              {complaint.resultSummary}（{complaint.concludedOn}）
            </Descriptions.Item>
          )}
          {complaint.signals.length > 0 && (
            <Descriptions.Item label="预警" span={2}>
              <Space wrap>
                {complaint.signals.map((signal, index) => {
                  const level = String(signal['level']);
                  return (
                    <Tag key={index} color={signalLevels[level]?.color}>
                      {signalLevels[level]?.name ?? level}（期限 {String(signal['deadline'])}）{signal['escalatedTo'] === undefined ? '' : ' 已上报'}
                    </Tag>
                  );
                })}
              </Space>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title="投诉人" data-testid="complainant">
        {!complaint.realName ? (
          <Typography.Text>{identityViews['anonymous']}</Typography.Text>
        ) : erased ? (
          <Typography.Text type="secondary">个人信息保存期限届满，已删除。</Typography.Text>
        ) : complaint.identity === 'withheld' ? (
          <Typography.Text>投诉涉及本部门，投诉人未同意向本部门披露身份。</Typography.Text>
        ) : (
          <Space direction="vertical">
            {complainant !== undefined && (
              <Descriptions column={2} size="small">
                <Descriptions.Item label="姓名">{complainant.name}</Descriptions.Item>
                <Descriptions.Item label="电话">{complainant.phone}</Descriptions.Item>
                {complainant.idNumber !== undefined && <Descriptions.Item label="身份证号码">{complainant.idNumber}</Descriptions.Item>}
                {complainant.address !== undefined && <Descriptions.Item label="地址">{complainant.address}</Descriptions.Item>}
                {complainant.email !== undefined && <Descriptions.Item label="电子邮箱">{complainant.email}</Descriptions.Item>}
              </Descriptions>
            )}
            {revealed === undefined && complaint.identity === 'masked' && (
              <Space>
                <Typography.Text type="secondary">{identityViews['masked']}</Typography.Text>
                {supervisor && <Button onClick={() => setAsking(true)}>查看完整身份</Button>}
              </Space>
            )}
            {revealed !== undefined && <Alert type="info" showIcon message="已显示完整身份；本次查看及其用途已记入审计日志。" />}
          </Space>
        )}
      </Card>

      {supervisor && (
        <Card title="告知书">
          {notices.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={complaint.realName ? '尚未生成告知书' : '匿名投诉不制作书面告知书'} />
          ) : (
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              {notices.map((notice) => (
                <Space key={notice} direction="vertical" size={8} style={{ width: '100%' }} data-testid={`notice-${notice}`}>
                  <Button loading={downloading === notice} onClick={() => void download(notice)}>
                    下载{noticeNames[notice]}（PDF）
                  </Button>
                  <NoticeDeliveries
                    api={api}
                    receiptNumber={complaint.receiptNumber}
                    notice={notice}
                    version={complaint.version}
                    deliveries={deliveriesOf(complaint.notices[notice])}
                    onChanged={load}
                  />
                </Space>
              ))}
            </Space>
          )}
        </Card>
      )}

      <ComplaintStep complaint={complaint} api={api} member={member} onChanged={load} />

      <Card title="办理过程">
        <Timeline
          items={complaint.timeline.map((step) => ({
            key: step.sequence,
            color: step.action.startsWith('signal') ? 'red' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{complaintStepName(step.action)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {shanghaiDateTime(step.at)} · {actorName(step.actor)}
                  {step.internal ? ' · 内部' : ''}
                </Typography.Text>
              </Space>
            ),
          }))}
        />
      </Card>

      <IdentityDialog
        api={api}
        receiptNumber={complaint.receiptNumber}
        open={asking}
        onClose={() => setAsking(false)}
        onRevealed={(identity) => {
          setRevealed(identity);
          setAsking(false);
        }}
      />
    </Space>
  );
}

/** The step the complaint's stage awaits from this person, if any. */
function ComplaintStep({ complaint, api, member, onChanged }: PageProps & { readonly complaint: ComplaintDetail; readonly onChanged: () => Promise<void> }) {
  const liaison = actsForDepartment(member);
  const props = { complaint, api, onChanged };
  if (!liaison && complaint.stage === 'awaitingDecision') return <ComplaintDecisionForm {...props} />;
  if (!liaison && complaint.stage === 'inHandling') return <ComplaintResultForm {...props} />;
  if (liaison && complaint.stage === 'forwarded') return <ComplaintResultForm {...props} />;
  if (!liaison && complaint.stage === 'awaitingReview') return <ComplaintReviewForm {...props} />;
  return null;
}
