// AI Model Atlas: sortable and filterable tables, and the model comparison page.
// Plain browser JavaScript with no dependencies; every page works without it.
(function () {
  "use strict";

  function cellKey(row, index) {
    var cell = row.cells[index];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim()) : "";
  }

  function sortable(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "atlas-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var numeric = th.getAttribute("data-sort-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, index), y = cellKey(b, index), order;
          if (numeric) order = parseFloat(x) - parseFloat(y);
          else order = x.localeCompare(y, undefined, {numeric: true, sensitivity: "base"});
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(headers, function (other) {
          other.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  }

  function filterable(tools, table) {
    var tag = tools.querySelector(".atlas-filter-tag");
    var text = tools.querySelector(".atlas-filter-text");
    var count = tools.querySelector(".atlas-count");
    function apply() {
      var wanted = tag.value, words = text.value.trim().toLowerCase(), shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var tags = (row.getAttribute("data-tags") || "").split("|");
        var names = row.getAttribute("data-names") || "";
        var visible = (!wanted || tags.indexOf(wanted) >= 0) && names.indexOf(words) >= 0;
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown + (shown === 1 ? " model" : " models");
    }
    tag.addEventListener("change", apply);
    text.addEventListener("input", apply);
    var preset = new URLSearchParams(window.location.search).get("tag");
    if (preset) { tag.value = preset; }
    tools.hidden = false;
    apply();
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  // The same wording as the model pages: "23 July 2024", "Model family", "Decoder only".
  function date(value) {
    var parts = (value || "").split("-").map(Number);
    if (!parts[1]) return value;
    var month = MONTHS[parts[1] - 1] + " " + parts[0];
    return parts[2] ? parts[2] + " " + month : month;
  }
  function label(value) {
    if (!value) return "";
    if (value === "undisclosed") return "Not disclosed";
    var text = value.replace(/-/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  var FIELDS = [
    ["Organization", function (e, c) { return e.organization.map(function (o) { return c.orgs[o] || o; }).join(", "); }],
    ["Released", function (e) { return date(e.released); }],
    ["Type", function (e) { return label(e.type); }],
    ["Architecture", function (e) { return label(e.architecture); }],
    ["Modalities", function (e) { return e.modalities ? e.modalities.input.join(", ") + " → " + e.modalities.output.join(", ") : ""; }],
    ["Parameters", function (e) {
      if (e.parameters === "undisclosed") return "Not disclosed";
      return (e.parameters || []).map(function (p) {
        return p.active ? (p.label ? p.label + ": " : "") + p.total + " total, " + p.active + " active" : p.total;
      }).join(", ");
    }],
    ["Context length", function (e) { return e.context_length === "undisclosed" ? "Not disclosed" : (e.context_length ? e.context_length.toLocaleString("en") + " tokens" : ""); }],
    ["Weights", function (e) { return e.open_weights === true ? "Open" : e.open_weights === false ? "Closed" : "Unknown"; }],
    ["Licence", function (e) { return e.license; }],
    ["Techniques", function (e, c) { return (e.techniques || []).map(function (t) { return c.names[t] || t; }).join(", "); }],
    ["Built on", function (e, c) { return (e.derived_from || []).map(function (t) { return c.names[t] || t; }).join(", "); }]
  ];

  function comparison(root) {
    var pick = root.querySelector(".atlas-compare-pick");
    var out = root.querySelector(".atlas-compare-table");
    var url = new URL(root.getAttribute("data-catalog"), window.location.href);
    var chosen = (new URLSearchParams(window.location.search).get("models") || "")
      .split(",").filter(Boolean);
    fetch(url).then(function (response) { return response.json(); }).then(function (data) {
      var context = {models: {}, names: {}, orgs: {}, urls: {}};
      data.entries.forEach(function (e) {
        context.names[e.id] = e.name;
        if (e.kind === "model") { context.models[e.id] = e; context.urls[e.id] = e.url; }
      });
      data.organizations.forEach(function (o) { context.orgs[o.id] = o.name; });
      chosen = chosen.filter(function (id) { return context.models[id]; });
      function render() {
        // Commas stay readable in a shared link: ids never contain one.
        var query = chosen.length ? "models=" + chosen.map(encodeURIComponent).join(",") : "";
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
        out.textContent = "";
        if (!chosen.length) { out.textContent = "No model chosen yet."; return; }
        var table = document.createElement("table");
        var head = table.createTHead().insertRow();
        var corner = document.createElement("th"); corner.scope = "col"; corner.textContent = "Fact";
        head.appendChild(corner);
        chosen.forEach(function (id) {
          var th = document.createElement("th"); th.scope = "col";
          var link = document.createElement("a");
          link.href = new URL(context.urls[id], url).href;
          link.textContent = context.models[id].name;
          var remove = document.createElement("button");
          remove.type = "button"; remove.className = "atlas-remove";
          remove.setAttribute("aria-label", "Remove " + context.models[id].name);
          remove.textContent = "×";
          remove.addEventListener("click", function () {
            chosen = chosen.filter(function (other) { return other !== id; }); render();
          });
          th.appendChild(link); th.appendChild(remove); head.appendChild(th);
        });
        var body = table.createTBody();
        FIELDS.forEach(function (field) {
          var row = body.insertRow();
          var th = document.createElement("th"); th.scope = "row"; th.textContent = field[0];
          row.appendChild(th);
          chosen.forEach(function (id) {
            var value = field[1](context.models[id], context);
            row.insertCell().textContent = value === undefined || value === "" ? "—" : value;
          });
        });
        out.appendChild(table);
      }
      pick.addEventListener("change", function () {
        if (pick.value && chosen.indexOf(pick.value) < 0) chosen.push(pick.value);
        pick.value = "";
        render();
      });
      render();
    });
  }

  // Search: when the query is exactly a name or alias of one entry, that entry goes first.
  // Material's search ranks by word matches, so a query such as "GPT-4" can rank GPT-4V or
  // GPT-4o above GPT-4 itself; this moves the exact match up without changing anything else.
  function squash(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFKC").toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, "");
  }

  function exactFirst() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    var config = document.getElementById("__config");
    if (!input || !list || !config) return;
    var base = JSON.parse(config.textContent).base || ".";
    var labels = null, loading = null;
    function load() {
      if (!loading) {
        loading = fetch(new URL(base + "/catalog.json", window.location.href))
          .then(function (response) { return response.json(); })
          .then(function (data) {
            var found = {};
            data.entries.forEach(function (entry) {
              var url = new URL(base + "/" + entry.url, window.location.href).href;
              [entry.name].concat(entry.aliases).forEach(function (label) {
                var key = squash(label);
                if (!key) return;
                found[key] = key in found && found[key] !== url ? null : url;
              });
            });
            labels = found;
            apply();
          })
          .catch(function () { labels = {}; });
      }
    }
    function apply() {
      if (!labels) return;
      var target = labels[squash(input.value)];
      if (!target) return;
      var items = list.querySelectorAll(":scope > li.md-search-result__item");
      var best = 0;
      Array.prototype.forEach.call(list.querySelectorAll("[data-md-score]"), function (el) {
        best = Math.max(best, parseFloat(el.getAttribute("data-md-score")) || 0);
      });
      for (var i = 0; i < items.length; i++) {
        var link = items[i].querySelector("a.md-search-result__link");
        if (!link || link.href.split(/[?#]/)[0] !== target) continue;
        if (i > 0) list.insertBefore(items[i], list.firstElementChild);
        var article = link.querySelector("[data-md-score]");
        if (article) article.setAttribute("data-md-score", String(best + 1));
        return;
      }
    }
    var observer = new MutationObserver(function () {
      observer.disconnect();
      apply();
      observer.observe(list, {childList: true});
    });
    observer.observe(list, {childList: true});
    input.addEventListener("focus", load);
    input.addEventListener("input", load);
  }

  function init() {
    // The theme's search overlay is a dialog without a name; screen readers announce it empty.
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
    exactFirst();
    Array.prototype.forEach.call(document.querySelectorAll("table.atlas-sortable"), sortable);
    Array.prototype.forEach.call(document.querySelectorAll(".atlas-table-tools"), function (tools) {
      var table = document.getElementById(tools.querySelector("select").getAttribute("aria-controls"));
      if (table) filterable(tools, table);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".atlas-compare"), comparison);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
