// Sweep dashboard: keeps an experiment page's trial table current from the experiment's event stream, loads the
// results when the sweep finishes, and sends the cancel form. Text goes in with textContent only; the one HTML
// fragment inserted (the results section) is rendered and encoded by the server.
(function () {
  "use strict";
  const live = document.getElementById("live");
  if (live) follow(live);
  const form = document.querySelector("form[data-cancel]");
  if (form) form.addEventListener("submit", cancel);

  function follow(section) {
    const events = new EventSource(section.dataset.events);
    let resultsLoaded = document.querySelector("#results h2") !== null;
    events.onmessage = (e) => {
      const s = JSON.parse(e.data);
      render(s);
      if (s.finished) {
        events.close();
        if (!resultsLoaded) { resultsLoaded = true; loadResults(section.dataset.results, 0); }
        const cancelSection = document.getElementById("cancel");
        if (cancelSection) cancelSection.hidden = true;
      }
    };
  }

  function render(s) {
    text("state", s.state);
    text("progress", `${s.done}/${s.total} finished`);
    text("eta", s.finished ? "done" : formatEta(s.etaSeconds));
    text("counts", Object.entries(s.counts).map(([k, v]) => `${v} ${k}`).join(", "));
    document.getElementById("abridged").hidden = !s.abridged;
    const body = document.querySelector("#trials tbody");
    const rows = s.trials.map((t) => {
      const tr = document.createElement("tr");
      tr.dataset.trial = t.id;
      tr.className = "state-" + t.state;
      const cells = [t.id, t.state, t.silo, t.accelerator,
        t.step == null ? "" : `${t.step}/${t.totalSteps}`,
        t.loss == null ? "" : t.loss.toFixed(4),
        t.samplesPerSecond == null ? "" : t.samplesPerSecond.toFixed(1),
        String(t.attempts), t.error || ""];
      for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
      return tr;
    });
    body.replaceChildren(...rows);
  }

  async function loadResults(url, attempt) {
    const r = await fetch(url);
    if (r.status === 200) { document.getElementById("results").innerHTML = await r.text(); return; }
    if (attempt < 60) setTimeout(() => loadResults(url, attempt + 1), 1000);
  }

  async function cancel(e) {
    e.preventDefault();
    const form = e.target;
    const token = form.querySelector("input[name=token]");
    const r = await fetch(form.dataset.cancel, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: token ? token.value : "" }),
    });
    text("cancel-message", `${r.status === 200 ? "" : "refused (" + r.status + "): "}${await r.text()}`);
  }

  function text(id, value) { const el = document.getElementById(id); if (el) el.textContent = value; }

  function formatEta(seconds) {
    if (seconds == null) return "—";
    const s = Math.ceil(seconds);
    if (s >= 3600) return `${Math.floor(s / 3600)} h ${String(Math.floor(s % 3600 / 60)).padStart(2, "0")} min`;
    if (s >= 60) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
    return `${s} s`;
  }
})();
