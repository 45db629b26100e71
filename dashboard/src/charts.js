// Apache ECharts, only the parts the views draw (tree-shaken by the bundler to keep the bundle small).
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart, SunburstChart } from 'echarts/charts';
import {
  AriaComponent, CalendarComponent, DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent,
  TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, SunburstChart, AriaComponent, CalendarComponent,
  DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent,
  VisualMapComponent, SVGRenderer]);

const live = new Set();

/**
 * Draws option into element; resolves when ECharts reports the frame finished (its `finished` event), so callers
 * can mark when a view's charts are on screen. The SVG renderer keeps text crisp and screen-reader friendly.
 */
export function draw(element, option) {
  const chart = echarts.init(element, null, { renderer: 'svg' });
  live.add(chart);
  const drawn = new Promise(resolve => chart.on('finished', resolve));
  chart.setOption({ aria: { enabled: true }, animation: false, ...option });
  return drawn;
}

/** Disposes every chart of the previous view. */
export function disposeAll() {
  for (const chart of live) chart.dispose();
  live.clear();
}

addEventListener('resize', () => { for (const chart of live) chart.resize(); });
