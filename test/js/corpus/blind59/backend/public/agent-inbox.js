/* global io, DOMPurify */
(function () {
  "use strict";

  const params = new URLSearchParams(window.location.search);
  const conversationId = params.get("c");
  const listEl = document.getElementById("messages");
  const headerEl = document.getElementById("conversation-title");
  const form = document.getElementById("composer");
  const input = form.querySelector("textarea");

  const socket = io({ path: "/chat/socket.io", withCredentials: true });

  function renderMessage(msg) {
    const li = document.createElement("li");
    li.className = "msg msg--" + (msg.senderRole === "agent" ? "out" : "in");
    li.dataset.id = msg._id;
    const body = document.createElement("p");
    body.textContent = msg.body;  //@safe
    const time = document.createElement("time");
    time.textContent = new Date(msg.createdAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    li.append(body, time);
    listEl.appendChild(li);
    listEl.scrollTop = listEl.scrollHeight;
  }

  function renderListingCard(card) {
    const el = document.createElement("div");
    el.className = "listing-card";
    el.innerHTML = DOMPurify.sanitize(card.html, { ALLOWED_TAGS: ["b", "i", "strong", "em", "p", "br", "ul", "li"] });  //@safe
    listEl.appendChild(el);
  }

  window.highlightMessage = function (id) {
    const el = listEl.querySelector('[data-id="' + CSS.escape(id) + '"]');
    if (el) {
      el.classList.add("msg--highlight");
      el.scrollIntoView({ block: "center" });
    }
  };

  const listingTitle = params.get("title") || "listing";
  headerEl.innerHTML = `Chat about <a href="/listings/${params.get("listing")}">${listingTitle}</a>`;  //@vuln CWE-79

  socket.on("connect", () => {
    socket.emit("conversation:join", { conversationId }, (res) => {
      if (res.error) {
        headerEl.textContent = "Conversation not found";
        return;
      }
      listEl.replaceChildren();
      res.messages.forEach(renderMessage);
      const jumpTo = params.get("m");
      if (jumpTo) {
        setTimeout("highlightMessage('" + jumpTo + "')", 250);  //@vuln CWE-95
      }
    });
  });

  socket.on("message:new", renderMessage);
  socket.on("listing:card", renderListingCard);
  socket.on("draft:restore", (draft) => {
    if (draft && typeof draft.text === "string") input.value = draft.text;
  });

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    socket.emit("message:send", { conversationId, body: text }, () => {
      input.value = "";
    });
  });

  document.getElementById("print-transcript").addEventListener("click", () => {
    const win = window.open("", "_blank");
    win.document.write(  //@vuln CWE-79
      "<html><head><title>Transcript - " + listingTitle + "</title></head><body>" + listEl.innerHTML + "</body></html>",
    );
    win.document.close();
    win.print();
  });
})();
