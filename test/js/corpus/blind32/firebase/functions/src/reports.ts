import express, { Router, type Request } from "express";
import { getFirestore } from "firebase-admin/firestore";
import { getAuth } from "firebase-admin/auth";
import serialize from "node-serialize";
import yaml from "js-yaml";
import libxmljs from "libxmljs2";
import ejs from "ejs";
import axios from "axios";
import fs from "node:fs";
import path from "node:path";
import { escapeHtml } from "../../../shared/objects";
import { signDownloadUrl } from "../../../shared/crypto";

const router = Router();

const TEMPLATE_DIR = path.join(__dirname, "..", "templates");
const EXPORT_DIR = "/tmp/exports";
const LOG_DIR = "/tmp/logs";

async function currentUid(req: Request): Promise<string> {
  const idToken = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  const decoded = await getAuth().verifyIdToken(idToken);
  return decoded.uid;
}

router.use(async (req, res, next) => {
  try {
    res.locals.uid = await currentUid(req);
    next();
  } catch {
    res.status(401).json({ error: "unauthorized" });
  }
});

router.get("/", async (req, res) => {
  const status = String(req.query.status ?? "final");
  const snap = await getFirestore().collection("reports").where("ownerId", "==", res.locals.uid).where("status", "==", status).orderBy("createdAt", "desc").limit(50).get(); //@safe
  res.json(snap.docs.map((d) => ({ id: d.id, ...d.data() })));
});

router.get("/view/:id", async (req, res) => {
  const doc = await getFirestore().collection("reports").doc(req.params.id).get();
  const data = doc.data();
  if (!doc.exists || data?.ownerId !== res.locals.uid) return res.status(404).send("not found");
  const heading = req.query.heading ?? data.title;
  res.type("html").send(`<h1>${heading}</h1><pre class="report">${escapeHtml(data.body)}</pre>`); //@vuln CWE-79
});

// Lets power users try out a custom layout before saving it.
router.post("/preview", (req, res) => {
  const { layout, rows } = req.body as { layout: string; rows: unknown[] };
  const html = ejs.render(layout, { rows, generatedAt: new Date().toISOString() }); //@vuln CWE-1336
  res.type("html").send(html);
});

router.post("/summary", (req, res, next) => {
  const rows = Array.isArray(req.body.rows) ? req.body.rows.slice(0, 500) : [];
  ejs.renderFile(path.join(TEMPLATE_DIR, "summary.ejs"), { rows, title: String(req.body.title ?? "Summary") }, (err, html) => { //@safe
    if (err) return next(err);
    res.type("html").send(html);
  });
});

router.get("/templates/:name", (req, res) => {
  res.sendFile(path.join(TEMPLATE_DIR, req.params.name)); //@vuln CWE-22
});

router.get("/exports/:file", (req, res) => {
  res.sendFile(req.params.file, { root: EXPORT_DIR, dotfiles: "deny" }); //@safe
});

router.get("/exports/:file/link", (req, res) => {
  const expires = Math.floor(Date.now() / 1000) + 3600;
  res.json({ url: signDownloadUrl(`/reports/exports/${encodeURIComponent(req.params.file)}`, expires) });
});

router.get("/logs", (req, res) => {
  const day = String(req.query.day ?? new Date().toISOString().slice(0, 10));
  fs.readFile(path.join(LOG_DIR, `${day}.log`), "utf8", (err, text) => { //@vuln CWE-22
    if (err) return res.status(404).json({ error: "no log for that day" });
    res.type("text/plain").send(text);
  });
});

// Chart images referenced by a report are pulled in server-side so the PDF has no external refs.
router.get("/chart", async (req, res) => {
  const src = String(req.query.src ?? "");
  const upstream = await axios.get(src, { responseType: "arraybuffer", timeout: 5000 }); //@vuln CWE-918
  res.type(upstream.headers["content-type"] ?? "image/png").send(Buffer.from(upstream.data));
});

// The report editor keeps an unsaved draft in a cookie between page loads.
router.post("/restore", (req, res) => {
  const raw = req.cookies.reportDraft;
  if (!raw) return res.status(400).json({ error: "no draft" });
  const draft = serialize.unserialize(Buffer.from(raw, "base64").toString("utf8")); //@vuln CWE-502
  res.json({ restored: true, draft });
});

router.post("/import", async (req, res) => {
  const definition = yaml.load(String(req.body.definition ?? ""), { schema: yaml.JSON_SCHEMA }); //@safe
  if (!definition || typeof definition !== "object") return res.status(400).json({ error: "invalid definition" });
  const ref = await getFirestore().collection("reports").add({ ...definition, ownerId: res.locals.uid, status: "draft", createdAt: new Date() });
  res.status(201).json({ id: ref.id });
});

// Finance uploads their monthly figures as XML exported from the ERP.
router.post("/import/xml", express.text({ type: ["application/xml", "text/xml"], limit: "5mb" }), (req, res) => {
  const doc = libxmljs.parseXml(String(req.body), { noent: true, dtdload: true }); //@vuln CWE-611
  const rows = doc.find("//row").map((row) => ({
    label: row.attr("label")?.value() ?? "",
    value: Number(row.text()),
  }));
  res.json({ count: rows.length, rows });
});

export default router;
