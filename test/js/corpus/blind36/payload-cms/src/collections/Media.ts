import path from 'path';
import fs from 'fs';
import { exec, execFile } from 'child_process';
import axios from 'axios';
import type { CollectionConfig, PayloadRequest } from 'payload/types';
import type { Response, NextFunction } from 'express';
import { isAdmin } from './Users';

const STATIC_DIR = path.resolve(__dirname, '../../media');
const ORIGINALS_DIR = path.resolve(__dirname, '../../media-originals');

const isEditor = ({ req: { user } }) => Boolean(user?.roles?.some((r: string) => r === 'admin' || r === 'editor'));

const Media: CollectionConfig = {
  slug: 'media',
  upload: {
    staticURL: '/media',
    staticDir: STATIC_DIR,
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'],
    imageSizes: [
      { name: 'thumbnail', width: 400, height: 300, position: 'centre' },
      { name: 'card', width: 768, height: 1024, position: 'centre' },
    ],
  },
  access: {
    read: () => true,
    create: isEditor,
    update: isEditor,
    delete: isAdmin,
  },
  fields: [
    { name: 'alt', type: 'text', required: true },
    { name: 'watermarkText', type: 'text', admin: { description: 'Optional text stamped on the bottom-right corner' } },
  ],
  hooks: {
    afterChange: [
      async ({ doc, operation, req }) => {
        if (operation !== 'create' || !doc.mimeType?.startsWith('image/')) return doc;
        const src = path.join(STATIC_DIR, doc.filename);
        const webp = src.replace(/\.[a-z0-9]+$/i, '.webp');
        execFile('cwebp', ['-q', '80', src, '-o', webp], (err) => { //@safe
          if (err) req.payload.logger.warn(`webp conversion failed for ${doc.id}: ${err.message}`);
        });
        if (doc.watermarkText) {
          exec(`convert "${src}" -gravity southeast -pointsize 22 -fill white -annotate +12+12 "${doc.watermarkText}" "${src}"`, (err) => { //@vuln CWE-78
            if (err) req.payload.logger.warn(`watermark failed for ${doc.id}: ${err.message}`);
          });
        }
        return doc;
      },
    ],
  },
  endpoints: [
    {
      // Used by the bulk-import screen: editors paste a URL from the old site.
      path: '/import-from-url',
      method: 'post',
      handler: async (req: PayloadRequest, res: Response, next: NextFunction) => {
        if (!req.user) return res.status(401).json({ error: 'unauthorized' });
        try {
          const { url, alt } = req.body;
          const remote = await axios.get(url, { responseType: 'arraybuffer', timeout: 15000 }); //@vuln CWE-918
          const name = path.basename(new URL(url).pathname) || `import-${Date.now()}.jpg`;
          const created = await req.payload.create({
            collection: 'media',
            data: { alt: alt || name },
            file: { data: Buffer.from(remote.data), mimetype: remote.headers['content-type'], name, size: remote.data.length },
            user: req.user,
          });
          return res.status(201).json(created);
        } catch (e) {
          return next(e);
        }
      },
    },
    {
      path: '/original',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        if (!req.user) return res.status(401).end();
        const file = path.join(ORIGINALS_DIR, String(req.query.file));
        fs.readFile(file, (err, buf) => { //@vuln CWE-22
          if (err) return res.status(404).json({ error: 'not found' });
          res.type(path.extname(file)).send(buf);
        });
      },
    },
    {
      path: '/download/:name',
      method: 'get',
      handler: async (req: PayloadRequest, res: Response) => {
        res.sendFile(req.params.name, { root: STATIC_DIR, dotfiles: 'deny', headers: { 'Content-Disposition': 'attachment' } }); //@safe
      },
    },
  ],
};

export default Media;
