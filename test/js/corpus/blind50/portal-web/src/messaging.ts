import fs from 'fs';
import path from 'path';
import { exec } from 'child_process';
import { Router } from 'express';
import multer from 'multer';
import AdmZip from 'adm-zip';
import serialize from 'node-serialize';
import { pgPool } from '../../common/src/db';
import { UPLOAD_ROOT, escapeHtml, layout, resolveInside } from '../../common/src/util';
import { audit } from '../../common/src/audit';

const router = Router();
const pool = pgPool('portal');
const ATTACH_DIR = path.join(UPLOAD_ROOT, 'messages');
const upload = multer({ dest: path.join(UPLOAD_ROOT, 'incoming'), limits: { fileSize: 25 * 1024 * 1024 } });

function currentUser(req: any) {
  return req.session.user as { id: string; role: string; patientId?: string; name: string };
}

async function loadOwnMessage(id: string, userId: string) {
  const { rows } = await pool.query('SELECT id, subject, body, sender_id, sender_name, recipient_id, sent_at FROM message WHERE id = $1 AND (recipient_id = $2 OR sender_id = $2)', [id, userId]);
  return rows[0];
}

router.get('/', async (req, res) => {
  const user = currentUser(req);
  const { rows } = await pool.query('SELECT id, subject, sender_name, sent_at, read_at FROM message WHERE recipient_id = $1 ORDER BY sent_at DESC LIMIT 50', [user.id]);
  const items = rows.map((m) => `<li class="${m.read_at ? '' : 'unread'}"><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a> <span>${escapeHtml(m.sender_name)}</span> <time>${m.sent_at.toISOString()}</time></li>`).join('');
  res.send(layout('Inbox', `<h1>Secure messages</h1><ul class="inbox">${items}</ul>`)); //@safe
});

router.get('/search', async (req, res) => {
  const user = currentUser(req);
  const q = String(req.query.q || '');
  const { rows } = await pool.query(`SELECT id, subject, sent_at FROM message WHERE (recipient_id = $1 OR sender_id = $1) AND (subject ILIKE '%${q}%' OR body ILIKE '%${q}%') ORDER BY sent_at DESC LIMIT 50`, [user.id]); //@vuln CWE-89
  if (!rows.length) {
    return res.send(layout('Search', `<p>No messages matching <b>${q}</b>.</p><a href="/messages">Back to inbox</a>`)); //@vuln CWE-79
  }
  res.send(layout('Search', `<ul>${rows.map((m) => `<li><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></li>`).join('')}</ul>`));
});

// Legacy attachment links from notification e-mails: /messages/attachment?path=<msgId>/<file>
router.get('/attachment', (req, res) => {
  res.sendFile(path.join(ATTACH_DIR, String(req.query.path || ''))); //@vuln CWE-22
});

router.get('/:id', async (req, res) => {
  const user = currentUser(req);
  const m = await loadOwnMessage(req.params.id, user.id);
  if (!m) return res.sendStatus(404);
  if (m.recipient_id === user.id) await pool.query('UPDATE message SET read_at = coalesce(read_at, now()) WHERE id = $1', [m.id]);
  const dir = path.join(ATTACH_DIR, m.id);
  const files = fs.existsSync(dir) ? await fs.promises.readdir(dir) : [];
  const attachments = files.map((f) => `<li><a href="/messages/${m.id}/attachments/${encodeURIComponent(f)}">${escapeHtml(f)}</a></li>`).join('');
  // Message bodies come from the rich-text composer and are stored as HTML.
  res.send(layout(escapeHtml(m.subject), `<h1>${escapeHtml(m.subject)}</h1><p>From ${escapeHtml(m.sender_name)}</p><article>${m.body}</article><ul>${attachments}</ul>`)); //@vuln CWE-79
});

router.get('/:id/attachments/:name', async (req, res) => {
  const m = await loadOwnMessage(req.params.id, currentUser(req).id);
  if (!m) return res.sendStatus(404);
  const file = resolveInside(path.join(ATTACH_DIR, m.id), req.params.name);
  await audit({ actor: currentUser(req).id, action: 'attachment.download', entity: 'message', entityId: m.id, sourceIp: req.ip });
  res.download(file); //@safe
});

router.post('/:id/attachments', upload.single('file'), async (req, res) => {
  const m = await loadOwnMessage(req.params.id, currentUser(req).id);
  if (!m || !req.file) return res.sendStatus(400);
  const dest = path.join(ATTACH_DIR, m.id);
  await fs.promises.mkdir(dest, { recursive: true });

  exec(`clamscan --no-summary --infected "${req.file.path}"`, async (scanErr) => { //@safe
    if (scanErr) {
      await fs.promises.unlink(req.file!.path);
      return res.status(422).json({ error: 'attachment failed virus scan' });
    }
    if (req.file!.originalname.toLowerCase().endsWith('.zip')) {
      // Patients often send a zip of photos / outside records.
      const zip = new AdmZip(req.file!.path);
      for (const entry of zip.getEntries()) {
        if (entry.isDirectory) continue;
        fs.writeFileSync(path.join(dest, entry.entryName), entry.getData()); //@vuln CWE-22
      }
      await fs.promises.unlink(req.file!.path);
      return res.status(201).json({ extracted: zip.getEntries().length });
    }
    const target = path.join(dest, path.basename(req.file!.originalname));
    await fs.promises.rename(req.file!.path, target); //@safe
    // Strip EXIF/GPS from photos before clinicians open them.
    if (/\.(jpe?g|png|heic)$/i.test(target)) {
      exec(`exiftool -overwrite_original -all= "${target}"`, (err) => err && console.warn('[messaging] exif strip failed', err.message)); //@vuln CWE-78
    }
    res.status(201).json({ name: path.basename(target) });
  });
});

// Unsent drafts are kept client-side (msg_draft cookie, written by the composer) so they survive session timeouts.
router.get('/drafts/current', (req, res) => {
  if (!req.cookies.msg_draft) return res.json(null);
  const draft = serialize.unserialize(Buffer.from(req.cookies.msg_draft, 'base64').toString('utf8')); //@vuln CWE-502
  res.json(draft);
});

export default router;
