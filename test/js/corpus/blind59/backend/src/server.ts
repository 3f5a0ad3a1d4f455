import http from "node:http";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import cors from "cors";
import helmet from "helmet";
import cookieParser from "cookie-parser";
import morgan from "morgan";
import jwt from "jsonwebtoken";
import { config, connectStores } from "./config";
import imagesRouter from "./routes/images";
import documentsRouter from "./routes/documents";
import { attachChat, chatHistoryRouter, verifyWebSession } from "./chat/socket";

const app = express();
app.set("trust proxy", 1);

app.use(helmet({ crossOriginResourcePolicy: { policy: "cross-origin" } }));
app.use(cors({  //@safe
  origin(origin, cb) {
    if (!origin || config.allowedOrigins.includes(origin)) return cb(null, true);
    cb(new Error(`Origin ${origin} not allowed`));
  },
  credentials: true,
}));
app.use(express.json({ limit: "2mb" }));
app.use(express.urlencoded({ extended: true }));
app.use(cookieParser());
app.use(morgan("combined"));
app.use("/public", express.static(path.join(__dirname, "..", "public"), { maxAge: "1h" }));

app.get("/healthz", (_req, res) => res.json({ ok: true, uptime: process.uptime() }));

app.use("/images", imagesRouter);
app.use("/documents", documentsRouter);
app.use("/chat", chatHistoryRouter);

// The agent inbox is served from this service; exchange the web session for a chat token.
app.post("/chat/session", (req, res) => {
  const user = verifyWebSession(req.cookies.session);
  if (!user) return res.status(401).json({ error: "unauthenticated" });
  const chatToken = jwt.sign({ sub: user.sub, role: user.role }, config.chatJwtSecret, {
    algorithm: "HS256",
    expiresIn: "12h",
  });
  res.cookie("chat_token", chatToken, { maxAge: 12 * 60 * 60 * 1000, sameSite: "lax" });  //@vuln CWE-614|CWE-1004
  res.json({ ok: true });
});

app.use((err: Error, req: Request, res: Response, _next: NextFunction) => {
  console.error(`[${req.method} ${req.originalUrl}]`, err);
  res.status(500).json({ error: "internal_error" });
});

const server = http.createServer(app);
attachChat(server);

connectStores()
  .then(() => {
    server.listen(config.port, () => console.log(`media/chat service listening on :${config.port}`));
  })
  .catch((err) => {
    console.error("failed to connect to data stores", err);
    process.exit(1);
  });
