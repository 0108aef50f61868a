// ECharts, only the parts the console draws (tree-shaken), loaded with the drill-down view only.
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, HeatmapChart, GridComponent, TooltipComponent, MarkLineComponent, VisualMapComponent,
  AriaComponent, SVGRenderer]);

const INK = '#1f2933';
const BLUE = '#1d4ed8';
const BAND = 'rgba(29, 78, 216, 0.16)';
const TARGET = '#7c2d12';

function chart(element, option, description) {
  const existing = echarts.getInstanceByDom(element);
  const instance = existing ?? echarts.init(element, null, { renderer: 'svg' });
  instance.setOption({ animation: false, aria: { enabled: true, label: { description } }, textStyle: { color: INK }, ...option }, true);
  return instance;
}

/** Values per period with the 95% interval as a band and the target as a line; gaps where a period has no answers. */
export function seriesChart(element, { periods, values, lows, highs, target, unit, description }) {
  const highMinusLow = highs.map((h, i) => (h === null || lows[i] === null ? '-' : h - lows[i]));
  // The axis spans values, intervals and the target, so the target line is always in view.
  const known = [...values, ...lows, ...highs, target].filter((v) => typeof v === 'number');
  const low = Math.min(...known);
  const high = Math.max(...known);
  const pad = (high - low) * 0.08 || 1;
  return chart(element, {
    grid: { left: 48, right: 24, top: 24, bottom: 36 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${v.toFixed(2)}${unit}` : v) },
    xAxis: { type: 'category', data: periods, axisLabel: { color: INK } },
    yAxis: { type: 'value', min: Math.floor((low - pad) * 10) / 10, max: Math.ceil((high + pad) * 10) / 10,
      axisLabel: { color: INK, formatter: `{value}${unit}` } },
    series: [
      { name: '95% interval low', type: 'line', data: lows.map((v) => (v === null ? '-' : v)), stack: 'ci', lineStyle: { opacity: 0 },
        symbol: 'none', tooltip: { show: false } },
      { name: '95% interval', type: 'line', data: highMinusLow, stack: 'ci', lineStyle: { opacity: 0 }, symbol: 'none',
        areaStyle: { color: BAND }, tooltip: { show: false } },
      { name: 'Value', type: 'line', data: values.map((v) => (v === null ? '-' : v)), color: BLUE, symbolSize: 6,
        connectNulls: false,
        markLine: target === null ? undefined : { symbol: 'none', lineStyle: { color: TARGET, type: 'dashed' },
          label: { formatter: `target ${target}${unit}`, color: TARGET }, data: [{ yAxis: target }] } },
    ],
  }, description);
}

/** How many answers gave each score. */
export function distributionChart(element, { scores, counts, description }) {
  return chart(element, {
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: scores, name: 'score', nameLocation: 'middle', nameGap: 24, axisLabel: { color: INK } },
    yAxis: { type: 'value', axisLabel: { color: INK } },
    series: [{ name: 'Answers', type: 'bar', data: counts, color: BLUE, label: { show: true, position: 'top', color: INK } }],
  }, description);
}

export function dispose(element) {
  echarts.getInstanceByDom(element)?.dispose();
}
