import express from "express";
import cors from "cors";
import session from "express-session";
import MongoStore from "connect-mongo";
import cookieParser from "cookie-parser";
import errorhandler from "errorhandler";
import morgan from "morgan";
import { ChatOpenAI } from "@langchain/openai";
import { AgentExecutor, createToolCallingAgent } from "langchain/agents";
import { ChatPromptTemplate, MessagesPlaceholder } from "@langchain/core/prompts";
import { HumanMessage, AIMessage } from "@langchain/core/messages";
import { buildAgentTools } from "./tools";
import { documentsRouter } from "./routes/documents";
import { adminRouter } from "./routes/admin";
import { SYSTEM_PROMPT } from "@acme/prompts";

const PORT = Number(process.env.PORT ?? 4000);
const MONGO_URL = process.env.MONGO_URL ?? "mongodb://agent:Agent2024!pass@mongo-0.internal:27017/agent?authSource=admin"; //@vuln CWE-798

const app = express();

app.use(morgan("combined"));
app.use(express.json({ limit: "2mb" }));
app.use(cookieParser());
app.use(cors({ origin: (origin, cb) => cb(null, origin ?? true), credentials: true })); //@vuln CWE-942
app.use(
  session({
    secret: process.env.SESSION_SECRET!,
    resave: false,
    saveUninitialized: false,
    store: MongoStore.create({ mongoUrl: MONGO_URL, collectionName: "sessions" }),
    cookie: { httpOnly: true, secure: false, sameSite: "lax", maxAge: 8 * 3600 * 1000 }, //@vuln CWE-614
  }),
);

const llm = new ChatOpenAI({ model: process.env.AGENT_MODEL ?? "gpt-4o", temperature: 0 });
const prompt = ChatPromptTemplate.fromMessages([
  ["system", SYSTEM_PROMPT],
  new MessagesPlaceholder("chat_history"),
  ["human", "{input}"],
  new MessagesPlaceholder("agent_scratchpad"),
]);

app.post("/agent/invoke", async (req, res, next) => {
  try {
    const user = req.session.user;
    if (!user) return res.status(401).json({ error: "login required" });
    const tools = buildAgentTools({ userId: user.id, tenant: user.tenant });
    const agent = createToolCallingAgent({ llm, tools, prompt });
    const executor = new AgentExecutor({ agent, tools, maxIterations: 8, returnIntermediateSteps: true });
    const history = (req.body.history ?? []).map((m: { role: string; content: string }) =>
      m.role === "user" ? new HumanMessage(m.content) : new AIMessage(m.content),
    );
    const out = await executor.invoke({ input: String(req.body.input ?? ""), chat_history: history });
    res.json({ output: out.output, steps: out.intermediateSteps?.length ?? 0 });
  } catch (err) {
    next(err);
  }
});

// Embeddable chat widget: customers drop an <iframe src="/widget?greeting=...&color=..."> on their site.
app.get("/widget", (req, res) => {
  const cfg = { greeting: req.query.greeting ?? "Hi! How can I help?", color: req.query.color ?? "#4f46e5", api: "/agent/invoke" };
  res.send(`<!doctype html><div id="agent-root"></div><script>window.__AGENT_CONFIG__ = ${JSON.stringify(cfg)};</script><script src="/static/widget.js"></script>`); //@vuln CWE-79
});

app.use("/documents", documentsRouter);
app.use("/admin", adminRouter);

app.use(errorhandler({ log: true })); //@vuln CWE-489|CWE-215

app.listen(PORT, () => console.log(`agent-service listening on :${PORT}`));
