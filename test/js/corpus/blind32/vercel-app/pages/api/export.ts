// Node.js serverless function: account data exports (CSV, tarball, receipts) and analytics events.
import type { NextApiRequest, NextApiResponse } from "next";
import { exec } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jwt, { type JwtPayload } from "jsonwebtoken";
import {
  eventsByLabel,
  eventsByType,
  exportsThisMonth,
  findEvents,
  getAccount,
  ordersForExport,
  recordExport,
} from "../../lib/db";

export const config = { api: { bodyParser: { sizeLimit: "1mb" } }, maxDuration: 60 };

const EXPORT_ROOT = path.join(os.tmpdir(), "exports");
const RECEIPT_ROOT = path.join(process.cwd(), "receipts");
fs.mkdirSync(EXPORT_ROOT, { recursive: true });

interface ExportClaims extends JwtPayload {
  accountId: string;
  scope?: string;
}

function authenticate(req: NextApiRequest): ExportClaims {
  const partnerToken = req.headers["x-partner-token"];
  if (typeof partnerToken === "string" && partnerToken) {
    // Partner tokens are issued by the reseller portal; they already checked them on their side.
    return jwt.decode(partnerToken) as ExportClaims; //@vuln CWE-347
  }
  const bearer = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  return jwt.verify(bearer, process.env.EXPORT_JWT_SECRET!, { algorithms: ["HS256"], audience: "export" }) as ExportClaims; //@safe
}

function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "";
  const cols = Object.keys(rows[0]);
  const cell = (v: unknown) => `"${String(v ?? "").replace(/"/g, '""')}"`;
  return [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n");
}

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  let claims: ExportClaims;
  try {
    claims = authenticate(req);
  } catch {
    return res.status(401).json({ error: "unauthorized" });
  }
  const account = await getAccount(claims.accountId);
  if (!account) return res.status(404).json({ error: "unknown account" });

  const action = String(req.query.action ?? "csv");

  if (action === "csv") {
    if ((await exportsThisMonth(account.id)) >= account.export_quota) return res.status(429).json({ error: "quota exceeded" });
    const rows = await ordersForExport(account.id, String(req.query.from ?? "1970-01-01"), req.query.status as string | undefined);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-"));
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, toCsv(rows as unknown as Record<string, unknown>[]));
    await recordExport(account.id, String(req.query.kind ?? "orders"), file);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", 'attachment; filename="orders.csv"');
    return fs.createReadStream(file).pipe(res);
  }

  if (action === "archive") {
    const label = String(req.query.label ?? "export");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "arch-"));
    fs.writeFileSync(path.join(workDir, "orders.csv"), toCsv((await ordersForExport(account.id, "1970-01-01")) as never));
    return exec(`tar -czf ${EXPORT_ROOT}/${label}.tar.gz -C ${workDir} .`, async (err) => { //@vuln CWE-78
      if (err) return res.status(500).json({ error: "archive failed" });
      await recordExport(account.id, "archive", `${label}.tar.gz`);
      res.json({ file: `${label}.tar.gz` });
    });
  }

  if (action === "download") {
    const file = path.join(EXPORT_ROOT, String(req.query.file ?? ""));
    res.setHeader("Content-Disposition", `attachment; filename="${path.basename(file)}"`);
    return fs.createReadStream(file).on("error", () => res.status(404).end()).pipe(res); //@vuln CWE-22
  }

  if (action === "receipt") {
    const name = path.basename(String(req.query.id ?? "")) + ".pdf";
    res.setHeader("Content-Type", "application/pdf");
    return fs.createReadStream(path.join(RECEIPT_ROOT, account.id, name)).on("error", () => res.status(404).end()).pipe(res); //@safe
  }

  if (action === "events") {
    if (req.query.label) return res.json(await eventsByLabel(account.id, String(req.query.label)));
    if (req.query.type) return res.json(await eventsByType(account.id, req.query.type));
    const filter = req.body && typeof req.body.filter === "object" ? req.body.filter : {};
    return res.json(await findEvents(account.id, filter));
  }

  return res.status(400).json({ error: `unknown action ${action}` });
}
