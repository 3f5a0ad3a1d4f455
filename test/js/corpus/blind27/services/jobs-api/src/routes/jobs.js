"use strict";

const express = require("express");
const { exec, execFile, spawn } = require("child_process");
const path = require("path");
const https = require("https");
const axios = require("axios");
const _ = require("lodash");
const serialize = require("node-serialize");
const { ObjectId } = require("mongodb");

const router = express.Router();
const REPOS_DIR = "/srv/repos";
const ARTIFACT_DIR = "/var/lib/jobs/artifacts";
const registry = axios.create({
  baseURL: process.env.ARTIFACT_REGISTRY || "https://registry.corp.local",
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), //@vuln CWE-295
});

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const escapeRegExp = (s) => String(s).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function setPath(obj, dotted, value) {
  const keys = String(dotted).split(".");
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    cur[keys[i]] = cur[keys[i]] || {};
    cur = cur[keys[i]];
  }
  cur[keys[keys.length - 1]] = value; //@vuln CWE-1321
}

// CI runners authenticate with an API key stored in Mongo.
router.use(async (req, res, next) => {
  if (req.session.userId) return next();
  const key = req.body && req.body.apiKey ? req.body.apiKey : req.get("x-api-key");
  const found = key && (await req.app.locals.db.collection("apiKeys").findOne({ key, revoked: { $ne: true } })); //@vuln CWE-943
  if (!found) return res.status(401).json({ error: "unauthorized" });
  req.session.userId = found.owner;
  next();
});

router.get("/jobs", async (req, res) => {
  const db = req.app.locals.db;
  const query = { owner: req.session.userId };
  if (req.query.name) query.$where = `this.name.indexOf('${req.query.name}') !== -1`; //@vuln CWE-943
  const jobs = await db.collection("jobs").find(query).sort({ createdAt: -1 }).limit(100).toArray();
  res.json(jobs);
});

router.get("/jobs/:id", async (req, res) => {
  if (!ObjectId.isValid(req.params.id)) return res.status(400).json({ error: "bad id" });
  const job = await req.app.locals.db.collection("jobs").findOne({ _id: new ObjectId(req.params.id), owner: req.session.userId }); //@safe
  if (!job) return res.status(404).send(`<h1>Job ${req.params.id} not found</h1><p>${req.query.from ? "Back to " + req.query.from : ""}</p>`); //@vuln CWE-79
  res.send(`<h1>${escapeHtml(job.name)}</h1><pre>${escapeHtml(job.lastLog || "")}</pre>`); //@safe
});

router.post("/jobs/:id/run", async (req, res) => {
  const job = await req.app.locals.db.collection("jobs").findOne({ _id: new ObjectId(req.params.id), owner: req.session.userId });
  if (!job) return res.status(404).json({ error: "not found" });
  const branch = req.body.branch || job.defaultBranch || "main";
  const script = req.body.script || "build";
  exec(`git -C ${REPOS_DIR}/${job.repo} fetch origin && git -C ${REPOS_DIR}/${job.repo} checkout ${branch} && npm --prefix ${REPOS_DIR}/${job.repo} run ${script}`, { timeout: 15 * 60 * 1000 }, async (err, stdout, stderr) => { //@vuln CWE-78
    await req.app.locals.db.collection("jobs").updateOne({ _id: job._id }, { $set: { lastLog: stdout + stderr, status: err ? "failed" : "ok", finishedAt: new Date() } });
    if (req.body.callbackUrl) await axios.post(req.body.callbackUrl, { jobId: String(job._id), ok: !err }).catch(() => {}); //@vuln CWE-918
  });
  res.status(202).json({ queued: true });
});

router.get("/jobs/:id/commits", (req, res) => {
  const repo = path.basename(String(req.query.repo || ""));
  const ref = /^[\w.\/-]{1,100}$/.test(String(req.query.ref)) && !String(req.query.ref).startsWith("-") ? String(req.query.ref) : "HEAD";
  execFile("git", ["-C", path.join(REPOS_DIR, repo), "log", "-n", "20", "--format=%H %s", ref, "--"], (err, stdout) => { //@safe
    if (err) return res.status(400).json({ error: "git log failed" });
    res.json(stdout.trim().split("\n").map((l) => ({ sha: l.slice(0, 40), subject: l.slice(41) })));
  });
});

router.post("/thumbnails", (req, res) => {
  const { src, size = "320x240" } = req.body;
  const proc = spawn(`convert ${src} -resize ${size} ${ARTIFACT_DIR}/thumbs/${Date.now()}.png`, { shell: true }); //@vuln CWE-78
  proc.on("close", (code) => res.json({ ok: code === 0 }));
});

router.get("/artifacts/:jobId", (req, res) => {
  res.sendFile(path.join(ARTIFACT_DIR, req.params.jobId, String(req.query.file))); //@vuln CWE-22
});

router.get("/artifacts/:jobId/latest", (req, res) => {
  if (!ObjectId.isValid(req.params.jobId)) return res.status(400).end();
  res.sendFile(String(req.query.file || "output.tar.gz"), { root: path.join(ARTIFACT_DIR, req.params.jobId), dotfiles: "deny" }); //@safe
});

router.get("/jobs/:id/logs", async (req, res) => {
  const job = await req.app.locals.db.collection("jobs").findOne({ _id: new ObjectId(req.params.id), owner: req.session.userId });
  const lines = String((job && job.lastLog) || "").split("\n");
  const filter = req.query.regex ? new RegExp(req.query.regex, "i") : new RegExp(escapeRegExp(req.query.q || ""), "i"); //@vuln CWE-1333
  const grep = new RegExp(escapeRegExp(req.query.contains || ""), "i"); //@safe
  res.json(lines.filter((l) => filter.test(l) && grep.test(l)));
});

// Post-processing hook: users paste a JS arrow function that reshapes the job output.
router.post("/jobs/:id/transform", async (req, res) => {
  const job = await req.app.locals.db.collection("jobs").findOne({ _id: new ObjectId(req.params.id), owner: req.session.userId });
  const transform = eval(`(${req.body.transform})`); //@vuln CWE-95
  res.json({ result: transform(JSON.parse(job.output || "{}")) });
});

router.post("/jobs/:id/notify-preview", (req, res) => {
  const render = _.template(req.body.template || "Job <%= name %> finished"); //@vuln CWE-1336|CWE-94
  res.type("text/plain").send(render({ name: req.body.name, status: req.body.status }));
});

router.put("/settings", async (req, res) => {
  const settings = (await req.app.locals.db.collection("settings").findOne({ owner: req.session.userId })) || { owner: req.session.userId };
  for (const [key, value] of Object.entries(req.body.changes || {})) setPath(settings, key, value);
  await req.app.locals.db.collection("settings").replaceOne({ owner: req.session.userId }, settings, { upsert: true });
  res.json(settings);
});

// Runner state snapshot is round-tripped through a cookie between steps of the UI wizard.
router.post("/wizard/resume", (req, res) => {
  const state = req.cookies.wizard ? serialize.unserialize(Buffer.from(req.cookies.wizard, "base64").toString("utf8")) : {}; //@vuln CWE-502
  res.json({ step: state.step || 1, repo: state.repo || null });
});

router.get("/registry/:pkg", async (req, res) => {
  const { data } = await registry.get(`/v2/${encodeURIComponent(req.params.pkg)}/tags/list`);
  res.json(data);
});

module.exports = router;
