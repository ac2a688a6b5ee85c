import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { Alert, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import './bpmn-diagram.css';

interface Canvas {
  addMarker(element: string, marker: string): void;
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
}
interface ElementRegistry {
  get(id: string): unknown;
}

/**
 * The dossier's version drawn by bpmn-js (read-only, movable and zoomable), with the path marked:
 * finished elements green, current ones blue, late steps red (a legend beside says so in words).
 */
export function BpmnDiagram({
  xml,
  finished,
  active,
  late,
}: {
  readonly xml: string;
  readonly finished: readonly string[];
  readonly active: readonly string[];
  readonly late: readonly string[];
}) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');

  useEffect(() => {
    if (container.current === null) return;
    const viewer = new NavigatedViewer({ container: container.current });
    let gone = false;
    viewer
      .importXML(xml)
      .then(() => {
        if (gone) return;
        const canvas = viewer.get<Canvas>('canvas');
        const registry = viewer.get<ElementRegistry>('elementRegistry');
        const mark = (ids: readonly string[], marker: string) => {
          for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
        };
        mark(finished, 'lt-finished');
        mark(active, 'lt-active');
        mark(late, 'lt-late');
        canvas.zoom('fit-viewport', 'auto');
        setState('shown');
      })
      .catch(() => {
        if (!gone) setState('failed');
      });
    return () => {
      gone = true;
      viewer.destroy();
    };
  }, [xml, finished, active, late]);

  return (
    <>
      {state === 'failed' && (
        <Alert type="warning" showIcon title="Không vẽ được sơ đồ quy trình của hồ sơ này." />
      )}
      <div style={{ position: 'relative', display: state === 'failed' ? 'none' : 'block' }}>
        {/* bpmn-js measures its container: it keeps its size while the diagram is drawn */}
        <div
          ref={container}
          className="lt-diagram"
          role="group"
          aria-label={`Sơ đồ quy trình: ${finished.length} phần tử đã qua, ${active.length} bước đang xử lý, ${late.length} bước trễ hạn`}
          style={{ height: 340 }}
        />
        {state === 'loading' && (
          <Skeleton active paragraph={{ rows: 6 }} style={{ position: 'absolute', inset: 16 }} />
        )}
      </div>
    </>
  );
}
