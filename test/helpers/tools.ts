import { spawnSync } from 'node:child_process';

/**
 * External tools that some tests drive. `.ci/run` installs them (Debian:
 * util-linux for `unshare` and `script`, iproute2 for `ip`, pre-commit).
 * Where one is missing, the tests that need it are skipped with a message on
 * a developer's machine, and FAIL under CI (`CI=true`): a silent skip would let
 * CI pass without running them.
 */
export type Tool = 'unshare' | 'script' | 'pre-commit';

const probes: Record<Tool, { probe: () => boolean; why: string }> = {
  // A network namespace with loopback up: needs root (or user namespaces), util-linux and iproute2.
  unshare: {
    probe: () => spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up']).status === 0,
    why: '`unshare -n` with `ip link set lo up` (util-linux, iproute2; root or user namespaces)',
  },
  script: { probe: () => spawnSync('script', ['--version']).status === 0, why: '`script` (bsdutils or util-linux) for a pseudo-terminal' },
  'pre-commit': { probe: () => spawnSync('pre-commit', ['--version']).status === 0, why: 'the `pre-commit` framework (Debian package pre-commit)' },
};

const seen = new Map<Tool, boolean>();

export function toolAvailable(tool: Tool): boolean {
  let ok = seen.get(tool);
  if (ok === undefined) {
    ok = probes[tool].probe();
    seen.set(tool, ok);
  }
  return ok;
}

export function inCI(): boolean {
  return /^(true|1|yes)$/i.test(process.env.CI ?? '');
}

function missing(tool: Tool): string {
  return `${probes[tool].why} is not available; .ci/run installs it`;
}

/** `test` when the tool is there; otherwise a skip (with a message) or, under CI, a failing test. */
export function testNeeding(tool: Tool): jest.It {
  if (toolAvailable(tool)) return test;
  if (inCI()) {
    const failing = ((name: string) => test(name, () => {
      throw new Error(`CI=true and ${missing(tool)}`);
    })) as unknown as jest.It;
    return failing;
  }
  process.stderr.write(`SKIPPED tests that need ${tool}: ${missing(tool)}\n`);
  return test.skip;
}

/** `describe` when the tool is there; otherwise a skipped block or, under CI, a block with one failing test. */
export function describeNeeding(tool: Tool): jest.Describe {
  if (toolAvailable(tool)) return describe;
  if (inCI()) {
    const failing = ((name: string) =>
      describe(name, () => {
        test(`needs ${tool}`, () => {
          throw new Error(`CI=true and ${missing(tool)}`);
        });
      })) as unknown as jest.Describe;
    return failing;
  }
  process.stderr.write(`SKIPPED tests that need ${tool}: ${missing(tool)}\n`);
  return describe.skip;
}

/** For a step inside a test: true when the tool is there; false (with a message) locally; throws under CI. */
export function canUse(tool: Tool): boolean {
  if (toolAvailable(tool)) return true;
  if (inCI()) throw new Error(`CI=true and ${missing(tool)}`);
  process.stderr.write(`SKIPPED a step that needs ${tool}: ${missing(tool)}\n`);
  return false;
}
