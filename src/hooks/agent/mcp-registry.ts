/**
 * The one place pretool consults the MCP risk registry for `mcp__<server>__<tool>`
 * calls: a server that is unclassified, unconfigured or above the workspace
 * policy is refused. The registry is loaded only for MCP tool calls, so other
 * tool calls do not pay for it. A throw blocks the call (pretool fails closed).
 */
export interface McpDecision {
  allowed: boolean;
  reason?: string;
}

export async function checkMcpTool(root: string, toolName: string): Promise<McpDecision> {
  return (await import('../../mcp/policy.js')).checkMcpTool(root, toolName);
}
