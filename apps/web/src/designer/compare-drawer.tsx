import { Alert, Drawer, Empty, List, Select, Spin, Tag } from 'antd';
import { diff } from 'bpmn-js-differ';
import { useEffect, useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { describeChanges, type ChangeLine } from './compare/describe-changes';
import { fetchVersionXml, useDefinitions } from './drafts.api';
import type { Modeler } from './modeler';

const MARKERS = { added: 'lt-diff-added', changed: 'lt-diff-changed' } as const;
const KIND = {
  added: { color: 'success', label: 'Thêm' },
  removed: { color: 'red', label: 'Bỏ' },
  changed: { color: 'warning', label: 'Sửa' },
} as const;

interface Canvas {
  addMarker(id: string, marker: string): void;
  removeMarker(id: string, marker: string): void;
}

/**
 * Compares the open draft with a deployed version of its key (bpmn-js-differ): the differences listed in
 * words, and added and changed elements highlighted on the diagram while the drawer is open.
 */
export function CompareDrawer({
  open,
  modeler,
  processKey,
  baseVersion,
  onClose,
}: {
  readonly open: boolean;
  readonly modeler: Modeler | null;
  readonly processKey: string;
  readonly baseVersion: number | null;
  readonly onClose: () => void;
}) {
  const versions = useDefinitions(processKey);
  const [version, setVersion] = useState<number | null>(null);
  const [lines, setLines] = useState<ChangeLine[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!open || version !== null) return;
    const published = versions.data?.find((v) => v.status === 'published')?.version;
    const pick = published ?? baseVersion ?? versions.data?.at(-1)?.version;
    if (pick !== undefined) setVersion(pick);
  }, [open, version, versions.data, baseVersion]);

  useEffect(() => {
    if (!open || modeler === null || version === null) return;
    let cancelled = false;
    const canvas = modeler.get<Canvas>('canvas');
    const marked: Array<[string, string]> = [];
    setLines(null);
    setFailure(null);
    (async () => {
      const xml = await fetchVersionXml(processKey, version);
      const moddle = modeler.get<{ fromXML(xml: string): Promise<{ rootElement: unknown }> }>('moddle');
      const { rootElement } = await moddle.fromXML(xml);
      const result = diff(rootElement, modeler.getDefinitions());
      if (cancelled) return;
      const described = describeChanges(result);
      for (const line of described) {
        if (line.kind === 'removed') continue;
        try {
          canvas.addMarker(line.id, MARKERS[line.kind]);
          marked.push([line.id, MARKERS[line.kind]]);
        } catch {
          // not on the canvas (e.g. the process itself)
        }
      }
      setLines(described);
    })().catch((error: unknown) => !cancelled && setFailure(failureMessage(error)));
    return () => {
      cancelled = true;
      for (const [id, marker] of marked) canvas.removeMarker(id, marker);
    };
  }, [open, modeler, version, processKey]);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="So sánh với phiên bản đã triển khai"
      size={420}
      mask={false}
      className="lt-compare"
    >
      <Select
        style={{ width: '100%', marginBottom: 12 }}
        aria-label="Phiên bản để so sánh"
        value={version ?? undefined}
        placeholder="Chọn phiên bản"
        loading={versions.isLoading}
        onChange={setVersion}
        options={(versions.data ?? []).map((v) => ({
          value: v.version,
          label: `v${v.version} — ${v.status === 'published' ? 'đang áp dụng' : v.status === 'draft' ? 'chưa ban hành' : 'đã thay thế'}`,
        }))}
      />
      {failure !== null && <Alert type="error" showIcon title={failure} />}
      {versions.data?.length === 0 && (
        <Empty description="Quy trình này chưa có phiên bản nào được triển khai." />
      )}
      {lines === null && failure === null && version !== null && <Spin description="Đang so sánh…" />}
      {lines !== null &&
        (lines.length === 0 ? (
          <Empty description="Không có thay đổi so với phiên bản này." />
        ) : (
          <List
            size="small"
            className="lt-changes"
            dataSource={lines}
            renderItem={(line) => (
              <List.Item key={`${line.kind}-${line.id}`} data-kind={line.kind}>
                <Tag color={KIND[line.kind].color}>{KIND[line.kind].label}</Tag>
                <span style={{ flex: 1 }}>{line.text}</span>
              </List.Item>
            )}
          />
        ))}
    </Drawer>
  );
}
