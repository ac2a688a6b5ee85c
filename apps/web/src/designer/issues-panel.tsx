import { Empty, List, Tag, Typography } from 'antd';
import type { ValidationIssue } from '@lienthong/bpmn';

/** The problems of the diagram, errors first; each one, clicked or chosen with Enter, selects its element. */
export function IssuesPanel({
  issues,
  onPick,
}: {
  readonly issues: readonly ValidationIssue[];
  readonly onPick: (elementId: string) => void;
}) {
  const sorted = [...issues].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1,
  );
  if (sorted.length === 0) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description="Không có lỗi: quy trình chạy được trên hệ thống."
      />
    );
  }
  return (
    <List
      size="small"
      className="lt-issues"
      aria-label="Các vấn đề của quy trình"
      dataSource={sorted}
      renderItem={(issue, i) => (
        <List.Item
          key={`${issue.code}-${issue.elementId}-${i}`}
          tabIndex={0}
          role="button"
          data-code={issue.code}
          data-element-id={issue.elementId ?? ''}
          onClick={() => issue.elementId && onPick(issue.elementId)}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ' ') && issue.elementId) {
              e.preventDefault();
              onPick(issue.elementId);
            }
          }}
          style={{ cursor: issue.elementId ? 'pointer' : 'default', padding: '4px 8px' }}
        >
          <Tag color={issue.severity === 'error' ? 'red' : 'gold'}>
            {issue.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}
          </Tag>
          <Typography.Text code style={{ marginRight: 8 }}>
            {issue.elementId ?? 'quy trình'}
          </Typography.Text>
          <span style={{ flex: 1 }}>{issue.messageVi}</span>
        </List.Item>
      )}
    />
  );
}
