/**
 * The one place pretool consults the MCP risk registry for `mcp__<server>__<tool>`
 * calls. The registry is its own issue (src/mcp/, built in parallel); until it
 * is merged this call point allows the call here and the tool input is still
 * scanned for secrets like any other. The MCP work wires it by importing its
 * policy lazily, e.g.:
 *
 *   const { checkMcpTool } = await import('../../mcp/policy.js');
 *   return checkMcpTool(root, toolName, toolInput);
 *
 * Contract: resolve to `{ allow: true }` or `{ allow: false, reason }`; throw
 * on any error (pretool turns a throw into a block, exit 2).
 */
export interface McpDecision {
  allow: boolean;
  reason?: string;
}

export const MCP_REGISTRY_PENDING = true;

export async function checkMcpTool(_root: string, _toolName: string, _toolInput: Record<string, unknown>): Promise<McpDecision> {
  return { allow: true };
}
