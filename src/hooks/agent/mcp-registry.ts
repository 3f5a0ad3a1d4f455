/**
 * The one place pretool consults the MCP risk registry for `mcp__<server>__<tool>`
 * calls. The registry is its own issue (src/mcp/, built in parallel); until it
 * is merged, this call point allows and the tool input is still scanned for
 * secrets like any other. Wiring it is one line here:
 *
 *   return (await import('../../mcp/policy.js')).checkMcpTool(root, toolName);
 *
 * Contract (that of src/mcp/policy.ts): resolve to `{ allowed: true }` or
 * `{ allowed: false, reason }`; a throw blocks the call (pretool fails closed).
 */
export interface McpDecision {
  allowed: boolean;
  reason?: string;
}

export async function checkMcpTool(_root: string, _toolName: string): Promise<McpDecision> {
  // PENDING: the MCP risk registry (src/mcp/policy.ts) is not merged yet; see above.
  return { allowed: true };
}
