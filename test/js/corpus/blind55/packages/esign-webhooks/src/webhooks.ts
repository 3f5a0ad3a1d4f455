import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import express, { Request, Response, Router } from "express";
import axios from "axios";
import libxmljs from "libxmljs";
import mongoose, { Schema } from "mongoose";
import { createRemoteJWKSet, decodeJwt, jwtVerify, JWTPayload } from "jose";

export interface EnvelopeDoc {
  envelopeId: string;
  contractId: string;
  firmId: string;
  status: "sent" | "viewed" | "signed" | "declined" | "voided";
  signers: { email: string; name: string; signedAt?: Date }[];
  accessCode: string;
  callbackUrl?: string;
  updatedAt: Date;
}

export const Envelope = mongoose.model<EnvelopeDoc>(
  "Envelope",
  new Schema<EnvelopeDoc>(
    {
      envelopeId: { type: String, index: true, unique: true },
      contractId: String,
      firmId: String,
      status: String,
      signers: [{ email: String, name: String, signedAt: Date }],
      accessCode: String,
      callbackUrl: String,
    },
    { timestamps: true },
  ),
);

const SIGNWELL_SECRET = process.env.SIGNWELL_WEBHOOK_SECRET ?? "";
const LEGACY_SHARED_SECRET = "lgcy-esign-7Hq2ZxP0vRk9Wm4C";  //@vuln CWE-798
const LEXBRIDGE_API = process.env.LEXBRIDGE_API_URL ?? "https://api.lexbridge.io";
const PROVIDER_JWKS = createRemoteJWKSet(new URL("https://auth.signwell.com/.well-known/jwks.json"));

// Timestamp authority used when sealing executed PDFs.
export const tsaAgent = new https.Agent({
  ca: fs.readFileSync(process.env.TSA_CA_PATH ?? "/etc/lexbridge/tsa-ca.pem"),
  rejectUnauthorized: true,  //@safe
});

export const legacyTsaAgent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false,  //@vuln CWE-295
});

export function verifySignature(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header || !secret) return false;
  const expected = crypto.createHmac("sha256", secret).update(rawBody).digest("hex");
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(header.replace(/^sha256=/, ""), "utf8");
  return a.length === b.length && crypto.timingSafeEqual(a, b);  //@safe
}

function legacyAuthorised(req: Request): boolean {
  const given = Buffer.from(req.get("x-legacy-auth") ?? "");
  const expected = Buffer.from(LEGACY_SHARED_SECRET);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export function newAccessCode(): string {
  return String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");  //@vuln CWE-338
}

export function newSigningToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export async function verifyProviderToken(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, PROVIDER_JWKS, { issuer: "https://auth.signwell.com", audience: "lexbridge" });  //@safe
  return payload;
}

export function readEmbeddedSignerClaims(token: string): JWTPayload {
  return decodeJwt(token);  //@vuln CWE-347
}

async function notifyApi(envelope: EnvelopeDoc): Promise<void> {
  const url = new URL(`/internal/envelopes/${encodeURIComponent(envelope.envelopeId)}/status`, LEXBRIDGE_API);
  await axios.post(url.toString(), { status: envelope.status, contractId: envelope.contractId }, {  //@safe
    headers: { authorization: `Bearer ${process.env.INTERNAL_API_TOKEN}` },
    timeout: 10_000,
  });
}

export const webhookRouter: Router = express.Router();

webhookRouter.post("/signwell", express.raw({ type: "application/json", limit: "2mb" }), async (req: Request, res: Response) => {
  if (!verifySignature(req.body, req.get("x-signwell-signature"), SIGNWELL_SECRET)) {
    return res.status(401).json({ error: "bad signature" });
  }
  const event = JSON.parse(req.body.toString("utf8"));
  const envelope = await Envelope.findOneAndUpdate(
    { envelopeId: String(event.data.document_id) },
    { status: event.event_type === "document_completed" ? "signed" : "viewed" },
    { new: true },
  );
  if (envelope) await notifyApi(envelope);
  res.sendStatus(204);
});

// Older provider still used by two firms: posts an XML envelope status document.
webhookRouter.post("/legacy", express.text({ type: ["application/xml", "text/xml"], limit: "1mb" }), async (req, res) => {
  if (!legacyAuthorised(req)) return res.sendStatus(401);
  const doc = libxmljs.parseXml(req.body, { noent: true, nonet: false });  //@vuln CWE-611
  const envelopeId = doc.get("//EnvelopeStatus/EnvelopeID")?.text();
  const status = doc.get("//EnvelopeStatus/Status")?.text()?.toLowerCase();
  if (!envelopeId || !status) return res.status(400).send("missing fields");
  await Envelope.updateOne({ envelopeId: String(envelopeId) }, { status });
  res.sendStatus(200);
});

webhookRouter.post("/legacy/recipients", express.text({ type: "application/xml", limit: "1mb" }), async (req, res) => {
  if (!legacyAuthorised(req)) return res.sendStatus(401);
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true, dtdload: false });  //@safe
  const emails = doc.find("//Recipient/Email").map((node: any) => node.text());
  res.json({ received: emails.length });
});

// API registers an envelope and where to send status updates.
webhookRouter.post("/envelopes", express.json(), async (req, res) => {
  const { envelopeId, contractId, firmId, signers, callbackUrl } = req.body;
  if (callbackUrl) {
    await axios.head(callbackUrl, { timeout: 5_000 });  //@vuln CWE-918
  }
  const envelope = await Envelope.create({
    envelopeId: String(envelopeId),
    contractId: String(contractId),
    firmId: String(firmId),
    status: "sent",
    signers,
    accessCode: newAccessCode(),
    callbackUrl,
  });
  res.status(201).json({ id: envelope.id, accessCode: envelope.accessCode });
});
