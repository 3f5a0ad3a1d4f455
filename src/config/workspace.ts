import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MsoError, errorMessage } from '../core/errors.js';
import { SEVERITIES } from '../core/types.js';
import { licenceSection, telemetrySection } from './trust-settings.js';

/** Paths a voyage may change only with a person's `mso voyage approve` (prefix when ending in "/", else glob). */
export const DEFAULT_PROTECTED_PATHS = [
  'rules/',
  '.mso/',
  'hooks/',
  '.husky/',
  '.github/workflows/',
  '.claude/',
  '.mcp.json',
  '.pre-commit-config.yaml',
  '.gitattributes',
  '.gitmodules',
];

/**
 * `.mso/workspace.json`: the workspace configuration, validated once on load.
 * Every setting has a default, so an empty object (or no file) is valid.
 * The schema is documented in docs/configuration.md.
 *
 * Built on first use: most runs (every hook call in a workspace without the
 * file) only need the defaults below, and building the schema is a tenth of a
 * hook's start-up.
 */
function buildWorkspaceSchema() {
  const scanSection = z.strictObject({
    /** Extra rule folders, relative to the workspace root. */
    rules: z.array(z.string()).default([]),
    /** Extra exclude globs for --all folder walks. */
    exclude: z.array(z.string()).default([]),
    /** Files the code scanners (js, python) leave out in every scan, staged and hooks included; secrets are still scanned. */
    codeExclude: z.array(z.string().min(1)).default([]),
    /** Skip node_modules/, .git/, vendor/ and the like unless named explicitly. */
    defaultExcludes: z.boolean().default(true),
    /** Files larger than this are skipped and counted (bytes, or "100MB"); large text files below it are scanned in chunks. */
    maxFileSize: z.union([z.number().int().positive(), z.string()]).default('100MB'),
    /** Lowest severity that makes a scan fail (exit 1). */
    failOn: z.enum(SEVERITIES).default('low'),
    /** Baseline used when present; relative to the workspace root. */
    baseline: z.string().default('.mso/baseline.json'),
    /** Levels of decoding of encoded segments (base64, hex, %XX, \\uXXXX, HTML entities) before the secret rules run; 0 turns decoding off. */
    decodeDepth: z.number().int().min(0).max(4).default(2),
  });

  /** mso dispatch and the voyage gate (docs/dispatch.md). */
  const dispatchSection = z.strictObject({
    /** Model the crew uses unless --model is given. */
    model: z.string().min(1).default('claude-sonnet-5-5'),
    /** Most model turns a crew may take (--max-turns). */
    maxTurns: z.number().int().positive().default(40),
    /** Token budget (input + output) for one voyage (--max-tokens). */
    maxTokens: z.number().int().positive().default(500_000),
    /** Retries of a failed API request (429, 5xx, network) before the voyage fails. */
    maxRetries: z.number().int().min(0).max(10).default(2),
    /** Timeout of one API request, in milliseconds. */
    requestTimeoutMs: z.number().int().positive().default(600_000),
    /** Test command (overrides the top-level `test`). */
    test: z.string().min(1).optional(),
    /** Timeout of the test command, in milliseconds. */
    testTimeoutMs: z.number().int().positive().default(600_000),
    /** Protected paths (override the top-level `protectedPaths`). */
    protectedPaths: z.array(z.string().min(1)).optional(),
    /** Branches ungated voyage content must not reach (names or globs; each voyage's base is always included). */
    protectedBranches: z.array(z.string().min(1)).optional(),
  });

  return z.strictObject({
    $schema: z.string().optional(),
    scan: scanSection.prefault({}),
    /** Shell command that runs the workspace's tests (the voyage gate and the crew's run_tests tool). */
    test: z.string().min(1).optional(),
    /** Paths a voyage may change only with approval; replaces the default list. */
    protectedPaths: z.array(z.string().min(1)).optional(),
    dispatch: dispatchSection.prefault({}),
    dataResidency: z
      .strictObject({
        mode: z.enum(['standard', 'air-gapped']).default('standard'),
      })
      .prefault({}),
    telemetry: telemetrySection().prefault({}),
    licence: licenceSection().prefault({}),
    /** Claude Code agent hooks (docs/agent-hooks.md). */
    agentHooks: z
      .strictObject({
        /** A hook payload larger than this is blocked unscanned, so a scan always ends well inside the hook timeout. */
        maxInputSize: z.union([z.number().int().positive(), z.string()]).default('2MB'),
        /** More paths the agent may not change (added to rules/guard/control-plane.yaml); relative to the root, `~/…` or absolute. */
        controlPlane: z.array(z.string().min(1)).default([]),
      })
      .prefault({}),
  });
}

let schema: ReturnType<typeof buildWorkspaceSchema> | undefined;
export const workspaceSchema = (): ReturnType<typeof buildWorkspaceSchema> => (schema ??= buildWorkspaceSchema());

export type WorkspaceConfig = z.infer<ReturnType<typeof buildWorkspaceSchema>>;

/**
 * `workspaceSchema().parse({})`, written out: the configuration of a workspace without
 * .mso/workspace.json (test/config checks that the two stay equal).
 */
export function workspaceDefaults(): WorkspaceConfig {
  return {
    scan: { rules: [], exclude: [], codeExclude: [], defaultExcludes: true, maxFileSize: '100MB', failOn: 'low', baseline: '.mso/baseline.json', decodeDepth: 2 },
    dispatch: { model: 'claude-sonnet-5-5', maxTurns: 40, maxTokens: 500_000, maxRetries: 2, requestTimeoutMs: 600_000, testTimeoutMs: 600_000 },
    dataResidency: { mode: 'standard' },
    telemetry: { endpoint: 'https://telemetry.maestrodevs.com/v1/events' },
    licence: { endpoint: 'https://licence.maestrodevs.com' },
    agentHooks: { maxInputSize: '2MB', controlPlane: [] },
  };
}

export const WORKSPACE_FILE = join('.mso', 'workspace.json');

export function workspaceConfigPath(root: string): string {
  return join(root, WORKSPACE_FILE);
}

/** Loads `<root>/.mso/workspace.json`; a missing file means all defaults, a bad one is an error (exit 2). */
export function loadWorkspaceConfig(root: string): WorkspaceConfig {
  const path = workspaceConfigPath(root);
  if (!existsSync(path)) return workspaceDefaults();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new MsoError(`config: ${path}: not valid JSON: ${errorMessage(err)}`);
  }
  const parsed = workspaceSchema().safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new MsoError(`config: ${path}: invalid workspace configuration\n${lines.join('\n')}`);
  }
  return parsed.data;
}
