/**
 * Time and size limits of the agent hooks, shared by the hooks themselves and
 * by `mso init --claude`, which writes the Claude Code timeouts.
 *
 * Claude Code kills a hook that exceeds its timeout and lets the tool call go
 * ahead (a timeout is a non-blocking error). So each hook keeps its own
 * deadline, well inside the configured timeout, and blocks (exit 2) when it is
 * reached: mso answers "no" before Claude Code stops waiting.
 */

/** Timeout written into .claude/settings.json, in seconds (Claude Code's unit). */
export const PRETOOL_TIMEOUT_SECONDS = 30;
export const POSTTOOL_TIMEOUT_SECONDS = 60;

/** mso's own deadline, in milliseconds: block this long before Claude Code would give up on us. */
export const PRETOOL_DEADLINE_MS = 20_000;
export const POSTTOOL_DEADLINE_MS = 45_000;

/**
 * Hard ceiling on what is read from stdin, whatever the workspace says: past
 * it mso stops reading and blocks, so a runaway payload cannot exhaust memory.
 */
export const STDIN_HARD_LIMIT_BYTES = 64 * 1024 * 1024;

/** Default for agentHooks.maxInputSize: a payload larger than this is blocked unscanned. */
export const DEFAULT_MAX_INPUT_SIZE = '2MB';

/** How many findings a block message lists before summarising the rest. */
export const MAX_LISTED_FINDINGS = 10;

/** Deepest nesting of a tool input that is scanned; deeper is blocked unscanned. */
export const MAX_INPUT_DEPTH = 256;
