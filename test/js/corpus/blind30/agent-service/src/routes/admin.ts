import { Router, type Request, type Response, type NextFunction } from "express";
import ldap from "ldapjs";
import ejs from "ejs";
import path from "node:path";
import { exec } from "node:child_process";
import { decodeJwt } from "jose";
import { hashPassword, issueApiKey } from "../security";
import { pg } from "../vectorstore";

export const adminRouter = Router();

const LDAP_URL = process.env.LDAP_URL ?? "ldaps://ldap.corp.internal:636";
const LDAP_BASE = "ou=people,dc=acme,dc=internal";
const VIEWS_DIR = path.join(__dirname, "..", "..", "views");

// Calls from the ops dashboard carry a service token minted by the platform gateway.
function requireServiceToken(req: Request, res: Response, next: NextFunction) {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  try {
    const claims = decodeJwt(token); //@vuln CWE-347
    if (claims.aud !== "agent-service" || !(claims.scope as string)?.includes("admin")) throw new Error("scope");
    res.locals.operator = claims.sub;
    next();
  } catch {
    res.status(403).json({ error: "forbidden" });
  }
}

function ldapEscapeFilter(value: string) {
  return value.replace(/[\\*()\0]/g, (c) => "\\" + c.charCodeAt(0).toString(16).padStart(2, "0"));
}

function ldapSearch(filter: string): Promise<Record<string, unknown>[]> {
  const client = ldap.createClient({ url: LDAP_URL });
  return new Promise((resolve, reject) => {
    client.bind(process.env.LDAP_BIND_DN!, process.env.LDAP_BIND_PW!, (bindErr) => {
      if (bindErr) return reject(bindErr);
      const entries: Record<string, unknown>[] = [];
      client.search(LDAP_BASE, { scope: "sub", filter, attributes: ["uid", "cn", "mail", "memberOf"] }, (err, search) => {
        if (err) return reject(err);
        search.on("searchEntry", (e) => entries.push(e.pojo));
        search.on("end", () => { client.unbind(); resolve(entries); });
        search.on("error", reject);
      });
    });
  });
}

adminRouter.use(requireServiceToken);

adminRouter.get("/directory/search", async (req, res) => {
  const name = String(req.query.name ?? "");
  const entries = await ldapSearch(`(&(objectClass=person)(|(cn=*${name}*)(mail=${name}*)))`); //@vuln CWE-90
  res.json(entries);
});

adminRouter.get("/directory/user/:uid", async (req, res) => {
  const entries = await ldapSearch(`(&(objectClass=person)(uid=${ldapEscapeFilter(req.params.uid)}))`); //@safe
  res.json(entries[0] ?? null);
});

// Tenants can customise the weekly usage e-mail; the template is stored per tenant.
adminRouter.post("/tenants/:id/report-preview", async (req, res) => {
  const { rows } = await pg.query("SELECT name, seats, tokens_used FROM tenants WHERE id = $1", [req.params.id]);
  const html = ejs.render(req.body.template, { tenant: rows[0], generatedAt: new Date() }); //@vuln CWE-1336|CWE-94
  res.type("html").send(html);
});

adminRouter.get("/tenants/:id/report", async (req, res) => {
  const { rows } = await pg.query("SELECT name, seats, tokens_used FROM tenants WHERE id = $1", [req.params.id]);
  const html = await ejs.renderFile(path.join(VIEWS_DIR, "usage-report.ejs"), { tenant: rows[0], generatedAt: new Date() }); //@safe
  res.type("html").send(html);
});

adminRouter.post("/tenants/:id/backup", (req, res) => {
  const bucket = req.body.bucket ?? "acme-agent-backups";
  const cmd = `pg_dump --table=kb_chunks_${req.params.id} "$PG_URL" | gzip | aws s3 cp - s3://${bucket}/${req.params.id}.sql.gz`;
  exec(cmd, { timeout: 600_000 }, (err, _stdout, stderr) => { //@vuln CWE-78
    if (err) return res.status(500).json({ error: stderr });
    res.json({ ok: true, operator: res.locals.operator });
  });
});

adminRouter.post("/users", async (req, res) => {
  const { email, password, tenant } = req.body;
  const passwordHash = hashPassword(password);
  const apiKey = issueApiKey();
  await pg.query("INSERT INTO users (email, tenant_id, password_hash, api_key) VALUES ($1, $2, $3, $4)", [email, tenant, passwordHash, apiKey]);
  res.status(201).json({ email, apiKey });
});
