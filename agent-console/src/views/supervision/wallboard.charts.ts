// The wallboard's two ECharts options, built from its figures (no Vue, no DOM): red and yellow tickets per
// department, and calls per hour today.
import type { CallMetrics, DepartmentOverview } from '../../api/supervision.js';
import { deptChart, hourSeries } from './wallboard.logic.js';

const TEXT = '#c9d4e5';
const GRID_LINE = 'rgba(255,255,255,0.08)';

/** Red and yellow tickets of the 12 worst departments, stacked bars; `fs` is the font size. */
export function deptChartOption(departments: DepartmentOverview[], fs: number) {
  const d = deptChart(departments, 12);
  return {
    backgroundColor: 'transparent',
    animationDurationUpdate: 600,
    grid: { left: 8, right: 40, top: 30, bottom: 8, containLabel: true },
    legend: { top: 0, right: 8, textStyle: { color: TEXT, fontSize: fs }, itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: TEXT, fontSize: fs - 1 },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'category',
      data: d.names,
      axisLabel: { color: '#e8eef7', fontSize: fs, width: fs * 11, overflow: 'truncate' },
      axisLine: { lineStyle: { color: GRID_LINE } },
      axisTick: { show: false },
    },
    series: [
      {
        name: '超期',
        type: 'bar',
        stack: 'lights',
        data: d.red,
        itemStyle: { color: '#ff5b5b' },
        barMaxWidth: 26,
        label: {
          show: true,
          color: '#fff',
          fontSize: fs,
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
        },
      },
      {
        name: '预警',
        type: 'bar',
        stack: 'lights',
        data: d.yellow,
        itemStyle: { color: '#ffb020', borderRadius: [0, 3, 3, 0] },
        barMaxWidth: 26,
        label: {
          show: true,
          color: '#1b1f27',
          fontSize: fs,
          formatter: (p: { value: number }) => (p.value ? String(p.value) : ''),
        },
      },
    ],
  };
}

/** Calls offered and answered per hour of today up to `hour` (China time). */
export function hourChartOption(metrics: CallMetrics | null, hour: number, fs: number) {
  const s = hourSeries(metrics, hour);
  return {
    backgroundColor: 'transparent',
    animationDurationUpdate: 600,
    grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
    legend: { top: 0, right: 4, textStyle: { color: TEXT, fontSize: fs }, itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: s.labels,
      axisLabel: { color: TEXT, fontSize: fs - 1 },
      axisLine: { lineStyle: { color: GRID_LINE } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: TEXT, fontSize: fs - 1 },
      splitLine: { lineStyle: { color: GRID_LINE } },
    },
    series: [
      { name: '呼入', type: 'bar', data: s.offered, itemStyle: { color: '#3b82c4' }, barMaxWidth: 16 },
      {
        name: '接通',
        type: 'line',
        data: s.answered,
        symbolSize: 6,
        itemStyle: { color: '#3ddc84' },
        lineStyle: { width: 3 },
      },
    ],
  };
}
