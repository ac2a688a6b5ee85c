import { Empty, List, Tag } from 'antd';
import type { ChangeLine } from './describe-changes';
import './compare.css';

/**
 * The differences of two versions in words, each marked with the colour of its highlight on the diagram
 * (added, removed: the text says so; changed ones tagged "Sửa").
 */
export function ChangeList({ lines }: { readonly lines: readonly ChangeLine[] }) {
  if (lines.length === 0) return <Empty description="Không có thay đổi giữa hai phiên bản này." />;
  return (
    // a long list scrolls in its own box, reachable with the keyboard
    <div className="lt-changes" role="region" aria-label="Các thay đổi" tabIndex={0}>
      <List
        size="small"
        dataSource={[...lines]}
        renderItem={(line) => (
          <List.Item key={`${line.kind}-${line.id}`} data-kind={line.kind} data-id={line.id}>
            <span className={`lt-change-mark lt-change-${line.kind}`} aria-hidden />
            {line.kind === 'changed' && <Tag color="warning">Sửa</Tag>}
            <span style={{ flex: 1 }}>{line.text}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
