// The tree chooser's search (articles/widgets.py): keep the options whose path matches
// what was typed, accent-blind as the site's search is, and the parents they hang from.
(() => {
  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().trim();

  const filter = (chooser, query) => {
    const options = [...chooser.querySelectorAll("[data-tree-option]")];
    const wanted = fold(query);
    const matching = options.filter((option) => option.dataset.treePath.includes(wanted));
    const shown = new Set(matching);
    for (const option of options) {
      const path = option.dataset.treePath;
      if (matching.some((match) => match.dataset.treePath.startsWith(`${path} › `))) shown.add(option);
    }
    for (const option of options) option.hidden = wanted !== "" && !shown.has(option);
  };

  const connect = (root) => {
    for (const chooser of root.querySelectorAll("[data-tree-chooser]:not([data-tree-ready])")) {
      chooser.dataset.treeReady = "";
      const search = chooser.querySelector("[data-tree-search]");
      search.addEventListener("input", () => filter(chooser, search.value));
      search.addEventListener("keydown", (event) => {
        if (event.key === "Enter") event.preventDefault(); // not a form submit
      });
    }
  };

  document.addEventListener("DOMContentLoaded", () => connect(document));
  connect(document);
})();
