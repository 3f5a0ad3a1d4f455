import type { FastifyPluginAsync } from "fastify";
import { sql } from "drizzle-orm";
import { request as undiciRequest } from "undici";
import { pg, eventsByKind } from "../lib/db";

const settings: Record<string, Record<string, unknown>> = {
  notifications: { slack: true, email: false },
  deploy: { autoMerge: false, environments: ["staging"] },
};

const RETURN_PATHS = new Set(["/admin", "/admin/settings", "/admin/events"]);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const admin: FastifyPluginAsync = async (app) => {
  app.put<{ Params: { section: string; key: string }; Body: { value: unknown } }>(
    "/settings/:section/:key",
    async (request) => {
      const { section, key } = request.params;
      settings[section] ??= {};
      settings[section][key] = request.body.value; //@vuln CWE-1321
      return settings[section];
    }
  );

  app.get<{ Querystring: { kind: string } }>("/events", async (request) => eventsByKind(request.query.kind));

  app.get<{ Querystring: { env: string; sort?: string } }>("/deployments", async (request) => {
    const { env, sort = "created_at" } = request.query;
    const rows = await pg.execute(sql`SELECT * FROM deployments WHERE environment = ${env} ORDER BY ${sql.raw(sort)} DESC`); //@vuln CWE-89
    return rows.rows;
  });

  app.get<{ Params: { id: string } }>("/deployments/:id", async (request) => {
    const rows = await pg.execute(sql`SELECT * FROM deployments WHERE id = ${request.params.id}`); //@safe
    return rows.rows[0] ?? null;
  });

  app.get<{ Querystring: { msg?: string; env?: string } }>("/banner", async (request, reply) => {
    const { msg = "", env = "staging" } = request.query;
    reply.type("text/html");
    return reply.send(`<div class="banner">${msg}</div><small>${escapeHtml(env)}</small>`); //@vuln CWE-79
  });

  app.post<{ Body: { target: string } }>("/ping", async (request) => {
    const { statusCode, headers } = await undiciRequest(request.body.target, { method: "HEAD" }); //@vuln CWE-918
    return { statusCode, server: headers["server"] ?? null };
  });

  app.get<{ Querystring: { next?: string } }>("/done", async (request, reply) => {
    const next = request.query.next ?? "/admin";
    return reply.redirect(RETURN_PATHS.has(next) ? next : "/admin"); //@safe
  });

  app.get<{ Querystring: { code: string; return_to?: string } }>("/sso/callback", async (request, reply) => {
    reply.setCookie("admin_sso", request.query.code, { path: "/admin", httpOnly: true, secure: true, sameSite: "lax" }); //@safe
    return reply.redirect(request.query.return_to ?? "/admin"); //@vuln CWE-601
  });
};

export default admin;
