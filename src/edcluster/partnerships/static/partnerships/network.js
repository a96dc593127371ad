// The partnership network: cytoscape draws the JSON of /network/graph.json; a click opens the organisation.
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box || typeof cytoscape === "undefined") { return; }
  fetch(box.dataset.src, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var elements = [];
      data.nodes.forEach(function (n) { elements.push({ data: n }); });
      data.edges.forEach(function (e) { elements.push({ data: e }); });
      var cy = cytoscape({
        container: box,
        elements: elements,
        layout: {
          name: data.nodes.length > 300 ? "grid" : "cose",
          animate: false,
          stop: function () { box.dataset.ready = "1"; }
        },
        style: [
          { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 9, width: "mapData(degree, 0, 20, 14, 44)", height: "mapData(degree, 0, 20, 14, 44)" } },
          { selector: "edge", style: { width: "mapData(weight, 1, 5, 1, 5)", "line-color": "#bbb", "curve-style": "haystack" } }
        ]
      });
      cy.on("tap", "node", function (evt) { window.location.href = evt.target.data("url"); });
      window.edcNetwork = cy;
    });
})();
