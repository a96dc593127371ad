// Dashboard charts (Chart.js from node_modules): a click on a bar or a slice opens the records
// behind it — the same link as the number in the table under the chart.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("an-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const palette = ["#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545", "#20c997", "#6c757d", "#ffc107",
    "#0dcaf0", "#d63384", "#adb5bd", "#495057", "#6610f2"];
  window.analyticsCharts = {};
  document.querySelectorAll(".an-chart").forEach((el) => {
    const d = data[el.dataset.key];
    const doughnut = d.type === "doughnut";
    const datasets = d.datasets.map((ds, i) => ({
      label: ds.label,
      data: ds.data,
      urls: ds.urls,
      backgroundColor: doughnut ? palette.slice(0, ds.data.length) : palette[i % palette.length],
    }));
    const chart = new Chart(el, {
      type: doughnut ? "doughnut" : "bar",
      data: { labels: d.labels, datasets },
      options: {
        maintainAspectRatio: false,
        indexAxis: d.type === "stacked" ? "x" : (doughnut ? "x" : "y"),
        scales: doughnut ? {} : { x: { stacked: d.type === "stacked" }, y: { stacked: d.type === "stacked" } },
        plugins: { legend: { display: doughnut || datasets.length > 1 } },
        onHover: (ev, elements) => { ev.native.target.style.cursor = elements.length ? "pointer" : "default"; },
        onClick: (ev, elements) => {
          if (!elements.length) return;
          const { datasetIndex, index } = elements[0];
          const url = datasets[datasetIndex].urls[index];
          if (url) window.location.href = url;
        },
      },
    });
    window.analyticsCharts[el.dataset.key] = chart;
  });
});
