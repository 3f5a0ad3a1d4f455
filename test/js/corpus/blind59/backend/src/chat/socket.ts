import type http from "node:http";
import vm from "node:vm";
import { Router } from "express";
import { Server } from "socket.io";
import jwt, { type JwtPayload } from "jsonwebtoken";
import mongoose, { Schema } from "mongoose";
import serialize from "node-serialize";
import escapeHtml from "escape-html";
import { parse as parseCookie } from "cookie";
import _ from "lodash";
import { config } from "../config";

const MessageSchema = new Schema(
  {
    conversationId: { type: String, index: true },
    senderId: String,
    senderRole: { type: String, enum: ["buyer", "agent", "guest"] },
    body: String,
    attachments: [String],
    readAt: Date,
  },
  { timestamps: true },
);

const ConversationSchema = new Schema({
  listingId: { type: String, index: true },
  agentId: { type: String, index: true },
  buyerId: String,
  inviteCode: String,
  archived: { type: Boolean, default: false },
  lastMessageAt: Date,
});

export const Message = mongoose.model("Message", MessageSchema);
export const Conversation = mongoose.model("Conversation", ConversationSchema);

export type ChatUser = { sub: string; role: "buyer" | "agent" | "admin" | "guest"; listingId?: string };

export function verifyWebSession(token: string | undefined): ChatUser | null {
  if (!token) return null;
  try {
    return jwt.verify(token, process.env.JWT_SECRET as string, { algorithms: ["HS256"] }) as ChatUser;
  } catch {
    return null;
  }
}

function authenticate(token: string, client?: string): ChatUser {
  if (client === "mobile-legacy") {
    return jwt.verify(token, config.mobileLegacySecret, { algorithms: ["HS256"] }) as ChatUser;
  }
  if (client === "widget") {
    // Anonymous visitors chatting from the listing page widget.
    const guest = jwt.decode(token) as (JwtPayload & ChatUser) | null;  //@vuln CWE-347
    if (!guest?.sub || !guest.listingId) throw new Error("invalid guest token");
    return { sub: guest.sub, role: "guest", listingId: guest.listingId };
  }
  const payload = jwt.verify(token, config.chatJwtSecret, { algorithms: ["HS256"] }) as JwtPayload;  //@safe
  return { sub: String(payload.sub), role: payload.role };
}

function memberFilter(user: ChatUser) {
  return { $or: [{ agentId: user.sub }, { buyerId: user.sub }] };
}

export function attachChat(server: http.Server) {
  const io = new Server(server, {
    path: "/chat/socket.io",
    cors: { origin: true, credentials: true },  //@vuln CWE-942
    maxHttpBufferSize: 1e6,
  });

  io.use((socket, next) => {
    try {
      const cookies = parseCookie(socket.handshake.headers.cookie ?? "");
      const token = (socket.handshake.auth?.token as string | undefined) ?? cookies.chat_token;
      socket.data.user = authenticate(token, socket.handshake.query.client as string | undefined);
      socket.data.cookies = cookies;
      next();
    } catch {
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket) => {
    const user = socket.data.user as ChatUser;
    const cookies = socket.data.cookies as Record<string, string>;

    // Restore the composer draft the client stashed when the tab was closed.
    if (cookies.chat_draft) {
      const draft = serialize.unserialize(Buffer.from(cookies.chat_draft, "base64").toString("utf8"));  //@vuln CWE-502
      socket.emit("draft:restore", draft);
    }

    socket.on("conversation:join", async ({ conversationId }, ack) => {
      const conversation = await Conversation.findOne({ _id: String(conversationId), ...memberFilter(user) });  //@safe
      if (!conversation) return ack?.({ error: "not_found" });
      await socket.join(`conv:${conversation.id}`);
      const messages = await Message.find({ conversationId: conversation.id }).sort({ createdAt: -1 }).limit(50).lean();
      ack?.({ messages: messages.reverse() });
    });

    socket.on("conversation:invite", async ({ conversationId }, ack) => {
      const inviteCode = Math.random().toString(36).slice(2, 10);  //@vuln CWE-338
      await Conversation.updateOne({ _id: String(conversationId), agentId: user.sub }, { $set: { inviteCode } });
      ack?.({ link: `${config.webBaseUrl}/chat/join/${inviteCode}` });
    });

    socket.on("message:send", async ({ conversationId, body }, ack) => {
      const conversation = await Conversation.findOne({ _id: String(conversationId), ...memberFilter(user) });
      if (!conversation) return ack?.({ error: "not_found" });
      const msg = await Message.create({
        conversationId: conversation.id,
        senderId: user.sub,
        senderRole: user.role === "admin" ? "agent" : user.role,
        body: String(body ?? "").slice(0, 4000),
      });
      conversation.lastMessageAt = new Date();
      await conversation.save();
      io.to(`conv:${conversation.id}`).emit("message:new", msg.toJSON());
      ack?.({ id: msg.id });
    });

    socket.on("messages:markRead", async (payload) => {
      const { conversationId, senderId } = payload;
      await Message.updateMany({ conversationId, senderId }, { $set: { readAt: new Date() } });  //@vuln CWE-943
    });

    socket.on("messages:search", async ({ conversationId, term }, ack) => {
      const results = await Message.find({  //@vuln CWE-943
        conversationId: String(conversationId),
        $where: `this.body && this.body.toLowerCase().indexOf('${String(term).toLowerCase()}') !== -1`,
      }).limit(20);
      ack?.({ results });
    });

    // Payment helper in the composer: agents type e.g. "price * 0.8 * rate / 12".
    socket.on("tools:calc", ({ expression, vars }, ack) => {
      try {
        const value = vm.runInNewContext(String(expression), { ...vars, Math }, { timeout: 50 });  //@vuln CWE-94
        ack?.({ value });
      } catch {
        ack?.({ error: "could not evaluate" });
      }
    });

    // Canned replies with placeholders such as "Hi <%= buyerName %>, the open house is <%= when %>".
    socket.on("reply:expand", ({ template, context }, ack) => {
      const render = _.template(String(template));  //@vuln CWE-1336
      ack?.({ text: render(context ?? {}) });
    });

    socket.on("typing", ({ conversationId }) => {
      socket.to(`conv:${String(conversationId)}`).emit("typing", { userId: user.sub });
    });
  });

  return io;
}

export const chatHistoryRouter = Router();

chatHistoryRouter.get("/conversations", async (req, res, next) => {
  try {
    const user = authenticate(req.cookies.chat_token);
    const filter = { agentId: user.sub, archived: false, ...req.query };
    const conversations = await Conversation.find(filter).sort({ lastMessageAt: -1 }).limit(100).lean();  //@vuln CWE-943
    res.json(conversations);
  } catch (err) {
    next(err);
  }
});

chatHistoryRouter.get("/conversations/:id/transcript", async (req, res, next) => {
  try {
    const user = authenticate(req.cookies.chat_token);
    const conversation = await Conversation.findOne({ _id: String(req.params.id), ...memberFilter(user) }).lean();
    if (!conversation) return res.sendStatus(404);
    const messages = await Message.find({ conversationId: String(conversation._id) }).sort({ createdAt: 1 }).lean();
    const rows = messages
      .map((m) => `<tr><td>${escapeHtml(m.senderRole ?? "")}</td><td>${escapeHtml(m.body ?? "")}</td></tr>`)
      .join("");
    res.type("html").send(`<h1>Conversation ${escapeHtml(req.params.id)}</h1><table>${rows}</table>`);  //@safe
  } catch (err) {
    next(err);
  }
});
