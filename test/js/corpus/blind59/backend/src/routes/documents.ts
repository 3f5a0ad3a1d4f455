import path from "node:path";
import crypto from "node:crypto";
import express, { Router } from "express";
import puppeteer, { type Browser } from "puppeteer";
import { QueryTypes } from "sequelize";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { config, s3, sequelize } from "../config";

const router = Router();

let browserPromise: Promise<Browser> | null = null;
function getBrowser(): Promise<Browser> {
  browserPromise ??= puppeteer.launch({ headless: true, args: ["--disable-dev-shm-usage"] });
  return browserPromise;
}

async function storePdf(listingId: string, pdf: Uint8Array, kind: string, title: string) {
  const key = `documents/${listingId}/${kind}-${Date.now()}.pdf`;
  await s3.send(new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: pdf, ContentType: "application/pdf" }));
  await sequelize.query(  //@safe
    "INSERT INTO documents (listing_id, title, s3_key, kind, created_at) VALUES (:listingId, :title, :key, :kind, now())",
    { replacements: { listingId, title, key, kind }, type: QueryTypes.INSERT },
  );
  return key;
}

// Printable brochure of the public listing page.
router.get("/:listingId/brochure.pdf", async (req, res, next) => {
  const page = await (await getBrowser()).newPage();
  try {
    await page.goto(`${config.webBaseUrl}/listings/${encodeURIComponent(req.params.listingId)}/print`, { waitUntil: "networkidle0" });  //@safe
    const pdf = await page.pdf({ format: "Letter", printBackground: true, margin: { top: "0.5in", bottom: "0.5in" } });
    res.type("application/pdf").setHeader("content-disposition", `inline; filename="brochure.pdf"`);
    res.send(Buffer.from(pdf));
  } catch (err) {
    next(err);
  } finally {
    await page.close();
  }
});

// Agents can capture an HOA or county page into the disclosure packet.
router.post("/:listingId/snapshot", async (req, res, next) => {
  const { sourceUrl, title = "Snapshot" } = req.body as { sourceUrl: string; title?: string };
  const page = await (await getBrowser()).newPage();
  try {
    await page.goto(sourceUrl, { waitUntil: "load", timeout: 20_000 });  //@vuln CWE-918
    const pdf = await page.pdf({ format: "Letter" });
    const key = await storePdf(req.params.listingId, pdf, "snapshot", String(title));
    res.status(201).json({ key });
  } catch (err) {
    next(err);
  } finally {
    await page.close();
  }
});

router.get("/:listingId", async (req, res, next) => {
  try {
    const { kind, order = "created_at" } = req.query as Record<string, string | undefined>;
    const rows = await sequelize.query(  //@vuln CWE-89
      `SELECT id, title, kind, s3_key, created_at FROM documents WHERE listing_id = '${req.params.listingId}'${kind ? ` AND kind = '${kind}'` : ""} ORDER BY ${order} DESC`,
      { type: QueryTypes.SELECT },
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/:listingId/preview", (req, res) => {
  const title = String(req.query.title ?? "Document");
  const src = `/documents/${encodeURIComponent(req.params.listingId)}/download?file=${encodeURIComponent(String(req.query.file ?? ""))}`;
  res.send(`<!doctype html><title>${title}</title><h1>${title}</h1><iframe src="${src}" style="width:100%;height:90vh"></iframe>`);  //@vuln CWE-79
});

router.get("/:listingId/download", (req, res) => {
  const file = req.query.file as string;
  res.download(path.join(config.docsRoot, req.params.listingId, file));  //@vuln CWE-22
});

// DocuSign Connect callback + the page the signer lands on afterwards.
router.get("/signing/complete", (req, res) => {
  const { event, returnUrl } = req.query as { event?: string; returnUrl?: string };
  if (event && event !== "signing_complete") {
    return res.redirect(`${config.webBaseUrl}/account/documents?status=${encodeURIComponent(event)}`);
  }
  res.redirect(returnUrl || `${config.webBaseUrl}/account/documents`);  //@vuln CWE-601
});

router.post("/signing/webhook", express.raw({ type: "application/json" }), async (req, res) => {
  const signature = req.get("x-docusign-signature-1") ?? "";
  const expected = crypto.createHmac("sha256", process.env.DOCUSIGN_HMAC_KEY as string).update(req.body).digest("base64");
  if (signature.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return res.sendStatus(401);
  }
  const payload = JSON.parse(req.body.toString("utf8")) as { envelopeId: string; status: string };
  await sequelize.query("UPDATE documents SET signing_status = :status WHERE envelope_id = :envelopeId", {
    replacements: { status: payload.status, envelopeId: payload.envelopeId },
    type: QueryTypes.UPDATE,
  });
  res.sendStatus(204);
});

export default router;
