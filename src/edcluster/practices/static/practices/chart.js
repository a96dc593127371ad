// The chart of adoption results: indicators before/after (summed over adopters that entered them),
// or, when no indicator was entered, the participants reached by each adopter.
(function () {
  const el = document.getElementById("adoption-data");
  const canvas = document.getElementById("adoption-chart");
  if (!el || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(el.textContent);
  let config;
  if (data.indicators.length) {
    config = {
      type: "bar",
      data: {
        labels: data.indicators.map((i) => i.name),
        datasets: [
          { label: "до", data: data.indicators.map((i) => i.before) },
          { label: "после", data: data.indicators.map((i) => i.after) },
        ],
      },
    };
  } else {
    config = {
      type: "bar",
      data: { labels: data.adopters, datasets: [{ label: "охвачено участников", data: data.participants }] },
    };
  }
  config.options = { responsive: true, animation: false };
  canvas.chart = new Chart(canvas, config);
  canvas.dataset.ready = "1";
})();
