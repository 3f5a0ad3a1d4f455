const express = require('express');
const vm = require('vm');

const app = express();
app.use(express.json());

app.post('/calc', (req, res) => {
  const result = eval(req.body.expression); //@vuln CWE-95
  res.json({ result });
});

app.post('/calc-safe', (req, res) => {
  const data = JSON.parse(req.body.payload); //@safe
  res.json({ sum: Number(data.a) + Number(data.b) });
});

app.post('/rule', (req, res) => {
  const check = new Function('order', 'return ' + req.body.condition); //@vuln CWE-95
  res.json({ matches: check({ total: 10 }) });
});

app.post('/template', (req, res) => {
  const out = vm.runInNewContext('`' + req.body.template + '`', { user: req.user }); //@vuln CWE-95
  res.json({ out });
});

const OPERATIONS = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
};

app.post('/op', (req, res) => {
  const op = OPERATIONS[req.body.op];
  if (!op) return res.status(400).end();
  res.json({ result: op(Number(req.body.a), Number(req.body.b)) }); //@safe
});

module.exports = app;
