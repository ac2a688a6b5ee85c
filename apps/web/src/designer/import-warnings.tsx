import { Alert, Button, Typography } from 'antd';
import { useId, useState } from 'react';
import { readerWarningElementId, readerWarningVi, type ReaderWarning } from '@lienthong/bpmn';

/**
 * What bpmn-js warned about when it opened the file (unknown elements, unresolved references,
 * shapes of nothing): never silent, never blocking. Each warning with its element and a Vietnamese
 * gist; the list folds open from a button (keyboard: Tab, Enter).
 */
export function ImportWarnings({
  warnings,
  xml,
  onClose,
}: {
  readonly warnings: readonly ReaderWarning[];
  /** The file opened: the warnings that give only a line and column are placed in it. */
  readonly xml: string;
  readonly onClose: () => void;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (warnings.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable={{ 'aria-label': 'Đóng thông báo cảnh báo' }}
      onClose={onClose}
      className="lt-import-warnings"
      title={`Tệp có ${warnings.length} cảnh báo khi mở: những phần không đọc được sẽ không có trong bản lưu.`}
      description={
        <>
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Ẩn danh sách cảnh báo' : `Xem ${warnings.length} cảnh báo`}
          </Button>
          {open && (
            <ul id={listId} className="lt-import-warning-list" aria-label="Cảnh báo khi mở tệp">
              {warnings.map((w, i) => {
                const elementId = readerWarningElementId(w, xml);
                return (
                  <li key={i} data-element-id={elementId ?? ''} title={w.message}>
                    <Typography.Text code>{elementId ?? 'tệp'}</Typography.Text> {readerWarningVi(w)}
                  </li>
                );
              })}
            </ul>
          )}
        </>
      }
    />
  );
}
