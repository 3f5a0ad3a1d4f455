import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import cors from "@koa/cors";
import helmet from "koa-helmet";
import { config, isProduction } from "./config";
import { guestReviewer } from "./auth";
import { closeConnections } from "./db";
import { findContract } from "./repositories/contractRepository";
import sessionRoutes from "./routes/session";
import contractRoutes from "./routes/contracts";
import clauseRoutes from "./routes/clauses";

export function createApp(): Koa {
  const app = new Koa();
  app.proxy = true;

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err: any) {
      ctx.status = err.status ?? 500;
      ctx.body = { error: ctx.status < 500 || !isProduction ? err.message : "Internal error" };
      if (ctx.status >= 500) console.error(err);
    }
  });

  app.use(helmet());
  app.use(cors({ origin: (ctx) => ctx.get("Origin") || config.appUrl, credentials: true }));  //@vuln CWE-942
  app.use(bodyParser({ jsonLimit: "2mb" }));

  const review = new Router({ prefix: "/api/review" });
  review.get("/contract", guestReviewer, async (ctx) => {
    const { contractId, firmId } = ctx.state.guest as { contractId: string; firmId: string };
    const contract = await findContract(firmId, contractId);
    ctx.body = { id: contract.id, title: contract.title, status: contract.status };
  });

  const health = new Router();
  health.get("/healthz", (ctx) => {
    ctx.body = { ok: true };
  });

  for (const router of [sessionRoutes, contractRoutes, clauseRoutes, review, health]) {
    app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}

if (require.main === module) {
  const server = createApp().listen(config.port, () => {
    console.log(`LexBridge API listening on :${config.port}`);
  });
  process.on("SIGTERM", () => {
    server.close(() => void closeConnections());
  });
}
