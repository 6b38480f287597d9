// The query page: examples into the editor, results as a table, downloads.
// Plain JavaScript, served by cablegraph (no third-party code).
"use strict";
(function () {
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const examples = JSON.parse(document.getElementById("catalogue").textContent);
  const select = document.getElementById("examples");
  const apiLink = document.getElementById("api-link");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const root = form.dataset.root;
  const BASE = "https://cablegraph.org/id/";

  select.addEventListener("change", () => {
    const example = examples.find((e) => e.name === select.value);
    if (!example) return;
    editor.value = example.text;
    apiLink.href = root + example.api;
    apiLink.hidden = false;
  });

  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
    if (event.key === "Tab") { // indent instead of leaving the editor
      event.preventDefault();
      const start = editor.selectionStart;
      editor.setRangeText("  ", start, editor.selectionEnd, "end");
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });

  for (const button of document.querySelectorAll("button.download")) {
    button.addEventListener("click", () => {
      form.elements.format.value = button.dataset.format;
      form.elements.download.value = "1";
      form.submit(); // a plain form POST: the browser saves the attachment
      form.elements.format.value = "";
      form.elements.download.value = "";
    });
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = term.value.startsWith(BASE) ? root + "/id/" + term.value.slice(BASE.length) : term.value;
      a.textContent = term.value.startsWith(BASE) ? "id:" + term.value.slice(BASE.length) : term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      if (term.datatype) td.title = term.datatype;
    }
    return td;
  }

  function table(data) {
    const tableElement = document.createElement("table");
    tableElement.className = "results";
    const head = tableElement.createTHead().insertRow();
    for (const name of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = name;
      head.appendChild(th);
    }
    const body = tableElement.createTBody();
    for (const binding of data.results.bindings) {
      const row = body.insertRow();
      for (const name of data.head.vars) row.appendChild(cell(binding[name]));
    }
    return tableElement;
  }

  async function run() {
    status.textContent = "Running…";
    status.className = "";
    results.textContent = "";
    const started = performance.now();
    try {
      const response = await fetch(root + "/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: editor.value }),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        status.className = "error";
        status.textContent = response.status + " " + response.statusText + ": " + (await response.text());
        return;
      }
      if (type.startsWith("application/sparql-results+json")) {
        const data = await response.json();
        if ("boolean" in data) {
          status.textContent = "Answer: " + data.boolean + " (" + seconds + " s)";
          return;
        }
        const count = data.results.bindings.length;
        status.textContent = count + (count === 1 ? " row" : " rows") + " in " + seconds + " s";
        results.appendChild(table(data));
      } else {
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        status.textContent = "Graph (" + seconds + " s)";
        results.appendChild(pre);
      }
    } catch (error) {
      status.className = "error";
      status.textContent = "The server did not answer: " + error;
    }
  }
})();
