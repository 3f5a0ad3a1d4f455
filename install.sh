#!/usr/bin/env bash
# Installs mso from this checkout: dependencies from the lock file (npm registry only),
# a build, and the `mso` command on the PATH.
#   ./install.sh            install the CLI
#   ./install.sh --hooks    also install the git hooks in the repository of the current folder
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
hooks=0
for arg in "$@"; do
  case "$arg" in
    --hooks) hooks=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

command -v node >/dev/null || { echo "install.sh: Node.js 20 or later is required" >&2; exit 2; }
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "install.sh: Node.js 20 or later is required (found $(node --version))" >&2; exit 2; }

# HUSKY=0: the prepare script would otherwise set up contributor hooks in this checkout.
(cd "$here" && HUSKY=0 npm ci --no-audit --no-fund && npm run build)

# Link the CLI (the CommonJS entry, as package.json "bin") into npm's global bin folder; fall back to
# ~/.local/bin when that is not writable.
bin="$(npm prefix -g)/bin"
if [ -w "$bin" ] || [ -w "$(npm prefix -g)" ]; then
  mkdir -p "$bin"
  ln -sf "$here/dist/cli/main.cjs" "$bin/mso"
else
  bin="$HOME/.local/bin"
  mkdir -p "$bin"
  ln -sf "$here/dist/cli/main.cjs" "$bin/mso"
  case ":$PATH:" in *":$bin:"*) ;; *) echo "install.sh: add $bin to your PATH" >&2 ;; esac
fi
echo "mso $(node "$here/dist/cli/main.cjs" --version) installed as $bin/mso"

if [ "$hooks" = 1 ]; then
  git rev-parse --show-toplevel >/dev/null 2>&1 || { echo "install.sh: --hooks: $(pwd) is not inside a git repository; run \`mso init\` in your repository" >&2; exit 2; }
  "$bin/mso" init
fi
