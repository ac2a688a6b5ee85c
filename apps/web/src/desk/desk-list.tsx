import { Card, Empty, Input, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import type { useCursorPages } from './cursor-pages';

/**
 * A list of the desk: a card with its search box (part of a code or an applicant's name), the table of
 * a page of 20 with "Trang trước" / "Trang sau", its loading, failure and empty states.
 */
export function DeskList<T extends object>({
  title,
  searchLabel,
  onSearch,
  searching,
  query,
  pages,
  rowKey,
  columns,
  empty,
  children,
}: {
  readonly title: string;
  readonly searchLabel: string;
  readonly onSearch: (text: string) => void;
  readonly searching: boolean;
  readonly query: {
    isFetching: boolean;
    isError: boolean;
    error: Error | null;
    data?: { items: T[]; nextCursor: string | null };
  };
  /** The page shown (its cursor feeds `query`). */
  readonly pages: ReturnType<typeof useCursorPages>;
  readonly rowKey: keyof T & string;
  readonly columns: ColumnsType<T>;
  readonly empty: string;
  readonly children?: ReactNode;
}) {
  return (
    <Card
      title={title}
      extra={
        <Input.Search
          placeholder="Tìm theo mã hồ sơ hoặc tên người nộp"
          aria-label={searchLabel}
          allowClear
          onSearch={onSearch}
          style={{ width: 320 }}
          loading={searching}
        />
      }
      styles={{ body: { padding: 0 } }}
    >
      {query.isError && (
        <Typography.Paragraph type="danger" role="alert" style={{ padding: 16, margin: 0 }}>
          Không tải được danh sách hồ sơ: {query.error?.message}
        </Typography.Paragraph>
      )}
      <Table<T>
        rowKey={rowKey}
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        size="middle"
        scroll={{ x: 1000 }}
        aria-label={title}
        footer={pages.footer(query.data?.nextCursor ?? null)}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ padding: '32px 0' }} />
          ),
        }}
      />
      {children}
    </Card>
  );
}
