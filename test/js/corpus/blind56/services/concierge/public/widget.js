/* Harborline concierge chat widget. Loaded with:
 *   <script src="https://concierge.harborline.com/widget.js" data-hotel="..." async></script>
 */
/* global io, DOMPurify */
(function () {
  "use strict";

  const script = document.currentScript;
  const hotelId = script.dataset.hotel;
  const SOCKET_URL = script.dataset.endpoint || "https://concierge.harborline.com";
  const params = new URLSearchParams(window.location.search);

  const root = document.createElement("section");
  root.className = "hl-concierge";
  root.innerHTML =
    '<header><span class="hl-title">Concierge</span><button type="button" class="hl-close">×</button></header>' +
    '<ul class="hl-log"></ul>' +
    '<form class="hl-form"><input name="text" autocomplete="off" placeholder="Ask us anything" /><button>Send</button></form>';
  document.body.appendChild(root);

  const log = root.querySelector(".hl-log");
  const title = root.querySelector(".hl-title");
  const form = root.querySelector(".hl-form");
  let roomId = sessionStorage.getItem("hl_room");

  // Booking pages can personalise the header, e.g. ?greeting=Welcome back, Ana
  const greeting = params.get("greeting");
  if (greeting) {
    title.innerHTML = greeting;  //@vuln CWE-79
  }

  function renderMessage(msg) {
    const time = new Date(msg.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    log.insertAdjacentHTML("beforeend", `<li class="hl-${msg.role}"><b>${msg.author}</b> <time>${time}</time><p>${msg.text}</p></li>`);  //@vuln CWE-79
    log.scrollTop = log.scrollHeight;
  }

  function renderSystemNote(note) {
    const li = document.createElement("li");
    li.className = "hl-system";
    li.innerHTML = DOMPurify.sanitize(note, { ALLOWED_TAGS: ["b", "i", "a"], ALLOWED_ATTR: ["href"] });  //@safe
    log.appendChild(li);
  }

  // The host page tells us who the guest is and where to send them afterwards
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.type !== "hl:context") return;
    if (data.banner) {
      root.insertAdjacentHTML("afterbegin", `<div class="hl-banner">${data.banner}</div>`);  //@vuln CWE-79
    }
    if (data.returnUrl) {
      root.dataset.returnUrl = data.returnUrl;
    }
  });

  root.querySelector(".hl-close").addEventListener("click", () => {
    const back = root.dataset.returnUrl || params.get("return");
    if (back) {
      window.location.href = back;  //@vuln CWE-601
    } else {
      root.hidden = true;
    }
  });

  function openPrintView() {
    const win = window.open("", "_blank", "width=640,height=800");
    win.document.write("<title>Conversation</title><h1>" + (params.get("hotelName") || "Your stay") + "</h1>");  //@vuln CWE-79
    win.document.write(`<ul>${log.innerHTML}</ul>`);
    win.document.close();
    win.print();
  }

  function loadWidgetConfig() {
    fetch(`${SOCKET_URL}/hotels/${encodeURIComponent(hotelId)}/widget-config`, { credentials: "include" })
      .then((res) => res.json())
      .then((cfg) => {
        if (cfg.accentColor) root.style.setProperty("--hl-accent", cfg.accentColor);
        const onReady = params.get("hlReady");
        if (onReady) {
          setTimeout(onReady + "(" + JSON.stringify(cfg) + ")", 0);  //@vuln CWE-95
        }
      });
  }

  const socket = io(SOCKET_URL, { auth: { token: params.get("hlToken") || localStorage.getItem("hl_token") }, withCredentials: true });

  socket.on("connect", () => {
    if (roomId) {
      socket.emit("history", { roomId }, (messages) => messages.forEach(renderMessage));
    } else {
      socket.emit("open-room", ({ roomId: created }) => {
        roomId = created;
        sessionStorage.setItem("hl_room", roomId);
      });
    }
  });
  socket.on("message", renderMessage);
  socket.on("system", renderSystemNote);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const input = form.elements.namedItem("text");
    if (!input.value.trim() || !roomId) return;
    socket.emit("message", { roomId, text: input.value });
    input.value = "";
  });

  root.addEventListener("dblclick", (event) => {
    if (event.target === title) openPrintView();
  });

  loadWidgetConfig();
})();
