const vm = require("vm");
const express = require("express");

const router = express.Router();

const IDENT = /^([a-zA-Z]+\s?)*$/;

function compileColumn(expression) {
  return new Function("row", `"use strict"; return (${expression});`); //@vuln CWE-95
}

router.post("/preview", (req, res) => {
  const { columns = [], rows = [] } = req.body;
  const compiled = columns.map((c) => ({ name: c.name, fn: compileColumn(c.expression) }));
  res.json(rows.map((row) => Object.fromEntries(compiled.map(({ name, fn }) => [name, fn(row)]))));
});

router.post("/evaluate", (req, res) => {
  const sandbox = { Math, values: req.body.values || {} };
  const result = vm.runInNewContext(req.body.formula, sandbox, { timeout: 50 }); //@vuln CWE-95
  res.json({ result });
});

router.post("/label", (req, res) => {
  if (!IDENT.test(req.body.label)) return res.status(400).json({ error: "invalid label" }); //@vuln CWE-1333
  res.json({ ok: true });
});

router.post("/filter", (req, res) => {
  const { where = "true", rows = [] } = req.body;
  const predicate = eval(`(row) => Boolean(${where})`); //@vuln CWE-95
  res.json(rows.filter(predicate));
});

router.post("/sum", (req, res) => {
  const fields = String(req.body.fields || "").split(",").filter((f) => /^[a-z_]{1,32}$/.test(f)); //@safe
  const total = (req.body.rows || []).reduce((acc, r) => acc + fields.reduce((s, f) => s + Number(r[f] || 0), 0), 0);
  res.json({ total });
});

module.exports = router;
