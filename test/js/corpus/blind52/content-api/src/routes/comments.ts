import { Router } from 'express';
import axios from 'axios';
import crypto from 'crypto';
import mongoose, { Schema } from 'mongoose';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml } from '@newsroom/shared/helpers';
import { asyncHandler, requireModerator } from '../middleware';

const CommentSchema = new Schema(
  {
    articleId: { type: String, index: true },
    author: String,
    email: String,
    body: String,
    status: { type: String, enum: ['pending', 'approved', 'rejected'], default: 'pending' },
    commenterId: String,
    linkPreview: { title: String, image: String, url: String },
  },
  { timestamps: true },
);

export const Comment = mongoose.model('Comment', CommentSchema);

const COMMENT_HTML: sanitizeHtml.IOptions = { allowedTags: ['b', 'i', 'em', 'strong', 'p', 'a', 'blockquote'], allowedAttributes: { a: ['href'] } };

const router = Router();

router.get('/:articleId', asyncHandler(async (req, res) => {
  const comments = await Comment.find({ articleId: req.params.articleId, status: 'approved' }).sort({ createdAt: -1 }).limit(200).lean(); //@safe
  res.json(comments.map(({ email, commenterId, ...rest }) => rest));
}));

// server-rendered thread for AMP and no-JS readers
router.get('/:articleId/fragment', asyncHandler(async (req, res) => {
  const comments = await Comment.find({ articleId: req.params.articleId, status: 'approved' }).sort({ createdAt: 1 }).lean();
  const items = comments.map((c) => `<li class="comment"><span class="author">${c.author}</span><div class="body">${sanitizeHtml(c.body ?? '', COMMENT_HTML)}</div></li>`);
  res.type('html').send(`<ol class="comments">${items.join('')}</ol>`); //@vuln CWE-79
}));

// "my comments" widget on the profile page
router.post('/mine', asyncHandler(async (req, res) => {
  const mine = await Comment.find({ email: req.body.email, commenterId: req.body.commenterId }).sort({ createdAt: -1 }).lean(); //@vuln CWE-943
  res.json(mine);
}));

async function unfurl(body: string) {
  const link = body.match(/https?:\/\/[^\s"'<>]+/)?.[0];
  if (!link) return undefined;
  try {
    const { data } = await axios.get<string>(link, { timeout: 3000, maxContentLength: 512 * 1024, responseType: 'text' }); //@vuln CWE-918
    const title = data.match(/<meta property="og:title" content="([^"]*)"/)?.[1];
    const image = data.match(/<meta property="og:image" content="([^"]*)"/)?.[1];
    return { url: link, title, image };
  } catch {
    return undefined;
  }
}

router.post('/:articleId', asyncHandler(async (req, res) => {
  const { author, email, body } = req.body as Record<string, string>;
  if (!author || !body || String(body).length > 5000) return res.status(400).json({ error: 'invalid comment' });

  let commenterId = req.cookies.commenter_session as string | undefined;
  if (!commenterId) {
    commenterId = crypto.randomUUID();
    res.cookie('commenter_session', commenterId, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax' }); //@vuln CWE-1004|CWE-614
  }

  await Comment.create({ articleId: req.params.articleId, author: String(author).slice(0, 80), email: String(email ?? ''), body: String(body), commenterId, linkPreview: await unfurl(String(body)) });
  res.status(202).send(`<p class="notice">Thanks ${escapeHtml(author)} — your comment is awaiting moderation.</p>`); //@safe
}));

router.get('/moderation/queue', requireModerator, asyncHandler(async (req, res) => {
  const contains = String(req.query.contains ?? '').toLowerCase();
  if (contains) {
    const matches = await Comment.find({ status: 'pending', $where: `this.body && this.body.toLowerCase().indexOf('${contains}') !== -1` }).limit(100).lean(); //@vuln CWE-943
    return res.json(matches);
  }
  res.json(await Comment.find({ status: 'pending' }).sort({ createdAt: 1 }).limit(100).lean());
}));

router.post('/moderation/bulk-reject', requireModerator, asyncHandler(async (req, res) => {
  const pattern = new RegExp(String(req.body.pattern), 'i'); //@vuln CWE-1333
  const pending = await Comment.find({ status: 'pending' }).lean();
  const ids = pending.filter((c) => pattern.test(c.body ?? '') || pattern.test(c.author ?? '')).map((c) => c._id);
  await Comment.updateMany({ _id: { $in: ids } }, { $set: { status: 'rejected' } });
  res.json({ rejected: ids.length });
}));

export default router;
