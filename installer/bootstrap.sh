#!/usr/bin/env bash
# GovDesk set-up on a fresh Debian 12 / Ubuntu 22.04+ machine, and the one test command.
#
#   sudo bash installer/bootstrap.sh test [PYTEST ARGS...]
#       install what is missing, then run ruff, lint-imports and pytest (CI runs this)
#   sudo bash installer/bootstrap.sh demo
#       install what is missing, build the demo county (once) and start the app on it
#
# Idempotent: apt runs only when a system package is missing and pip only when pyproject.toml
# changed, so a repeated run is quick and needs no network. Root (or sudo) is needed only to
# install system packages. When run as root in a checkout owned by someone else (the usual
# `sudo bash …`), the virtualenv, the tests and the app run as that owner, so the files the
# script makes and the demo database belong to them, not to root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
STAMP="$VENV/.govdesk-installed"  # what pyproject.toml looked like at the last pip install

# Qt (offscreen QtWebEngine, a real window under Xvfb, pytest-qt): see PLATFORM-NOTES.md.
QT_PACKAGES=(
  libgl1 libegl1 libgbm1 libnss3 libasound2 libdbus-1-3 libfontconfig1 libglib2.0-0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcomposite1
  libxdamage1 libxrandr2 libxtst6 libxkbfile1
)
# Screenshots under a virtual display, and the PostgreSQL server the db tests start.
EXTRA_PACKAGES=(xvfb xauth postgresql)

usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}
say() { printf '==> %s\n' "$*"; }
die() {
  printf 'bootstrap: %s\n' "$*" >&2
  exit 1
}

# --- who runs what ---------------------------------------------------------------------------

OWNER="$(stat -c %U "$ROOT")"

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    die "installing system packages needs root: run  sudo bash installer/bootstrap.sh ${COMMAND}"
  fi
}

as_owner() {
  if [[ $EUID -eq 0 && $OWNER != root ]]; then
    runuser -u "$OWNER" -- "$@"
  else
    "$@"
  fi
}

# --- system packages -------------------------------------------------------------------------

is_installed() {
  # Ubuntu 24.04 renamed some libraries with a t64 suffix (libasound2t64, libglib2.0-0t64).
  local pkg
  for pkg in "$1" "$1t64"; do
    if dpkg-query -W -f='${db:Status-Abbrev}\n' "$pkg" 2>/dev/null | grep -q '^ii'; then
      return 0
    fi
  done
  return 1
}

APT_UPDATED=0
apt_install() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

ensure_system_packages() {
  if ! command -v dpkg-query >/dev/null; then
    say "not a Debian-family system: install Qt's libraries, Xvfb and PostgreSQL yourself"
    return
  fi
  local missing=() pkg
  for pkg in "${QT_PACKAGES[@]}" "${EXTRA_PACKAGES[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "system packages: all installed"
  else
    apt_install "${missing[@]}"
  fi
}

# --- Python ----------------------------------------------------------------------------------

python_ok() {  # at least the Python that pyproject.toml requires
  as_owner "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

python_candidates() {
  # 3.12 first, then newer: on Python 3.11, PySide6 6.12 runs down the counts of None/True/False
  # (ui/singletons.py works around it), and the UI tests have crashed there; 3.12 and later
  # make those objects immortal. pyenv's versions count too (its shims fail for a version
  # that is not selected, so the interpreters are named by path).
  local root
  echo python3.12
  echo python3.13
  root="$(as_owner sh -c 'command -v pyenv >/dev/null && pyenv root' 2>/dev/null || true)"
  if [[ -n $root ]]; then
    find "$root/versions" -maxdepth 3 -path '*/bin/python3.1[2-9]' 2>/dev/null | sort -V
  fi
  echo python3
  echo python3.11
}

pick_python() {
  local candidate path
  for candidate in $(python_candidates); do
    # Looked up as the owner: root's PATH may hold interpreters the owner cannot run.
    # shellcheck disable=SC2016  # $1 is expanded by the inner shell
    path="$(as_owner sh -c 'command -v "$1"' sh "$candidate" || true)"
    if [[ -n $path ]] && python_ok "$path"; then
      echo "$path"
      return
    fi
  done
  # Ubuntu 22.04's python3 is 3.10; 3.11 is a package of its own there.
  apt_install python3.11 >&2
  echo /usr/bin/python3.11
}

ensure_venv() {
  if [[ -x $VENV/bin/python ]] && python_ok "$VENV/bin/python"; then
    return
  fi
  if [[ -e $VENV ]]; then
    say "the virtualenv at .venv is broken or too old: making it again"
    rm -rf "$VENV"
  fi
  local py version
  py="$(pick_python)"
  say "creating .venv with $py"
  if ! as_owner "$py" -m venv "$VENV"; then
    # Debian and Ubuntu ship venv's pip bootstrap in a separate package.
    rm -rf "$VENV"
    version="$(as_owner "$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    apt_install "python${version}-venv"
    as_owner "$py" -m venv "$VENV"
  fi
}

ensure_python_packages() {
  local want
  want="$(sha256sum pyproject.toml | cut -d' ' -f1) $ROOT $("$VENV/bin/python" -V 2>&1)"
  if [[ -f $STAMP && "$(cat "$STAMP")" == "$want" && -x $VENV/bin/govdesk ]]; then
    say "Python packages: up to date"
    return
  fi
  say "pip install -e '.[test]' (the first time takes a minute or two)"
  as_owner "$VENV/bin/python" -m pip install --quiet --progress-bar off -e '.[test]'
  printf '%s\n' "$want" | as_owner tee "$STAMP" >/dev/null
}

install_all() {
  ensure_system_packages
  ensure_venv
  ensure_python_packages
}

# --- commands --------------------------------------------------------------------------------

run_tests() {
  export QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1
  local failed=() status
  say "ruff check ."
  as_owner "$VENV/bin/ruff" check . || failed+=("ruff")
  say "lint-imports"
  as_owner "$VENV/bin/lint-imports" || failed+=("lint-imports")
  say "pytest $*"
  status=0
  as_owner "$VENV/bin/python" -m pytest "$@" || status=$?
  case $status in
    0) ;;
    5) failed+=("pytest (collected no tests)") ;;
    *) failed+=("pytest (exit $status)") ;;
  esac
  if [[ ${#failed[@]} -gt 0 ]]; then
    printf 'bootstrap: FAILED:\n' >&2
    printf '  - %s\n' "${failed[@]}" >&2
    exit 1
  fi
  say "all checks passed"
}

run_demo() {
  local govdesk="$VENV/bin/govdesk" url
  url="$(as_owner "$VENV/bin/python" -c \
    'from desktop.settings import demo_sqlite_url; print(demo_sqlite_url())')"
  say "building the demo county into $url (skipped when it exists)"
  as_owner "$govdesk" --db "$url" demo --if-missing
  if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
    cat <<EOF
No display here (DISPLAY is not set), so the app was not started.
From a desktop session, start it with:
  $govdesk --db '$url' gui
Without a screen, on a virtual display (e.g. for screenshots):
  xvfb-run -a -s '-screen 0 1600x900x24' $govdesk --db '$url' gui
EOF
    return
  fi
  if [[ $EUID -eq 0 && $OWNER == root ]]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1  # QtWebEngine aborts as root without it
  fi
  say "starting GovDesk on the demo county"
  as_owner "$govdesk" --db "$url" gui
}

COMMAND="${1:-}"
case $COMMAND in
  test)
    shift
    install_all
    run_tests "$@"
    ;;
  demo)
    shift
    [[ $# -eq 0 ]] || usage
    install_all
    run_demo
    ;;
  *) usage ;;
esac
