// Questionnaire results (ECharts): one chart per choice or scale question, from the counts in its data-series
// attribute ({type: 'pie' | 'bar', labels: [...], counts: [...]}); the table under it carries the same numbers.
document.addEventListener('DOMContentLoaded', function () {
  if (typeof echarts === 'undefined') {
    return;
  }
  document.querySelectorAll('.q-chart').forEach(function (el) {
    var s = JSON.parse(el.dataset.series || '{}');
    var labels = s.labels || [];
    var counts = s.counts || [];
    var chart = echarts.init(el);
    if (s.type === 'pie') {
      chart.setOption({
        tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
        series: [{ type: 'pie', radius: '65%',
          data: labels.map(function (l, i) { return { name: l, value: counts[i] }; }) }]
      });
    } else {
      chart.setOption({
        tooltip: { trigger: 'axis' },
        grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: labels, inverse: true },
        series: [{ type: 'bar', data: counts, label: { show: true, position: 'right' } }]
      });
    }
    el.dataset.rendered = 'true';
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
