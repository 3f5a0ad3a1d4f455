import fs from "node:fs";
import { Hono } from "hono";
import { setCookie, deleteCookie } from "hono/cookie";
import ldap from "ldapjs";
import { z } from "zod";
import { config } from "../config";
import { requireStaff, signStaffToken, type AuthEnv } from "../lib/auth";

export const staff = new Hono<AuthEnv>();

function ldapClient(): ldap.Client {
  return ldap.createClient({
    url: config.ldap.url,
    tlsOptions: { ca: [fs.readFileSync(config.ldap.caPath)], rejectUnauthorized: true },
    connectTimeout: 5000,
  });
}

function bind(client: ldap.Client, dn: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.bind(dn, password, (err) => (err ? reject(err) : resolve()));
  });
}

function collect(res: ldap.SearchCallbackResponse): Promise<ldap.SearchEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: ldap.SearchEntry[] = [];
    res.on("searchEntry", (entry) => entries.push(entry));
    res.on("error", reject);
    res.on("end", () => resolve(entries));
  });
}

function findStaffEntry(client: ldap.Client, username: string): Promise<ldap.SearchEntry | undefined> {
  const filter = `(&(objectClass=inetOrgPerson)(uid=${username}))`;
  return new Promise((resolve, reject) => {
    client.search(config.ldap.searchBase, { scope: "sub", filter, attributes: ["cn", "mail", "departmentNumber"] }, (err, res) => {  //@vuln CWE-90
      if (err) return reject(err);
      collect(res).then((entries) => resolve(entries[0]), reject);
    });
  });
}

function searchDirectory(client: ldap.Client, name: string): Promise<ldap.SearchEntry[]> {
  return new Promise((resolve, reject) => {
    client.search(config.ldap.searchBase, { scope: "sub", filter: "(|(cn=*" + name + "*)(mail=" + name + "*))", attributes: ["cn", "mail", "telephoneNumber"], sizeLimit: 25 }, (err, res) => {  //@vuln CWE-90
      if (err) return reject(err);
      collect(res).then(resolve, reject);
    });
  });
}

function listDepartment(client: ldap.Client, department: string): Promise<ldap.SearchEntry[]> {
  const filter = new ldap.AndFilter({
    filters: [
      new ldap.EqualityFilter({ attribute: "objectClass", value: "inetOrgPerson" }),
      new ldap.EqualityFilter({ attribute: "departmentNumber", value: department }),
    ],
  });
  return new Promise((resolve, reject) => {
    client.search(config.ldap.searchBase, { scope: "sub", filter, attributes: ["cn", "mail"] }, (err, res) => {  //@safe
      if (err) return reject(err);
      collect(res).then(resolve, reject);
    });
  });
}

const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1),
  hotelId: z.string().uuid(),
  remember: z.boolean().optional(),
});

staff.post("/login", async (c) => {
  const { username, password, hotelId, remember } = loginBody.parse(await c.req.json());
  const client = ldapClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entry = await findStaffEntry(client, username);
    if (!entry) return c.json({ error: "Invalid credentials" }, 401);
    await bind(client, String(entry.objectName), password);

    const role = String(entry.objectName).includes("ou=management") ? "manager" : "frontdesk";
    const token = signStaffToken({ sub: username, hotelId, role });
    setCookie(c, "hl_staff", token, { httpOnly: true, secure: true, sameSite: "Strict", path: "/", maxAge: 8 * 3600 });  //@safe
    if (remember) {
      setCookie(c, "hl_staff_remember", token, { path: "/", maxAge: 30 * 86400 });  //@vuln CWE-614|CWE-1004
    }
    return c.json({ token, role });
  } catch {
    return c.json({ error: "Invalid credentials" }, 401);
  } finally {
    client.unbind();
  }
});

staff.post("/logout", (c) => {
  deleteCookie(c, "hl_staff", { path: "/" });
  deleteCookie(c, "hl_staff_remember", { path: "/" });
  return c.body(null, 204);
});

staff.get("/directory", requireStaff, async (c) => {
  const client = ldapClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entries = await searchDirectory(client, c.req.query("name") ?? "");
    return c.json(entries.map((e) => e.pojo));
  } finally {
    client.unbind();
  }
});

staff.get("/departments/:dept", requireStaff, async (c) => {
  const client = ldapClient();
  try {
    await bind(client, config.ldap.bindDn, config.ldap.bindPassword);
    const entries = await listDepartment(client, c.req.param("dept"));
    return c.json(entries.map((e) => e.pojo));
  } finally {
    client.unbind();
  }
});
