import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { Alert, Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ltDescriptor } from '@lienthong/bpmn';

export type Viewer = NavigatedViewer;

/** Scrolls what was opened (a version, a comparison) to the top of the window, once it is drawn. */
export function scrollToTop(node: HTMLElement | null): void {
  node?.scrollIntoView?.({ block: 'start' });
}

interface Canvas {
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
}

/**
 * A version drawn read-only by bpmn-js (movable and zoomable), read with our `lt` descriptor so that its
 * steps' units, times and forms are the model's properties; `onShown` gets the viewer once drawn.
 */
export function VersionDiagram({
  xml,
  label,
  height = 420,
  onShown,
}: {
  readonly xml: string;
  readonly label: string;
  readonly height?: number;
  readonly onShown?: (viewer: Viewer) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');

  useEffect(() => {
    if (container.current === null) return;
    const viewer = new NavigatedViewer({
      container: container.current,
      moddleExtensions: { lt: ltDescriptor },
    });
    let gone = false;
    setState('loading');
    viewer
      .importXML(xml)
      .then(() => {
        if (gone) return;
        viewer.get<Canvas>('canvas').zoom('fit-viewport', 'auto');
        setState('shown');
        onShown?.(viewer);
      })
      .catch(() => !gone && setState('failed'));
    return () => {
      gone = true;
      viewer.destroy();
    };
  }, [xml, onShown]);

  return (
    <div style={{ position: 'relative' }}>
      {state === 'failed' && (
        <Alert
          type="warning"
          showIcon
          title="Không vẽ được sơ đồ của phiên bản này (tệp BPMN không có phần sơ đồ hoặc có lỗi)."
        />
      )}
      <div
        ref={container}
        className="lt-version-diagram"
        role="group"
        aria-label={label}
        data-state={state}
        style={{ height, display: state === 'failed' ? 'none' : 'block' }}
      />
      {state === 'loading' && (
        <Skeleton active paragraph={{ rows: 8 }} style={{ position: 'absolute', inset: 16, width: 'auto' }} />
      )}
    </div>
  );
}
