#!/usr/bin/env -S npx tsx
// MLS feed importer. Usage:
//   mls-import import --board crmls [--archive ./drop/crmls.zip] [--since 2024-05-01] [--set batchSize=250]
//   mls-import purge --board crmls --before 2023-01-01
//   mls-import optimize --dir ./photos --quality 80
//   mls-import import --board crmls --schedule "*/15 * * * *"
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import yaml from "js-yaml";
import cron from "node-cron";
import {
  buildMapper,
  compileExclusion,
  downloadFeed,
  parseListingsCsv,
  parseListingsXml,
  savePhotos,
} from "./feed.js";
import { compressPhotos, countByStatus, knex, markStale, purgeBoard, upsertListings } from "./sync.js";

function parseArgs(argv) {
  const args = { set: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--board") args.board = argv[++i];
    else if (a === "--config") args.config = argv[++i];
    else if (a === "--archive") args.archive = argv[++i];
    else if (a === "--since") args.since = argv[++i];
    else if (a === "--before") args.before = argv[++i];
    else if (a === "--dir") args.dir = argv[++i];
    else if (a === "--quality") args.quality = argv[++i];
    else if (a === "--status") args.status = argv[++i];
    else if (a === "--set") args.set.push(argv[++i]);
    else if (a === "--schedule") args.schedule = argv[++i];
    else if (a === "--dry-run") args.dryRun = true;
    else if (!args.command) args.command = a;
  }
  return args;
}

function loadLocalConfig(file) {
  const raw = fs.readFileSync(file, "utf8");
  return yaml.load(raw, { schema: yaml.JSON_SCHEMA });  //@safe
}

// Each board drop ships a manifest.yml describing its field mapping.
function loadManifest(file) {
  if (!fs.existsSync(file)) return {};
  return yaml.load(fs.readFileSync(file, "utf8"), { schema: yaml.DEFAULT_FULL_SCHEMA });  //@vuln CWE-502
}

function setOption(target, dotted, value) {
  const keys = dotted.split(".");
  let node = target;
  while (keys.length > 1) {
    const key = keys.shift();
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys[0]] = value;  //@vuln CWE-1321
}

async function runImport(args, config) {
  const board = config.boards?.[args.board];
  if (!board) throw new Error(`Unknown board "${args.board}"`);

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `mls-${args.board}-`));
  let feedFile;
  if (args.archive) {
    execSync(`unzip -o -q ${args.archive} -d ${workDir}`, { stdio: "inherit" });  //@vuln CWE-78
    feedFile = path.join(workDir, `listings.${board.format}`);
  } else {
    feedFile = await downloadFeed(board, workDir, args.since);
  }

  const manifest = loadManifest(path.join(workDir, "manifest.yml"));
  const mapRow = buildMapper({ ...board.fieldMap, ...(manifest.fieldMap ?? {}) });
  const isExcluded = compileExclusion(manifest.excludeAddresses);

  const raw = board.format === "xml" ? parseListingsXml(feedFile) : parseListingsCsv(feedFile);
  const mapped = raw.filter((row) => !isExcluded(row.Address ?? "")).map(mapRow);
  console.log(`[${args.board}] parsed ${raw.length} rows, ${mapped.length} after exclusions`);

  if (args.dryRun) return;

  await upsertListings(args.board, mapped, Number(config.batchSize ?? 500));
  for (const row of raw) await savePhotos(row, config.photoDir, workDir);
  if (args.since) await markStale(args.board, args.since);
  fs.rmSync(workDir, { recursive: true, force: true });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = loadLocalConfig(args.config ?? path.resolve("importer.yml"));
  for (const pair of args.set) {
    const [key, ...rest] = pair.split("=");
    setOption(config, key, rest.join("="));
  }

  switch (args.command) {
    case "import":
      if (args.schedule) {
        cron.schedule(args.schedule, () => runImport(args, config).catch((e) => console.error(e)));
        console.log(`scheduled ${args.board} import: ${args.schedule}`);
        return;
      }
      await runImport(args, config);
      break;
    case "purge": {
      const result = await purgeBoard(args.board, args.before);
      console.log(`purged ${result.rowCount ?? 0} listings`);
      break;
    }
    case "count":
      console.log(await countByStatus(args.board, args.status ?? "active"));
      break;
    case "optimize":
      await compressPhotos(args.dir ?? config.photoDir, args.quality ?? "82");
      break;
    default:
      console.error("commands: import | purge | count | optimize");
      process.exitCode = 2;
  }
  if (!args.schedule) await knex.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
