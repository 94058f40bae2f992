// Incident figures charts (ECharts): received vs resolved per day, and each area's 24-hour response rate.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  var daily = document.getElementById('chart-daily');
  if (daily) {
    var days = JSON.parse(daily.dataset.series || '[]');
    echarts.init(daily).setOption({
      tooltip: { trigger: 'axis' },
      legend: { data: [daily.dataset.received, daily.dataset.resolved] },
      xAxis: { type: 'category', data: days.map(function (d) { return d.day; }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: daily.dataset.received, type: 'line', data: days.map(function (d) { return d.received; }) },
        { name: daily.dataset.resolved, type: 'line', data: days.map(function (d) { return d.resolved; }) }
      ]
    });
  }
  var children = document.getElementById('chart-children');
  if (children) {
    var areas = JSON.parse(children.dataset.series || '[]');
    echarts.init(children).setOption({
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: areas.map(function (a) { return a.name; }), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [{
        name: children.dataset.label, type: 'bar',
        data: areas.map(function (a) { return a.acceptedWithin24hRate === null ? 0 : Math.round(a.acceptedWithin24hRate * 1000) / 10; }),
        markLine: { data: [{ yAxis: 90 }] }
      }]
    });
  }
});
