// Small behaviours shared by every page; no framework, no CDN.
document.addEventListener("DOMContentLoaded", () => {
  // Organisation pickers: <select data-autocomplete-url="..."> becomes a searchable picker.
  document.querySelectorAll("select[data-autocomplete-url]").forEach((el) => {
    const url = el.dataset.autocompleteUrl;
    new TomSelect(el, {
      valueField: "id", labelField: "text", searchField: ["text"], loadThrottle: 250,
      create: el.dataset.allowCreate === "1", allowEmptyOption: el.dataset.allowEmpty === "1",
      load(query, callback) {
        fetch(`${url}?q=${encodeURIComponent(query)}`).then((r) => r.json())
          .then((data) => callback(data.results)).catch(() => callback());
      },
      render: { no_results: () => '<div class="no-results">Ничего не найдено</div>' },
    });
  });
  // Confirm destructive actions: <form data-confirm="Удалить?">
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (ev) => { if (!window.confirm(form.dataset.confirm)) ev.preventDefault(); });
  });
});
