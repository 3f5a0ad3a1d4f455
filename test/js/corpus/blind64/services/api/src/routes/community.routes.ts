import { Router } from 'express';
import mongoose, { Schema } from 'mongoose';
import axios from 'axios';
import _ from 'lodash';
import { appDataSource, User } from '../db';
import { requireAuth } from '../middleware/auth';
import { deepMerge, escapeHtml, mergePreferences, setByPath } from '../lib/objects';

const postSchema = new Schema(
  {
    courseSlug: { type: String, index: true },
    authorId: String,
    authorName: String,
    title: String,
    body: String,
    tags: [String],
    votes: { type: Number, default: 0 },
    resolved: { type: Boolean, default: false },
  },
  { timestamps: true },
);

export const Post = mongoose.model('Post', postSchema);

const AVATAR_HOSTS = new Set(['avatars.githubusercontent.com', 'secure.gravatar.com', 'lh3.googleusercontent.com']);

const router = Router();
const users = () => appDataSource.getRepository(User);

router.get('/discussions', requireAuth, async (req, res) => {
  const posts = await Post.find(req.query).sort({ createdAt: -1 }).limit(50).lean();  //@vuln CWE-943
  res.json(posts);
});

router.get('/discussions/by-course/:course', requireAuth, async (req, res) => {
  const filter: Record<string, unknown> = { courseSlug: String(req.params.course) };
  if (typeof req.query.tag === 'string') filter.tags = req.query.tag;
  const posts = await Post.find(filter).sort({ votes: -1 }).limit(50).lean();  //@safe
  res.json(posts);
});

router.post('/discussions/search', requireAuth, async (req, res) => {
  const { course, minVotes = 0 } = req.body;
  const posts = await Post.find({ $where: `this.courseSlug === '${course}' && this.votes >= ${minVotes}` }).limit(50).lean();  //@vuln CWE-943
  res.json(posts);
});

router.post('/discussions', requireAuth, async (req, res) => {
  const { courseSlug, title, body, tags } = req.body;
  const post = await Post.create({
    courseSlug: String(courseSlug),
    authorId: req.user!.id,
    authorName: req.user!.email.split('@')[0],
    title: String(title).slice(0, 200),
    body: String(body).slice(0, 20000),
    tags: Array.isArray(tags) ? tags.map(String).slice(0, 5) : [],
  });
  res.status(201).json(post);
});

router.post('/discussions/:id/resolve', requireAuth, async (req, res) => {
  const { authorId } = req.body;
  const post = await Post.findOneAndUpdate({ _id: req.params.id, authorId }, { resolved: true }, { new: true });  //@vuln CWE-943
  if (!post) return res.status(404).json({ error: 'not found' });
  return res.json(post);
});

router.patch('/me/preferences', requireAuth, async (req, res) => {
  const user = await users().findOneByOrFail({ id: req.user!.id });
  user.preferences = deepMerge(user.preferences ?? {}, req.body);
  await users().save(user);
  res.json(user.preferences);
});

router.patch('/me/notifications', requireAuth, async (req, res) => {
  const user = await users().findOneByOrFail({ id: req.user!.id });
  const notifications = mergePreferences({ ...(user.preferences?.notifications ?? {}) }, req.body);
  user.preferences = { ...user.preferences, notifications };
  await users().save(user);
  res.json(notifications);
});

router.put('/me/editor/:setting', requireAuth, async (req, res) => {
  const user = await users().findOneByOrFail({ id: req.user!.id });
  const editor = user.preferences?.editor ?? {};
  setByPath(editor, req.params.setting, req.body.value);
  user.preferences = { ...user.preferences, editor };
  await users().save(user);
  res.json(editor);
});

router.post('/me/avatar/import', requireAuth, async (req, res) => {
  const { url } = req.body;
  const response = await axios.get<ArrayBuffer>(url, { responseType: 'arraybuffer', timeout: 5000, maxContentLength: 2_000_000 });  //@vuln CWE-918
  const contentType = String(response.headers['content-type'] ?? '');
  if (!contentType.startsWith('image/')) return res.status(415).json({ error: 'not an image' });
  return res.json({ bytes: response.data.byteLength });
});

router.post('/me/avatar/provider', requireAuth, async (req, res) => {
  let target: URL;
  try {
    target = new URL(String(req.body.url));
  } catch {
    return res.status(400).json({ error: 'invalid url' });
  }
  if (target.protocol !== 'https:' || !AVATAR_HOSTS.has(target.hostname)) {
    return res.status(400).json({ error: 'unsupported avatar provider' });
  }
  const response = await axios.get<ArrayBuffer>(target.toString(), { responseType: 'arraybuffer', timeout: 5000, maxRedirects: 0 });  //@safe
  return res.json({ bytes: response.data.byteLength });
});

router.get('/u/:handle', async (req, res) => {
  const user = await users().findOneBy({ displayName: req.params.handle });
  if (!user) return res.status(404).send(`<h1>No learner named ${req.params.handle}</h1>`);  //@vuln CWE-79
  const bio = escapeHtml(user.preferences?.bio ?? '');
  return res.send(`<h1>${escapeHtml(user.displayName)}</h1><p class="bio">${bio}</p>`);  //@safe
});

router.post('/announcements/preview', requireAuth, (req, res) => {
  const { message, cohort } = req.body;
  const render = _.template(String(message));  //@vuln CWE-1336
  res.json({ text: render({ cohort, date: new Date().toDateString() }) });
});

export default router;
