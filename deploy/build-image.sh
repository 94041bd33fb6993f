#!/usr/bin/env bash
# Build the confnotes image without a registry, then check what is inside it (docs/deploy.md).
#
#   1. a base image from Debian's packages: mmdebstrap makes a bookworm rootfs (python3,
#      python3-venv, ca-certificates), `podman import` turns it into localhost/confnotes-base:bookworm
#      (kept between runs; REBUILD_BASE=1 makes it again, e.g. for security updates);
#   2. the image: `podman build --isolation=chroot --format docker` of the Containerfile;
#   3. checks: the image's user, healthcheck and command; inside the image `pip check`,
#      `manage.py check --deploy` with a production environment, the collected static files and
#      no compiler; then, where containers may run here, the container itself: migrate, seed,
#      gunicorn, GET /healthz, /readyz and /talks/, and the image's healthcheck.
#
# Runs as root (mmdebstrap and rootful podman); installs mmdebstrap and podman if missing.
# Running containers is often refused inside another container (crun cannot set rlimits): the
# script then tries runc with explicit rlimits and, failing that (or with CHECK_IN=chroot), runs
# the checks of step 3 in a chroot of the mounted image and says that no container was run.
set -euo pipefail
cd "$(dirname "$0")/.."

BASE=${BASE:-localhost/confnotes-base:bookworm}
IMAGE=${IMAGE:-localhost/confnotes:latest}
SUITE=${SUITE:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${SECURITY_MIRROR:-http://deb.debian.org/debian-security}
# A port nothing listens on, for the container's check (host network).
CHECK_PORT=${CHECK_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=var/image

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root (mmdebstrap and rootful podman need it)"

missing=()
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
command -v podman >/dev/null || missing+=(podman)
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 1. The base image.
if [ -n "${REBUILD_BASE:-}" ] || ! podman image exists "$BASE"; then
  say "base image $BASE: mmdebstrap $SUITE"
  mkdir -p "$WORK"
  rm -f "$WORK/base.tar"
  # minbase: Essential and required packages (bash, coreutils, passwd for useradd) and apt;
  # documentation, manual pages and translations are left out; the security and update
  # suites are included, so a rebuilt base has today's fixes. The merged-usr hook lays out
  # /usr itself, so the usrmerge package (and the perl it needs, 55 MB) stays out.
  mmdebstrap --variant=minbase --quiet \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --include=python3,python3-venv,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    "$SUITE" "$WORK/base.tar" \
    "deb $MIRROR $SUITE main" \
    "deb $MIRROR $SUITE-updates main" \
    "deb $SECURITY_MIRROR $SUITE-security main"
  podman import --quiet --change 'CMD ["/bin/bash"]' --message "mmdebstrap $SUITE minbase" \
    "$WORK/base.tar" "$BASE" >/dev/null
  rm -f "$WORK/base.tar"
else
  say "base image $BASE exists (REBUILD_BASE=1 to make it again)"
fi

# 2. The image. --format docker keeps the HEALTHCHECK, which the OCI format has no field for.
say "podman build $IMAGE"
# The host's CA bundle goes to pip as a build secret (not into the image): it trusts what the
# host trusts, a TLS-intercepting proxy's CA included. CA_BUNDLE= passes none.
CA_BUNDLE=${CA_BUNDLE-/etc/ssl/certs/ca-certificates.crt}
secret=()
[ -z "$CA_BUNDLE" ] || secret=(--secret "id=ca,src=$CA_BUNDLE")
podman build --isolation=chroot --format docker --pull=never "${secret[@]}" \
  --build-arg "BASE=$BASE" --tag "$IMAGE" --file Containerfile .

# 3. Checks.
say "checks of $IMAGE"
podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "size: %.0f MB\n", $1 / 1e6}'
user=$(podman image inspect "$IMAGE" --format '{{.Config.User}}')
[ -n "$user" ] && [ "${user%%:*}" != root ] && [ "${user%%:*}" != 0 ] ||
  fail "the image runs as root (User: '$user')"
echo "user: $user"
health=$(podman image inspect "$IMAGE" --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Test}}{{end}}')
[[ $health == *"/healthz"* ]] || fail "no HEALTHCHECK on /healthz (got '$health')"
echo "healthcheck: $health"
cmd=$(podman image inspect "$IMAGE" --format '{{.Config.Cmd}}')
[[ $cmd == *gunicorn* ]] || fail "the command is not gunicorn: $cmd"
echo "command: $cmd"

# The environment `manage.py check --deploy` passes with (as tests/confnotes/test_settings_deploy.py).
PRODUCTION=(
  DJANGO_DEBUG=0
  "DJANGO_SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
  DJANGO_ALLOWED_HOSTS=notes.example.org
  DJANGO_CSRF_TRUSTED_ORIGINS=https://notes.example.org
  DJANGO_SECURE_COOKIES=1
  DJANGO_SECURE_HSTS_SECONDS=31536000
  DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS=1
  DJANGO_SECURE_HSTS_PRELOAD=1
  DJANGO_SECURE_SSL_REDIRECT=1
  DJANGO_SECURE_PROXY_SSL_HEADER=1
)
INSIDE='set -e
cd /app
export PIP_NO_CACHE_DIR=1
echo "uid: $(id -u)"; [ "$(id -u)" -ne 0 ]
pip check
python manage.py check --deploy --fail-level WARNING
test -s staticfiles/staticfiles.json && echo "static files: $(find staticfiles -type f | wc -l) files, manifest present"
if command -v cc gcc >/dev/null; then echo "a compiler is in the image"; exit 1; fi
! touch /app/written 2>/dev/null || { echo "the server user can write into /app"; exit 1; }
echo "python: $(python --version)"'

# How a container may run here: podman's default (crun), else runc with rlimits it may set.
mkdir -p "$WORK"
run=(podman run)
if [ "${CHECK_IN:-}" = chroot ]; then
  echo "CHECK_IN=chroot: no container is started"
  run=()
elif ! podman run --rm --network=none --no-healthcheck "$IMAGE" true 2>"$WORK/run.err"; then
  echo "podman run refused: $(tail -1 "$WORK/run.err")"
  run=(podman --runtime runc run --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
  if ! command -v runc >/dev/null; then
    echo "runc is not installed (apt-get install runc to try it)"
    run=()
  elif ! "${run[@]}" --rm --network=none --no-healthcheck "$IMAGE" true 2>"$WORK/run.err"; then
    echo "${run[*]} refused too: $(tail -1 "$WORK/run.err")"
    run=()
  fi
fi
rm -f "$WORK/run.err"
runner="${run[*]}"

if [ -n "$runner" ]; then
  say "inside the image ($runner)"
  env_args=()
  for pair in "${PRODUCTION[@]}"; do env_args+=(--env "$pair"); done
  "${run[@]}" --rm --network=none --no-healthcheck "${env_args[@]}" "$IMAGE" sh -c "$INSIDE"

  say "the container: migrate, seed, gunicorn on 127.0.0.1:$CHECK_PORT (SQLite in the container)"
  name=confnotes-check-$$
  trap 'podman rm --force --time 0 "$name" >/dev/null 2>&1 || true' EXIT
  "${run[@]}" --detach --name "$name" --network=host --health-interval=disable \
    --env HOST=127.0.0.1 --env "PORT=$CHECK_PORT" --env WEB_CONCURRENCY=2 \
    --env DATABASE_URL=sqlite:////tmp/confnotes.sqlite3 \
    --env "DJANGO_SECRET_KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')" \
    "$IMAGE" sh -c 'python manage.py migrate --no-input --verbosity 0 && python manage.py seed --verbosity 0 && exec gunicorn -c confnotes/gunicorn.conf.py confnotes.wsgi' \
    2> >(grep -v 'systemd connection' >&2) >/dev/null
  for _ in $(seq 60); do
    [ "$(podman container inspect --format '{{.State.Running}}' "$name")" = true ] ||
      { podman logs --tail 30 "$name"; fail "the container stopped"; }
    curl -fsS -o /dev/null "http://127.0.0.1:$CHECK_PORT/healthz" 2>/dev/null && break
    sleep 1
  done
  for path in /healthz /readyz /talks/; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$CHECK_PORT$path" || true)
    echo "GET $path: $code"
    [ "$code" = 200 ] || { podman logs --tail 30 "$name"; fail "GET $path answered $code"; }
  done
  # The image's HEALTHCHECK itself, run once through podman exec.
  health=$(podman healthcheck run "$name" 2>&1) && echo "podman healthcheck run: healthy" ||
    fail "podman healthcheck run: ${health:-unhealthy}"
  ps_user=$(podman top "$name" user 2>/dev/null | sed -n 2p || true)
  echo "gunicorn runs as: ${ps_user:-unknown}"
else
  say "inside the image (a chroot of the mounted image; no container)"
  root=$(podman image mount "$IMAGE")
  trap 'podman image unmount "$IMAGE" >/dev/null 2>&1 || true' EXIT
  uid=$(chroot "$root" id -u "${user%%:*}"):$(chroot "$root" id -g "${user%%:*}")
  env -i PATH=/opt/venv/bin:/usr/bin:/bin LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1 \
    "${PRODUCTION[@]}" "$(command -v chroot)" --userspec="$uid" "$root" \
    sh -c "$INSIDE"
  echo "the container itself was not run: no OCI runtime may start one here"
fi

say "built $IMAGE"
