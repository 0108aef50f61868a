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

/** Axis bounds on a round step (so every label is a round number), never beyond the scale's own bounds. */
function niceAxis(low, high, bounds) {
  const span = Math.max(high - low, 1e-9);
  const step = [0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50].find((s) => span / s <= 6) ?? 100;
  let min = Math.floor(low / step) * step;
  let max = Math.ceil(high / step) * step;
  if (min === max) { min -= step; max += step; }
  if (bounds) {
    min = Math.max(min, bounds[0]);
    max = Math.min(max, bounds[1]);
  }
  return { min: Number(min.toFixed(4)), max: Number(max.toFixed(4)), interval: step };
}

/**
 * Values per period with the 95% interval as a band and the target as a dashed line; gaps where a period has no
 * answers. `bounds` keeps the axis inside the scale (an interval of a tiny sample can reach far beyond it).
 */
export function seriesChart(element, { periods, labels, values, lows, highs, target, unit, digits, bounds, description }) {
  const highMinusLow = highs.map((h, i) => (h === null || lows[i] === null ? '-' : h - lows[i]));
  // The axis spans values, intervals and the target, so the target line is always in view.
  const known = [...values, ...lows, ...highs, target].filter((v) => typeof v === 'number');
  const axis = niceAxis(Math.min(...known), Math.max(...known), bounds);
  const format = (v) => `${Number(v).toFixed(digits ?? 2)}${unit}`;
  return chart(element, {
    grid: { left: 56, right: 24, top: 28, bottom: 36 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? format(v) : v) },
    xAxis: { type: 'category', data: labels ?? periods, axisLabel: { color: INK } },
    yAxis: { type: 'value', ...axis, axisLabel: { color: INK, formatter: `{value}${unit}` } },
    series: [
      { name: '95% interval low', type: 'line', data: lows.map((v) => (v === null ? '-' : v)), stack: 'ci', lineStyle: { opacity: 0 },
        symbol: 'none', tooltip: { show: false } },
      { name: '95% interval', type: 'line', data: highMinusLow, stack: 'ci', lineStyle: { opacity: 0 }, symbol: 'none',
        areaStyle: { color: BAND }, tooltip: { show: false } },
      { name: 'Value', type: 'line', data: values.map((v) => (v === null ? '-' : v)), color: BLUE, symbolSize: 6,
        connectNulls: false,
        markLine: target === null ? undefined : { symbol: 'none', lineStyle: { color: TARGET, type: 'dashed' },
          label: { formatter: `target ${format(target)}`, color: TARGET, position: 'insideEndTop' }, data: [{ yAxis: target }] } },
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
