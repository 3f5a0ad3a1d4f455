import Fastify from "fastify";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import webhookRoutes from "./routes/webhooks";
import adminRoutes from "./routes/admin";

if (process.env.INTERNAL_CA_MISSING === "1") {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; //@vuln CWE-295
}

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? "info" } });

app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
  try {
    (req as { rawBody?: string }).rawBody = body as string;
    done(null, JSON.parse(body as string));
  } catch (err) {
    done(err as Error, undefined);
  }
});

app.register(cookie);
app.register(formbody);
app.register(webhookRoutes, { prefix: "/hooks" });
app.register(adminRoutes, { prefix: "/admin" });

app.listen({ port: Number(process.env.PORT ?? 8080), host: "0.0.0.0" }).catch((err) => {
  app.log.error(err);
  process.exit(1);
});
