"use strict";
// The wirelab report page: reads the model embedded above and draws each view with plain SVG.
const R = JSON.parse(document.getElementById("report-data").textContent);
const SVG_NS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c instanceof Node ? c : String(c));
  return e;
}
// Lab time (integer ns) as text: "1.234 ms", "2.5 s".
function fmtTime(ns) {
  if (ns < 0) return "-";
  if (ns >= 1e9) return (ns / 1e9).toFixed(3).replace(/\.?0+$/, "") + " s";
  if (ns >= 1e6) return (ns / 1e6).toFixed(3).replace(/\.?0+$/, "") + " ms";
  if (ns >= 1e3) return (ns / 1e3).toFixed(2).replace(/\.?0+$/, "") + " µs";
  return ns + " ns";
}
function fmtRate(bps) {
  if (bps >= 1e9) return (bps / 1e9) + " Gbit/s";
  if (bps >= 1e6) return (bps / 1e6) + " Mbit/s";
  if (bps >= 1e3) return (bps / 1e3) + " kbit/s";
  return bps + " bit/s";
}
function table(head, rows, numeric) {
  const t = el("table");
  t.append(el("tr", {}, ...head.map(h => el("th", {}, h))));
  for (const r of rows) t.append(el("tr", {}, ...r.map((c, i) => el("td", numeric && numeric.includes(i) ? {class: "num"} : {}, c))));
  return t;
}

const views = [];
function addView(id, title, draw) { views.push({id, title, draw, drawn: false}); }
function show(id) {
  for (const v of views) {
    const section = document.getElementById("view-" + v.id);
    const active = v.id === id;
    section.hidden = !active;
    document.getElementById("tab-" + v.id).classList.toggle("active", active);
    if (active && !v.drawn) { v.drawn = true; v.draw(section); }
  }
}

// ---------------------------------------------------------------- summary
addView("summary", "Summary", section => {
  const s = R.summary;
  section.append(el("h2", {}, "Run"));
  section.append(table(["", ""], [
    ["Lab", R.lab.name],
    ["Description", R.lab.description],
    ["Seed", String(R.lab.seed)],
    ["Lab time at the end", fmtTime(R.lab.endAt)],
    ["Script", el("span", {class: "status-" + s.scriptStatus, id: "script-status"}, s.scriptStatus === "passed" ? "passed (every assertion held)" : s.scriptStatus)],
    ["Frames captured", String(R.captures.reduce((a, c) => a + c.frames, 0)) + " in " + R.captures.length + " files, " + R.packets.count + " packets"],
  ]));
  if (s.scriptMessage) section.append(el("pre", {id: "script-message"}, s.scriptMessage));
  section.append(el("h2", {}, "Script output"));
  section.append(el("pre", {id: "script-output"}, s.output || "(nothing printed)"));
  if (s.leases.length) {
    section.append(el("h2", {}, "DHCP leases"));
    section.append(table(["host", "interface", "state", "address", "server", "routers", "DNS", "domain", "lease", "acquired at"],
      s.leases.map(l => [l.host, l.iface, l.state, l.address, l.server, l.routers.join(", "), l.dns.join(", "), l.domain, l.leaseSeconds + " s", fmtTime(l.acquiredAt)])));
  }
  if (s.dnsAnswers.length) {
    section.append(el("h2", {}, "DNS answers"));
    section.append(table(["at", "to", "answer"], s.dnsAnswers.map(a => [fmtTime(a.at), a.to >= 0 ? R.devices[a.to].name : "", a.answer])));
  }
  section.append(el("h2", {}, "Device counters"));
  const rows = [];
  for (const d of R.devices) for (const [k, v] of Object.entries(d.counters)) rows.push([d.name, k, String(v)]);
  section.append(rows.length ? table(["device", "counter", "value"], rows, [2]) : el("p", {class: "muted"}, "no counters"));
  section.append(el("h2", {}, "Captures"));
  section.append(table(["#", "file", "ports", "frames", "problem"], R.captures.map((c, i) => [String(i), c.file, c.ports.join(", "), String(c.frames), c.problem])));
});

// ---------------------------------------------------------------- start
function start() {
  document.title = "wirelab report: " + R.lab.name;
  document.getElementById("title").textContent = "wirelab report: " + R.lab.name;
  document.getElementById("subtitle").textContent = R.lab.description + " (seed " + R.lab.seed + ")";
  const tabs = document.getElementById("tabs"), main = document.getElementById("views");
  for (const v of views) {
    tabs.append(el("button", {id: "tab-" + v.id, onclick: () => show(v.id)}, v.title));
    main.append(el("section", {class: "view", id: "view-" + v.id, hidden: ""}));
  }
  show(views[0].id);
  document.body.dataset.ready = "true";
}
start();
