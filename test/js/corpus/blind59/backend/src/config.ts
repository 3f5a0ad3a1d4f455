import fs from "node:fs";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { Sequelize } from "sequelize";
import mongoose from "mongoose";

export const config = {
  port: Number(process.env.PORT ?? 4100),
  bucket: process.env.MEDIA_BUCKET ?? "homestead-listing-media",
  region: process.env.AWS_REGION ?? "us-east-1",
  uploadRoot: path.resolve(process.env.UPLOAD_ROOT ?? "/var/lib/homestead/uploads"),
  docsRoot: path.resolve(process.env.DOCS_ROOT ?? "/var/lib/homestead/documents"),
  webBaseUrl: process.env.WEB_BASE_URL ?? "https://www.homestead.example",
  allowedOrigins: (process.env.CORS_ORIGINS ?? "https://www.homestead.example,https://agents.homestead.example")
    .split(",")
    .map((o) => o.trim()),
  importHosts: ["photos.mlsgrid.com", "cdn.bridgedataoutput.com", "images.homestead.example"],
  chatJwtSecret: process.env.CHAT_JWT_SECRET as string,
  mobileLegacySecret: "hs-mobile-legacy-2019!k3y",  //@vuln CWE-798
  mediaUrlSecret: process.env.MEDIA_URL_SECRET ?? "",
};

export const s3 = new S3Client({
  region: config.region,
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID as string,  //@safe
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY as string,
  },
});

export const sequelize = new Sequelize(process.env.DOCS_DATABASE_URL as string, {
  dialect: "postgres",
  logging: false,
  pool: { max: 5, idle: 10_000 },
  dialectOptions: {
    ssl: {
      ca: fs.readFileSync(process.env.PG_CA_PATH ?? "/etc/ssl/certs/rds-ca-bundle.pem", "utf8"),
      rejectUnauthorized: true,  //@safe
    },
  },
});

export async function connectStores() {
  await Promise.all([sequelize.authenticate(), mongoose.connect(process.env.CHAT_MONGO_URL as string, { dbName: "chat" })]);
}
