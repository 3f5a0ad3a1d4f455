import { readFileSync } from 'node:fs';
import { MsoError, errorMessage } from '../core/errors.js';
import { findWorkspaceRoot } from '../workspace/root.js';
import { activateFile, activateKey, deactivate, licenceStatus, type LicenceState } from './licence.js';

const root = () => findWorkspaceRoot(process.cwd());

function describe(s: LicenceState): string {
  const out: string[] = [];
  if (s.source === 'none' || s.source === 'community') {
    out.push('licence: none active: community tier (mso dispatch works without a licence; a licence adds what its tier lists)');
    out.push(
      s.mode === 'air-gapped'
        ? '  air-gapped workspace: install a signed licence file with `mso licence activate --file PATH`'
        : `  activate with \`mso licence activate KEY\` (validated at ${s.endpoint})`,
    );
    if (s.keyFrom) out.push(`  a key is stored (${s.keyFrom === 'file' ? 'user config' : 'MSO_LICENCE_KEY'}), but not yet validated for this workspace`);
  } else {
    const l = s.licence!;
    out.push(`licence: ${l.tier} (${l.subject || l.id})`);
    out.push(`  features: ${l.features.join(', ') || '(none)'}`);
    out.push(`  expires: ${l.expiresAt}`);
    if (s.source === 'offline-file') out.push('  validated: offline, signed licence file in .mso/licence/licence.json (no network)');
    else out.push(`  validated: online at ${s.endpoint}, last on ${s.validatedAt}; without the service it holds until ${s.graceUntil}`);
  }
  out.push(`  residency mode: ${s.mode}`);
  if (s.problem) out.push(`  problem: ${s.problem}`);
  out.push('  scanning, git hooks, agent hooks and the MCP registry never need a licence');
  return out.join('\n') + '\n';
}

export async function statusCommand(opts: { json?: boolean }): Promise<number> {
  const s = licenceStatus(root());
  process.stdout.write(opts.json ? JSON.stringify(s, null, 2) + '\n' : describe(s));
  return 0;
}

export async function activateCommand(key: string | undefined, opts: { file?: string }): Promise<number> {
  const r = root();
  let s: LicenceState;
  if (opts.file) {
    if (key) throw new MsoError('licence: give either KEY or --file, not both');
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(opts.file, 'utf8'));
    } catch (err) {
      throw new MsoError(`licence: cannot read ${opts.file}: ${errorMessage(err)}`);
    }
    s = activateFile(r, data);
  } else {
    if (!key) throw new MsoError('licence: give a licence KEY, or --file PATH for an offline licence');
    s = await activateKey(r, key);
  }
  process.stdout.write('licence activated\n' + describe(s));
  return 0;
}

export async function deactivateCommand(): Promise<number> {
  deactivate(root());
  process.stdout.write('licence: key and this workspace\'s licence state removed\n');
  return 0;
}
