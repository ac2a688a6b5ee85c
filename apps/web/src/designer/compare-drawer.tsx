import { Alert, Drawer, Empty, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { failureMessage } from '../api/problem.util';
import { ChangeList } from './compare/change-list';
import { compareModels, markChanges } from './compare/compare-models';
import type { ChangeLine } from './compare/describe-changes';
import { fetchVersionXml, useDefinitions } from './drafts.api';
import type { Modeler } from './modeler';

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
    let unmark = () => {};
    setLines(null);
    setFailure(null);
    (async () => {
      const xml = await fetchVersionXml(processKey, version);
      const moddle = modeler.get<{ fromXML(xml: string): Promise<{ rootElement: unknown }> }>('moddle');
      const { rootElement } = await moddle.fromXML(xml);
      const described = compareModels(rootElement, modeler.getDefinitions());
      if (cancelled) return;
      unmark = markChanges(modeler, described, ['added', 'changed']);
      setLines(described);
    })().catch((error: unknown) => !cancelled && setFailure(failureMessage(error)));
    return () => {
      cancelled = true;
      unmark();
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
      {lines !== null && <ChangeList lines={lines} />}
    </Drawer>
  );
}
