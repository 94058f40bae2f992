// Home dashboard charts (ECharts): this month's received vs resolved per day, and — for street and district — each
// child area's 24-hour response rate against the 90 % target line. Data comes in data-* attributes (no inline script).
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  var daily = document.getElementById('home-chart-daily');
  if (daily) {
    var days = JSON.parse(daily.dataset.series || '[]');
    echarts.init(daily).setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { data: [daily.dataset.received, daily.dataset.resolved] },
      grid: { left: 40, right: 16, bottom: 30 },
      xAxis: { type: 'category', data: days.map(function (d) { return String(d.day).substring(5); }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: daily.dataset.received, type: 'line', data: days.map(function (d) { return d.received; }) },
        { name: daily.dataset.resolved, type: 'line', data: days.map(function (d) { return d.resolved; }) }
      ]
    });
  }
  var children = document.getElementById('home-chart-children');
  if (children) {
    var areas = JSON.parse(children.dataset.series || '[]');
    echarts.init(children).setOption({
      animation: false,
      tooltip: {
        trigger: 'axis',
        valueFormatter: function (v) { return v === null || v === undefined ? '—' : v + '%'; }
      },
      grid: { left: 16, right: 72, bottom: 16, containLabel: true },
      xAxis: { type: 'category', data: areas.map(function (a) { return a.name; }), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{
        name: children.dataset.label, type: 'bar',
        data: areas.map(function (a) {
          if (a.acceptedWithin24hRate === null) {
            return null;
          }
          var rate = Math.round(a.acceptedWithin24hRate * 1000) / 10;
          return { value: rate, itemStyle: { color: rate < 90 ? '#c0392b' : '#2e7d32' } };
        }),
        markLine: {
          symbol: 'none',
          label: { formatter: children.dataset.target, position: 'end' },
          lineStyle: { type: 'dashed', color: '#555' },
          data: [{ yAxis: 90 }]
        }
      }]
    });
  }
});
