import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { MsoError, errorMessage } from '../core/errors.js';
import { writeUserFile } from '../core/user-file.js';
import type { Finding } from '../core/types.js';

/**
 * A baseline records findings accepted today, by fingerprint (rule id, path
 * and a hash of the value: never the value), so later scans report only new ones.
 */
const buildSchema = () =>
  z.object({
    version: z.literal(1),
    createdAt: z.string().optional(),
    findings: z.array(
      z.object({
        fingerprint: z.string().regex(/^[0-9a-f]{16,64}$/),
        ruleId: z.string(),
        file: z.string(),
        line: z.number().optional(),
      }),
    ),
  });
/** Built when a baseline is read, not when the module loads (most hook runs have none). */
let baselineSchema: ReturnType<typeof buildSchema> | undefined;

export type BaselineFile = z.infer<ReturnType<typeof buildSchema>>;

export class Baseline {
  private constructor(
    private readonly fingerprints: Set<string>,
    readonly path: string,
  ) {}

  static load(path: string): Baseline {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new MsoError(`baseline: cannot read ${path}: ${errorMessage(err)}`);
    }
    const parsed = (baselineSchema ??= buildSchema()).safeParse(data);
    if (!parsed.success) throw new MsoError(`baseline: ${path} is not an mso baseline: ${parsed.error.issues[0]?.message}`);
    return new Baseline(new Set(parsed.data.findings.map((f) => f.fingerprint)), path);
  }

  static loadIfExists(path: string): Baseline | undefined {
    return existsSync(path) ? Baseline.load(path) : undefined;
  }

  has(f: Finding): boolean {
    return this.fingerprints.has(f.fingerprint);
  }
}

export function writeBaseline(path: string, findings: Finding[]): void {
  const seen = new Set<string>();
  const entries: BaselineFile['findings'] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, line: f.line });
  }
  const doc: BaselineFile = { version: 1, createdAt: new Date().toISOString(), findings: entries };
  // A path the user named: never replace a device, FIFO or symlink (core/user-file.ts).
  writeUserFile(path, JSON.stringify(doc, null, 2) + '\n');
}
