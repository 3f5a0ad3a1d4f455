/**
 * Environment variables that change what a launched server runs, rather than
 * configure the server itself. The rule, applied to a config's `env`, to
 * `env NAME=value …` and `NAME=value cmd` prefixes, and to docker `-e`:
 *
 * 1. Names read by runtimes and launchers to load code or choose where it comes
 *    from (the namespaces below: NODE_*, npm_config_*, PYTHON*, PIP_*, UV_*,
 *    LD_*, DYLD_*, …, plus PATH, HOME, BASH_ENV, proxies, CA bundles…) are
 *    refused, unless the name is on the short allow-list of harmless ones
 *    (NODE_ENV, PYTHONUNBUFFERED, …). Unknown names inside those namespaces are
 *    refused too: the allow-list, not a deny-list, decides there.
 * 2. Every other name (GITHUB_PERSONAL_ACCESS_TOKEN, BRAVE_API_KEY, DEBUG,
 *    LOG_LEVEL, MEMORY_FILE_PATH…) is the server's own configuration: it is
 *    read by the code the identity names, so it cannot change that identity.
 *
 * Names compare case-insensitively (npm reads npm_config_* in any case;
 * Windows environments are case-insensitive).
 */
const RUNTIME_NAMESPACES: Array<[RegExp, string]> = [
  [/^NODE_/, 'Node.js'],
  [/^NPM_/, 'npm'],
  [/^YARN_/, 'yarn'],
  [/^PNPM_/, 'pnpm'],
  [/^COREPACK_/, 'corepack'],
  [/^BUN_/, 'bun'],
  [/^DENO_/, 'deno'],
  [/^PYTHON/, 'Python'],
  [/^PIP_/, 'pip'],
  [/^PIPX_/, 'pipx'],
  [/^UV_/, 'uv'],
  [/^CONDA_?/, 'conda'],
  [/^VIRTUAL_ENV/, 'Python virtual environments'],
  [/^LD_/, 'the dynamic linker'],
  [/^DYLD_/, 'the macOS dynamic linker'],
  [/^GLIBC_/, 'glibc'],
  [/^GIT_/, 'git (used to fetch git packages)'],
  [/^DOCKER_/, 'docker'],
  [/^CONTAINERS?_/, 'podman'],
  [/^PODMAN_/, 'podman'],
  [/^BUILDKIT_/, 'docker'],
  [/^(JAVA|JDK|_JAVA)_/, 'Java'],
  [/^(RUBY|GEM_|BUNDLE_)/, 'Ruby'],
  [/^PERL/, 'Perl'],
  [/^PHP_?INI/, 'PHP'],
];

const RUNS_CODE: Record<string, string> = {
  PATH: 'chooses which program runs for every command name',
  PATHEXT: 'chooses which program runs on Windows',
  HOME: "moves the user's configuration (.npmrc, pip.conf, uv.toml) that launchers read",
  USERPROFILE: "moves the user's configuration that launchers read",
  APPDATA: "moves the user's configuration that launchers read",
  LOCALAPPDATA: "moves the user's configuration that launchers read",
  XDG_CONFIG_HOME: "moves the user's configuration that launchers read",
  XDG_CACHE_HOME: 'moves the package caches launchers run from',
  XDG_DATA_HOME: 'moves the tool environments launchers run from',
  BASH_ENV: 'bash runs this file first',
  ENV: 'sh runs this file first',
  ZDOTDIR: 'zsh runs its start-up files from here',
  SHELLOPTS: 'changes how shells run commands',
  BASHOPTS: 'changes how bash runs commands',
  IFS: 'changes how shells split commands',
  PS4: 'shells evaluate it',
  PROMPT_COMMAND: 'bash runs it',
  COMSPEC: 'chooses the Windows command interpreter',
  CLASSPATH: 'chooses the Java code that runs',
  ELECTRON_RUN_AS_NODE: 'turns an Electron app into a Node.js interpreter',
  GCONV_PATH: 'loads shared libraries into every program',
  LOCPATH: 'loads locale data from elsewhere',
  NLSPATH: 'loads message catalogues from elsewhere',
  HOSTALIASES: 'redirects host names (package registries included)',
  RES_OPTIONS: 'changes name resolution',
  SSL_CERT_FILE: 'replaces the trusted certificates, so a fake registry is trusted',
  SSL_CERT_DIR: 'replaces the trusted certificates, so a fake registry is trusted',
  REQUESTS_CA_BUNDLE: 'replaces the trusted certificates, so a fake registry is trusted',
  CURL_CA_BUNDLE: 'replaces the trusted certificates, so a fake registry is trusted',
  HTTP_PROXY: 'sends package downloads through another host',
  HTTPS_PROXY: 'sends package downloads through another host',
  ALL_PROXY: 'sends package downloads through another host',
  NO_PROXY: 'changes which downloads go through the proxy',
};

/** Inside the runtime namespaces, the names known to be harmless. */
const HARMLESS = new Set([
  'NODE_ENV',
  'NODE_NO_WARNINGS',
  'NODE_DEBUG',
  'NODE_DISABLE_COLORS',
  // Read only through ${…} in an .npmrc (which is checked itself), never by npm directly.
  'NODE_AUTH_TOKEN',
  'NPM_TOKEN',
  'PYTHONUNBUFFERED',
  'PYTHONIOENCODING',
  'PYTHONDONTWRITEBYTECODE',
  'PYTHONUTF8',
  'PYTHONHASHSEED',
  'PYTHONFAULTHANDLER',
  'PYTHONLEGACYWINDOWSSTDIO',
  'PYTHONNOUSERSITE',
  'PYTHONSAFEPATH',
  'UV_NO_PROGRESS',
  'UV_OFFLINE',
  'NPM_CONFIG_LOGLEVEL',
  'NPM_CONFIG_YES',
  'NPM_CONFIG_UPDATE_NOTIFIER',
  'NPM_CONFIG_FUND',
  'NPM_CONFIG_AUDIT',
  'NPM_CONFIG_OFFLINE',
  'NPM_CONFIG_PREFER_OFFLINE',
  'PIP_DISABLE_PIP_VERSION_CHECK',
  'PIP_NO_INDEX',
  'PIP_NO_COLOR',
]);

/** Why setting this variable changes what runs, or undefined when it is the server's own configuration. */
export function envChangesWhatRuns(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (!/^[A-Z_][A-Z0-9_]*$/.test(upper)) return `'${name}' is not an ordinary variable name`;
  if (HARMLESS.has(upper)) return undefined;
  const direct = RUNS_CODE[upper];
  if (direct) return `${upper} ${direct}`;
  for (const [re, what] of RUNTIME_NAMESPACES) {
    if (re.test(upper)) {
      const harmless = [...HARMLESS].filter((h) => re.test(h));
      return `${name} is read by ${what} and can change which code runs (${harmless.length ? `only ${harmless.join(', ')} are known to be harmless there` : 'no variable there is known to be harmless'})`;
    }
  }
  return undefined;
}

/** The first variable of a set that changes what runs, as a reason. */
export function envProblem(names: Iterable<string>, where: string): string | undefined {
  for (const n of names) {
    const why = envChangesWhatRuns(n);
    if (why) return `${where} sets ${n}: ${why}`;
  }
  return undefined;
}
