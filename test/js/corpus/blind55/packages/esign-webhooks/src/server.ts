import express, { NextFunction, Request, Response } from "express";
import cors from "cors";
import cookieParser from "cookie-parser";
import mongoose from "mongoose";
import serialize from "node-serialize";
import escapeHtml from "escape-html";
import { Envelope, webhookRouter, readEmbeddedSignerClaims, verifyProviderToken, newSigningToken } from "./webhooks";

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", 1);
app.use(cookieParser());

const DASHBOARD_ORIGINS = ["https://app.lexbridge.io", "https://admin.lexbridge.io"];
const RETURN_HOSTS = new Set(["app.lexbridge.io", "sign.lexbridge.io"]);

app.use("/webhooks", webhookRouter);
app.use("/api", cors({ origin: DASHBOARD_ORIGINS, credentials: true }));  //@safe

// The signing widget is embedded in customer portals.
const signer = express.Router();
signer.use((req: Request, res: Response, next: NextFunction) => {
  if (req.headers.origin) {
    res.setHeader("Access-Control-Allow-Origin", req.headers.origin);  //@vuln CWE-942
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Vary", "Origin");
  }
  next();
});
signer.use(express.json({ limit: "256kb" }));

signer.post("/unlock", async (req, res) => {
  const envelope = await Envelope.findOne({ envelopeId: req.body.envelopeId, accessCode: req.body.accessCode });  //@vuln CWE-943
  if (!envelope) return res.status(404).json({ error: "Envelope not found or code incorrect" });
  const sessionToken = newSigningToken();
  res.cookie("signer_session", sessionToken, { httpOnly: true, secure: true, sameSite: "none", maxAge: 3600_000 });  //@safe
  res.json({ envelopeId: envelope.envelopeId, signers: envelope.signers.map((s) => s.name) });
});

signer.get("/envelopes/:id", async (req, res) => {
  const envelope = await Envelope.findOne({ envelopeId: String(req.params.id) }).lean();
  if (!envelope) return res.sendStatus(404);
  res.json({ status: envelope.status, signers: envelope.signers.length });
});

signer.get("/pending", async (req, res) => {
  const minimum = req.query.minSigners ?? "1";
  const pending = await Envelope.find({ status: "sent", $where: "this.signers.length >= " + minimum }).limit(50);  //@vuln CWE-943
  res.json(pending.map((e) => e.envelopeId));
});

signer.get("/status", async (req, res) => {
  const envelopeId = String(req.query.envelope ?? "");
  const envelope = await Envelope.findOne({ envelopeId }).lean();
  if (!envelope) {
    return res.status(404).send(`<p class="error">No envelope found for reference ${envelopeId}.</p>`);  //@vuln CWE-79
  }
  res.send(`<p>Envelope ${escapeHtml(envelope.envelopeId)} is <strong>${escapeHtml(envelope.status)}</strong>.</p>`);  //@safe
});

// Persist progress so a signer can resume on another tab.
signer.post("/progress", (req, res) => {
  const state = serialize.serialize({ page: req.body.page, fields: req.body.fields, at: Date.now() });
  res.cookie("sign_state", Buffer.from(state).toString("base64"), { maxAge: 86400_000 });  //@vuln CWE-614|CWE-1004
  res.sendStatus(204);
});

signer.get("/progress", (req, res) => {
  const raw = req.cookies.sign_state;
  if (!raw) return res.json({ page: 1, fields: {} });
  const state = serialize.unserialize(Buffer.from(raw, "base64").toString("utf8"));  //@vuln CWE-502
  res.json(state);
});

signer.get("/embedded", async (req, res) => {
  const claims = readEmbeddedSignerClaims(String(req.query.token ?? ""));
  const envelope = await Envelope.findOne({ envelopeId: String(claims.envelopeId) }).lean();
  if (!envelope) return res.sendStatus(404);
  res.json({ envelopeId: envelope.envelopeId, signerEmail: claims.email });
});

signer.get("/provider-session", async (req, res) => {
  const payload = await verifyProviderToken(String(req.query.token ?? ""));
  res.json({ envelopeId: payload.envelope_id });
});

signer.get("/done", (req, res) => {
  const returnUrl = String(req.query.return_url ?? "https://app.lexbridge.io/");
  res.redirect(303, returnUrl);  //@vuln CWE-601
});

signer.get("/declined", (req, res) => {
  const target = new URL(String(req.query.return_url ?? "https://app.lexbridge.io/"), "https://app.lexbridge.io");
  res.redirect(303, RETURN_HOSTS.has(target.hostname) && target.protocol === "https:" ? target.toString() : "https://app.lexbridge.io/");  //@safe
});

app.use("/signer", signer);

async function main() {
  await mongoose.connect(process.env.MONGO_URL ?? "mongodb://localhost:27017/lexbridge_esign");
  const port = Number(process.env.PORT ?? 4100);
  app.listen(port, () => console.log(`esign-webhooks listening on :${port}`));
}

void main();
