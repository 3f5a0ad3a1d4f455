import { Router, type Request, type Response, type NextFunction } from "express";
import multer from "multer";
import path from "node:path";
import fs from "node:fs";
import serialize from "node-serialize";
import escapeHtml from "escape-html";
import { kbCollection, findDocsByAuthor, findDocsByTitle, upsertChunk } from "../vectorstore";
import { sha256Hex } from "../security";

const UPLOAD_DIR = process.env.UPLOAD_DIR ?? "/var/lib/agent/uploads";
const upload = multer({ dest: UPLOAD_DIR, limits: { fileSize: 20 * 1024 * 1024 } });

export const documentsRouter = Router();

function requireUser(req: Request, res: Response, next: NextFunction) {
  if (!req.session.user) return res.status(401).json({ error: "login required" });
  next();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

documentsRouter.use(requireUser);

// UI preferences (page size, highlight style) are kept client-side in a cookie.
documentsRouter.use((req, _res, next) => {
  const raw = req.cookies["kb_prefs"];
  req.prefs = raw ? serialize.unserialize(Buffer.from(raw, "base64").toString("utf8")) : { pageSize: 20 }; //@vuln CWE-502
  next();
});

documentsRouter.post("/", upload.single("file"), async (req, res) => {
  const tenant = req.session.user!.tenant;
  const file = req.file!;
  const text = fs.readFileSync(file.path, "utf8");
  await upsertChunk(tenant, req.body.title ?? file.originalname, text, { author: req.session.user!.email, sha256: sha256Hex(text) });
  res.status(201).json({ id: file.filename });
});

documentsRouter.get("/by-author", async (req, res) => {
  res.json(await findDocsByAuthor(req.session.user!.tenant, req.query.author));
});

documentsRouter.post("/by-title", async (req, res) => {
  res.json(await findDocsByTitle(req.session.user!.tenant, req.body.title));
});

documentsRouter.get("/grep", async (req, res) => {
  const pattern = String(req.query.q ?? "");
  const re = new RegExp(pattern, "i"); //@vuln CWE-1333
  const docs = await kbCollection.find({ tenant: req.session.user!.tenant }).project({ title: 1, content: 1 }).limit(500).toArray();
  res.json(docs.filter((d) => re.test(d.content)).map((d) => ({ id: d._id, title: d.title })));
});

documentsRouter.get("/titles", async (req, res) => {
  const prefix = String(req.query.prefix ?? "");
  const re = new RegExp("^" + escapeRegExp(prefix), "i"); //@safe
  const docs = await kbCollection.find({ tenant: req.session.user!.tenant, title: re }).project({ title: 1 }).limit(req.prefs.pageSize).toArray();
  res.json(docs);
});

documentsRouter.get("/search", async (req, res) => {
  const q = String(req.query.q ?? "");
  const docs = await kbCollection.find({ tenant: req.session.user!.tenant, $text: { $search: q } }).limit(20).toArray();
  const items = docs.map((d) => `<li><a href="/documents/${encodeURIComponent(String(d._id))}">${escapeHtml(d.title)}</a></li>`).join("");
  res.send(`<h2>${docs.length} results for “${q}”</h2><ul>${items}</ul>`); //@vuln CWE-79
});

documentsRouter.get("/empty", (req, res) => {
  const q = String(req.query.q ?? "");
  res.send(`<p>No documents match <b>${escapeHtml(q)}</b>. <a href="/documents/new">Upload one</a>.</p>`); //@safe
});

documentsRouter.get("/view/:id", async (req, res) => {
  const doc = await kbCollection.findOne({ tenant: req.session.user!.tenant, _id: req.params.id });
  if (!doc) return res.status(404).send(`Document <code>${req.params.id}</code> was not found or you lack access.`); //@vuln CWE-79
  res.json({ id: doc._id, title: doc.title, tags: doc.tags, author: doc.author });
});

documentsRouter.get("/files/:name", (req, res) => {
  res.sendFile(path.join(UPLOAD_DIR, req.params.name)); //@vuln CWE-22
});

documentsRouter.get("/raw/:name", (req, res) => {
  res.sendFile(req.params.name, { root: UPLOAD_DIR, dotfiles: "deny" }); //@safe
});

documentsRouter.delete("/files/:name", (req, res) => {
  const name = String(req.query.original ?? req.params.name);
  fs.unlink(path.resolve(UPLOAD_DIR, name), (err) => res.status(err ? 404 : 204).end()); //@vuln CWE-22
});

documentsRouter.get("/export/done", (req, res) => {
  res.redirect(String(req.query.return_url ?? "/documents")); //@vuln CWE-601
});

documentsRouter.get("/open", (req, res) => {
  const target = String(req.query.to ?? "");
  const allowed = ["/documents", "/documents/new", "/agent"];
  res.redirect(allowed.includes(target) ? target : "/documents"); //@safe
});
