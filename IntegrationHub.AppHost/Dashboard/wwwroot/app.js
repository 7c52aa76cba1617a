// The dashboard's one script: hash routes (#/page/arg), one render function per page, DOM built with h() so no
// server text is ever interpreted as HTML (message content and logs may contain anything).
"use strict";

const main = () => document.getElementById("main");
let cleanup = [];

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "className") el.className = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(path, options) {
  const response = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
  if (response.status === 401) { location.href = "/token-required"; throw new Error("unauthorised"); }
  const text = await response.text();
  const body = text && (response.headers.get("content-type") || "").includes("json") ? JSON.parse(text) : text;
  if (!response.ok) throw new Error((body && body.error) || response.statusText);
  return body;
}

const post = (path, body) => api(path, body === undefined ? { method: "POST" }
  : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

// Polls fn every ms while the page is shown; a failure (the broker restarting, a stopped mock MPI, an external bus)
// shows as a banner above the page until a later poll succeeds.
function every(ms, fn) {
  const run = async () => {
    try { await fn(); problem(null); }
    catch (e) { problem(e.message); }
  };
  run();
  const id = setInterval(run, ms);
  cleanup.push(() => clearInterval(id));
}

function problem(message) {
  let banner = document.getElementById("problem");
  if (!message) { if (banner) banner.remove(); return; }
  if (!banner) { banner = h("p", { id: "problem", className: "error banner" }); main().prepend(banner); }
  banner.textContent = message;
}

function badge(text) {
  const kind = /^(Running|Healthy|delivered|AckReceived)$/.test(text) ? "ok"
    : /^(Starting|Restarting|Stopping|in progress|Unknown)$/.test(text) ? "warn"
    : /^(Unhealthy|Stopped|failed|NotStarted)$/.test(text) ? "bad" : "";
  return h("span", { className: "badge " + kind }, text);
}

const fmt = (n, digits) => (n === null || n === undefined) ? "–" : Number(n).toFixed(digits === undefined ? 1 : digits);
const time = iso => new Date(iso).toLocaleTimeString([], { hour12: false }) + "." + String(new Date(iso).getMilliseconds()).padStart(3, "0");

function page(title, subtitle, ...content) {
  main().replaceChildren(h("h1", {}, title), h("p", { className: "subtitle" }, subtitle), ...content);
}

// ---- Resources -------------------------------------------------------------------------------------------------
function renderResources() {
  const flows = h("div", { className: "flows", id: "traffic" });
  const body = h("tbody", { id: "resources" });
  page("Resources", "Every process the AppHost supervises, and the bus, with each flow's traffic over the last minute.",
    flows,
    h("h2", {}, "Processes"),
    h("table", {}, h("thead", {}, h("tr", {}, ["Resource", "Kind", "State", "Health", "PID", "Restarts", "Ports", "Environment", ""].map(t => h("th", {}, t)))), body));
  const open = new Set();
  let latest = [];
  const draw = () => body.replaceChildren(...latest.flatMap(r => [
    h("tr", { "data-resource": r.name },
      h("td", {}, h("strong", {}, r.name), r.flow ? h("div", { className: "muted" }, "flow " + r.flow) : null),
      h("td", {}, r.kind),
      h("td", { "data-field": "state" }, badge(r.state)),
      h("td", { "data-field": "health" }, badge(r.health)),
      h("td", { className: "mono" }, r.pid ?? "–"),
      h("td", { className: "num" }, r.restarts),
      h("td", { className: "mono ports" }, r.ports.map(p => h("div", {}, p.name + " " + p.port))),
      h("td", {}, h("button", { className: "link", "data-action": "environment", "aria-expanded": String(open.has(r.name)),
        onclick: () => { open.has(r.name) ? open.delete(r.name) : open.add(r.name); draw(); } },
        (open.has(r.name) ? "▾ " : "▸ ") + r.environment.length + (r.environment.length === 1 ? " variable" : " variables"))),
      h("td", {}, h("div", { className: "actions" },
        r.actions.map(a => h("button", { "data-action": a, onclick: ev => act(ev.target, r.name, a) }, a[0].toUpperCase() + a.slice(1))),
        r.kind === "bus" ? null : h("a", { className: "button", href: "#/console/" + r.name }, "Logs")))),
    open.has(r.name) ? h("tr", { className: "env-row", "data-environment": r.name }, h("td", { colspan: 9 },
      h("table", { className: "env" }, h("tbody", {}, r.environment.map(e => h("tr", {},
        h("td", { className: "mono" }, e.name), h("td", { className: "mono" }, e.value, e.isSecret ? h("span", { className: "muted" }, "  (secret)") : null))))))) : null,
  ].filter(Boolean)));
  every(2000, async () => {
    const [resources, traffic] = await Promise.all([api("/api/resources"), api("/api/traffic")]);
    latest = resources;
    draw();
    flows.replaceChildren(...traffic.map(t => h("div", { className: "card flow-card", "data-flow": t.flow },
      h("h3", {}, t.flow),
      h("div", { className: "row" },
        h("div", {}, h("div", { className: "metric", "data-metric": "delivered" }, fmt(t.deliveredPerSecond, 2)), h("div", { className: "metric-label" }, "delivered msg/s")),
        h("div", {}, h("div", { className: "metric", "data-metric": "received" }, fmt(t.receivedPerSecond, 2)), h("div", { className: "metric-label" }, "received msg/s"))),
      h("div", { className: "row" },
        h("div", {}, h("div", { className: "metric" }, fmt(t.latencyP50Ms, 0) + " ms"), h("div", { className: "metric-label" }, "latency p50")),
        h("div", {}, h("div", { className: "metric" }, fmt(t.latencyP95Ms, 0) + " ms"), h("div", { className: "metric-label" }, "latency p95"))),
      h("div", { className: "muted source", "data-source": t.throughputSource },
        `Last minute. msg/s: ${t.throughputSource}; latency: ${t.latencySource}.`))));
  });
}

async function act(button, name, action) {
  button.disabled = true;
  try { await post(`/api/resources/${encodeURIComponent(name)}/${action}`); }
  catch (e) { alert(e.message); }
  finally { button.disabled = false; }
}

// ---- Console and structured logs (one live stream per resource) ------------------------------------------------
async function resourcePicker(route, current) {
  const resources = (await api("/api/resources")).filter(r => r.kind !== "bus");
  const select = h("select", { id: "resource", onchange: e => location.hash = `#/${route}/${e.target.value}` },
    resources.map(r => h("option", { value: r.name, selected: r.name === current }, r.name)));
  return { select, name: current || (resources[0] && resources[0].name) };
}

function stream(name, onLine) {
  const source = new EventSource(`/api/resources/${encodeURIComponent(name)}/console`);
  source.onmessage = e => onLine(JSON.parse(e.data));
  cleanup.push(() => source.close());
}

async function renderConsole(name) {
  const picked = await resourcePicker("console", name);
  const filter = h("input", { id: "filter", placeholder: "Filter lines…", type: "search" });
  const box = h("div", { className: "console", id: "console" });
  page("Console logs", "Live standard output and error of one resource (also in <data>/logs/<resource>.log).",
    h("div", { className: "toolbar" }, picked.select, filter), box);
  if (!picked.name) return;
  const apply = line => line.hidden = filter.value !== "" && !line.textContent.toLowerCase().includes(filter.value.toLowerCase());
  filter.addEventListener("input", () => box.querySelectorAll("div").forEach(apply));
  stream(picked.name, line => {
    const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 20;
    const div = h("div", { className: line.text.startsWith("[stderr]") ? "stderr" : "" }, line.text);
    apply(div);
    box.append(div);
    while (box.childElementCount > 5000) box.firstElementChild.remove();
    if (atBottom) box.scrollTop = box.scrollHeight;
  });
}

async function renderLogs(name) {
  const picked = await resourcePicker("logs", name);
  const levels = ["Trace", "Debug", "Information", "Warning", "Error", "Critical"];
  const level = h("select", { id: "level" }, levels.map(l => h("option", { value: l, selected: l === "Information" }, l + " and above")));
  const filter = h("input", { id: "filter", placeholder: "Filter messages…", type: "search" });
  const body = h("tbody", { id: "logs" });
  page("Structured logs", "The log records one resource exported over OpenTelemetry, with level, category and attributes (click a record).",
    h("div", { className: "toolbar" }, picked.select, level, filter),
    h("table", {}, h("thead", {}, h("tr", {}, ["Time", "Level", "Category", "Message"].map(t => h("th", {}, t)))), body));
  if (!picked.name) return;
  const apply = row => {
    row.hidden = levels.indexOf(row.dataset.level) < levels.indexOf(level.value)
      || (filter.value !== "" && !row.textContent.toLowerCase().includes(filter.value.toLowerCase()));
    if (row.hidden) row.nextElementSibling.hidden = true;
  };
  [level, filter].forEach(c => c.addEventListener("input", () => body.querySelectorAll(":scope > tr[data-level]").forEach(apply)));
  let after = 0;
  every(2000, async () => {
    const logs = await api(`/api/logs?resource=${encodeURIComponent(picked.name)}&after=${after}`);
    logs.sort((a, b) => a.sequence - b.sequence);
    for (const l of logs) {
      after = Math.max(after, l.sequence);
      const attributes = Object.entries(l.attributes || {});
      const detail = h("tr", { className: "attributes", hidden: true }, h("td", { colspan: 4 },
        h("table", { className: "env" }, h("tbody", {},
          l.traceId ? h("tr", {}, h("td", { className: "mono" }, "trace id"), h("td", { className: "mono" }, l.traceId)) : null,
          attributes.map(([k, v]) => h("tr", {}, h("td", { className: "mono" }, k), h("td", { className: "mono" }, v)))))));
      const row = h("tr", { "data-level": l.level, className: "clickable", onclick: () => detail.hidden = !detail.hidden },
        h("td", { className: "mono" }, time(l.timestamp)), h("td", { className: "level-" + l.level }, l.level),
        h("td", { className: "mono" }, l.category), h("td", { className: "mono message" }, l.message,
          attributes.length ? h("span", { className: "muted" }, `  · ${attributes.length} attributes`) : null));
      body.append(row, detail);
      apply(row);
    }
    while (body.childElementCount > 10000) { body.firstElementChild.remove(); body.firstElementChild.remove(); }
  });
}

// ---- Queues ----------------------------------------------------------------------------------------------------
function renderQueues(entity) {
  const body = h("tbody", { id: "queues" });
  const letters = h("div", { id: "deadletters" });
  page("Queues", "Active, scheduled and dead-lettered messages per queue, live. Choose a queue with dead letters to inspect and resubmit them.",
    h("table", {}, h("thead", {}, h("tr", {}, ["Queue", "Sessions", "Active", "Scheduled", "Locked", "Dead-lettered", ""].map(t => h("th", {}, t)))), body),
    letters);
  every(2000, async () => {
    const queues = await api("/api/queues");
    body.replaceChildren(...queues.map(q => h("tr", { "data-queue": q.name },
      h("td", { className: "mono" }, q.name), h("td", {}, q.requiresSession ? "yes" : "no"),
      h("td", { className: "num", "data-field": "active" }, q.active), h("td", { className: "num" }, q.scheduled),
      h("td", { className: "num" }, q.locked), h("td", { className: "num", "data-field": "deadLetter" }, q.deadLetter ? h("span", { className: "badge bad" }, q.deadLetter) : "0"),
      h("td", {}, q.deadLetter ? h("a", { className: "button", href: "#/queues/" + encodeURIComponent(q.name) }, "Dead letters") : null))));
  });
  if (entity) showDeadLetters(letters, decodeURIComponent(entity), false);
}

async function showDeadLetters(container, entity, reveal) {
  const messages = await api(`/api/queues/deadletters?entity=${encodeURIComponent(entity)}&reveal=${reveal}`);
  const refresh = r => showDeadLetters(container, entity, r);
  container.replaceChildren(
    h("h2", {}, `Dead letters of ${entity} (${messages.length})`),
    h("div", { className: "toolbar" },
      h("button", { id: "reveal", onclick: () => refresh(!reveal) }, reveal ? "Mask patient data" : "Reveal patient data"),
      h("button", { className: "primary", id: "resubmit-all", disabled: messages.length === 0, onclick: async () => { await post(`/api/queues/resubmit?entity=${encodeURIComponent(entity)}`); refresh(reveal); } }, "Resubmit all")),
    messages.length === 0 ? h("p", { className: "muted" }, "No dead letters.") :
      h("table", {}, h("thead", {}, h("tr", {}, ["Seq", "Message id", "Enqueued", "Deliveries", "Reason", "Message", ""].map(t => h("th", {}, t)))),
        h("tbody", {}, messages.map(m => h("tr", { "data-sequence": m.sequenceNumber },
          h("td", { className: "num" }, m.sequenceNumber), h("td", { className: "mono" }, m.messageId || "–"),
          h("td", {}, new Date(m.enqueuedTimeUtc).toLocaleString()), h("td", { className: "num" }, m.deliveryCount),
          h("td", {}, h("strong", {}, m.reason || "–"), h("div", { className: "muted" }, m.description || "")),
          h("td", {}, h("pre", { className: "body" }, (m.body || "").replace(/\r/g, "\n"))),
          h("td", {}, h("button", { "data-action": "resubmit", onclick: async () => { await post(`/api/queues/resubmit?entity=${encodeURIComponent(entity)}&sequenceNumber=${m.sequenceNumber}`); refresh(reveal); } }, "Resubmit")))))));
}

// ---- Message journey -------------------------------------------------------------------------------------------
function renderJourney(controlId) {
  const input = h("input", { id: "control-id", placeholder: "Control id (MSH-10)", value: controlId ? decodeURIComponent(controlId) : "", size: 34 });
  const result = h("div", { id: "journey" });
  const recent = h("tbody", { id: "recent" });
  const search = () => { if (input.value.trim()) location.hash = "#/journey/" + encodeURIComponent(input.value.trim()); };
  input.addEventListener("keydown", e => { if (e.key === "Enter") search(); });
  page("Message journey", "Every audit event of one message across server, transformer and sender, the time of each hop, and the message as received and as delivered.",
    h("div", { className: "toolbar" }, input, h("button", { className: "primary", id: "search", onclick: search }, "Search")),
    result,
    h("h2", {}, "Recent messages"),
    h("table", {}, h("thead", {}, h("tr", {}, ["Control id", "Workflow", "First seen", "Last seen", "Events", "Status"].map(t => h("th", {}, t)))), recent));
  every(3000, async () => {
    const rows = await api("/api/journey/recent");
    recent.replaceChildren(...rows.map(r => h("tr", { "data-control-id": r.controlId },
      h("td", {}, h("a", { href: "#/journey/" + encodeURIComponent(r.controlId), className: "mono" }, r.controlId)),
      h("td", {}, r.workflowId), h("td", {}, time(r.firstSeen)), h("td", {}, time(r.lastSeen)),
      h("td", { className: "num" }, r.events), h("td", {}, badge(r.status)))));
  });
  if (controlId) showJourney(result, decodeURIComponent(controlId), false);
}

async function showJourney(container, controlId, reveal) {
  const j = await api(`/api/journey?controlId=${encodeURIComponent(controlId)}&reveal=${reveal}`);
  const text = s => (s || "").replace(/\r/g, "\n");
  container.replaceChildren(
    h("div", { className: "toolbar" },
      h("strong", {}, j.events.length ? `${j.events.length} events, ${fmt(j.events[j.events.length - 1].sinceFirstMs, 0)} ms end to end` : "No events for this control id yet."),
      h("button", { id: "refresh", onclick: () => showJourney(container, controlId, reveal) }, "Refresh"),
      h("button", { id: "reveal", onclick: () => showJourney(container, controlId, !reveal) }, reveal ? "Mask patient data" : "Reveal patient data")),
    h("div", { className: "grid2" },
      h("div", { className: "card" }, h("h2", {}, "Events"),
        h("ol", { className: "timeline", id: "events" }, j.events.map(e => h("li", { className: /FAILED/.test(e.eventType) ? "failed" : "", "data-event": e.eventType, "data-service": e.microserviceId },
          h("strong", {}, e.eventType), h("span", { className: "hop" }, e.hopMs === null ? "start" : `+${fmt(e.hopMs, 0)} ms`),
          h("div", { className: "muted" }, `${time(e.timestamp)} · ${e.microserviceId}`),
          e.validationResult ? h("div", {}, e.validationResult) : null,
          e.errorDetails ? h("div", { className: "error" }, e.errorDetails) : null)))),
      h("div", {},
        h("div", { className: "card" }, h("h2", {}, "As received and sent (message store)"),
          j.stored.length === 0 ? h("p", { className: "muted" }, "No message-store records yet.") :
            j.stored.map(s => h("div", { "data-stored": s.component }, h("div", { className: "muted" }, `${s.component}: ${s.source} → ${s.target}`), h("pre", {}, text(s.payload))))),
        h("div", { className: "card", id: "mpi" }, h("h2", {}, "As delivered (mock MPI)"),
          j.mpi.length === 0 ? h("p", { className: "muted" }, "The mock MPI has not recorded it.") :
            j.mpi.map(m => h("div", { "data-mpi": m.sequence }, h("div", { className: "muted" }, `#${m.sequence} at ${time(m.receivedAt)} · ACK ${m.response}`), h("pre", {}, text(m.payload))))))));
}

// ---- Send a message --------------------------------------------------------------------------------------------
async function renderSend() {
  const [flows, samples] = await Promise.all([api("/api/flows"), api("/api/samples")]);
  const flow = h("select", { id: "flow" }, flows.map(f => h("option", { value: f.name }, `${f.name} (MLLP ${f.port})`)));
  const sample = h("select", { id: "sample" }, h("option", { value: "" }, samples.length ? "Choose a sample…" : "No samples folder (--samples DIR)"),
    samples.map(s => h("option", { value: s }, s)));
  const message = h("textarea", { id: "message", placeholder: "Paste an ER7 message (one segment per line)", spellcheck: "false" });
  const result = h("div", { id: "send-result" });
  sample.addEventListener("change", async () => {
    if (!sample.value) return;
    message.value = await api("/api/samples/" + encodeURIComponent(sample.value));
    const match = flows.find(f => sample.value.startsWith(f.name + "-"));
    if (match) flow.value = match.name;
  });
  const send = h("button", { className: "primary", id: "send" }, "Send over MLLP");
  send.addEventListener("click", async () => {
    send.disabled = true;
    try {
      const r = await post("/api/send", { flow: flow.value, message: message.value });
      result.replaceChildren(h("div", { className: "card" },
        h("div", { className: "toolbar" }, badge(r.status), h("span", {}, `${fmt(r.elapsedMs, 0)} ms`),
          r.controlId ? h("a", { href: "#/journey/" + encodeURIComponent(r.controlId), id: "follow" }, `Follow ${r.controlId}`) : null),
        r.error ? h("div", { className: "error" }, r.error) : null,
        h("pre", { id: "ack" }, (r.ack || "(no ACK)").replace(/\r/g, "\n"))));
    } catch (e) { result.replaceChildren(h("div", { className: "error" }, e.message)); }
    finally { send.disabled = false; }
  });
  page("Send a message", "Sends one message to a flow's server over MLLP, as a hospital system would, and shows the ACK.",
    h("div", { className: "toolbar" }, flow, sample), message, h("div", { className: "toolbar" }, send), result);
}

// ---- Router ----------------------------------------------------------------------------------------------------
const routes = { resources: renderResources, console: renderConsole, logs: renderLogs, queues: renderQueues, journey: renderJourney, send: renderSend };

async function route() {
  cleanup.forEach(fn => fn());
  cleanup = [];
  const [name, arg] = location.hash.replace(/^#\/?/, "").split(/\/(.*)/s);
  const render = routes[name] || routes.resources;
  document.querySelectorAll(".sidebar nav a").forEach(a => a.classList.toggle("active", a.dataset.page === (routes[name] ? name : "resources")));
  try { await render(arg || ""); }
  catch (e) { main().append(h("p", { className: "error" }, e.message)); }
}

window.addEventListener("hashchange", route);
route();
