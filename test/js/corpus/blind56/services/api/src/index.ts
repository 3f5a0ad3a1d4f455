import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { logger } from "hono/logger";
import { secureHeaders } from "hono/secure-headers";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { config } from "./config";
import { connectMongo, closeAll } from "./db";
import { reservations } from "./routes/reservations";
import { rooms } from "./routes/rooms";
import { guests } from "./routes/guests";
import { staff } from "./routes/staff";
import { webhooks } from "./routes/webhooks";

const app = new Hono();

app.use("*", logger());
app.use("*", secureHeaders());

// First-party front ends
app.use(
  "/v1/*",
  cors({
    origin: [config.webOrigin, config.adminOrigin],  //@safe
    credentials: true,
    allowMethods: ["GET", "POST", "PATCH", "DELETE"],
    allowHeaders: ["content-type", "authorization", "x-guest-token"],
  }),
);

// Partner booking widgets are embedded on many hotel websites
app.use("/partner/*", cors({ origin: (origin) => origin, credentials: true }));  //@vuln CWE-942

app.get("/healthz", (c) => c.json({ ok: true }));

app.route("/v1/reservations", reservations);
app.route("/v1/rooms", rooms);
app.route("/v1/guests", guests);
app.route("/v1/staff", staff);
app.route("/partner/reservations", reservations);
app.route("/hooks", webhooks);

// Tracking redirect used in confirmation e-mails
app.get("/t/click", (c) => {
  const target = c.req.query("url") ?? config.webOrigin;
  console.info("email click", { campaign: c.req.query("c"), target });
  return c.redirect(target, 302);  //@vuln CWE-601
});

app.get("/v1/hotels/:slug/book", (c) => {
  const slug = encodeURIComponent(c.req.param("slug"));
  return c.redirect(`${config.webOrigin}/hotels/${slug}/book`, 302);  //@safe
});

app.onError((err, c) => {
  if (err instanceof HTTPException) return err.getResponse();
  if (err instanceof ZodError) return c.json({ error: "Invalid request", issues: err.issues }, 400);
  console.error(err);
  return c.json({ error: "Internal error" }, 500);
});

async function main() {
  await connectMongo();
  const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
    console.log(`harborline api listening on :${info.port}`);
  });
  const shutdown = async () => {
    server.close();
    await closeAll();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

void main();

export default app;
