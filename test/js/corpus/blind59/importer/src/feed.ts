import fs from "node:fs";
import path from "node:path";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import axios from "axios";
import libxmljs from "libxmljs";
import { parse as parseCsv } from "csv-parse/sync";

export type BoardConfig = {
  id: string;
  name: string;
  feedUrl: string;
  format: "xml" | "csv";
  caFile?: string;
  fieldMap?: Record<string, string>;
};

export type RawListing = Record<string, string>;

const RETS_USER = "homestead_import";
const RETS_PASSWORD = "Imp0rt!Rets#2022";  //@vuln CWE-798

function boardAgent(board: BoardConfig): https.Agent {
  if (board.caFile) {
    return new https.Agent({ ca: fs.readFileSync(board.caFile), rejectUnauthorized: true });  //@safe
  }
  return new https.Agent({ rejectUnauthorized: false });  //@vuln CWE-295
}

export async function downloadFeed(board: BoardConfig, workDir: string, since?: string): Promise<string> {
  const url = new URL(board.feedUrl);
  if (since) url.searchParams.set("modifiedSince", since);
  const res = await axios.get(url.toString(), {
    responseType: "stream",
    auth: { username: RETS_USER, password: RETS_PASSWORD },
    httpsAgent: boardAgent(board),
    timeout: 120_000,
  });
  const dest = path.join(workDir, `listings.${board.format}`);
  await pipeline(res.data, fs.createWriteStream(dest));
  return dest;
}

function elementToRecord(node: libxmljs.Element): RawListing {
  const record: RawListing = {};
  for (const child of node.childNodes()) {
    if (child.type() === "element") record[(child as libxmljs.Element).name()] = child.text().trim();
  }
  return record;
}

export function parseListingsXml(file: string): RawListing[] {
  const doc = libxmljs.parseXml(fs.readFileSync(file, "utf8"), { noent: true, huge: true });  //@vuln CWE-611
  return doc.find<libxmljs.Element>("//Listing").map(elementToRecord);
}

export function parseBoardSchema(file: string): string[] {
  const doc = libxmljs.parseXml(fs.readFileSync(file, "utf8"), { noent: false, nonet: true });  //@safe
  return doc.find<libxmljs.Element>("//Field").map((f) => f.attr("SystemName")?.value() ?? "").filter(Boolean);
}

export function parseListingsCsv(file: string): RawListing[] {
  return parseCsv(fs.readFileSync(file), { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

/**
 * fieldMap entries are small expressions evaluated per row, e.g.
 *   price: "Number(row.ListPrice)"
 *   city:  "row.City.trim()"
 */
export function buildMapper(fieldMap: Record<string, string>) {
  const compiled = Object.entries(fieldMap).map(
    ([field, expr]) => [field, new Function("row", `return (${expr});`)] as const,  //@vuln CWE-95
  );
  return (row: RawListing) => Object.fromEntries(compiled.map(([field, fn]) => [field, fn(row)]));
}

export function compileExclusion(pattern?: string): (address: string) => boolean {
  if (!pattern) return () => false;
  const re = new RegExp(pattern, "i");  //@vuln CWE-1333
  return (address) => re.test(address);
}

export async function savePhotos(row: RawListing, photoDir: string, workDir: string): Promise<void> {
  const names = (row.Photos ?? "").split("|").filter(Boolean);
  for (const name of names) {
    const src = path.join(workDir, "photos", name);
    const dest = path.join(photoDir, row.MlsNumber ?? "unknown", name);
    await fs.promises.mkdir(path.dirname(dest), { recursive: true });
    await fs.promises.copyFile(src, dest);  //@vuln CWE-22
  }

  const plan = row.FloorPlan;
  if (plan) {
    const planName = path.basename(plan);
    const planDest = path.join(photoDir, "floorplans", planName);
    await fs.promises.mkdir(path.dirname(planDest), { recursive: true });
    await fs.promises.copyFile(path.join(workDir, "plans", planName), planDest);  //@safe
  }
}
