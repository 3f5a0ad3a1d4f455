// Runtime configuration for the assistant web app.
// Values come from the environment; a few defaults keep `next dev` working
// without a full .env file.

import crypto from "node:crypto";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

export const config = {
  model: process.env.OPENAI_MODEL ?? "gpt-4o-mini",
  databaseUrl: required("DATABASE_URL"),
  workspaceRoot: process.env.WORKSPACE_ROOT ?? "/srv/workspaces",
  promptsDir: process.env.PROMPTS_DIR ?? "/app/prompts",
  sessionSecret: process.env.SESSION_SECRET ?? "acme-assistant-session-secret-2024", //@vuln CWE-798
  oauth: {
    issuer: process.env.OAUTH_ISSUER ?? "https://login.acme-corp.com",
    clientId: process.env.OAUTH_CLIENT_ID ?? "assistant-web",
    clientSecret: process.env.OAUTH_CLIENT_SECRET ?? "",
    redirectUri: process.env.OAUTH_REDIRECT_URI ?? "http://localhost:3000/api/auth/callback",
  },
  billing: {
    baseUrl: process.env.BILLING_API ?? "http://billing.internal:8080",
    apiToken: "bk_prod_7f3a9c2e61d84b0fa2c5e9d1", //@vuln CWE-798
  },
  docsHosts: ["docs.acme-corp.com", "developer.acme-corp.com", "status.acme-corp.com"],
  maxToolSteps: Number(process.env.MAX_TOOL_STEPS ?? 6),
};

// Connector credentials (Slack, Jira, ...) are stored encrypted in the
// Integration table. Key is derived from the session secret.
const integrationKey = crypto.createHash("sha256").update(config.sessionSecret).digest().subarray(0, 24);

export function encryptIntegrationSecret(plain: string): string {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv("des-ede3-cbc", integrationKey, iv); //@vuln CWE-327
  const enc = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${iv.toString("hex")}:${enc.toString("hex")}`;
}

export function decryptIntegrationSecret(stored: string): string {
  const [ivHex, dataHex] = stored.split(":");
  const decipher = crypto.createDecipheriv("des-ede3-cbc", integrationKey, Buffer.from(ivHex, "hex")); //@vuln CWE-327
  return Buffer.concat([decipher.update(Buffer.from(dataHex, "hex")), decipher.final()]).toString("utf8");
}
