/**
 * Where MCP servers are configured for a project, known without the config parser (zod): the
 * pre-commit hook asks whether a commit touches one before it loads the MCP checks.
 */
export type ConfigScope = 'project' | 'project-settings' | 'local-settings' | 'local' | 'user';

/** Project config files, in the order they are listed. */
export const PROJECT_CONFIG_FILES: ReadonlyArray<{ path: string; scope: ConfigScope }> = [
  { path: '.mcp.json', scope: 'project' },
  { path: '.claude/settings.json', scope: 'project-settings' },
  { path: '.claude/settings.local.json', scope: 'local-settings' },
];
