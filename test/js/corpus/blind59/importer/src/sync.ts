import crypto from "node:crypto";
import { exec } from "node:child_process";
import { promisify } from "node:util";
import knexFactory from "knex";

const execAsync = promisify(exec);

export type MappedListing = {
  mls_number: string;
  title: string;
  price: number;
  city: string;
  bedrooms?: number;
  status?: string;
  seller_phone?: string;
  [key: string]: unknown;
};

export const knex = knexFactory({
  client: "pg",
  connection: {
    connectionString: process.env.DATABASE_URL,
    ssl: { ca: process.env.PG_CA_CERT },
  },
  pool: { min: 0, max: 4 },
});

const PII_KEY = Buffer.from(process.env.IMPORT_PII_KEY ?? "", "base64");
const PARTNER_KEY = Buffer.from(process.env.PARTNER_EXPORT_KEY ?? "", "base64");

export function sealContact(value: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", PII_KEY, iv);  //@safe
  const enc = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), enc].map((b) => b.toString("base64")).join(".");
}

export function partnerContactToken(value: string): string {
  const cipher = crypto.createCipheriv("des-ede3", PARTNER_KEY, null);  //@vuln CWE-327
  return Buffer.concat([cipher.update(value, "utf8"), cipher.final()]).toString("hex");
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export async function upsertListings(boardId: string, rows: MappedListing[], batchSize = 500) {
  for (const batch of chunks(rows, batchSize)) {
    const records = batch.map(({ seller_phone, ...rest }) => ({
      ...rest,
      mls_board: boardId,
      seller_contact: seller_phone ? sealContact(seller_phone) : null,
      partner_contact: seller_phone ? partnerContactToken(seller_phone) : null,
      updated_at: knex.fn.now(),
    }));
    await knex("listings").insert(records).onConflict(["mls_board", "mls_number"]).merge();
  }
}

export async function markStale(boardId: string, since: string) {
  return knex.raw(  //@safe
    "UPDATE listings SET status = 'off_market' WHERE mls_board = ? AND updated_at < ?::timestamptz AND status = 'active'",
    [boardId, since],
  );
}

export async function purgeBoard(boardId: string, before: string) {
  return knex.raw(`DELETE FROM listings WHERE mls_board = '${boardId}' AND updated_at < '${before}'`);  //@vuln CWE-89
}

export async function countByStatus(boardId: string, status: string) {
  return knex("listings").where("mls_board", boardId).whereRaw(`status = '${status}'`).count({ n: "*" });  //@vuln CWE-89
}

export async function compressPhotos(dir: string, quality: string) {
  const { stdout } = await execAsync(`find ${dir} -type f -name '*.jpg' -exec jpegoptim --strip-all --max=${quality} {} +`);  //@vuln CWE-78
  return stdout;
}
