(function () {
  const params = new URLSearchParams(window.location.search);
  const container = document.getElementById("sf-widget");
  if (!container) return;

  function showBanner(message) {
    const banner = document.createElement("div");
    banner.className = "sf-banner";
    banner.innerHTML = `<strong>Notice:</strong> ${message}`; //@vuln CWE-79
    container.prepend(banner);
  }

  function renderResults(items, term) {
    const list = container.querySelector(".sf-results");
    list.replaceChildren();
    for (const item of items) {
      const li = document.createElement("li");
      li.textContent = `${item.name} — ${(item.price_cents / 100).toFixed(2)}`; //@safe
      list.appendChild(li);
    }
    list.insertAdjacentHTML("beforeend", `<li class="sf-more"><a href="/search?q=${term}">All results for ${term}</a></li>`); //@vuln CWE-79
  }

  const term = params.get("q") || "";
  container.querySelector(".sf-search-term").textContent = term; //@safe
  if (params.get("msg")) showBanner(params.get("msg"));

  fetch(`/api/products/search?q=${encodeURIComponent(term)}`)
    .then((r) => r.json())
    .then((data) => renderResults(data.items || [], term));

  const refreshSeconds = params.get("refresh");
  if (refreshSeconds) {
    setTimeout("window.sfWidget && window.sfWidget.refresh(" + refreshSeconds + ")", 30000); //@vuln CWE-95
  }

  const anchor = decodeURIComponent(window.location.hash.slice(1));
  if (anchor && document.readyState === "loading") {
    document.write(`<p class="sf-anchor">Jumped to section ${anchor}</p>`); //@vuln CWE-79
  }
})();
