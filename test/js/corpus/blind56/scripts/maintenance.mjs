#!/usr/bin/env node
// Harborline ops tasks. Usage: node scripts/maintenance.mjs <command> [...args]
import { execSync, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const ARCHIVE_ROOT = path.resolve(process.env.ARCHIVE_ROOT ?? "/var/harborline/archive");
const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT ?? "/var/harborline/exports");

const [, , command, ...args] = process.argv;

function pool() {
  return new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
}

const commands = {
  // backup <database> <outfile>
  backup([database, outFile]) {
    execSync(`pg_dump --format=custom ${database} > ${outFile}`, { stdio: "inherit" });  //@vuln CWE-78
    console.log(`wrote ${outFile}`);
  },

  // restore <dumpfile> <database>
  restore([dumpFile, database]) {
    execFileSync("pg_restore", ["--clean", "--if-exists", "--dbname", database, dumpFile], { stdio: "inherit" });  //@safe
  },

  // archive <hotel-slug>: tarball last year's folios for a hotel
  archive([hotel]) {
    const source = path.join(ARCHIVE_ROOT, "folios", hotel);
    const child = spawn("sh", ["-c", `tar czf ${ARCHIVE_ROOT}/${hotel}-folios.tgz ${source}`], { stdio: "inherit" });  //@vuln CWE-78
    child.on("exit", (code) => process.exit(code ?? 0));
  },

  // purge <hotel-slug>: drop archived data for a hotel that left the platform
  purge([hotel]) {
    const target = path.join(ARCHIVE_ROOT, hotel);
    fs.rmSync(target, { recursive: true, force: true });  //@vuln CWE-22
    console.log(`removed ${target}`);
  },

  // export <hotel-id> <filename>
  async export([hotelId, filename]) {
    const target = path.resolve(EXPORT_ROOT, filename);
    if (!target.startsWith(EXPORT_ROOT + path.sep)) {
      throw new Error("export file must stay inside EXPORT_ROOT");
    }
    const db = pool();
    const { rows } = await db.query("SELECT * FROM reservations WHERE hotel_id = $1 ORDER BY check_in", [hotelId]);
    fs.writeFileSync(target, rows.map((r) => JSON.stringify(r)).join("\n"));  //@safe
    await db.end();
  },

  // manifest <dir>: checksum file that the restore job verifies before importing
  manifest([dir]) {
    const lines = fs.readdirSync(dir).map((name) => {
      const digest = crypto.createHash("sha1").update(fs.readFileSync(path.join(dir, name))).digest("hex");  //@vuln CWE-328|CWE-327
      return `${digest}  ${name}`;
    });
    fs.writeFileSync(path.join(dir, "MANIFEST"), lines.join("\n") + "\n");
  },

  // forget-guests <days>: GDPR retention job
  async "forget-guests"([days = "1095"]) {
    const db = pool();
    const result = await db.query(`DELETE FROM guest_pii WHERE last_stay_at < now() - interval '${days} days'`);  //@vuln CWE-89
    console.log(`deleted ${result.rowCount} guest records`);
    await db.end();
  },

  // find <hotel-id> <js-expression>, e.g. find h1 "row.total_cents > 500000"
  async find([hotelId, expression]) {
    const matches = new Function("row", `return (${expression});`);  //@vuln CWE-94
    const db = pool();
    const { rows } = await db.query("SELECT * FROM reservations WHERE hotel_id = $1", [hotelId]);
    console.table(rows.filter((row) => matches(row)));
    await db.end();
  },

  // reset-staff <username>: issue a temporary password for the front desk
  async "reset-staff"([username]) {
    const temporary = Math.random().toString(36).slice(-10);  //@vuln CWE-338
    const db = pool();
    await db.query("UPDATE staff_accounts SET temp_password = crypt($1, gen_salt('bf')), must_change = true WHERE username = $2", [temporary, username]);
    console.log(`temporary password for ${username}: ${temporary}`);
    await db.end();
  },
};

const run = commands[command];
if (!run) {
  console.error(`unknown command "${command}". available: ${Object.keys(commands).join(", ")}`);
  process.exit(64);
}

Promise.resolve(run(args)).catch((err) => {
  console.error(err);
  process.exit(1);
});
