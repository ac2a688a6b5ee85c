import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import langVI from 'echarts/lib/i18n/langVI.js';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
echarts.registerLocale('VI', langVI);

export type ChartOption = echarts.EChartsCoreOption;

/** An ECharts chart in Vietnamese; a click on a bar or point gives its category's and series' indexes. */
export function Chart({
  option,
  onPick,
  height = 260,
  label,
}: {
  option: ChartOption;
  onPick?: (dataIndex: number, seriesIndex: number) => void;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (element.current === null) return;
    const instance = echarts.init(element.current, null, { locale: 'VI', renderer: 'canvas' });
    instance.on('click', (params) => pick.current?.(params.dataIndex, params.seriesIndex ?? 0));
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }}
    />
  );
}
