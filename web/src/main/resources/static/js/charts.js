// Draws every chart on the page from the option the server wrote beside it, redraws it at a new
// width, and lets a chart whose data points carry a link be drilled into by a click (the table
// under each chart carries the same links for the keyboard and screen readers).
(() => {
  const charts = new Map();

  function draw(element) {
    const source = document.getElementById(element.dataset.option);
    if (!source || typeof echarts === 'undefined') {
      return;
    }
    const option = JSON.parse(source.textContent);
    let chart = charts.get(element);
    if (!chart) {
      chart = echarts.init(element, null, { renderer: 'canvas' });
      charts.set(element, chart);
      chart.on('click', (params) => {
        const link = params.data && params.data.link;
        if (link) {
          window.location.assign(link);
        }
      });
    }
    chart.setOption(option, true);
    // when it was drawn: wall-clock milliseconds, and milliseconds since the page's navigation began
    element.dataset.drawn = String(Date.now());
    element.dataset.drawnMs = String(Math.round(performance.now()));
  }

  function drawAll(root) {
    root.querySelectorAll('.chart[data-option]').forEach(draw);
  }

  window.soleusCharts = { drawAll, draw };
  document.addEventListener('DOMContentLoaded', () => drawAll(document));
  document.addEventListener('htmx:afterSettle', (event) => drawAll(event.detail.elt));
  window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
})();
