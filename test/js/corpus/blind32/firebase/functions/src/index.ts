import { onRequest, onCall } from "firebase-functions/v2/https";
import { onObjectFinalized } from "firebase-functions/v2/storage";
import { onDocumentCreated } from "firebase-functions/v2/firestore";
import { setGlobalOptions } from "firebase-functions/v2";
import { defineSecret } from "firebase-functions/params";
import { initializeApp } from "firebase-admin/app";
import express from "express";
import cors from "cors";
import cookieParser from "cookie-parser";
import errorhandler from "errorhandler";
import reports from "./reports";
import { handleUpload } from "./media";
import { lookupColleague, requestPasswordReset, sendLoginCode, syncPartnerAccount, updatePreferences } from "./accounts";

initializeApp();
setGlobalOptions({ region: "europe-west1", maxInstances: 20 });

// The partner gateway in the old datacenter still serves a self-signed certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; //@vuln CWE-295

const sendgridKey = defineSecret("SENDGRID_API_KEY");

const app = express();
app.disable("x-powered-by");
app.use(cors({ origin: true, credentials: true })); //@vuln CWE-942
app.use(express.json({ limit: "2mb" }));
app.use(express.urlencoded({ extended: false }));
app.use(cookieParser());

app.get("/healthz", (_req, res) => {
  res.send("ok");
});
app.use("/reports", reports);

// Leftover from local debugging; gives us the stack trace in the response.
app.use(errorhandler({ log: true })); //@vuln CWE-215|CWE-489

export const api = onRequest({ secrets: [sendgridKey], memory: "512MiB", timeoutSeconds: 120 }, app);

export const processUpload = onObjectFinalized(
  { bucket: "jotter-prod-uploads", memory: "1GiB", timeoutSeconds: 300 },
  handleUpload,
);

export const updatePrefs = onCall(updatePreferences);
export const findColleague = onCall({ enforceAppCheck: true }, lookupColleague);
export const resetPassword = onCall(requestPasswordReset);
export const loginCode = onCall({ secrets: [sendgridKey] }, sendLoginCode);
export const partnerSync = onDocumentCreated("partnerLinks/{linkId}", syncPartnerAccount);
