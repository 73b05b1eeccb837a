/**
 * A list read a page at a time with the API's cursor (`useCursorPages`), as a table: its rows,
 * loading while a page is read, an empty text when the page has no rows, and 上一页 / 第 N 页 /
 * 下一页 under it. The table's own props (row key, columns, expandable rows, scroll) are the list's.
 */
import { Empty, Space, Table, type TableProps } from 'antd';
import type { AnyObject } from 'antd/es/_util/type';
import type { ReactNode } from 'react';
import { CursorPager } from './cursor-pager';
import type { CursorPages } from './cursor-pages';

export interface CursorPagedTableProps<Row extends AnyObject> extends Omit<TableProps<Row>, 'dataSource' | 'loading' | 'pagination' | 'locale'> {
  readonly pages: Pick<CursorPages<unknown>, 'loading' | 'pager'>;
  /** The rows of the page shown (none before the first answer). */
  readonly rows: readonly Row[] | undefined;
  /** What the table says when the page has no rows. */
  readonly empty: ReactNode;
}

export function CursorPagedTable<Row extends AnyObject>({ pages, rows, empty, ...table }: CursorPagedTableProps<Row>) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Table<Row>
        size="middle"
        {...table}
        dataSource={[...(rows ?? [])]}
        loading={pages.loading}
        pagination={false}
        locale={{ emptyText: <Empty description={empty} /> }}
      />
      <CursorPager {...pages.pager} />
    </Space>
  );
}
