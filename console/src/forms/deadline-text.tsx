/**
 * A deadline as the city reads it: its Shanghai date, “暂定” when the working-day calendar of its
 * year is not yet published (the date may move), “已逾期” once the day has passed, and — on a
 * page showing one item, given the API client — the working days left by the city's calendar.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ApiClient } from '../api/client';
import { useDeadlineStanding } from '../calendar/deadline-standing';
import { shanghaiDate } from '../shanghai-time';

export interface DeadlineValue {
  readonly date: string;
  readonly provisional?: boolean;
}

/** Today in Shanghai, `YYYY-MM-DD`. */
export const shanghaiToday = (): string => shanghaiDate(new Date().toISOString());

export interface DeadlineTextProps {
  readonly deadline: DeadlineValue | null | undefined;
  /** The step is taken: the deadline no longer runs. */
  readonly done?: boolean;
  /** Count the working days left (one item's page; a list would read the calendar once per row). */
  readonly api?: ApiClient;
}

export function DeadlineText({ deadline, done = false, api }: DeadlineTextProps) {
  if (deadline === null || deadline === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const overdue = !done && deadline.date < shanghaiToday();
  return (
    <Space size={4} wrap>
      <Typography.Text type={overdue ? 'danger' : undefined}>{deadline.date}</Typography.Text>
      {deadline.provisional === true && (
        <Tooltip title="该年度的节假日安排尚未公布，期限按周一至周五推算，公布后可能调整。">
          <Tag>暂定</Tag>
        </Tooltip>
      )}
      {api !== undefined && !done ? <WorkingDaysLeft api={api} date={deadline.date} /> : overdue && <Tag color="error">已逾期</Tag>}
    </Space>
  );
}

function WorkingDaysLeft({ api, date }: { readonly api: ApiClient; readonly date: string }) {
  const standing = useDeadlineStanding(api, date);
  if (standing === undefined) return null;
  switch (standing.state) {
    case 'left':
      return <Tag data-testid="working-days-left">剩余 {standing.days} 个工作日</Tag>;
    case 'lastDay':
      return (
        <Tag color="warning" data-testid="working-days-left">
          今天是最后一天
        </Tag>
      );
    case 'overdue':
      return (
        <Tag color="error" data-testid="working-days-left">
          已逾期 {standing.days} 个工作日
        </Tag>
      );
  }
}
