"use strict";
// The wirelab report page: reads the model embedded above and draws each view with plain SVG.
const R = JSON.parse(document.getElementById("report-data").textContent);
const SVG_NS = "http://www.w3.org/2000/svg";

// A block of columns (Columns.java) from its script element: base64, gzip, then a JSON header naming
// each column's type, offset and length; numbers become typed arrays over the bytes, strings are
// decoded one at a time when asked for, JSON is parsed.
const blocks = new Map();
function unpack(id) {
  if (!blocks.has(id)) blocks.set(id, (async () => {
    const b64 = document.getElementById(id).textContent.trim();
    let packed;
    if (Uint8Array.fromBase64) packed = Uint8Array.fromBase64(b64);
    else { const s = atob(b64); packed = new Uint8Array(s.length); for (let k = 0; k < s.length; k++) packed[k] = s.charCodeAt(k); }
    const buf = await new Response(new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    const utf8 = new TextDecoder(), headLength = new DataView(buf).getUint32(0, true), start = (4 + headLength + 7) & ~7;
    const out = {};
    const header = JSON.parse(utf8.decode(new Uint8Array(buf, 4, headLength)));
    for (const c of header) {
      const at = start + c.offset;
      if (c.type === "f64") out[c.name] = new Float64Array(buf, at, c.length);
      else if (c.type === "i32") out[c.name] = new Int32Array(buf, at, c.length);
      else if (c.type === "text") {   // string i on demand: offsets, then UTF-8
        const offsets = new Int32Array(buf, at, c.length + 1), bytes = at + 4 * (c.length + 1);
        out[c.name] = i => utf8.decode(new Uint8Array(buf, bytes + offsets[i], offsets[i + 1] - offsets[i]));
      } else out[c.name] = JSON.parse(utf8.decode(new Uint8Array(buf, at, c.length)));
    }
    // a tree's {column: k} leaves are its number columns "name.k" (Columns.tree)
    const resolve = (v, name) => {
      if (v === null || typeof v !== "object") return v;
      if (Array.isArray(v)) { for (let k = 0; k < v.length; k++) v[k] = resolve(v[k], name); return v; }
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === "column") return out[name + "." + v.column];
      for (const k of keys) v[k] = resolve(v[k], name);
      return v;
    };
    for (const c of header) if (c.type === "json") out[c.name] = resolve(out[c.name], c.name);
    return out;
  })());
  return blocks.get(id);
}

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
  if (location.hash !== "#view=" + id) history.replaceState(null, "", "#view=" + id);
  for (const v of views) {
    const section = document.getElementById("view-" + v.id);
    const active = v.id === id;
    section.hidden = !active;
    document.getElementById("tab-" + v.id).classList.toggle("active", active);
    if (active && !v.drawn) {
      v.drawn = true;
      const t0 = performance.now();
      // a view that needs a block draws once it is unpacked; data-drawn tells when
      Promise.resolve(v.draw(section)).then(() => {
        performance.measure("draw " + v.id, {start: t0});
        section.dataset.drawn = "true";
      });
    }
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
    ["Frames captured", String(R.captures.reduce((a, c) => a + c.frames, 0)) + " in " + R.captures.length + " files, " + R.packetCount + " packets"],
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

// ---------------------------------------------------------------- topology
// A radial layout, computed: the device nearest to all others (a switch or router, usually) in the
// middle, every other device on rings by hop count, each subtree in its own angular wedge. No
// randomness, so the same lab is drawn the same way every time.
function layout(width, height) {
  const n = R.devices.length, adj = R.devices.map(() => []);
  for (const l of R.links) { adj[l.aDevice].push(l.bDevice); adj[l.bDevice].push(l.aDevice); }
  const bfs = from => {
    const dist = new Array(n).fill(-1), parent = new Array(n).fill(-1), order = [from];
    dist[from] = 0;
    for (let i = 0; i < order.length; i++) for (const m of adj[order[i]]) if (dist[m] < 0) { dist[m] = dist[order[i]] + 1; parent[m] = order[i]; order.push(m); }
    return {dist, parent, order};
  };
  let root = 0, best = Infinity;
  for (let d = 0; d < n; d++) {
    const {dist} = bfs(d);
    const ecc = Math.max(...dist.map(x => x < 0 ? n : x)) * 1000 - adj[d].length;
    if (ecc < best) { best = ecc; root = d; }
  }
  const pos = new Array(n);
  const {dist, parent, order} = bfs(root);
  for (let d = 0; d < n; d++) if (dist[d] < 0) order.push(d);   // not connected: placed on the outer ring
  const children = R.devices.map(() => []);
  for (const d of order) if (parent[d] >= 0) children[parent[d]].push(d);
  const leaves = d => children[d].length === 0 ? 1 : children[d].reduce((a, c) => a + leaves(c), 0);
  const depth = Math.max(1, ...dist);
  const ring = Math.min(width, height) / 2 / (depth + 0.6);
  const cx = width / 2, cy = height / 2;
  const place = (d, from, to) => {
    const r = dist[d] * ring, a = (from + to) / 2;
    pos[d] = dist[d] === 0 ? [cx, cy] : [cx + r * Math.cos(a) * (width / Math.min(width, height)) * 0.9, cy + r * Math.sin(a)];
    let at = from;
    const total = children[d].reduce((s, c) => s + leaves(c), 0);
    for (const c of children[d]) { const span = (to - from) * leaves(c) / total; place(c, at, at + span); at += span; }
  };
  place(root, Math.PI / 2, Math.PI / 2 + 2 * Math.PI);
  let outer = 0;
  for (let d = 0; d < n; d++) if (!pos[d]) { pos[d] = [40 + 120 * outer++, height - 30]; }
  return pos;
}

function linkLabel(l) {
  const p = l.aToB, q = l.bToA;
  const part = x => [fmtRate(x.bandwidth), fmtTime(x.delay)].concat(x.jitter ? ["±" + fmtTime(x.jitter)] : [])
    .concat(["loss", "duplicate", "reorder", "corrupt"].filter(k => x[k] !== "0%").map(k => k + " " + x[k])).join(", ");
  const a = part(p), b = part(q);
  return a === b ? a : a + " / " + b;
}

addView("topology", "Topology", section => {
  const width = Math.max(640, Math.min(1200, section.clientWidth || 900)), height = Math.max(380, 150 * Math.ceil(Math.sqrt(R.devices.length)) + 120);
  const pos = layout(width, height);
  const s = svg("svg", {id: "topology", width, height, viewBox: `0 0 ${width} ${height}`});
  const info = el("div", {id: "link-info", class: "small"}, el("p", {class: "muted"}, "Click a link for its captures and counters."));
  R.links.forEach((l, i) => {
    const [x1, y1] = pos[l.aDevice], [x2, y2] = pos[l.bDevice];
    const frames = l.aCounts.txFrames + l.bCounts.txFrames;
    const drops = Object.values(l.aCounts.drops).concat(Object.values(l.bCounts.drops)).reduce((a, b) => a + b, 0);
    const g = svg("g", {class: "link" + (l.up ? "" : " down"), "data-link": i, onclick: () => selectLink(i)},
      svg("line", {x1, y1, x2, y2}),
      svg("text", {x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, "text-anchor": "middle"}, linkLabel(l)),
      svg("text", {x: (x1 + x2) / 2, y: (y1 + y2) / 2 + 10, "text-anchor": "middle", class: "small"}, frames + " frames" + (drops ? ", " + drops + " dropped" : "")));
    g.append(svg("title", {}, l.a + " ↔ " + l.b));
    s.append(g);
  });
  R.devices.forEach((d, i) => {
    const [x, y] = pos[i];
    const addrs = d.ports.map(p => p.ip).filter(Boolean);
    const lines = [d.name + " (" + d.kind + ")"].concat(addrs.length ? addrs : d.kind === "switch" ? [d.ports.length + " ports in use"] : []);
    const w = Math.max(90, 7.2 * Math.max(...lines.map(t => t.length))), h = 16 + 14 * lines.length;
    const g = svg("g", {class: "device " + d.kind, "data-name": d.name, transform: `translate(${x - w / 2},${y - h / 2})`},
      svg("rect", {width: w, height: h, rx: 6}));
    lines.forEach((t, k) => g.append(svg("text", {x: w / 2, y: 18 + 14 * k, "text-anchor": "middle", "font-weight": k === 0 ? 600 : 400}, t)));
    g.append(svg("title", {}, d.ports.map(p => p.name + (p.ip ? " " + p.ip : "") + (p.mac ? " " + p.mac : "")).join("\n")));
    s.append(g);
  });
  function selectLink(i) {
    const l = R.links[i];
    for (const g of s.querySelectorAll(".link")) g.classList.toggle("selected", g.dataset.link === String(i));
    info.replaceChildren(el("h2", {}, l.a + " ↔ " + l.b + (l.up ? "" : " (down)")),
      table(["direction", "settings", "frames", "bytes", "drops"], [
        [l.a + " → " + l.b, linkLabel({aToB: l.aToB, bToA: l.aToB}), String(l.aCounts.txFrames), String(l.aCounts.txBytes), JSON.stringify(l.aCounts.drops)],
        [l.b + " → " + l.a, linkLabel({aToB: l.bToA, bToA: l.bToA}), String(l.bCounts.txFrames), String(l.bCounts.txBytes), JSON.stringify(l.bCounts.drops)]]),
      l.captures.length ? table(["capture", "ports", "frames"], l.captures.map(c => [R.captures[c].file, R.captures[c].ports.join(", "), String(R.captures[c].frames)]))
        : el("p", {class: "muted", id: "link-no-capture"}, "No capture on this link."));
  }
  section.append(s, info);
});

// ---------------------------------------------------------------- ladder
let P = null;   // the packets block, unpacked when the ladder is first shown
// Packet i's hops as (device, arrived, left, estimated) fours; the capture frames holding it as (capture, number) pairs.
const hopsOf = i => P.hops.subarray(4 * P.hopStart[i], 4 * P.hopStart[i + 1]);
const seenOf = i => P.seen.subarray(P.seenStart[i], P.seenStart[i + 1]);
const MARK = {RETRANSMISSION: 1, RESET: 2, DELAYED_ACK: 4, LOST: 8, DUP_ACK: 16, ZERO_WINDOW: 32, DECRYPTED: 64};
const LADDER = {row: 22, cap: 90, gap: 30, col: 190, top: 40, left: 92};

// The packets a filter selects: conversation (-1: all), protocol name ("" all), device index (-1 all).
function selectPackets(conv, proto, host) {
  const out = [];
  for (let i = 0; i < P.at.length; i++) {
    if (conv >= 0 && P.conversation[i] !== conv) continue;
    if (proto && P.protocolNames[P.protocol[i]] !== proto) continue;
    if (host >= 0) { const h = hopsOf(i); let on = false; for (let k = 0; k < h.length; k += 4) if (h[k] === host) on = true; if (!on) continue; }
    out.push(i);
  }
  return out;
}

// Columns: every device the packets pass, nearest to the first sender first (PC, switch, router, server).
function ladderColumns(list) {
  const used = new Set();
  for (const i of list) { const h = hopsOf(i); for (let k = 0; k < h.length; k += 4) used.add(h[k]); if (P.lostToward[i] >= 0) used.add(P.lostToward[i]); }
  if (!list.length) return [];
  const n = R.devices.length, adj = R.devices.map(() => []);
  for (const l of R.links) { adj[l.aDevice].push(l.bDevice); adj[l.bDevice].push(l.aDevice); }
  const first = hopsOf(list[0])[0], dist = new Array(n).fill(n + 1);
  dist[first] = 0;
  const queue = [first];
  for (let q = 0; q < queue.length; q++) for (const m of adj[queue[q]]) if (dist[m] > n) { dist[m] = dist[queue[q]] + 1; queue.push(m); }
  return [...used].sort((a, b) => dist[a] - dist[b] || a - b);
}

// Time to y: to scale (median hop time = 24 px), an idle stretch longer than LADDER.cap px squeezed to
// LADDER.gap px and marked, and at least one row between any two events (a send, an arrival), so that
// the frames of a burst are drawn parallel, one label per row.
function timeAxis(list) {
  let nt = 0, ns = 0;
  for (const i of list) { const n = P.hopStart[i + 1] - P.hopStart[i]; nt += 2 * n + 1; ns += Math.max(0, n - 1); }
  const all = new Float64Array(nt), spans = new Float64Array(ns);
  let a = 0, b = 0;
  for (const i of list) {
    const h = hopsOf(i);
    for (let k = 0; k < h.length; k += 4) { all[a++] = h[k + 1]; all[a++] = h[k + 2]; if (k > 0) spans[b++] = h[k + 1] - h[k - 2]; }
    if (P.marks[i] & MARK.DELAYED_ACK && P.waitFrom[i] >= 0) all[a++] = P.waitFrom[i];
  }
  const t = all.subarray(0, a).sort();
  const uniq = [];
  for (const x of t) if (!uniq.length || uniq[uniq.length - 1] !== x) uniq.push(x);
  spans.sort();
  const median = spans.length ? Math.max(1, spans[spans.length >> 1]) : 1e6;
  const scale = 24 / median;
  const ys = new Float64Array(uniq.length), gaps = [];
  let y = LADDER.top + 20;
  for (let k = 0; k < uniq.length; k++) {
    if (k > 0) {
      let dy = (uniq[k] - uniq[k - 1]) * scale;
      if (dy > LADDER.cap) { gaps.push({y, from: uniq[k - 1], to: uniq[k]}); dy = LADDER.gap; }
      if (dy < LADDER.row) dy = LADDER.row;   // every event its own row: frames of a burst stay parallel
      y += dy;
    }
    ys[k] = y;
  }
  const at = time => {
    let lo = 0, hi = uniq.length - 1;
    if (!uniq.length) return LADDER.top;
    if (time <= uniq[0]) return ys[0];
    if (time >= uniq[hi]) return ys[hi] + Math.min(LADDER.cap, (time - uniq[hi]) * scale);
    while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (uniq[mid] <= time) lo = mid; else hi = mid; }
    const f = (time - uniq[lo]) / (uniq[hi] - uniq[lo]);
    return ys[lo] + f * (ys[hi] - ys[lo]);
  };
  return {at, gaps, height: y + 60, scale};
}

let inspectedPacket = -1;
addView("ladder", "Ladder", async section => {
  P = await unpack("report-packets");
  // the hops as (device, arrived, left, estimated) fours in lab ns, the layout the ladder reads
  const hops = new Float64Array(4 * P.hopDevice.length);
  for (let i = 0; i < P.at.length; i++)
    for (let k = P.hopStart[i]; k < P.hopStart[i + 1]; k++) {
      hops[4 * k] = P.hopDevice[k] >> 1; hops[4 * k + 1] = P.at[i] + P.hopArrived[k]; hops[4 * k + 2] = P.at[i] + P.hopLeft[k]; hops[4 * k + 3] = P.hopDevice[k] & 1;
    }
  P.hops = hops;
  P.info = P.label;   // until the info lines are unpacked, after the first drawing
  const convSel = el("select", {id: "ladder-conversation"}), protoSel = el("select", {id: "ladder-protocol"}), hostSel = el("select", {id: "ladder-host"});
  protoSel.append(el("option", {value: ""}, "all protocols"), ...P.protocolNames.map(p => el("option", {value: p}, p)));
  hostSel.append(el("option", {value: "-1"}, "all hosts"), ...R.devices.map((d, i) => el("option", {value: String(i)}, d.name)));
  const fillConversations = () => {
    const proto = protoSel.value, host = Number(hostSel.value), keep = convSel.value;
    convSel.replaceChildren(el("option", {value: "-1"}, "every conversation (filtered)"));
    for (const c of R.conversations) {
      if (proto && c.protocol !== proto) continue;
      if (host >= 0 && c.client !== host && c.server !== host) continue;
      convSel.append(el("option", {value: String(c.id)}, "#" + c.id + " " + c.name + (c.tcpStream >= 0 ? "  [tcp.stream " + c.tcpStream + "]" : "") + " (" + c.packets + ")"));
    }
    if ([...convSel.options].some(o => o.value === keep)) convSel.value = keep;
  };
  fillConversations();
  const firstTcp = R.conversations.find(c => c.protocol === "TCP");
  convSel.value = String(firstTcp ? firstTcp.id : R.conversations.length ? 0 : -1);
  const count = el("span", {class: "muted", id: "ladder-count"});
  const csv = el("button", {class: "small", id: "ladder-csv", onclick: async () => {
    P.info = (await unpack("report-info")).info;
    const rows = [["no", "time_s", "protocol", "from", "to", "label", "info"]];
    for (const i of current.list) { const h = hopsOf(i); rows.push([i, (P.at[i] / 1e9).toFixed(9), P.protocolNames[P.protocol[i]], R.devices[h[0]].name, R.devices[h[h.length - 4]].name, P.label(i), P.info(i)]); }
    download("ladder.csv", rows.map(r => r.map(csvField).join(",")).join("\n") + "\n");
  }}, "CSV");
  section.append(el("div", {class: "toolbar"}, el("label", {}, "conversation"), convSel, el("label", {}, "protocol"), protoSel,
    el("label", {}, "host"), hostSel, count, csv,
    el("span", {class: "muted small"}, "red: retransmission / reset / lost (✕), orange: delayed ACK, padlock: decrypted from TLS, purple: TIME-WAIT; ≈ idle time squeezed")));
  const scroller = el("div", {id: "ladder-scroll", style: "position:relative; overflow:auto; height: calc(100vh - 190px); border:1px solid var(--line); background:#fff"});
  const spacer = el("div", {style: "position:absolute; left:0; top:0; width:1px; height:1px"});
  const canvas = svg("svg", {id: "ladder", style: "position:absolute; left:0; top:0"});
  scroller.append(spacer, canvas);
  section.append(scroller);
  let current = null;
  const rebuild = () => {
    const list = selectPackets(Number(convSel.value), protoSel.value, Number(hostSel.value));
    const columns = ladderColumns(list), axis = timeAxis(list);
    const x = new Map(columns.map((d, k) => [d, LADDER.left + 60 + k * LADDER.col]));
    // each arrow's vertical extent only: its segments are computed when it is drawn
    const arrows = new Array(list.length);
    let maxSpan = 0;
    for (let j = 0; j < list.length; j++) {
      const i = list[j], h = hopsOf(i);
      let y0 = axis.at(h[2]), y1 = y0;
      for (let k = 4; k < h.length; k += 4) {
        const ya = axis.at(h[k - 2]), yb = axis.at(h[k + 1]);
        y0 = Math.min(y0, ya, yb);
        y1 = Math.max(y1, ya, yb);
      }
      if (P.lostToward[i] >= 0) y1 = Math.max(y1, axis.at(h[h.length - 2]) + LADDER.row * 0.8);
      maxSpan = Math.max(maxSpan, y1 - y0);
      arrows[j] = {i, y0, y1};
    }
    arrows.sort((p, q) => p.y0 - q.y0);
    const waits = [];
    for (const i of list) if (P.marks[i] & MARK.DELAYED_ACK && P.waitFrom[i] >= 0) waits.push({i, x: x.get(hopsOf(i)[0]), y0: axis.at(P.waitFrom[i]), y1: axis.at(hopsOf(i)[2]), ns: hopsOf(i)[2] - P.waitFrom[i]});
    const timeWaits = [];
    const convs = new Set(list.map(i => P.conversation[i]));
    for (const c of convs) for (const w of R.conversations[c].timeWaits) if (x.has(w[0])) timeWaits.push({x: x.get(w[0]), y0: axis.at(w[1]), y1: axis.at(w[1]) + 3 * LADDER.cap, from: w[1], to: w[2], length: w[3]});
    const width = LADDER.left + 60 + Math.max(1, columns.length) * LADDER.col + 40;
    current = {list, columns, axis, arrows, maxSpan, waits, timeWaits, width, height: axis.height + (timeWaits.length ? 3 * LADDER.cap : 0), x};
    spacer.style.width = width + "px";
    spacer.style.height = current.height + "px";
    count.textContent = list.length + " packets";
    draw();
  };
  // packet i's arrow as segments (x1, y1, x2, y2, kind: 0 seen, 1 estimated, 2 lost), one per hop
  const segments = (c, i) => {
    const h = hopsOf(i), x = c.x, axis = c.axis, segs = [];
    for (let k = 4; k < h.length; k += 4) segs.push([x.get(h[k - 4]), axis.at(h[k - 2]), x.get(h[k]), axis.at(h[k + 1]), h[k + 3] || h[k - 1]]);
    if (P.lostToward[i] >= 0) {
      const last = h.length - 4, x1 = x.get(h[last]), y1 = axis.at(h[last + 2]), x2 = x.get(P.lostToward[i]);
      segs.push([x1, y1, (x1 + x2) / 2, y1 + LADDER.row * 0.8, 2]);
    }
    if (!segs.length) segs.push([x.get(h[0]), axis.at(h[2]), x.get(h[0]) + 30, axis.at(h[2]), 1]);
    return segs;
  };
  const draw = () => {
    if (!current) return;
    const top = scroller.scrollTop, bottom = top + scroller.clientHeight + 40;
    const c = current, s = canvas;
    s.setAttribute("width", c.width);
    s.setAttribute("height", Math.min(c.height, bottom) - Math.max(0, top - 40));
    s.style.top = Math.max(0, top - 40) + "px";
    const off = Math.max(0, top - 40);
    s.setAttribute("viewBox", `0 ${off} ${c.width} ${Math.min(c.height, bottom) - off}`);
    s.replaceChildren();
    s.append(svg("defs", {}, svg("pattern", {id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"},
      svg("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#8a63d2", "stroke-width": 3})), svg("marker", {id: "arrowhead", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse"},
      svg("path", {d: "M0,0 L10,5 L0,10 z", fill: "#3b4a61"}))));
    for (const [d, cx] of c.x) {
      s.append(svg("line", {x1: cx, y1: off, x2: cx, y2: Math.min(c.height, bottom), stroke: "#c9d1dd", "stroke-width": 2}));
      s.append(svg("text", {x: cx, y: Math.max(off + 14, LADDER.top), "text-anchor": "middle", "font-weight": 600, class: "column", "data-device": R.devices[d].name}, R.devices[d].name));
    }
    for (const g of c.axis.gaps) if (g.y > off - 40 && g.y < bottom)
      s.append(svg("g", {class: "gap"}, svg("rect", {x: 0, y: g.y + 4, width: c.width, height: LADDER.gap - 8, fill: "#f1f3f7"}),
        svg("text", {x: 8, y: g.y + LADDER.gap / 2 + 4, class: "small", fill: "#5d6677"}, "≈ " + fmtTime(g.to - g.from) + " idle")));
    for (const w of c.timeWaits) if (w.y1 > off && w.y0 < bottom)
      s.append(svg("g", {class: "time-wait"}, svg("rect", {x: w.x - 5, y: w.y0, width: 10, height: w.y1 - w.y0, fill: "url(#hatch)", stroke: "#8a63d2", "fill-opacity": 0.35}),
        svg("text", {x: w.x + 9, y: w.y0 + 14, fill: "#6a45b5", class: "small"}, "TIME-WAIT " + fmtTime(w.to - w.from) + (w.to - w.from < w.length ? " (lab ended)" : ""))));
    for (const w of c.waits) if (w.y1 > off && w.y0 < bottom)
      s.append(svg("g", {class: "delayed-ack"}, svg("line", {x1: w.x - 8, y1: w.y0, x2: w.x - 8, y2: w.y1, stroke: "#c26a00", "stroke-width": 3}),
        svg("text", {x: w.x - 12, y: (w.y0 + w.y1) / 2, "text-anchor": "end", fill: "#a15c00", class: "small"}, "delayed ACK " + fmtTime(w.ns))));
    // arrows whose top lies in [top - longest arrow, bottom]
    let lo = 0, hi = c.arrows.length;
    const from = off - c.maxSpan;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (c.arrows[mid].y0 < from) lo = mid + 1; else hi = mid; }
    let lastTimeY = -100;
    const hits = svg("g", {class: "hits"});
    s.append(hits);
    for (let k = lo; k < c.arrows.length && c.arrows[k].y0 <= bottom; k++) {
      if (c.arrows[k].y1 < off - 20) continue;   // ends above the view
      const a = {i: c.arrows[k].i, segs: segments(c, c.arrows[k].i)}, i = a.i, m = P.marks[i];
      const bad = m & (MARK.RETRANSMISSION | MARK.RESET | MARK.LOST);
      const color = bad ? "#b3261e" : m & MARK.DELAYED_ACK ? "#c26a00" : "#3b4a61";
      const g = svg("g", {class: "arrow" + (i === inspectedPacket ? " selected" : ""), "data-packet": i, "data-label": P.label(i), onclick: () => inspect(i)});
      const [hx1, hy1, hx2, hy2] = a.segs[0];   // a generous hit area around the first hop, under every arrow so no label is covered
      hits.append(svg("rect", {x: Math.min(hx1, hx2), y: Math.min(hy1, hy2) - 12, width: Math.max(8, Math.abs(hx2 - hx1)), height: Math.abs(hy2 - hy1) + 16, fill: "transparent", onclick: () => inspect(i)}));
      for (const [x1, y1, x2, y2, estimated] of a.segs)
        g.append(svg("line", {x1, y1, x2, y2, stroke: color, "stroke-width": i === inspectedPacket ? 3 : 1.5, "stroke-dasharray": estimated === 2 ? "4 3" : "", "marker-end": estimated === 2 ? "" : "url(#arrowhead)"}));
      if (m & MARK.LOST) { const sg = a.segs[a.segs.length - 1]; g.append(svg("text", {x: sg[2] - 5, y: sg[3] + 5, fill: "#b3261e", "font-weight": 700}, "✕")); }
      const [x1, y1, x2, y2] = a.segs[0];
      const label = P.label(i).length > 46 ? P.label(i).slice(0, 45) + "…" : P.label(i);
      // the label sits over the first third of the first hop, where the arrows of neighbouring rows are furthest apart
      const lx = x1 + (x2 - x1) * 0.35, ly = y1 + (y2 - y1) * 0.35 - 4;
      const text = svg("text", {x: lx, y: ly, "text-anchor": "middle", fill: color, class: "label"}, label);
      g.append(text);
      if (m & MARK.DECRYPTED) {
        g.classList.add("decrypted");
        // a padlock drawn, not a font glyph: decrypted from TLS with the lab's key log
        const w = 6.2 * label.length / 2 + 12;
        g.append(svg("path", {class: "lock", d: `M${lx - w},${ly - 8}h7v6h-7z M${lx - w + 1.5},${ly - 8}v-2a2,2 0 0 1 4,0v2`, fill: "none", stroke: "#1e7b34", "stroke-width": 1.3},
          svg("title", {}, "decrypted TLS")));
      }
      g.append(svg("title", {}, P.info(i)));
      s.append(g);
      if (y1 - lastTimeY >= LADDER.row) { s.append(svg("text", {x: 6, y: y1 + 4, class: "small", fill: "#5d6677"}, (P.at[i] / 1e9).toFixed(6))); lastTimeY = y1; }
    }
  };
  let pending = false;
  scroller.addEventListener("scroll", () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); } });
  for (const sel of [protoSel, hostSel]) sel.addEventListener("change", () => { fillConversations(); rebuild(); });
  convSel.addEventListener("change", rebuild);
  ladderRedraw = () => draw();
  rebuild();
  unpack("report-info").then(b => { P.info = b.info; draw(); });
});
let ladderRedraw = () => {};

function csvField(v) { const t = String(v); return /[",\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t; }
function download(name, text) {
  const a = el("a", {href: URL.createObjectURL(new Blob([text], {type: "text/csv"})), download: name});
  document.body.append(a); a.click(); a.remove();
}

// ---------------------------------------------------------------- frame inspector
// The frame's layers from its block of R.detailBlock frames: only that block is unpacked.
async function frameDetail(i) {
  const block = await unpack("report-detail-" + Math.floor(i / R.detailBlock));
  return JSON.parse(block.layers(i % R.detailBlock));
}
async function inspect(i) {
  inspectedPacket = i;
  ladderRedraw();
  const box = document.getElementById("inspector");
  box.hidden = false;
  const seen = [];
  for (let k = 0; k < seenOf(i).length; k += 2) seen.push(R.captures[seenOf(i)[k]].file + " frame " + seenOf(i)[k + 1]);
  const conv = R.conversations[P.conversation[i]];
  box.replaceChildren(el("button", {class: "small close", id: "inspector-close", onclick: () => { box.hidden = true; inspectedPacket = -1; ladderRedraw(); }}, "close"),
    el("h3", {id: "inspector-title"}, "Packet " + i + ": " + P.label(i)),
    el("div", {class: "small"}, fmtTime(P.at[i]) + " · " + (conv ? conv.name : "") + " · " + P.length[i] + " bytes"),
    el("p", {id: "inspector-frames"}, "In Wireshark: ", ...seen.map((t, k) => el("span", {class: "frame-ref"}, (k ? ", " : "") + t))),
    el("div", {id: "inspector-layers"}, el("p", {class: "muted"}, "decoding…")));
  const layers = await frameDetail(i);
  if (inspectedPacket !== i) return;
  const holder = document.getElementById("inspector-layers");
  holder.replaceChildren(...layers.map((text, k) => {
    const nl = text.indexOf("\n"), title = nl < 0 ? text : text.slice(0, nl), body = nl < 0 ? "" : text.slice(nl + 1);
    const d = el("details", {class: "layer"}, el("summary", {}, title), el("div", {class: "fields"}, body));
    if (k > 0) d.open = true;
    return d;
  }));
  holder.dataset.packet = String(i);
}

// ---------------------------------------------------------------- HTTP waterfall
const PHASES = [["blocked", "#c8ccd4"], ["dns", "#2a9d8f"], ["connect", "#e9a23b"], ["tls", "#8a63d2"], ["wait", "#3f7fd0"], ["receive", "#1e7b34"]];

// Where an object's time went, as [phase, from, to] in lab ns: queued/blocked, DNS, TCP connect and TLS
// end when the request is sent; wait runs to the first byte, receive to the last.
function phases(o) {
  const sent = o.requestSentAt >= 0 ? o.requestSentAt : o.startAt + o.dns + o.connect + o.tls;
  const setup = o.dns + o.connect + o.tls, blockedEnd = Math.max(o.startAt, sent - setup);
  const out = [["blocked", o.startAt, blockedEnd]];
  let t = blockedEnd;
  for (const k of ["dns", "connect", "tls"]) { out.push([k, t, t + o[k]]); t += o[k]; }
  if (o.firstByteAt >= 0) out.push(["wait", sent, o.firstByteAt]);
  if (o.completeAt >= 0 && o.firstByteAt >= 0) out.push(["receive", o.firstByteAt, o.completeAt]);
  return out;
}

addView("waterfall", "HTTP waterfall", section => {
  if (!R.http.length) { section.append(el("p", {class: "muted", id: "waterfall-empty"}, "The script made no HTTP requests (pc1.http.get, pc1.browser().load).")); return; }
  section.append(el("div", {class: "toolbar"}, ...PHASES.map(([k, c]) => el("span", {class: "small"}, el("span", {style: `display:inline-block;width:12px;height:10px;background:${c};margin-right:4px`}), k)),
    el("button", {class: "small", id: "waterfall-csv", onclick: () => {
      const rows = [["group", "host", "url", "method", "status", "connection", "reused", "start_ns", "dns_ns", "connect_ns", "tls_ns", "wait_ns", "receive_ns", "complete_ns"]];
      R.http.forEach((g, gi) => g.objects.forEach(o => rows.push([gi, g.host, o.url, o.method, o.status, o.connection, o.reused, o.startAt, o.dns, o.connect, o.tls, o.wait, o.receive, o.completeAt])));
      download("waterfall.csv", rows.map(r => r.map(csvField).join(",")).join("\n") + "\n");
    }}, "CSV")));
  const barWidth = 640, labelWidth = 330, rowH = 22;
  R.http.forEach((g, gi) => {
    const objects = g.objects.map((o, k) => ({o, k})).sort((a, b) => a.o.connection - b.o.connection || a.o.startAt - b.o.startAt || a.k - b.k);
    const span = Math.max(1, g.endAt - g.startAt);
    const nsPerPx = span / barWidth;
    const conns = new Set(g.objects.map(o => o.connection)).size;
    section.append(el("h2", {}, g.host + ": " + (g.kind === "page" ? "page load " : "") + g.url),
      el("p", {class: "small muted"}, (g.policy ? g.policy + "; " : "") + g.objects.length + (g.objects.length === 1 ? " object" : " objects") + " over " + conns
        + (conns === 1 ? " connection" : " connections") + " (" + g.connections + " opened), total " + fmtTime(g.endAt - g.startAt)));
    const h = objects.length * rowH + 28;
    const s = svg("svg", {class: "waterfall", "data-group": gi, "data-bar-width": barWidth, width: labelWidth + barWidth + 120, height: h});
    // axis: 5 ticks
    for (let t = 0; t <= 4; t++) {
      const x = labelWidth + t * barWidth / 4;
      s.append(svg("line", {x1: x, y1: 14, x2: x, y2: h, stroke: "#e3e7ee"}), svg("text", {x, y: 11, "text-anchor": "middle", class: "small", fill: "#5d6677"}, fmtTime(Math.round(span * t / 4))));
    }
    let prevConn = null;
    objects.forEach(({o}, r) => {
      const y = 20 + r * rowH;
      const row = svg("g", {class: "wf-row", "data-url": o.url, "data-connection": o.connection});
      if (o.connection !== prevConn) { row.append(svg("line", {x1: 0, y1: y - 2, x2: labelWidth + barWidth + 120, y2: y - 2, stroke: "#d5dae3"})); prevConn = o.connection; }
      const path = o.url.replace(/^https?:\/\/[^/]+/, "") || "/";
      row.append(svg("text", {x: 4, y: y + 14}, "conn " + o.connection + (o.reused ? " ↺" : "") + "  " + (o.status || o.outcome) + "  " + o.method + " " + (path.length > 30 ? path.slice(0, 29) + "…" : path)));
      const x0 = labelWidth + (o.startAt - g.startAt) / nsPerPx;
      if (o.completeAt >= 0) row.append(svg("rect", {class: "bar total", x: x0, y: y + 3, width: (o.completeAt - o.startAt) / nsPerPx, height: rowH - 6, fill: "none", stroke: "#aab2c0", "stroke-dasharray": "2 2"}));
      for (const [k, a, b] of phases(o)) {
        if (b <= a) continue;
        const color = PHASES.find(p => p[0] === k)[1];
        row.append(svg("rect", {class: "bar " + k, "data-ns": b - a, x: labelWidth + (a - g.startAt) / nsPerPx, y: y + 5, width: (b - a) / nsPerPx, height: rowH - 10, fill: color},
          svg("title", {}, k + " " + fmtTime(b - a))));
      }
      row.append(svg("text", {x: labelWidth + barWidth + 8, y: y + 14, class: "small"}, fmtTime(o.completeAt - o.startAt)));
      row.append(svg("title", {}, `${o.url}\ndns ${fmtTime(o.dns)}, connect ${fmtTime(o.connect)}, tls ${fmtTime(o.tls)}, wait ${fmtTime(o.wait)}, receive ${fmtTime(o.receive)}, ${o.bytes} bytes`));
      s.append(row);
    });
    section.append(s);
  });
});

// ---------------------------------------------------------------- TCP plots
// A line (or dot) chart in plain SVG; series longer than the chart is wide are reduced to the
// minimum and maximum of each pixel column, so 100,000 points draw as fast as 1,000.
function chart({title, width, height, series, yLabel, yFormat, t0, t1, id}) {
  const m = {l: 70, r: 16, t: 22, b: 28}, w = width - m.l - m.r, h = height - m.t - m.b;
  let ymax = 1;
  for (const sr of series) for (const v of sr.y) if (v > ymax) ymax = v;
  ymax *= 1.05;
  const X = t => m.l + (t - t0) / Math.max(1, t1 - t0) * w, Y = v => m.t + h - v / ymax * h;
  const s = svg("svg", {class: "chart", id, width, height});
  s.append(svg("text", {x: m.l, y: 14, "font-weight": 600}, title));
  for (let k = 0; k <= 4; k++) {
    const v = ymax * k / 4, y = Y(v);
    s.append(svg("line", {x1: m.l, y1: y, x2: m.l + w, y2: y, stroke: "#eceff4"}), svg("text", {x: m.l - 4, y: y + 4, "text-anchor": "end", class: "small"}, yFormat(v)));
    const t = t0 + (t1 - t0) * k / 4;
    s.append(svg("text", {x: X(t), y: height - 8, "text-anchor": k === 0 ? "start" : k === 4 ? "end" : "middle", class: "small"}, fmtTime(Math.round(t))));
  }
  let lx = m.l + 8;
  for (const sr of series) {
    const n = sr.t.length;
    if (!n) continue;
    // per pixel column: min, max, first and last value, whether any point is marked
    const W = Math.ceil(width) + 1, min = new Float64Array(W), max = new Float64Array(W), first = new Float64Array(W), last = new Float64Array(W);
    const has = new Uint8Array(W), marked = new Uint8Array(W);
    for (let k = 0; k < n; k++) {
      const px = Math.min(W - 1, Math.max(0, Math.round(X(sr.t[k])))), v = sr.y[k];
      if (!has[px]) { has[px] = 1; min[px] = max[px] = first[px] = last[px] = v; }
      else { if (v < min[px]) min[px] = v; if (v > max[px]) max[px] = v; last[px] = v; }
      if (sr.mark && sr.mark[k]) marked[px] = 1;
    }
    const pts = [];
    for (let px = 0; px < W; px++) if (has[px]) pts.push([px, {min: min[px], max: max[px], first: first[px], last: last[px], mark: marked[px]}]);
    if (sr.dots) {
      let d = "", dm = "";
      for (const [px, c] of pts) { const seg = `M${px},${Y(c.min).toFixed(1)}V${(Y(c.max) - 1.5).toFixed(1)}`; if (c.mark) dm += seg; else d += seg; }
      s.append(svg("path", {d, stroke: sr.color, "stroke-width": 2, fill: "none", class: "series", "data-series": sr.name}));
      if (dm) s.append(svg("path", {d: dm, stroke: "#b3261e", "stroke-width": 3, fill: "none", class: "series retransmissions", "data-series": "retransmission"}));
    } else {
      let d = "";
      pts.forEach(([px, c], k) => {
        d += (k ? (sr.step ? `H${px}V${Y(c.first).toFixed(1)}` : `L${px},${Y(c.first).toFixed(1)}`) : `M${px},${Y(c.first).toFixed(1)}`);
        if (c.min !== c.max) d += `V${Y(c.min).toFixed(1)}V${Y(c.max).toFixed(1)}`;
        d += `V${Y(c.last).toFixed(1)}`;
      });
      s.append(svg("path", {d, stroke: sr.color, "stroke-width": 1.5, fill: "none", class: "series", "data-series": sr.name, "stroke-dasharray": sr.dash || ""}));
    }
    s.append(svg("rect", {x: lx, y: m.t + 2, width: 10, height: 4, fill: sr.color}), svg("text", {x: lx + 14, y: m.t + 8, class: "small"}, sr.name));
    lx += 24 + 7 * sr.name.length;
  }
  s.append(svg("text", {x: 12, y: m.t + h / 2, transform: `rotate(-90 12 ${m.t + h / 2})`, "text-anchor": "middle", class: "small"}, yLabel));
  return s;
}
const maxOf = a => { let m = 0; for (const v of a) if (v > m) m = v; return m; };
const bytesFmt = v => v >= 1e6 ? (v / 1e6).toFixed(2) + " MB" : v >= 1e3 ? (v / 1e3).toFixed(1) + " kB" : Math.round(v) + " B";
function seriesCsv(name, s) {
  const rows = [s.names.join(",")];
  for (let k = 0; k < s.columns[0].length; k++) rows.push(s.columns.map(c => c[k]).join(","));
  download(name, rows.join("\n") + "\n");
}

addView("tcp", "TCP plots", async section => {
  const connections = (await unpack("report-tcp")).connections;
  const withData = connections.filter(c => c.directions.length);
  if (!withData.length) { section.append(el("p", {class: "muted", id: "tcp-empty"}, "No TCP connection carried data.")); return; }
  const sel = el("select", {id: "tcp-connection"});
  for (const c of withData) for (let d = 0; d < c.directions.length; d++) {
    const dir = c.directions[d];
    sel.append(el("option", {value: c.conversation + ":" + d}, "tcp.stream " + c.tcpStream + ": " + R.devices[dir.from].name + " → " + R.devices[dir.to].name + ", " + bytesFmt(dir.bytes) + " (" + c.name + ")"));
  }
  // the direction that carried the most data first
  let best = sel.options[0].value, most = -1;
  for (const c of withData) c.directions.forEach((dir, d) => { if (dir.bytes > most) { most = dir.bytes; best = c.conversation + ":" + d; } });
  sel.value = best;
  const exports = el("span", {class: "toolbar"});
  const charts = el("div", {id: "tcp-charts"});
  section.append(el("div", {class: "toolbar"}, el("label", {}, "connection"), sel, exports), charts);
  const draw = () => {
    const [conv, d] = sel.value.split(":").map(Number);
    const c = connections.find(x => x.conversation === conv), dir = c.directions[d];
    const col = (s, name) => s && s.columns ? s.columns[s.names.indexOf(name)] : [];
    const seqT = col(dir.seq, "time_ns"), t0 = seqT.length ? Math.min(seqT[0], dir.ack.columns[0][0] ?? seqT[0]) : 0;
    let t1 = t0 + 1;
    for (const s of [dir.seq, dir.ack, dir.inFlight]) { const t = col(s, "time_ns"); if (t.length) t1 = Math.max(t1, t[t.length - 1]); }
    const width = Math.max(700, Math.min(1300, section.clientWidth - 20));
    const seqLen = col(dir.seq, "len"), seqEnd = Float64Array.from(col(dir.seq, "seq"), (v, k) => v + seqLen[k]);
    const ackV = col(dir.ack, "ack"), win = col(dir.ack, "window");
    const ssthreshCap = 1.2 * Math.max(1, maxOf(col(dir.trace.cwnd, "cwnd_bytes")), maxOf(col(dir.inFlight, "bytes_in_flight")));
    charts.replaceChildren(
      chart({id: "chart-sequence", title: "Time-sequence (Stevens): segments sent, retransmissions in red; ACKs; receive window edge", width, height: 320, t0, t1,
        yLabel: "relative sequence number", yFormat: bytesFmt, series: [
          {name: "segments", t: seqT, y: seqEnd, mark: col(dir.seq, "retransmission"), color: "#24588f", dots: true},
          {name: "ACK", t: col(dir.ack, "time_ns"), y: ackV, color: "#1e7b34", step: true},
          {name: "ACK + window", t: col(dir.ack, "time_ns"), y: Float64Array.from(ackV, (a, k) => a + win[k]), color: "#9aa5b5", step: true, dash: "4 3"}]}),
      chart({id: "chart-window", title: "Congestion window, slow-start threshold (sender's TcpTrace) and bytes in flight (capture)", width, height: 260, t0, t1,
        yLabel: "bytes", yFormat: bytesFmt, series: [
          {name: "cwnd", t: col(dir.trace.cwnd, "time_ns"), y: col(dir.trace.cwnd, "cwnd_bytes"), color: "#24588f", step: true},
          // ssthresh starts "infinite" (RFC 5681 §3.1: arbitrarily high): drawn at the top until the first loss sets it
          {name: "ssthresh", t: col(dir.trace.ssthresh, "time_ns"), y: Float64Array.from(col(dir.trace.ssthresh, "ssthresh_bytes"), v => Math.min(v, ssthreshCap)), color: "#b3261e", step: true, dash: "6 3"},
          {name: "in flight", t: col(dir.inFlight, "time_ns"), y: col(dir.inFlight, "bytes_in_flight"), color: "#e9a23b", step: true}]}),
      chart({id: "chart-rwnd", title: "Receive window the receiver advertised (scaled)", width, height: 180, t0, t1,
        yLabel: "bytes", yFormat: bytesFmt, series: [
          {name: "rwnd", t: col(dir.rwnd, "time_ns"), y: col(dir.rwnd, "receive_window"), color: "#1e7b34", step: true}]}),
      chart({id: "chart-rtt", title: "Smoothed RTT and retransmission timeout (RFC 6298)", width, height: 220, t0, t1,
        yLabel: "time", yFormat: v => fmtTime(Math.round(v)), series: [
          {name: "SRTT", t: col(dir.trace.srtt, "time_ns"), y: col(dir.trace.srtt, "srtt_ns"), color: "#8a63d2", step: true},
          {name: "RTO", t: col(dir.trace.rto, "time_ns"), y: col(dir.trace.rto, "rto_ns"), color: "#b3261e", step: true}]}));
    if (!dir.trace.cwnd) charts.append(el("p", {class: "muted"}, "No TcpTrace for this side (it is not a host of the lab)."));
    exports.replaceChildren(el("span", {class: "muted small"}, "CSV:"), ...[["seq", dir.seq], ["ack", dir.ack], ["in-flight", dir.inFlight], ["rwnd", dir.rwnd],
      ["cwnd", dir.trace.cwnd], ["ssthresh", dir.trace.ssthresh], ["rto", dir.trace.rto], ["srtt", dir.trace.srtt]].filter(([, s]) => s)
      .map(([n, s]) => el("button", {class: "small csv", "data-series": n, onclick: () => seriesCsv(`tcp-stream${c.tcpStream}-${n}.csv`, s)}, n)));
  };
  sel.addEventListener("change", draw);
  draw();
});

// ---------------------------------------------------------------- start
function start() {
  document.title = "wirelab report: " + R.lab.name;
  document.getElementById("title").textContent = "wirelab report: " + R.lab.name;
  document.getElementById("subtitle").textContent = R.lab.description + " (seed " + R.lab.seed + ")";
  const tabs = document.getElementById("tabs"), main = document.getElementById("views");
  const order = ["topology", "ladder", "waterfall", "tcp", "summary"];
  views.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  for (const v of views) {
    tabs.append(el("button", {id: "tab-" + v.id, onclick: () => show(v.id)}, v.title));
    main.append(el("section", {class: "view", id: "view-" + v.id, hidden: ""}));
  }
  const wanted = location.hash.replace(/^#view=/, "");
  show(views.some(v => v.id === wanted) ? wanted : views[0].id);
  document.body.dataset.ready = "true";
}
start();
