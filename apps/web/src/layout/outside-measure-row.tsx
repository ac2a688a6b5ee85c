import { useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A control in a table's header (e.g. the select-all checkbox) that antd also copies into its hidden
 * measure row (`tr.ant-table-measure-row`, aria-hidden): the copy is made inert there, so no focusable
 * control hides from screen readers (axe-core: aria-hidden-focus); the header's own one is untouched.
 */
export function OutsideMeasureRow({ children }: { readonly children: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el?.closest('.ant-table-measure-row')) el.inert = true;
  });
  return <span ref={ref}>{children}</span>;
}
