/**
 * A deadline as the city reads it: its Shanghai date, “暂定” when the working-day calendar of its
 * year is not yet published (the date may move), and “已逾期” once the day has passed.
 */
import { Space, Tag, Tooltip, Typography } from 'antd';
import { shanghaiDate } from '../shanghai-time';

export interface DeadlineValue {
  readonly date: string;
  readonly provisional?: boolean;
}

/** Today in Shanghai, `YYYY-MM-DD`. */
export const shanghaiToday = (): string => shanghaiDate(new Date().toISOString());

export function DeadlineText({ deadline, done = false }: { readonly deadline: DeadlineValue | null | undefined; readonly done?: boolean }) {
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
      {overdue && <Tag color="error">已逾期</Tag>}
    </Space>
  );
}
