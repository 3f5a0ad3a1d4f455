'use strict';

const express = require('express');
const mongoose = require('mongoose');
const nodeSerialize = require('node-serialize');
const { escapeHtml, escapeRegExp } = require('@stayhub/common/dist/utils');

const router = express.Router();

const Message = mongoose.models.Message || mongoose.model('Message', new mongoose.Schema({
  threadId: { type: String, index: true },
  listingId: String,
  senderId: { type: String, index: true },
  senderName: String,
  recipientId: String,
  body: String,
  flagged: { type: Boolean, default: false },
  flagReason: String,
  hidden: { type: Boolean, default: false },
}, { timestamps: true }));

const Listing = mongoose.models.Listing || mongoose.model('Listing', new mongoose.Schema({}, { strict: false }));

const PAGE = 50;

function layout(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} · StayHub moderation</title><link rel="stylesheet" href="/admin/static/panel.css"></head><body><nav><a href="/admin/moderation/queue">Queue</a></nav><main>${body}</main></body></html>`;
}

/** Saved queue filters live in a cookie so they survive re-deploys of the panel. */
function savedFilters(req) {
  if (!req.cookies.modFilters) return {};
  try {
    return nodeSerialize.unserialize(Buffer.from(req.cookies.modFilters, 'base64').toString('utf8')); //@vuln CWE-502
  } catch (e) {
    return {};
  }
}

router.get('/queue', async (req, res) => {
  const saved = savedFilters(req);
  const sender = req.query.sender || saved.sender;
  const query = { flagged: true, hidden: false };
  if (sender) query.senderId = sender;
  const messages = await Message.find(query).sort({ createdAt: -1 }).limit(PAGE).lean(); //@vuln CWE-943
  res.json({ messages, filters: { sender } });
});

router.get('/search', async (req, res) => {
  const term = String(req.query.q || '').slice(0, 100);
  const messages = await Message.find({ body: { $regex: escapeRegExp(term), $options: 'i' } }).limit(PAGE).lean(); //@safe
  res.json({ messages });
});

router.get('/thread/:threadId', async (req, res) => {
  const messages = await Message.find({ threadId: String(req.params.threadId) }).sort({ createdAt: 1 }).lean(); //@safe
  if (!messages.length) return res.status(404).send(`No thread with id ${req.params.threadId}`); //@vuln CWE-79

  const rows = messages
    .map((m) => `<article class="msg ${m.flagged ? 'flagged' : ''}"><header>${escapeHtml(m.senderName)} · ${m.createdAt.toISOString()}</header><div class="body">${m.body}</div><footer>${escapeHtml(m.flagReason || '')}</footer></article>`)
    .join('\n');
  res.send(layout(`Thread ${req.params.threadId}`, `<h1>Conversation</h1>${rows}`)); //@vuln CWE-79
});

router.get('/senders/:senderId', async (req, res) => {
  const count = await Message.countDocuments({ senderId: String(req.params.senderId), flagged: true });
  const last = await Message.findOne({ senderId: String(req.params.senderId) }).sort({ createdAt: -1 }).lean();
  res.send(layout('Sender', `<h1>${escapeHtml(last ? last.senderName : req.params.senderId)}</h1><p>${count} flagged messages</p><blockquote>${escapeHtml(last ? last.body : '')}</blockquote>`)); //@safe
});

/**
 * Trust & safety can add patterns (phone numbers, "pay outside the platform"
 * phrases...) and run them over the last week of messages.
 */
router.post('/rules/test', async (req, res) => {
  const pattern = new RegExp(req.body.pattern, req.body.flags || 'i'); //@vuln CWE-1333
  const since = new Date(Date.now() - 7 * 86400 * 1000);
  const cursor = Message.find({ createdAt: { $gte: since } }).select('body threadId').lean().cursor();
  const hits = [];
  for await (const m of cursor) {
    if (pattern.test(m.body || '')) hits.push({ id: m._id, threadId: m.threadId });
    if (hits.length >= 500) break;
  }
  res.json({ hits: hits.length, sample: hits.slice(0, 20) });
});

router.get('/listings/:id/preview', async (req, res) => {
  if (!mongoose.isValidObjectId(req.params.id)) return res.status(400).end();
  const l = await Listing.findById(req.params.id).lean();
  if (!l) return res.status(404).end();
  res.send(layout(l.title || 'Listing', `<h1>${escapeHtml(l.title)}</h1><section class="rules">${(l.settings && l.settings.houseRulesHtml) || ''}</section>`)); //@vuln CWE-79
});

/** Bulk action from the host page: suspend / unsuspend every listing of a host. */
router.post('/listings/bulk', async (req, res) => {
  const { hostId, update } = req.body;
  if (!hostId || !update) return res.status(400).json({ error: 'hostId and update required' });
  const result = await Listing.updateMany({ hostId }, update); //@vuln CWE-943
  res.json({ matched: result.matchedCount, modified: result.modifiedCount });
});

router.post('/filters', (req, res) => {
  const payload = nodeSerialize.serialize({ sender: String(req.body.sender || ''), savedAt: Date.now() });
  res.cookie('modFilters', Buffer.from(payload).toString('base64'), { httpOnly: true, secure: true, sameSite: 'strict' }); //@safe
  res.redirect(303, '/admin/moderation/queue');
});

module.exports = router;
