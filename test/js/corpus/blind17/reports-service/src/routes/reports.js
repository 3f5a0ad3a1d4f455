const path = require("path");
const { exec, spawn } = require("child_process");
const express = require("express");
const mongoose = require("mongoose");
const config = require("../config");

const router = express.Router();

const Report = mongoose.model(
  "Report",
  new mongoose.Schema({ owner: String, title: String, kind: String, rows: Array, createdAt: Date })
);

function buildQuery(owner, filter) {
  return { ...filter, owner };
}

router.post("/search", async (req, res) => {
  const reports = await Report.find(buildQuery(req.user.sub, req.body.filter)).limit(100); //@vuln CWE-943
  res.json(reports);
});

router.get("/shared", async (req, res) => {
  const { team } = req.query;
  const reports = await Report.find({ $where: `this.sharedWith && this.sharedWith.indexOf('${team}') !== -1` }); //@vuln CWE-943
  res.json(reports);
});

router.get("/by-kind", async (req, res) => {
  const reports = await Report.find({ owner: req.user.sub, kind: String(req.query.kind) }); //@safe
  res.json(reports);
});

router.get("/export/:name", (req, res) => {
  const file = path.join(config.exportDir, req.params.name);
  res.download(file); //@vuln CWE-22
});

router.get("/archive", (req, res) => {
  res.sendFile(req.query.file, { root: config.exportDir, dotfiles: "deny" }); //@safe
});

router.post("/dump", (req, res, next) => {
  const { table, format = "csv" } = req.body;
  const out = path.join(config.exportDir, `${Date.now()}.${format}`);
  exec(`psql "${config.postgresUrl}" -c "\\copy ${table} TO '${out}' CSV HEADER"`, (err) => { //@vuln CWE-78
    if (err) return next(err);
    res.json({ file: path.basename(out) });
  });
});

router.post("/bundle", (req, res) => {
  const names = Array.isArray(req.body.files) ? req.body.files : [];
  const tar = spawn("tar", ["-czf", "-", ...names], { cwd: config.exportDir, shell: true }); //@vuln CWE-78
  res.type("application/gzip");
  tar.stdout.pipe(res);
});

router.get("/:id/print", async (req, res) => {
  const report = await Report.findOne({ _id: req.params.id, owner: req.user.sub }).lean();
  if (!report) {
    return res.status(404).send(`<p>Report <b>${req.params.id}</b> was not found.</p>`); //@vuln CWE-79
  }
  res.render("report-print", { report });
});

module.exports = router;
