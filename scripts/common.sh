# Shared by run.sh and test.sh: front-end dependencies and build.

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
