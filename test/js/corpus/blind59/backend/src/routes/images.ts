import fs from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import { Router } from "express";
import multer from "multer";
import sharp from "sharp";
import axios from "axios";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { config, s3 } from "../config";

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);
const router = Router();

const WIDTHS = new Set([320, 640, 1280, 1920]);

const upload = multer({
  storage: multer.diskStorage({
    destination: (_req, _file, cb) => cb(null, path.join(config.uploadRoot, "incoming")),
    filename: (_req, file, cb) => cb(null, `${crypto.randomUUID()}${path.extname(file.originalname).toLowerCase()}`),
  }),
  limits: { fileSize: 25 * 1024 * 1024, files: 40 },
  fileFilter: (_req, file, cb) => cb(null, /^image\/(jpeg|png|webp|heic)$/.test(file.mimetype)),
});

function resolveUpload(...segments: string[]): string | null {
  const full = path.resolve(config.uploadRoot, ...segments);
  return full.startsWith(config.uploadRoot + path.sep) ? full : null;
}

export function signMediaPath(key: string, expires: number): string {
  return crypto.createHash("md5").update(`${key}:${expires}:${config.mediaUrlSecret}`).digest("hex");  //@vuln CWE-328|CWE-327
}

router.post("/:listingId", upload.array("photos", 40), async (req, res, next) => {
  try {
    const files = (req.files ?? []) as Express.Multer.File[];
    const keys: string[] = [];
    for (const file of files) {
      let source = file.path;
      if (file.mimetype === "image/heic") {
        source = file.path.replace(/\.heic$/i, ".jpg");
        await execFileAsync("heif-convert", ["-q", "90", file.path, source]);  //@safe
      }
      const body = await sharp(source)
        .rotate()
        .resize({ width: 2048, withoutEnlargement: true })
        .jpeg({ quality: 85, mozjpeg: true })
        .toBuffer();
      const key = `listings/${req.params.listingId}/${path.basename(source, path.extname(source))}.jpg`;
      await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body, ContentType: "image/jpeg" }));
      await fs.rm(file.path, { force: true });
      keys.push(key);
    }
    res.status(201).json({ keys });
  } catch (err) {
    next(err);
  }
});

// Stamp the brokerage name on photos before they are sent to syndication partners.
router.post("/:listingId/watermark", async (req, res, next) => {
  const { photo, brokerage, gravity = "southeast" } = req.body as { photo: string; brokerage: string; gravity?: string };
  const input = resolveUpload(req.params.listingId, path.basename(String(photo)));
  if (!input) return res.status(400).json({ error: "bad photo" });
  try {
    const output = input.replace(/(\.\w+)$/, "-wm$1");
    await execAsync(`convert "${input}" -gravity ${gravity} -pointsize 36 -fill "rgba(255,255,255,0.6)" -annotate +24+24 "${brokerage}" "${output}"`);  //@vuln CWE-78
    res.json({ output: path.basename(output) });
  } catch (err) {
    next(err);
  }
});

router.get("/:listingId/resized", async (req, res) => {
  const width = Number(req.query.w);
  const file = String(req.query.file ?? "");
  const source = path.join(config.uploadRoot, req.params.listingId, file);
  try {
    const buf = await sharp(source)  //@vuln CWE-22
      .resize({ width: WIDTHS.has(width) ? width : 640 })
      .webp({ quality: 80 })
      .toBuffer();
    res.type("image/webp").set("cache-control", "public, max-age=604800").send(buf);
  } catch {
    res.status(404).send(`<p>No photo named <b>${file}</b> for this listing.</p>`);  //@vuln CWE-79
  }
});

router.get("/:listingId/original/:name", (req, res) => {
  const full = resolveUpload(req.params.listingId, req.params.name);
  if (!full) return res.sendStatus(400);
  res.sendFile(full, { dotfiles: "deny" });  //@safe
});

// Agent pastes a photo URL (e.g. from their own website) to add it to the listing.
router.post("/:listingId/import", async (req, res, next) => {
  try {
    const { url } = req.body as { url: string };
    const response = await axios.get<ArrayBuffer>(url, { responseType: "arraybuffer", timeout: 10_000 });  //@vuln CWE-918
    const body = await sharp(Buffer.from(response.data)).rotate().jpeg({ quality: 85 }).toBuffer();
    const key = `listings/${req.params.listingId}/${crypto.randomUUID()}.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body, ContentType: "image/jpeg" }));
    res.status(201).json({ key });
  } catch (err) {
    next(err);
  }
});

// Bulk pull from the MLS media CDN during listing sync.
router.post("/:listingId/import-mls", async (req, res, next) => {
  try {
    const target = new URL(String(req.body.url));
    if (target.protocol !== "https:" || !config.importHosts.includes(target.hostname)) {
      return res.status(400).json({ error: "host not allowed" });
    }
    const response = await axios.get<ArrayBuffer>(target.toString(), {  //@safe
      responseType: "arraybuffer",
      maxRedirects: 0,
      timeout: 10_000,
    });
    const key = `listings/${req.params.listingId}/mls-${crypto.randomUUID()}.jpg`;
    await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: Buffer.from(response.data), ContentType: "image/jpeg" }));
    res.status(201).json({ key });
  } catch (err) {
    next(err);
  }
});

router.get("/:listingId/signed/:name", async (req, res, next) => {
  try {
    const key = `listings/${req.params.listingId}/${path.basename(req.params.name)}`;
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: config.bucket, Key: key }), { expiresIn: 300 });
    const expires = Math.floor(Date.now() / 1000) + 300;
    res.json({ url, cdnToken: signMediaPath(key, expires), expires });
  } catch (err) {
    next(err);
  }
});

export default router;
