# Shared by bin/run, bin/test and .ci/run: make .venv and install the project.
# Usage: ensure_venv [EXTRAS]   (e.g. ensure_venv test)

find_python() {
  for candidate in ${PYTHON:-} python3.13 python3.12 python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "Creative East needs Python 3.11 or newer; none was found on PATH." >&2
  return 1
}

ensure_venv() {
  local extras=${1:-}
  local target="."
  [ -n "$extras" ] && target=".[$extras]"
  if [ ! -x .venv/bin/python ]; then
    local python
    python=$(find_python)
    echo "Creating .venv with $("$python" --version)..."
    "$python" -m venv .venv
  fi
  # Reinstall only when the dependencies or the extras asked for have changed.
  local stamp=".venv/.installed-${extras:-base}"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "Installing the project and its dependencies ($target)..."
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$target"
    touch "$stamp"
  fi
}
