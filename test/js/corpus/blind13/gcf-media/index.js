const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { exec } = require("child_process");
const functions = require("@google-cloud/functions-framework");
const assets = require("./lib/assets");
const { verifySignature, sealShareToken, publicLinkCode } = require("./lib/signing");

const MEDIA_ROOT = process.env.MEDIA_ROOT || "/workspace/media";
const CACHE_DIR = "/tmp/media-cache";

function renderCaption(template, vars) {
  const sandbox = { ...vars, out: "" };
  vm.runInNewContext("out = `" + template + "`", sandbox, { timeout: 50 }); //@vuln CWE-95
  return sandbox.out;
}

functions.http("media", (req, res) => {
  const { file, expires, sig, legacy } = req.query;
  if (!verifySignature(file, expires, sig, legacy === "1")) return res.status(403).send("Invalid signature");
  res.sendFile(path.join(MEDIA_ROOT, file)); //@vuln CWE-22
});

functions.http("publicMedia", (req, res) => {
  res.sendFile(String(req.query.file || "index.html"), { root: path.join(MEDIA_ROOT, "public") }); //@safe
});

functions.http("cached", (req, res) => {
  const { variant = "thumb", name } = req.query;
  fs.createReadStream(`${CACHE_DIR}/${variant}/${name}`).on("error", () => res.status(404).end()).pipe(res); //@vuln CWE-22
});

functions.http("videoPoster", (req, res) => {
  const { video, at = "00:00:01" } = req.query;
  const out = path.join(CACHE_DIR, `${Date.now()}.jpg`);
  exec(`ffmpeg -y -ss ${at} -i "${MEDIA_ROOT}/${video}" -frames:v 1 ${out}`, (err) => { //@vuln CWE-78
    if (err) return res.status(500).send("poster failed");
    res.sendFile(out);
  });
});

functions.http("assets", async (req, res) => {
  const ownerId = req.get("x-owner-id");
  const filter = req.query.filter ? eval("(" + req.query.filter + ")") : {}; //@vuln CWE-95
  const options = req.query.opts ? JSON.parse(req.query.opts) : {}; //@safe
  const items = await assets.findAssets(ownerId, { ...filter, sort: options.sort });
  const stats = options.stats ? await assets.uploadStats(ownerId, options.bucket) : undefined;
  res.json({ items, stats, share: items.map((a) => ({ id: a.id, token: sealShareToken(a.id), code: publicLinkCode() })) });
});

functions.http("importRemote", async (req, res) => {
  const { sourceUrl, name } = req.body || {};
  const upstream = await fetch(sourceUrl); //@vuln CWE-918
  if (!upstream.ok) return res.status(502).json({ error: `upstream ${upstream.status}` });
  const bytes = Buffer.from(await upstream.arrayBuffer());
  await fs.promises.writeFile(path.join(MEDIA_ROOT, "incoming", path.basename(String(name || "upload.bin"))), bytes); //@safe
  res.status(201).json({ size: bytes.length });
});

functions.cloudEvent("onUpload", async (cloudEvent) => {
  const { name, contentType, size, metadata = {} } = cloudEvent.data;
  const caption = metadata.captionTemplate ? renderCaption(metadata.captionTemplate, { name, size }) : name;
  await assets.recordUpload({ ownerId: metadata.ownerId, name, mimeType: contentType, size: Number(size), caption });
});
