/*
 * OmniDesk live chat widget. No dependencies, no build step.
 *
 * On a company's page, one tag embeds it:
 *   <script src="https://support.example.com/widget/chat.js" async></script>
 * (optional: data-lang="de", data-label="Fragen?"). It adds a launcher button and a
 * frame with the gateway's chat page; the conversation lives in that frame, on the
 * gateway's own origin, so the host page never sees the visitor's token.
 *
 * On the gateway's chat page (<html data-omnidesk="chat">) the same file runs the chat.
 * Protocol: omnidesk/gateway/chat_protocol.py. Every message gets an id here and stays
 * "pending" (kept in localStorage) until the gateway returns it with its sequence
 * number; after a reconnect pending messages are sent again and the gateway stores
 * each id once. Entries carry sequence numbers; the page asks for what comes after
 * the last one it shows, so nothing is lost and nothing appears twice.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (document.documentElement.getAttribute("data-omnidesk") === "chat") {
    runChat();
  } else if (script && !window.__omnideskChatEmbedded) {
    window.__omnideskChatEmbedded = true;
    embed(script);
  }

  // --- embedding on a host page ---------------------------------------------------------

  function embed(tag) {
    var origin = new URL(tag.src, location.href).origin;
    var lang = tag.getAttribute("data-lang") || "";
    var german = (lang || navigator.language || "").toLowerCase().indexOf("de") === 0;
    var label = tag.getAttribute("data-label") || (german ? "Chat mit uns" : "Chat with us");
    var activeKey = "omnidesk.chat.active:" + origin;
    var open = false;
    var unread = 0;

    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "omnidesk-chat-frame");
    setStyle(button, {
      position: "fixed", right: "20px", bottom: "20px", zIndex: "2147483000",
      background: "#0b5cad", color: "#fff", border: "0", borderRadius: "999px",
      padding: "12px 20px", font: "600 16px system-ui, sans-serif", cursor: "pointer",
      boxShadow: "0 4px 14px rgba(0,0,0,.25)"
    });

    var frame = document.createElement("iframe");
    frame.id = "omnidesk-chat-frame";
    frame.title = label;
    setStyle(frame, {
      position: "fixed", right: "20px", bottom: "80px", zIndex: "2147483000",
      width: "min(380px, calc(100vw - 40px))", height: "min(600px, calc(100vh - 110px))",
      border: "0", borderRadius: "12px", boxShadow: "0 8px 30px rgba(0,0,0,.3)",
      background: "#fff", display: "none"
    });
    var src = origin + "/chat?embed=1" + (lang ? "&lang=" + encodeURIComponent(lang) : "");

    function load() {
      if (!frame.src) frame.src = src;
    }
    function show(value) {
      open = value;
      load();
      frame.style.display = open ? "block" : "none";
      button.setAttribute("aria-expanded", String(open));
      if (open) {
        unread = 0;
        button.textContent = label;
        frame.focus();
        post({ type: "shown" });
      } else {
        button.focus();
      }
    }
    function post(message) {
      if (frame.contentWindow) frame.contentWindow.postMessage(message, origin);
    }
    button.addEventListener("click", function () { show(!open); });
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || !event.data || event.data.omnidesk !== "chat") return;
      if (event.data.type === "close") show(false);
      if (event.data.type === "active") {
        try { localStorage.setItem(activeKey, event.data.active ? "1" : ""); } catch (e) { /* private mode */ }
      }
      if (event.data.type === "unread" && !open) {
        unread += 1;
        button.textContent = label + " (" + unread + ")";
      }
    });
    document.body.appendChild(frame);
    document.body.appendChild(button);
    // A visitor with an open conversation gets agents' replies (and a badge) right away.
    try { if (localStorage.getItem(activeKey)) load(); } catch (e) { /* private mode */ }
  }

  function setStyle(element, styles) {
    Object.keys(styles).forEach(function (key) { element.style[key] = styles[key]; });
  }

  // --- the chat page --------------------------------------------------------------------

  function runChat() {
    var S = JSON.parse(document.getElementById("omnidesk-strings").textContent);
    var html = document.documentElement;
    var lang = html.lang || "en";
    var embedded = html.classList.contains("embedded");
    var STORE = "omnidesk.chat.v1";
    var $ = function (id) { return document.getElementById(id); };
    var el = {
      status: $("chat-status"), caseLine: $("chat-case"), presence: $("presence"),
      messages: $("messages"), typing: $("typing"), error: $("error"),
      startForm: $("start-form"), startName: $("start-name"), startEmail: $("start-email"),
      startText: $("start-text"), sendForm: $("send-form"), sendText: $("send-text"),
      emailForm: $("email-form"), emailInput: $("email-input"), ended: $("ended"),
      tools: $("tools"), close: $("close")
    };
    var state = {
      saved: load(),          // {token, confirmed, pending: [{client_id, text, start}]}
      conversation: null,
      lastSeq: 0,
      seenSent: 0,
      socket: null,
      attempt: 0,
      reconnectAfter: 0,
      connected: false,
      stopped: false,
      agentsOnline: false,
      typingSent: 0,
      typingTimer: 0,
      unseenReply: false
    };

    function t(key, values) {
      var text = S[key] || key;
      return text.replace(/\{(\w+)\}/g, function (match, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
      });
    }
    function label() {
      $("start-name-label").textContent = t("chat.name");
      $("start-text-label").textContent = t("chat.message");
      $("start-text-hint").textContent = t("chat.message_hint");
      $("start-email-hint").textContent = t("chat.email_hint");
      $("send-text-label").textContent = t("chat.message");
      $("send-text-hint").textContent = t("chat.message_hint");
      $("send-button").textContent = t("chat.send");
      el.sendText.placeholder = t("chat.placeholder");
      $("email-label").textContent = t("chat.email_form_label");
      $("email-button").textContent = t("chat.email_save");
      $("new-chat").textContent = t("chat.new_chat");
      $("download-html").textContent = t("chat.download_html");
      $("download-text").textContent = t("chat.download_text");
      $("print").textContent = t("chat.print");
      $("email-transcript").textContent = t("chat.email_transcript");
      $("end-chat").textContent = t("chat.end");
      el.close.textContent = "×";
      el.close.setAttribute("aria-label", t("chat.close"));
      el.close.hidden = !embedded;
    }

    // -- storage: the token and unsent messages survive reloads ----------------------------

    function load() {
      try {
        var data = JSON.parse(localStorage.getItem(STORE) || "null");
        if (data && typeof data === "object") {
          return { token: data.token || null, confirmed: !!data.confirmed, pending: data.pending || [] };
        }
      } catch (e) { /* unreadable or blocked storage: start afresh */ }
      return { token: null, confirmed: false, pending: [] };
    }
    function save() {
      try { localStorage.setItem(STORE, JSON.stringify(state.saved)); } catch (e) { /* private mode */ }
      tellParent({ type: "active", active: !!state.saved.confirmed });
    }
    function randomId(bytes) {
      var data = new Uint8Array(bytes);
      crypto.getRandomValues(data);
      var text = "";
      for (var i = 0; i < data.length; i++) text += String.fromCharCode(data[i]);
      return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    }

    // -- connection ------------------------------------------------------------------------

    function connect() {
      if (state.stopped) return;
      setStatus(state.attempt ? t("chat.reconnecting") : t("chat.connecting"));
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      var socket = new WebSocket(scheme + location.host + "/chat/ws?lang=" + encodeURIComponent(lang));
      state.socket = socket;
      socket.onopen = function () {
        var token = state.saved.confirmed ? state.saved.token : null;
        socket.send(JSON.stringify({ type: "hello", token: token, after: state.lastSeq }));
      };
      socket.onmessage = function (event) {
        var message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        handle(message);
      };
      socket.onclose = function (event) {
        state.socket = null;
        state.connected = false;
        if (event.code === 4401) {
          // The gateway does not know this chat (any more): begin a new one.
          forget();
        } else if (event.code === 1008) {
          state.stopped = true;
          setStatus(t("chat.error.flood"));
          return;
        }
        var delay = state.reconnectAfter || Math.min(500 * Math.pow(2, state.attempt), 10000);
        state.reconnectAfter = 0;
        state.attempt += 1;
        setStatus(t("chat.reconnecting"));
        setTimeout(connect, delay + Math.random() * 300);
      };
    }

    function send(payload) {
      if (state.socket && state.connected) {
        state.socket.send(JSON.stringify(payload));
        return true;
      }
      return false;
    }

    function handle(message) {
      switch (message.type) {
        case "welcome":
          state.connected = true;
          state.attempt = 0;
          state.agentsOnline = !!message.agents_online;
          state.limit = (message.limits && message.limits.chars) || 4000;
          setStatus(t("chat.connected"));
          if (message.conversation) adopt(message.conversation);
          render();
          flush();
          break;
        case "started":
          state.saved.confirmed = true;
          save();
          adopt(message.conversation);
          render();
          flush();
          break;
        case "entry":
          addEntry(message);
          break;
        case "agents":
          state.agentsOnline = !!message.online;
          render();
          break;
        case "typing":
          el.typing.textContent = message.active ? t("chat.agent_typing", { name: message.name }) : "";
          break;
        case "email_set":
          if (state.conversation) state.conversation.email = message.email;
          render();
          break;
        case "ended":
          if (state.conversation) state.conversation.state = "ended";
          render();
          break;
        case "error":
          onError(message);
          break;
        case "reconnect":
          state.reconnectAfter = message.after_ms || 1000;
          break;
        default:
          break;
      }
    }

    function adopt(conversation) {
      state.conversation = conversation;
      el.caseLine.textContent = t("chat.case", { case: conversation.case });
      el.caseLine.hidden = false;
    }

    function forget() {
      state.saved = { token: null, confirmed: false, pending: [] };
      state.conversation = null;
      state.lastSeq = 0;
      state.seenSent = 0;
      el.messages.textContent = "";
      el.caseLine.hidden = true;
      save();
    }

    // -- sending, with resend until the gateway returns the message ------------------------

    function flush() {
      state.saved.pending.forEach(function (item) {
        if (item.start && !state.conversation) {
          send({ type: "start", token: state.saved.token, client_id: item.client_id, text: item.text,
                 name: item.name || "", email: item.email || "" });
        } else if (!item.start && state.conversation) {
          send({ type: "send", client_id: item.client_id, text: item.text });
        }
      });
    }

    function submit(text, start) {
      var item = { client_id: randomId(16), text: text };
      if (start) {
        if (!state.saved.token) state.saved.token = randomId(32);
        item.start = true;
        item.name = el.startName.value.trim();
        item.email = el.startEmail.value.trim();
      }
      state.saved.pending.push(item);
      save();
      showPending(item);
      flush();
    }

    function settle(clientId) {
      state.saved.pending = state.saved.pending.filter(function (item) { return item.client_id !== clientId; });
      save();
      var bubble = document.querySelector('[data-client-id="' + cssEscape(clientId) + '"]');
      if (bubble && bubble.classList.contains("pending")) bubble.parentNode.removeChild(bubble);
    }

    function onError(message) {
      var refused = ["too_long", "empty", "email_invalid", "email_required", "name_too_long", "already_started", "ended"];
      if (message.client_id && refused.indexOf(message.code) >= 0) {
        // The gateway will never take this one: give the text back to the visitor.
        var item = state.saved.pending.filter(function (p) { return p.client_id === message.client_id; })[0];
        settle(message.client_id);
        if (item) (item.start ? el.startText : el.sendText).value = item.text;
        if (message.code === "email_invalid" || message.code === "email_required") el.startEmail.focus();
      } else if (message.client_id && message.code === "slow_down") {
        setTimeout(flush, Math.max(1000, (message.retry_after || 1) * 1000));
      }
      showError(message.message || t("chat.error." + message.code));
    }

    // -- showing the conversation ----------------------------------------------------------

    function addEntry(entry) {
      if (entry.client_id) settle(entry.client_id);
      if (entry.seq <= state.lastSeq) return;  // shown already (a resend after reconnect)
      state.lastSeq = entry.seq;
      el.messages.appendChild(bubble(entry.from === "agent" ? "agent" : "visitor", entry.author, entry.text, entry.at, entry.channel));
      el.messages.scrollTop = el.messages.scrollHeight;
      if (entry.from === "agent") {
        state.unseenReply = true;
        el.typing.textContent = "";
        if (document.visibilityState !== "visible") tellParent({ type: "unread" });
      }
      acknowledge();
    }

    function showPending(item) {
      var node = bubble("visitor", null, item.text, null, "chat");
      node.classList.add("pending");
      node.setAttribute("data-client-id", item.client_id);
      el.messages.appendChild(node);
      el.messages.scrollTop = el.messages.scrollHeight;
    }

    function bubble(side, author, text, at, channel) {
      var li = document.createElement("li");
      li.className = "msg " + side;
      var meta = document.createElement("span");
      meta.className = "meta";
      var who = side === "agent" ? (author || t("chat.team")) : t("chat.you");
      var parts = [who];
      if (!at) parts.push(t("chat.sending"));
      if (channel && channel !== "chat") parts.push(t("chat.by_email"));
      meta.textContent = parts.join(" · ");
      if (at) {
        var moment = new Date(at);
        var time = document.createElement("time");
        time.dateTime = at;
        time.title = moment.toLocaleString(lang);
        time.textContent = " · " + moment.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
        var day = document.createElement("span");
        day.className = "print-only";
        day.textContent = ", " + moment.toLocaleDateString(lang);
        time.appendChild(day);
        meta.appendChild(time);
      }
      li.appendChild(meta);
      li.appendChild(document.createTextNode(text));
      return li;
    }

    function acknowledge() {
      // "Seen" only counts on a visible page: a hidden tab's replies go out by email later.
      // Only replies need it: the visitor's own messages were seen as they were written.
      if (document.visibilityState === "visible" && state.unseenReply && state.conversation) {
        if (send({ type: "seen", seq: state.lastSeq })) {
          state.seenSent = state.lastSeq;
          state.unseenReply = false;
        }
      }
    }

    function render() {
      var conversation = state.conversation;
      var ended = !!conversation && conversation.state === "ended";
      var waiting = state.saved.pending.some(function (item) { return item.start; });
      // Before the first message: who is there. After it, with nobody online: what happens next.
      var received = !!conversation && !ended && !state.agentsOnline;
      el.presence.hidden = !received && (!!conversation || waiting);
      el.presence.textContent = received
        ? t("chat.offline_received", { case: conversation.case, email: conversation.email || "" })
        : state.agentsOnline ? t("chat.online") : t("chat.offline");
      el.startForm.hidden = !!conversation || waiting || !state.connected;
      $("start-email-label").textContent = state.agentsOnline ? t("chat.email") : t("chat.email_required");
      el.startEmail.required = !state.agentsOnline;
      $("start-button").textContent = state.agentsOnline ? t("chat.start") : t("chat.leave_message");
      el.sendForm.hidden = ended || !(conversation || waiting);
      el.emailForm.hidden = !conversation || ended || !!conversation.email;
      el.ended.hidden = !ended;
      $("ended-text").textContent = t("chat.ended");
      el.tools.hidden = !conversation;
      $("end-chat").hidden = ended;
    }

    function setStatus(text) { el.status.textContent = text; }

    function showError(text) {
      el.error.textContent = text;
      el.error.hidden = !text;
      clearTimeout(state.errorTimer);
      if (text) state.errorTimer = setTimeout(function () { el.error.hidden = true; }, 12000);
    }

    function tellParent(message) {
      if (embedded && window.parent !== window) {
        message.omnidesk = "chat";
        window.parent.postMessage(message, "*");  // carries no secrets
      }
    }

    function cssEscape(text) { return text.replace(/["\\]/g, "\\$&"); }

    // -- transcripts -----------------------------------------------------------------------

    function transcriptRequest(path, extra) {
      var body = { token: state.saved.token, lang: lang, zone: Intl.DateTimeFormat().resolvedOptions().timeZone };
      Object.keys(extra || {}).forEach(function (key) { body[key] = extra[key]; });
      return fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    }

    function download(format) {
      transcriptRequest("/chat/transcript", { format: format }).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.blob();
      }).then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "chat-" + state.conversation.case + (format === "text" ? ".txt" : ".html");
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      }).catch(function () { showError(t("chat.transcript_failed")); });
    }

    function emailTranscript() {
      if (!state.conversation.email) {
        el.emailForm.hidden = false;
        el.emailInput.focus();
        return;
      }
      transcriptRequest("/chat/transcript/email").then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) throw new Error(String(response.status));
          showNotice(t("chat.transcript_sent", { email: data.sent_to }));
        });
      }).catch(function () { showError(t("chat.transcript_failed")); });
    }

    function showNotice(text) {
      el.typing.textContent = text;
    }

    // -- wiring ----------------------------------------------------------------------------

    function keySends(textarea, form) {
      textarea.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
        }
      });
    }

    el.startForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = el.startText.value.trim();
      if (!text) { showError(t("chat.error.empty")); el.startText.focus(); return; }
      if (!state.agentsOnline && !el.startEmail.value.trim()) {
        showError(t("chat.error.email_required"));
        el.startEmail.focus();
        return;
      }
      if (text.length > (state.limit || 4000)) { showError(t("chat.error.too_long", { max: state.limit })); return; }
      el.startText.value = "";
      showError("");
      submit(text, true);
      render();
      el.sendText.focus();
    });
    el.sendForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = el.sendText.value.trim();
      if (!text) return;
      if (text.length > (state.limit || 4000)) { showError(t("chat.error.too_long", { max: state.limit })); return; }
      el.sendText.value = "";
      showError("");
      send({ type: "typing", active: false });
      submit(text, false);
    });
    el.emailForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var email = el.emailInput.value.trim();
      if (!email) return;
      if (send({ type: "email", email: email })) showNotice(t("chat.email_saved", { email: email }));
    });
    el.sendText.addEventListener("input", function () {
      var now = Date.now();
      if (now - state.typingSent > 3000) {
        state.typingSent = now;
        send({ type: "typing", active: true });
      }
      clearTimeout(state.typingTimer);
      state.typingTimer = setTimeout(function () { send({ type: "typing", active: false }); state.typingSent = 0; }, 5000);
    });
    keySends(el.startText, el.startForm);
    keySends(el.sendText, el.sendForm);
    $("download-html").addEventListener("click", function () { download("html"); });
    $("download-text").addEventListener("click", function () { download("text"); });
    $("print").addEventListener("click", function () { window.print(); });
    window.addEventListener("beforeprint", function () {
      $("printed").textContent = t("chat.printed", { date: new Date().toLocaleString(lang) });
    });
    $("email-transcript").addEventListener("click", emailTranscript);
    $("end-chat").addEventListener("click", function () {
      if (window.confirm(t("chat.end_confirm"))) send({ type: "end" });
    });
    $("new-chat").addEventListener("click", function () { forget(); render(); el.startText.focus(); });
    el.close.addEventListener("click", function () { tellParent({ type: "close" }); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") tellParent({ type: "close" });
    });
    document.addEventListener("visibilitychange", function () {
      send({ type: "visible", visible: document.visibilityState === "visible" });
      acknowledge();
    });
    window.addEventListener("message", function (event) {
      if (event.source === window.parent && event.data && event.data.type === "shown") {
        (el.sendForm.hidden ? el.startText : el.sendText).focus();
        acknowledge();
      }
    });

    label();
    state.saved.pending.forEach(showPending);
    render();
    connect();
  }
})();
