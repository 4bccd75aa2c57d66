# Shared helpers for the scripts in bin/ (sourced, not run; sourcing it twice is harmless).
# Installs what the demo and the tests need, and starts/stops the Meum sandbox.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# stage NAME: starts a timed stage of a long command (npm test); stage_summary prints each stage's
# seconds and the total, so a slow stage shows where the time goes.
STAGE_LINES=()
STAGE_NAME=
STAGE_STARTED=$SECONDS
stage_end() {
	[ -z "$STAGE_NAME" ] || STAGE_LINES+=("$(printf '%6d s  %s' $((SECONDS - STAGE_STARTED)) "$STAGE_NAME")")
	STAGE_NAME=
}
stage() {
	stage_end
	STAGE_NAME=$*
	STAGE_STARTED=$SECONDS
	log "$*"
}
stage_summary() {
	stage_end
	log "time per stage"
	printf '%s\n' "${STAGE_LINES[@]}"
	printf '%6d s  total\n' "$SECONDS"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The Debian packages of the project: the one list, in groups; each command installs the groups it
# needs with ensure_debian_packages (.ci/run installs them all up front).
#   wordpress  PHP with the extensions the local WordPress needs (bin/wp-local.sh), unzip, curl
#   php_tools  Composer (the autoloader, the release tree, the PHP quality gates of npm run lint:php)
#   tests      what npm test adds: PHPUnit, zip (the release zip), Chromium (E2E), MariaDB, Redis (the
#              two-node test's object cache, bin/lib/redis.sh)
DEBIAN_PACKAGES_WORDPRESS=(php-cli php-sqlite3 php-curl php-xml php-mbstring php-zip php-intl php-gd php-mysql unzip curl)
DEBIAN_PACKAGES_PHP_TOOLS=(php-cli php-xml php-mbstring php-zip composer unzip)
DEBIAN_PACKAGES_MARIADB=(mariadb-server mariadb-client)
DEBIAN_PACKAGES_REDIS=(redis-server)
DEBIAN_PACKAGES_TESTS=(phpunit zip chromium "${DEBIAN_PACKAGES_MARIADB[@]}" "${DEBIAN_PACKAGES_REDIS[@]}")

# ensure_debian_packages PACKAGE...: installs those that are missing (apt-get update, which downloads
# the Debian package index, then apt-get install), as root or through sudo.
ensure_debian_packages() {
	local need=()
	for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
	if [ ${#need[@]} -gt 0 ]; then
		log "installing Debian packages: ${need[*]}"
		as_root apt-get update -qq
		DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	fi
}

# npm packages from package-lock.json, when node_modules is missing or older than the lock file.
ensure_node_modules() {
	if [ ! -d "$REPO/node_modules/.bin" ] || [ "$REPO/package-lock.json" -nt "$REPO/node_modules/.package-lock.json" ]; then
		log "installing npm packages (npm ci)"
		( cd "$REPO" && npm ci --no-audit --no-fund --loglevel=error )
	fi
}

# Composer's PSR-4 autoloader for includes/ (no dependencies, so no network needed).
ensure_autoloader() {
	( cd "$REPO" && composer dump-autoload --optimize --no-dev --quiet --no-interaction )
}

# Builds the scripts (the settings app, the block checkout's payment method) when a built file is
# missing or the sources are newer than the build.
ensure_build() {
	if [ ! -f "$REPO/build/settings.js" ] || [ ! -f "$REPO/build/checkout.js" ] || [ ! -f "$REPO/build/return-page.js" ] || [ -n "$(find "$REPO/src" "$REPO/webpack.config.js" -newer "$REPO/build/settings.js" -print -quit)" ]; then
		log "building the settings app and the checkout script"
		( cd "$REPO" && npm run --silent build )
	fi
}

# start_sandbox PORT LOGFILE [SLOW_MS]: starts the Meum sandbox in its own process group.
start_sandbox() {
	local port=$1 logfile=$2 slow=${3:-20000} pidfile
	pidfile="$REPO/.wp-local/sandbox-$port.pid"
	mkdir -p "$REPO/.wp-local"
	stop_sandbox "$port"
	( cd "$REPO" && MEUM_SANDBOX_SLOW_MS=$slow exec setsid node --import tsx tools/meum-sandbox/src/main.ts --port "$port" ) > "$logfile" 2>&1 < /dev/null &
	echo $! > "$pidfile"
	for _ in $(seq 1 100); do
		curl -sf "http://127.0.0.1:$port/__sandbox/health" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "the Meum sandbox did not start; see $logfile" >&2
	return 1
}

# stop_sandbox PORT
stop_sandbox() {
	local pidfile="$REPO/.wp-local/sandbox-$1.pid"
	if [ -f "$pidfile" ]; then kill -- -"$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
}
