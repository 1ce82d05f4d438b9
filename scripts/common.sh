# Shared by run.sh and test.sh: what the machine needs, front-end dependencies and build.

# The browser tests drive Debian's Chromium (or the one CHROMIUM_PATH names); the check that generated Python
# compiles uses python3. Installs what is missing when this shell may (root with apt-get), or says the one
# command to run and stops, before anything is built.
ensure_test_machine() {
  local missing=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
  command -v python3 >/dev/null || missing+=(python3)
  # The generated projects' tool tests run their tools with python3 and pydantic (crewai's own dependency).
  { command -v python3 >/dev/null && python3 -c "import pydantic" 2>/dev/null; } || missing+=(python3-pydantic)
  # The runnable gate's tests run the projects' offline tests with pytest, on the stand-in crewai (python3 or Debian's).
  { python3 -c "import pytest, pydantic, yaml" 2>/dev/null || /usr/bin/python3 -c "import pytest, pydantic, yaml" 2>/dev/null; } \
    || missing+=(python3-pytest python3-pydantic python3-yaml)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing ${missing[*]} from Debian…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
  else
    echo "The tests need ${missing[*]}. Install it first, then run this again:" >&2
    echo "  sudo apt-get install -y ${missing[*]} fonts-dejavu-core" >&2
    echo "(or point CHROMIUM_PATH at another Chromium)" >&2
    return 1
  fi
}

ensure_node_modules() {
  local web="$1"
  if [ ! -d "$web/node_modules" ] || [ "$web/package-lock.json" -nt "$web/node_modules/.package-lock.json" ]; then
    echo "Installing front-end packages (npm ci)…"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

build_front_end() {
  local web="$1"
  echo "Building the front end…"
  (cd "$web" && npm run --silent build >/dev/null)
}
