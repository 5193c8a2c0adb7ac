// The phone remote: state pushed over a WebSocket, actions sent back on it (or by POST while
// it reconnects). No library, no network beyond the app that served this page.
"use strict";
(function () {
  const token = document.querySelector('meta[name="kiosk-token"]').content;
  const kind = document.querySelector('meta[name="kiosk-kind"]').content;
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let retry = 500;
  let clock = null; // {remaining, at, running}: the fishbowl's turn, counted down here
  let ticker = null;

  function setLink(on, text) {
    const link = $("link");
    link.textContent = text;
    link.className = "status " + (on ? "on" : "off");
    document.body.dataset.connected = on ? "yes" : "no";
  }

  function say(text) { $("said").textContent = text || ""; }

  function send(action) {
    say("");
    const body = JSON.stringify(action);
    if (socket && socket.readyState === WebSocket.OPEN) { socket.send(body); return; }
    fetch("/api/action", {
      method: "POST", body, cache: "no-store",
      headers: { "Content-Type": "application/json", "X-Kiosk-Token": token },
    }).then((r) => r.json()).then((reply) => { if (!reply.ok) say(reply.said); poll(); })
      .catch(() => say("Not sent: the app cannot be reached"));
  }

  function poll() {
    fetch("/api/state", { headers: { "X-Kiosk-Token": token }, cache: "no-store" })
      .then((r) => r.json()).then(render).catch(() => {});
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    socket = new WebSocket(`${scheme}//${location.host}/ws?t=${encodeURIComponent(token)}`);
    socket.onopen = () => { retry = 500; setLink(true, "Connected"); };
    socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      if (data.kind === "reply") { if (!data.ok || data.said) say(data.said); return; }
      render(data);
    };
    socket.onclose = () => {
      setLink(false, "Reconnecting…");
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 8000);
    };
  }

  function mmss(seconds) {
    const sign = seconds < 0 ? "−" : "";
    const whole = seconds < 0 ? Math.floor(-seconds) : Math.ceil(seconds);
    const m = Math.floor(whole / 60), s = whole % 60;
    return `${sign}${m}:${String(s).padStart(2, "0")}`;
  }

  function list(element, items) {
    element.replaceChildren(...items.map((text) => {
      const li = document.createElement("li"); li.textContent = text; return li;
    }));
  }

  function renderPresent(s) {
    $("present").hidden = false;
    $("title").textContent = "Presenter";
    const names = { home: "Home screen", overview: "Overview", quotes: "Quotes" };
    $("p-where").textContent = s.index === null ? (names[s.screen] || "") : `Poster ${s.index + 1} of ${s.count}`;
    $("p-title").textContent = s.title || names[s.screen] || "–";
    $("p-city").textContent = s.city || "";
    $("p-next").textContent = s.next_title || "the end";
    $("p-blackout").hidden = !s.blackout;
    $("p-blackout-button").textContent = s.blackout ? "Show the screen" : "Blackout";
    list($("p-notes"), s.notes.length ? s.notes : ["No notes for this screen."]);
    document.body.dataset.poster = s.index === null ? "" : String(s.index);
  }

  function showClock() {
    if (!clock || clock.remaining === null) { $("f-clock").textContent = "–:––"; return; }
    const left = clock.running ? clock.remaining - (performance.now() - clock.at) / 1000 : clock.remaining;
    $("f-clock").textContent = mmss(left);
  }

  function renderFishbowl(s) {
    $("fishbowl").hidden = false;
    $("title").textContent = "Fishbowl";
    const states = { setup: "not started", running: "running", paused: "paused", finished: "finished" };
    $("f-state").textContent = states[s.state] || s.state;
    clock = { remaining: s.turn_remaining, at: performance.now(), running: s.running };
    $("f-clock").className = "clock " + (s.turn_phase || "");
    showClock();
    clearInterval(ticker);
    if (s.running) ticker = setInterval(showClock, 250);
    $("f-session").textContent = s.session_remaining === null ? "–" : mmss(s.session_remaining);
    $("f-speaker").textContent = s.speaker || "nobody";
    $("f-next").textContent = s.next || "nobody";
    list($("f-queue"), s.queue.length ? s.queue : ["Nobody is waiting."]);
    $("f-message").hidden = !s.message;
    $("f-message").textContent = s.message || "";
    if (s.said) say(s.said);
    document.body.dataset.speaker = s.speaker || "";
  }

  function render(s) {
    if (s.kind === "present") renderPresent(s);
    else if (s.kind === "fishbowl") renderFishbowl(s);
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
    document.body.dataset.received = String(performance.timeOrigin + performance.now());
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-do]");
    if (button) send({ do: button.dataset.do });
  });
  function form(id, input, action, key) {
    $(id).addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $(input).value.trim();
      if (key === "text" && !value) { say("Type the message first"); return; }
      send({ do: action, [key]: value });
      $(input).value = "";
    });
  }
  form("f-queue-form", "f-name", "queue", "name");
  form("f-join-form", "f-join-name", "join", "name");
  form("f-message-form", "f-text", "message", "text");
  document.body.dataset.kind = kind;
  setLink(false, "Connecting…");
  connect();
})();
