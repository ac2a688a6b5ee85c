import { Alert, Card, Col, Flex, Row, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { failureMessage } from '../../api/problem.util';
import { ChangeList } from '../compare/change-list';
import { compareXml, markChanges } from '../compare/compare-models';
import type { ChangeLine } from '../compare/describe-changes';
import { scrollToTop, VersionDiagram, type Viewer } from './version-diagram';
import { useVersionXml } from './versions.api';

const LEGEND = [
  { kind: 'added', text: 'thêm ở phiên bản mới' },
  { kind: 'removed', text: 'bỏ ở phiên bản mới' },
  { kind: 'changed', text: 'có sửa đổi' },
] as const;

/**
 * Two versions side by side, the older on the left (removed and changed elements marked) and the newer
 * on the right (added and changed ones), and their differences in words (bpmn-js-differ).
 */
export function VersionCompare({
  processKey,
  before,
  after,
}: {
  readonly processKey: string;
  readonly before: number;
  readonly after: number;
}) {
  const left = useVersionXml(processKey, before);
  const right = useVersionXml(processKey, after);
  const [lines, setLines] = useState<ChangeLine[] | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [viewers, setViewers] = useState<{ left?: Viewer; right?: Viewer }>({});
  const onLeft = useCallback((v: Viewer) => setViewers((s) => ({ ...s, left: v })), []);
  const onRight = useCallback((v: Viewer) => setViewers((s) => ({ ...s, right: v })), []);

  useEffect(() => {
    if (left.data === undefined || right.data === undefined) return;
    let gone = false;
    compareXml(left.data, right.data).then(
      (described) => !gone && setLines(described),
      (error: unknown) => !gone && setFailed(error),
    );
    return () => {
      gone = true;
    };
  }, [left.data, right.data]);

  useEffect(() => {
    if (lines === null || !viewers.left) return;
    return markChanges(viewers.left, lines, ['removed', 'changed']);
  }, [lines, viewers.left]);
  useEffect(() => {
    if (lines === null || !viewers.right) return;
    return markChanges(viewers.right, lines, ['added', 'changed']);
  }, [lines, viewers.right]);

  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (lines !== null) scrollToTop(card.current);
  }, [lines]);
  const failure = left.error ?? right.error ?? failed;
  return (
    <Card
      ref={card}
      title={`So sánh phiên bản v${before} với v${after}`}
      size="small"
      className="lt-version-compare"
    >
      {failure ? <Alert type="error" showIcon title={failureMessage(failure)} /> : null}
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        Thay đổi từ v{before} sang v{after}
      </Typography.Title>
      {lines === null && !failure ? <Spin description="Đang so sánh…" /> : <ChangeList lines={lines ?? []} />}
      <Flex gap={16} wrap style={{ margin: '12px 0 8px' }} aria-label="Chú giải màu">
        {LEGEND.map((l) => (
          <Flex key={l.kind} gap={6} align="center">
            <span className={`lt-change-mark lt-change-${l.kind}`} aria-hidden />
            {l.text}
          </Flex>
        ))}
      </Flex>
      <Row gutter={12}>
        <Col span={12}>
          <Typography.Text strong>Phiên bản v{before} (trước)</Typography.Text>
          {left.data ? (
            <VersionDiagram
              xml={left.data}
              height={340}
              label={`Sơ đồ phiên bản v${before}`}
              onShown={onLeft}
            />
          ) : (
            <Spin description="Đang tải sơ đồ…" />
          )}
        </Col>
        <Col span={12}>
          <Typography.Text strong>Phiên bản v{after} (sau)</Typography.Text>
          {right.data ? (
            <VersionDiagram
              xml={right.data}
              height={340}
              label={`Sơ đồ phiên bản v${after}`}
              onShown={onRight}
            />
          ) : (
            <Spin description="Đang tải sơ đồ…" />
          )}
        </Col>
      </Row>
    </Card>
  );
}
