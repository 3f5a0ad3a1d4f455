const express = require('express');
const User = require('../models/user');
const router = express.Router();

function buildFilter(query) {
  return { name: query.name, status: query.status };
}

function runSearch(filter) {
  return User.find(filter).limit(20); //@vuln CWE-943
}

class UserController {
  constructor(repo) {
    this.repo = repo;
  }

  async list(req, res) {
    const users = await this.repo.find(req.body); //@vuln CWE-943
    res.json(users);
  }

  async byName(req, res) {
    const users = await this.repo.find({ name: String(req.query.name) }); //@safe
    res.json(users);
  }

  async where(req, res) {
    const users = await User.find({ $where: 'this.age > ' + req.query.age }); //@vuln CWE-943
    res.json(users);
  }
}

const controller = new UserController(User);
router.post('/users/search', (req, res) => controller.list(req, res));
router.get('/users/by-name', (req, res) => controller.byName(req, res));
router.get('/users/where', (req, res) => controller.where(req, res));

router.get('/users/filter', async (req, res) => {
  const users = await runSearch(buildFilter(req.query));
  res.json(users);
});

router.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id); //@safe
  res.json(user);
});

router.post('/users/login', async (req, res) => {
  const user = await User.findOne({ email: req.body.email, password: req.body.password }); //@vuln CWE-943
  res.json({ ok: !!user });
});

module.exports = { router, buildFilter, runSearch };
