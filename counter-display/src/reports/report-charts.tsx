import type { Report } from '@hall/protocol';
import type { EChartsOption } from 'echarts';
import { useMemo } from 'react';
import { useReportTexts } from './reports-i18n';
import { useEChart } from './use-echart';

const BLUE = '#0d47a1';
const ORANGE = '#e07b00';
const GREEN = '#1b7f3b';
const grid = { left: 48, right: 16, top: 36, bottom: 36 };

function Chart(props: { title: string; option: EChartsOption; testId: string }) {
  const ref = useEChart(props.option);
  return (
    <figure className="card rep-chart" data-testid={props.testId}>
      <figcaption>{props.title}</figcaption>
      <div ref={ref} className="rep-chart-canvas" role="img" aria-label={props.title} />
    </figure>
  );
}

/** Where a supervisor would rather look than read: hours, waits, satisfaction, the month's days. */
export function ReportCharts(props: { report: Report; clerks: Report | null }) {
  const t = useReportTexts();
  const { report, clerks } = props;
  const hourly = useMemo<EChartsOption>(() => {
    const hours = report.total.byHour
      .filter((h) => h.arrivals > 0 || h.calls > 0)
      .map((h) => h.hour);
    const first = Math.min(8, ...hours);
    const last = Math.max(18, ...hours);
    const span = report.total.byHour.slice(first, last + 1);
    return {
      grid,
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: span.map((h) => `${h.hour}:00`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t.charts.arrivals,
          type: 'bar',
          data: span.map((h) => h.arrivals),
          itemStyle: { color: BLUE },
        },
        {
          name: t.charts.calls,
          type: 'bar',
          data: span.map((h) => h.calls),
          itemStyle: { color: ORANGE },
        },
      ],
    };
  }, [report, t]);
  const waits = useMemo<EChartsOption>(
    () => ({
      grid,
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: report.waitDistribution.map((b) => t.charts.band(b.fromMinutes, b.toMinutes)),
        axisLabel: { interval: 0, fontSize: 11 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          data: report.waitDistribution.map((b) => b.count),
          itemStyle: { color: BLUE },
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [report, t],
  );
  const satisfaction = useMemo<EChartsOption>(() => {
    const rated = (clerks?.rows ?? []).filter((r) => r.satisfactionRate !== null);
    return {
      grid: { ...grid, left: 120, right: 56 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: rated.map((r) => r.name), inverse: true },
      series: [
        {
          type: 'bar',
          data: rated.map((r) => Math.round((r.satisfactionRate ?? 0) * 1000) / 10),
          itemStyle: { color: GREEN },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    };
  }, [clerks]);
  const trend = useMemo<EChartsOption>(
    () => ({
      grid,
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: report.days.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t.charts.issuedPerDay,
          type: 'bar',
          data: report.days.map((d) => d.issued),
          itemStyle: { color: BLUE },
        },
        {
          name: t.charts.servedPerDay,
          type: 'line',
          data: report.days.map((d) => d.served),
          itemStyle: { color: GREEN },
        },
      ],
    }),
    [report, t],
  );
  return (
    <div className="rep-charts">
      <Chart title={t.charts.hourly} option={hourly} testId="rep-chart-hourly" />
      <Chart title={t.charts.waits} option={waits} testId="rep-chart-waits" />
      <Chart title={t.charts.satisfaction} option={satisfaction} testId="rep-chart-satisfaction" />
      {report.days.length > 1 && (
        <Chart title={t.charts.trend} option={trend} testId="rep-chart-trend" />
      )}
    </div>
  );
}
