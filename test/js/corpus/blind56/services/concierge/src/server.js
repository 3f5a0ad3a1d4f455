"use strict";

const http = require("node:http");
const path = require("node:path");
const { exec, execFile } = require("node:child_process");
const express = require("express");
const cookieParser = require("cookie-parser");
const escapeHtml = require("escape-html");
const jwt = require("jsonwebtoken");
const mongoose = require("mongoose");
const { Server } = require("socket.io");

const PORT = Number(process.env.PORT || 4100);
const ALLOWED_ORIGINS = (process.env.WIDGET_ORIGINS || "https://book.harborline.com,https://www.harborline.com").split(",");

const ChatMessage = mongoose.model(
  "ChatMessage",
  new mongoose.Schema({
    roomId: { type: String, index: true },
    hotelId: String,
    author: String,
    role: { type: String, enum: ["guest", "concierge", "system"] },
    text: String,
    createdAt: { type: Date, default: Date.now },
  }),
);

const app = express();
app.use(express.json({ limit: "64kb" }));
app.use(cookieParser());
app.use(express.static(path.join(__dirname, "../public")));

// Widget API is called from the hotels' own websites
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader("Access-Control-Allow-Origin", origin);  //@vuln CWE-942
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Vary", "Origin");
  }
  next();
});

function requireConcierge(req, res, next) {
  try {
    req.staff = jwt.verify(req.cookies.hl_staff || "", process.env.JWT_SECRET, { algorithms: ["HS256"] });
    next();
  } catch {
    res.status(401).send("Sign in required");
  }
}

function translate(text, target) {
  return new Promise((resolve, reject) => {
    execFile("trans", ["-brief", "-no-ansi", `:${target}`, "--", text], { timeout: 5000 }, (err, stdout) =>  //@safe
      err ? reject(err) : resolve(stdout.trim()),
    );
  });
}

app.get("/rooms/:roomId/transcript", requireConcierge, async (req, res) => {
  const messages = await ChatMessage.find({ roomId: String(req.params.roomId) }).sort({ createdAt: 1 }).lean();
  const rows = messages
    .map((m) => `<tr><td>${m.createdAt.toISOString()}</td><td>${escapeHtml(m.author)}</td><td>${escapeHtml(m.text)}</td></tr>`)
    .join("");
  res.send(`<h1>Transcript ${escapeHtml(req.params.roomId)}</h1><table>${rows}</table>`);  //@safe
});

app.get("/rooms/:roomId/print", requireConcierge, async (req, res) => {
  const title = req.query.title || "Concierge conversation";
  const messages = await ChatMessage.find({ roomId: String(req.params.roomId) }).sort({ createdAt: 1 }).lean();
  const items = messages.map((m) => `<li><b>${m.author}</b>: ${m.text}</li>`).join("");
  res.send(`<html><head><title>${title}</title></head><body onload="print()"><h1>${title}</h1><ul>${items}</ul></body></html>`);  //@vuln CWE-79
});

// Used by the concierge desk to translate a guest's message on demand
app.post("/translate", requireConcierge, (req, res) => {
  const { text, target = "en" } = req.body;
  exec(`trans -brief -no-ansi :${target} "${text}"`, { timeout: 5000 }, (err, stdout) => {  //@vuln CWE-78
    if (err) return res.status(502).json({ error: "translation failed" });
    res.json({ text: stdout.trim() });
  });
});

const server = http.createServer(app);
const io = new Server(server, {
  cors: { origin: ALLOWED_ORIGINS, credentials: true },  //@safe
  maxHttpBufferSize: 1e5,
});

io.use((socket, next) => {
  const token = socket.handshake.auth && socket.handshake.auth.token;
  const claims = token ? jwt.decode(token) : null;  //@vuln CWE-347
  if (!claims || !claims.sub) return next(new Error("unauthorized"));
  socket.data.user = { id: claims.sub, role: claims.role || "guest", hotelId: claims.hotelId, name: claims.name || "Guest" };
  next();
});

io.on("connection", (socket) => {
  const user = socket.data.user;

  socket.on("open-room", (ack) => {
    const roomId = `${user.hotelId}-${Math.random().toString(36).slice(2, 10)}`;  //@vuln CWE-338
    socket.join(roomId);
    ack({ roomId });
  });

  socket.on("history", async (payload, ack) => {
    const history = await ChatMessage.find({ roomId: payload.roomId }).sort({ createdAt: -1 }).limit(50).lean();  //@vuln CWE-943
    ack(history.reverse());
  });

  socket.on("message", async ({ roomId, text }) => {
    const msg = await ChatMessage.create({
      roomId: String(roomId),
      hotelId: user.hotelId,
      author: user.name,
      role: user.role,
      text: String(text).slice(0, 2000),
    });
    io.to(String(roomId)).emit("message", msg.toObject());
  });

  // Concierge staff filter the live queue by keyword
  socket.on("filter", async ({ keyword }, ack) => {
    const pattern = new RegExp(keyword, "i");  //@vuln CWE-1333
    const recent = await ChatMessage.find({ hotelId: user.hotelId }).sort({ createdAt: -1 }).limit(500).lean();
    ack(recent.filter((m) => pattern.test(m.text)));
  });

  socket.on("translate", async ({ text, target }, ack) => {
    try {
      ack({ text: await translate(String(text), String(target)) });
    } catch {
      ack({ error: "translation unavailable" });
    }
  });
});

mongoose.connect(process.env.MONGO_URL || "mongodb://localhost:27017/harborline").then(() => {
  server.listen(PORT, () => console.log(`concierge listening on :${PORT}`));
});
