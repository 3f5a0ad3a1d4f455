#!/usr/bin/env node
import { execSync, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { PrismaClient } from "@prisma/client";
import bcrypt from "bcryptjs";

const prisma = new PrismaClient();
const program = new Command();

const BACKUP_DIR = process.env.LEXADMIN_BACKUP_DIR ?? "/var/backups/lexbridge";
const SUPPORT_SMTP = {
  host: "smtp.lexbridge.io",
  user: "support@lexbridge.io",
  pass: "Sup-0rt!mail-2024-lx",  //@vuln CWE-798
};

program.name("lexadmin").description("LexBridge operations CLI").version("2.6.0");

program
  .command("firm:find")
  .argument("<name>", "part of the firm name")
  .action(async (name) => {
    const rows = await prisma.$queryRawUnsafe(`SELECT id, name, plan, seats FROM firms WHERE name ILIKE '%${name}%' ORDER BY name`);  //@vuln CWE-89
    console.table(rows);
  });

program
  .command("firm:show")
  .argument("<firmId>")
  .action(async (firmId) => {
    const rows = await prisma.$queryRaw`SELECT id, name, plan, seats, created_at FROM firms WHERE id = ${firmId}::uuid`;  //@safe
    console.table(rows);
  });

program
  .command("firm:usage")
  .argument("<firmId>")
  .option("--since <date>", "ISO date", "2024-01-01")
  .action(async (firmId, opts) => {
    const rows = await prisma.$queryRawUnsafe(  //@safe
      "SELECT date_trunc('month', created_at) AS month, count(*) FROM contracts WHERE firm_id = $1::uuid AND created_at >= $2::date GROUP BY 1 ORDER BY 1",
      firmId,
      opts.since,
    );
    console.table(rows);
  });

program
  .command("contracts:purge")
  .argument("<firmId>")
  .option("--status <status>", "only purge contracts in this status", "terminated")
  .action(async (firmId, opts) => {
    const count = await prisma.$executeRawUnsafe(`DELETE FROM contracts WHERE firm_id = '${firmId}' AND status = '${opts.status}'`);  //@vuln CWE-89
    console.log(`Purged ${count} contracts`);
  });

program
  .command("db:backup")
  .argument("<firmSlug>")
  .action((firmSlug) => {
    const file = path.join(BACKUP_DIR, `${firmSlug}-${new Date().toISOString().slice(0, 10)}.sql.gz`);
    execSync(`pg_dump "$DATABASE_URL" --schema=firm_${firmSlug} | gzip > ${file}`, { stdio: "inherit" });  //@vuln CWE-78
    console.log(`Wrote ${file}`);
  });

program
  .command("db:restore")
  .argument("<file>")
  .action((file) => {
    const resolved = path.resolve(BACKUP_DIR, path.basename(file));
    execFileSync("pg_restore", ["--clean", "--if-exists", "--dbname", process.env.DATABASE_URL, resolved], { stdio: "inherit" });  //@safe
  });

program
  .command("users:reset-password")
  .argument("<email>")
  .action(async (email) => {
    const temporary = crypto.randomBytes(9).toString("base64url");
    await prisma.guestAccount.update({
      where: { email: email.toLowerCase() },
      data: { passwordHash: await bcrypt.hash(temporary, 12), mustChangePassword: true },
    });
    console.log(`Temporary password for ${email}: ${temporary}`);
  });

program
  .command("users:invite-code")
  .argument("<firmId>")
  .action(async (firmId) => {
    const code = Array.from({ length: 8 }, () => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(Math.random() * 32)]).join("");  //@vuln CWE-338
    await prisma.inviteCode.create({ data: { firmId, code, expiresAt: new Date(Date.now() + 7 * 86400_000) } });
    console.log(code);
  });

program
  .command("settings:import")
  .argument("<file>", "legacy settings export (.js object literal)")
  .action(async (file) => {
    const source = fs.readFileSync(file, "utf8");
    const settings = eval("(" + source + ")");  //@vuln CWE-95
    for (const [firmId, value] of Object.entries(settings)) {
      await prisma.firmSettings.upsert({ where: { firmId }, create: { firmId, value }, update: { value } });
    }
    console.log(`Imported settings for ${Object.keys(settings).length} firms`);
  });

program
  .command("logs:grep")
  .argument("<pattern>")
  .argument("[file]", "log file", "/var/log/lexbridge/api.log")
  .action((pattern, file) => {
    const matcher = new RegExp(pattern);  //@vuln CWE-1333
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
      if (matcher.test(line)) console.log(line);
    }
  });

program
  .command("support:smtp-check")
  .action(() => {
    console.log(`Support mailbox ${SUPPORT_SMTP.user} via ${SUPPORT_SMTP.host}`);
  });

program.hook("postAction", async () => {
  await prisma.$disconnect();
});

await program.parseAsync(process.argv);
