import { commandBase, parseImage, type ServerIdentity } from './identity.js';
import { hasVar, unresolved } from './launch-common.js';
import { envProblem } from './launch-env.js';
import { OptionTable, flag, refusedValue, valued, type ParsedOption } from './launch-options.js';
import type { RiskRaise } from './levels.js';

/**
 * `docker run` / `docker container run` / `podman run`: every option the
 * table knows, the image, and the options that raise the risk level (host
 * mounts, host namespaces, privileges; the rule is in levels.ts).
 */

const DOCKER_OPTIONS = (runner: string) =>
  new OptionTable(`${runner} run`, [
    flag('-i', '--interactive'),
    flag('-t', '--tty'),
    flag('--rm'),
    flag('-d', '--detach'),
    flag('--init'),
    flag('--read-only'),
    flag('--no-healthcheck'),
    flag('-q', '--quiet'),
    flag('--sig-proxy'),
    flag('-P', '--publish-all'),
    flag('--privileged'),
    { ...valued('-e', '--env'), envValueOk: true },
    { ...valued('-l', '--label'), envValueOk: true },
    { ...valued('-v', '--volume'), envValueOk: true },
    { ...valued('--mount'), envValueOk: true },
    valued('--name'),
    valued('-w', '--workdir'),
    valued('--platform'),
    valued('--pull'),
    valued('-m', '--memory'),
    valued('--memory-swap'),
    valued('--memory-reservation'),
    valued('--cpus'),
    valued('-c', '--cpu-shares'),
    valued('--cpuset-cpus'),
    valued('--pids-limit'),
    valued('--shm-size'),
    valued('--stop-signal'),
    valued('--stop-timeout'),
    valued('-h', '--hostname'),
    valued('--tmpfs'),
    valued('--cap-drop'),
    valued('--network', '--net'),
    valued('--network-alias'),
    valued('-p', '--publish'),
    valued('--expose'),
    valued('--add-host'),
    valued('--dns'),
    valued('--dns-search'),
    valued('--dns-option'),
    valued('--ulimit'),
    valued('--log-driver'),
    valued('--log-opt'),
    valued('--restart'),
    valued('-a', '--attach'),
    valued('-u', '--user'),
    valued('--volumes-from'),
    valued('--cap-add'),
    valued('--device'),
    valued('--gpus'),
    valued('--group-add'),
    valued('--security-opt'),
    valued('--pid'),
    valued('--ipc'),
    valued('--uts'),
    valued('--userns'),
    valued('--cgroupns'),
    refusedValue('replaces the program the image runs', '--entrypoint'),
    refusedValue('takes variables from a file mso does not read', '--env-file'),
    refusedValue('runs the container with another runtime', '--runtime'),
  ]);

const CRITICAL_CAPS = new Set(['ALL', 'SYS_ADMIN', 'SYS_MODULE', 'SYS_PTRACE', 'SYS_RAWIO', 'DAC_READ_SEARCH', 'BPF']);

/** Host paths whose mounting hands over the machine: `/`, system folders, the home folder, engine sockets. */
function criticalHostPath(src: string): boolean {
  const p = src.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
  if (p === '/' || /^[a-z]:\/?$/i.test(p)) return true;
  if (/\.sock$|docker_engine|podman\.sock/i.test(p)) return true;
  if (/^\/(etc|root|proc|sys|dev|boot|run|var\/run|var\/lib\/docker|usr|bin|sbin|lib|lib64)(\/|$)/.test(p)) return true;
  if (/^(~|\$\{?(HOME|USERPROFILE)\}?)$/i.test(p)) return true;
  if (/^\/(home|Users)\/[^/]+$/.test(p) || /^[a-z]:\/users\/[^/]+$/i.test(p)) return true;
  if (/^(~|\$\{?(HOME|USERPROFILE)\}?)\/\.(ssh|aws|gnupg|config|docker|kube|npmrc|netrc)/i.test(p)) return true;
  return false;
}

/** `-v SRC:DST[:opts]`: the host source, or undefined for a named or anonymous volume. */
function volumeSource(spec: string): string | undefined {
  let src: string;
  const drive = /^[A-Za-z]:[\\/]/.test(spec);
  const rest = drive ? spec.slice(2) : spec;
  const colon = rest.indexOf(':');
  if (colon < 0) return undefined; // anonymous volume: container-only
  src = (drive ? spec.slice(0, 2) : '') + rest.slice(0, colon);
  if (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(src)) return undefined; // named volume
  return src;
}

function hostMountRaise(src: string, shown: string): RiskRaise {
  // A source from a variable is unknown, except the project folder itself.
  const fromVar = /\$/.test(src) && !/^\$\{?(PWD|workspaceFolder|CLAUDE_PROJECT_DIR)\}?(\/|$)/.test(src);
  return { category: 'host-mount', detail: `host mount ${shown}`, critical: fromVar || criticalHostPath(src) };
}

function containerRaises(options: ParsedOption[], runner: string): { raises: RiskRaise[] } | { reason: string } {
  const raises: RiskRaise[] = [];
  for (const o of options) {
    const v = o.value ?? '';
    switch (o.name) {
      case '--privileged':
        if (o.value === undefined || /^true$/i.test(o.value)) raises.push({ category: 'privilege', detail: '--privileged', critical: true });
        break;
      case '--cap-add':
        for (const cap of v.split(',')) {
          const c = cap.trim().toUpperCase().replace(/^CAP_/, '');
          raises.push({ category: 'privilege', detail: `--cap-add ${c}`, critical: CRITICAL_CAPS.has(c) });
        }
        break;
      case '--device':
        raises.push({ category: 'privilege', detail: `--device ${v}`, critical: /^\/dev\/(sd|nvme|mem|kmem|port)/.test(v) });
        break;
      case '--gpus':
        raises.push({ category: 'privilege', detail: `--gpus ${v}` });
        break;
      case '--group-add':
        raises.push({ category: 'privilege', detail: `--group-add ${v}` });
        break;
      case '--security-opt':
        if (!/^no-new-privileges(?:[:=]true)?$/i.test(v)) {
          raises.push({ category: 'privilege', detail: `--security-opt ${v}`, critical: /unconfined|disable/i.test(v) });
        }
        break;
      case '-u':
        if (/^(root|0)(:.*)?$/i.test(v)) raises.push({ category: 'privilege', detail: `--user ${v}` });
        break;
      case '--network': {
        const n = v.toLowerCase();
        if (n === 'host' || n.startsWith('container:') || n.startsWith('ns:')) raises.push({ category: 'host-namespace', detail: `--network ${v}` });
        break;
      }
      case '--pid':
      case '--ipc':
      case '--uts':
      case '--userns':
      case '--cgroupns': {
        const n = v.toLowerCase();
        if (n === 'host' || n.startsWith('container:') || n.startsWith('ns:')) {
          raises.push({ category: 'host-namespace', detail: `${o.name} ${v}`, critical: o.name === '--pid' && n === 'host' });
        }
        break;
      }
      case '-v': {
        const src = volumeSource(v);
        if (src !== undefined) raises.push(hostMountRaise(src, `-v ${src}`));
        break;
      }
      case '--mount': {
        const fields = new Map<string, string>();
        for (const part of v.split(',')) {
          const eq = part.indexOf('=');
          fields.set((eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase(), eq < 0 ? 'true' : part.slice(eq + 1));
        }
        const type = (fields.get('type') ?? 'volume').toLowerCase();
        const src = fields.get('source') ?? fields.get('src') ?? '';
        if (type === 'bind' || type === 'npipe') raises.push(hostMountRaise(src || '/', `--mount ${type} ${src}`));
        else if (type === 'volume' || type === 'tmpfs') {
          if (fields.has('volume-driver') || [...fields.keys()].some((k) => k.startsWith('volume-opt'))) {
            raises.push({ category: 'host-mount', detail: `--mount volume with driver options` });
          }
        } else return { reason: `${runner} run --mount type=${type}: a mount type mso does not know` };
        break;
      }
      case '--volumes-from':
        raises.push({ category: 'host-mount', detail: `--volumes-from ${v}` });
        break;
      case '-e': {
        const name = v.split('=')[0]!;
        const why = envProblem([name], `${runner} run -e`);
        if (why) return { reason: why };
        break;
      }
    }
  }
  return { raises };
}

const IMAGE_REF = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

export function containerRunner(runner: string, args: string[]): ServerIdentity {
  let i = 0;
  if (args[0] === 'container') i = 1;
  if (args[i] !== 'run') {
    return unresolved(runner, `only \`${runner} run …\` and \`${runner} container run …\` are understood (global options such as --host or --context, and other subcommands, are refused)`);
  }
  const parsed = DOCKER_OPTIONS(runner).parse(args.slice(i + 1));
  if (!parsed.ok) return unresolved(runner, parsed.reason);
  const [image, first] = parsed.rest;
  if (image === undefined) return unresolved(runner, 'no image to run');
  if (hasVar(image)) return unresolved(runner, `the image '${image}' comes from an environment variable`);
  if (!IMAGE_REF.test(image)) return unresolved(runner, `'${image}' is not an image reference mso can read`); // mso:allow IMAGE_REF is the Docker reference grammar: every repeat opens with a separator its body cannot match
  if (first !== undefined && /^(sh|bash|zsh|dash|ash|ksh|busybox|env|node|python[0-9.]*|perl|ruby|php|npx|npm|uvx|uv|pip[0-9.]*|pipx|bun|bunx|deno|curl|wget)$/i.test(commandBase(first))) {
    return unresolved(runner, `the container command is replaced with '${first}'`);
  }
  const r = containerRaises(parsed.options, runner);
  if ('reason' in r) return unresolved(runner, r.reason);
  const id: ServerIdentity = { ...parseImage(image), runner };
  return r.raises.length ? { ...id, raises: r.raises } : id;
}
