'use strict';

const axios = require('axios');
const { Message } = require('../models');
const { escapeHtml, escapeRegExp } = require('../lib/helpers');

const PAGE = 25;

function layout(title, body) {
  return `<!doctype html><html><head><title>${title}</title><link rel="stylesheet" href="/css/site.css"></head><body>${body}</body></html>`;
}

function extractTitle(html) {
  const m = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(html);
  return m ? m[1].trim() : '';
}

// Lesson A8 - contact form (vulnerable)

exports.submit = async (req, res, next) => {
  try {
    const { name, email, subject, body, link } = req.body;
    const msg = await Message.create({ name, email, subject, body, link });
    if (link) {
      const page = await axios.get(link, { timeout: 3000, responseType: 'text' }); //@vuln CWE-918
      msg.linkPreview = extractTitle(page.data);
      await msg.save();
    }
    res.send(layout('Thanks', `<h1>Thanks, ${name}!</h1><p>We will reply to ${email} soon.</p>`)); //@vuln CWE-79
  } catch (err) {
    next(err);
  }
};

// staff inbox
exports.inbox = async (req, res, next) => {
  try {
    const filter = {};
    if (req.query.email) filter.email = req.query.email;
    const messages = await Message.find(filter).sort({ createdAt: -1 }).limit(PAGE).lean();
    let html = '<h1>Inbox</h1><ul class="messages">';
    for (const m of messages) {
      html += `<li><strong>${m.name}</strong> &lt;${m.email}&gt; - ${m.subject}<br><small>${m.linkPreview || ''}</small></li>`;
    }
    html += '</ul>';
    res.send(layout('Inbox', html)); //@vuln CWE-79
  } catch (err) {
    next(err);
  }
};

exports.searchSubject = async (req, res, next) => {
  try {
    const messages = await Message.find({ $where: "this.subject && this.subject.indexOf('" + req.query.subject + "') !== -1" }).lean(); //@vuln CWE-943
    res.json(messages.map((m) => ({ id: m._id, subject: m.subject })));
  } catch (err) {
    next(err);
  }
};

// Lesson A8 - fixed versions

exports.submitFixed = async (req, res, next) => {
  try {
    const name = String(req.body.name || '').slice(0, 100);
    const email = String(req.body.email || '').slice(0, 200);
    await Message.create({ name, email, subject: String(req.body.subject || ''), body: String(req.body.body || '') });
    res.send(layout('Thanks', `<h1>Thanks, ${escapeHtml(name)}!</h1><p>We will reply to ${escapeHtml(email)} soon.</p>`)); //@safe
  } catch (err) {
    next(err);
  }
};

exports.inboxFixed = async (req, res, next) => {
  try {
    const filter = {};
    if (typeof req.query.email === 'string') filter.email = req.query.email.toLowerCase();
    const messages = await Message.find(filter).sort({ createdAt: -1 }).limit(PAGE).lean();
    res.render('contact/inbox', { messages });
  } catch (err) {
    next(err);
  }
};

exports.searchSubjectFixed = async (req, res, next) => {
  try {
    const term = escapeRegExp(String(req.query.subject || '').slice(0, 80));
    const messages = await Message.find({ subject: { $regex: term, $options: 'i' } }).lean(); //@safe
    res.json(messages.map((m) => ({ id: m._id, subject: m.subject })));
  } catch (err) {
    next(err);
  }
};
