import { Spin } from 'antd';
import { lazy, Suspense, useEffect, useState, type ComponentProps } from 'react';
import type { TaskDrawer as Drawer } from './task-drawer';

// The step drawer (its form widgets, the assign and send-back dialogs) is fetched when a step is first
// opened, not with the inbox: it keeps the inbox's first load small (test/bench/inbox/bundle.mjs).
const TaskDrawer = lazy(() => import('./task-drawer').then((m) => ({ default: m.TaskDrawer })));

/** The step drawer, loaded on first opening and kept afterwards (so that it closes with its animation). */
export function LazyTaskDrawer(props: ComponentProps<typeof Drawer>) {
  const [wanted, setWanted] = useState(props.taskId !== null);
  useEffect(() => {
    if (props.taskId !== null) setWanted(true);
  }, [props.taskId]);
  if (!wanted) return null;
  return (
    <Suspense fallback={<Spin fullscreen description="Đang mở bước xử lý…" />}>
      <TaskDrawer {...props} />
    </Suspense>
  );
}
