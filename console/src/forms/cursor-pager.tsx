/** 上一页 / 第 N 页 / 下一页 under a list read a page at a time with the API's cursor. */
import { Button, Space, Typography } from 'antd';
import { useLanguage } from '../language/language';

export interface CursorPagerProps {
  readonly pageIndex: number;
  readonly hasNext: boolean;
  readonly loading: boolean;
  readonly onPrevious: () => void;
  readonly onNext: () => void;
}

export function CursorPager({ pageIndex, hasNext, loading, onPrevious, onNext }: CursorPagerProps) {
  const { strings } = useLanguage();
  return (
    <Space>
      <Button disabled={pageIndex === 0 || loading} onClick={onPrevious}>
        {strings.queue.previous}
      </Button>
      <Typography.Text>{strings.queue.page(pageIndex + 1)}</Typography.Text>
      <Button disabled={!hasNext || loading} onClick={onNext}>
        {strings.queue.next}
      </Button>
    </Space>
  );
}
