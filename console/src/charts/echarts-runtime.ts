/**
 * ECharts as the console uses it: the core and only the charts and components drawn, so the chunk
 * holds no more than that; rendered as SVG (crisp when printed, readable in tests, and nothing the
 * CSP refuses: no eval, inline styles only). Loaded with `import()` by `echart.tsx`.
 */
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { init };
