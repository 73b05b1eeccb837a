/**
 * One ECharts chart in a React page. ECharts is loaded when the first chart is shown (its own
 * chunk); the chart is redrawn when its option changes, follows the window's width, and is
 * disposed with the component. The container is an image to assistive technology, named by
 * `label`; the figure around it gives the caption and the data as a table.
 */
import { Alert, Spin } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

export interface EChartProps {
  readonly option: EChartsCoreOption;
  /** The chart's height in pixels; it takes the width it is given. */
  readonly height: number;
  /** What the chart shows, for screen readers. */
  readonly label: string;
}

export function EChart({ option, height, label }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');

  useEffect(() => {
    let current = true;
    let dispose = (): void => undefined;
    import('./echarts-runtime').then(
      ({ init }) => {
        if (!current || container.current === null) return;
        const chart = init(container.current, undefined, { renderer: 'svg', locale: 'ZH' });
        chart.setOption(option);
        const resize = (): void => chart.resize();
        window.addEventListener('resize', resize);
        dispose = () => {
          window.removeEventListener('resize', resize);
          chart.dispose();
        };
        setState('drawn');
      },
      () => current && setState('failed'),
    );
    return () => {
      current = false;
      dispose();
    };
  }, [option]);

  return (
    <Spin spinning={state === 'loading'}>
      {state === 'failed' && <Alert type="error" showIcon message="图表组件载入失败，请刷新页面后重试；下方数据表仍可查看。" />}
      <div ref={container} role="img" aria-label={label} style={{ width: '100%', height }} />
    </Spin>
  );
}
