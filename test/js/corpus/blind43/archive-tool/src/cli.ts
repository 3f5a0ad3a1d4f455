#!/usr/bin/env node
/* Ops tool: filehub-archive <command> [...args]. Runs on the storage hosts as the filehub user. */
import { execFileSync, execSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { config } from '../../common/config';
import { resolveInside } from '../../common/security';
import { encryptFile, exportToTemp, generateExportPassword, importBrandingBundle, installTemplatePack, restoreBackup } from './archive';

function tenantPath(tenantId: string): string {
  if (!/^[0-9a-f-]{36}$/i.test(tenantId || '')) {
    console.error(`invalid tenant id: ${tenantId}`);
    process.exit(2);
  }
  return resolveInside(config.storageRoot, 'tenants', tenantId);
}

function usage(): never {
  console.error('usage: filehub-archive backup|snapshot|restore|import-7z|export|templates|branding <tenantId> [...]');
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'backup': {
      const [tenantId, outFile] = args;
      execFileSync('tar', ['-czf', path.resolve(outFile), '-C', tenantPath(tenantId), '.'], { stdio: 'inherit' }); //@safe
      break;
    }
    case 'snapshot': {
      const [tenantId, label] = args;
      const dir = tenantPath(tenantId);
      execSync(`tar -czf /var/backups/filehub/${tenantId}-${label}.tgz -C ${dir} .`, { stdio: 'inherit' }); //@vuln CWE-78
      break;
    }
    case 'restore': {
      const [tenantId, zip] = args;
      const n = await restoreBackup(path.resolve(zip), tenantPath(tenantId));
      console.log(`restored ${n} files`);
      break;
    }
    case 'import-7z': {
      const [tenantId, archive, password] = args;
      const dest = path.join(tenantPath(tenantId), 'imported');
      fs.mkdirSync(dest, { recursive: true });
      execSync(`7z x -y -p${password} -o${dest} ${archive}`, { stdio: 'inherit' }); //@vuln CWE-78
      break;
    }
    case 'export': {
      const [tenantId, folder] = args;
      const zip = await exportToTemp(tenantPath(tenantId), folder || '');
      const password = generateExportPassword();
      const enc = await encryptFile(zip, password);
      fs.unlinkSync(zip);
      console.log(`${enc}\npassword: ${password}`);
      break;
    }
    case 'templates': {
      installTemplatePack(path.resolve(args[0]), config.templateDir);
      break;
    }
    case 'branding': {
      const [tenantId, bundle] = args;
      const n = await importBrandingBundle(path.resolve(bundle), path.join(tenantPath(tenantId), '.branding'));
      console.log(`installed ${n} branding files`);
      break;
    }
    default:
      usage();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
