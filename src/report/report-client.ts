/**
 * The report page's own script (plain browser JavaScript, run after uPlot's bundle): draws each
 * order's price and progress charts from the embedded data, on a UTC time axis.
 */
export const REPORT_CLIENT = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var utc = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'); };
  var SIDE = { buy: '#15803d', sell: '#b91c1c' };
  var clock = function (u, splits, axis, space, incr) {
    return splits.map(function (ts) {
      var iso = new Date(ts * 1e3).toISOString();
      return incr < 1 ? iso.slice(11, 23) : iso.slice(11, 19);
    });
  };
  var axes = function (unit) {
    return [{ label: 'time (UTC)', values: clock }, { label: unit, size: 70 }];
  };
  data.charts.forEach(function (chart, i) {
    var colour = SIDE[chart.side];
    new uPlot({
      title: chart.ref + ' ' + chart.symbol + ': mid and ' + chart.side + ' fills',
      width: data.width, height: 260, tzDate: utc, axes: axes('price'),
      series: [
        {},
        { label: 'mid', stroke: '#2563eb', width: 1, spanGaps: true, points: { show: false } },
        { label: chart.side + ' fills', stroke: colour, fill: colour, paths: function () { return null; },
          points: { show: true, size: 9, stroke: colour, fill: colour } }
      ]
    }, chart.price, document.getElementById('price-' + i));
    new uPlot({
      title: chart.ref + ': filled against the schedule',
      width: data.width, height: 220, tzDate: utc, axes: axes('quantity'),
      scales: { y: { range: function (u, min, max) { return [0, Math.max(max, 1e-12) * 1.05]; } } },
      series: [
        {},
        { label: 'filled', stroke: colour, width: 2, paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } },
        { label: 'schedule', stroke: '#6b7280', width: 1, dash: [6, 4], points: { show: false } }
      ]
    }, chart.progress, document.getElementById('progress-' + i));
  });
})();
`;
