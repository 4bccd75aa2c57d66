#!/usr/bin/env bash
# wp-local.sh - an offline WordPress 6.8 for the demo and the tests, without Docker.
#   WordPress 6.8.x : Debian trixie package "wordpress" (+ twentytwentyfive), fetched with `apt-get download`
#                     into a private apt state (the system's apt sources are not touched) and only unpacked.
#   PHP 8.2         : Debian bookworm php-cli, served by the built-in server `php -S` with 4 workers.
#   Database        : SQLite, through the sqlite-database-integration drop-in shipped in the npm tarball
#                     of @wp-playground/cli; or, with WP_DB=mariadb, a MariaDB server the caller runs
#                     (bin/lib/mariadb.sh: ensure_mariadb, start_mariadb DIR PORT, stop_mariadb DIR).
# The PHP programs it runs are files in bin/wp-local/ (wp-config.php, the offline mu-plugin, the
# router of `php -S`, install, eval, the MariaDB check), checked by `npm run lint:php`.
# The plugin: by default the release tree (bin/release-tree.sh: the zip's files, nothing else), copied
# into wp-content/plugins/meum-woocommerce at `build` and copied again at every `start`, so the site
# runs the current sources. WP_PLUGIN_MODE=link links the repository instead (`npm run dev`: edits
# show at once, but Tools › Site Health › Info then walks node_modules); none installs no plugin.
# Usage:  bin/wp-local.sh deps|fetch|build|plugin|install|start|serve|stop|reset|eval 'php code'|url
#         (serve: only the web server on WP_PORT, for a site already started: a second web node)
# Env:    WP_LOCAL_DIR (default <repo>/.wp-local/demo)  WP_PORT (8881)  WP_WORKERS (4)
#         WP_PLUGIN_MODE  release (default) | link | none: how the plugin gets into the site (above)
#         MEUM_API_BASE_URL  written into wp-config.php as the plugin's Meum base URL (e.g. the sandbox)
#         WP_EXTRA_MU_PLUGINS  space-separated PHP files symlinked into mu-plugins (tests only)
#         WP_ACCESSIBLE_HOSTS  hosts let through WP_HTTP_BLOCK_EXTERNAL (tests only)
#         WP_DB         sqlite (default) or mariadb: database `wordpress`, user wp / password wp, fixed at `build`
#         WP_DB_HOST    mariadb only: DB_HOST written into wp-config.php (default 127.0.0.1:3317)
#         WP_WOOCOMMERCE  1: the genuine WooCommerce (bin/third-party.sh finds and verifies it) installed at
#                       `build`, activated and set up at install (bin/wp-local/woocommerce.php); 0 (default): none
#         WC_STORAGE    with WooCommerce: hpos (default) or posts, the order storage, fixed when the site is set up
#         WP_REDIS_PORT  Redis as the persistent object cache: the verified Redis Object Cache plugin
#                       (bin/third-party.sh redis-cache) installed and activated, its object-cache.php
#                       drop-in in wp-content, WP_REDIS_HOST 127.0.0.1 / WP_REDIS_PORT in wp-config-local.php
#                       (the caller runs the server: bin/lib/redis.sh); unset: no drop-in (removed at `start`)
#         MARIADB_DIR   mariadb only: the start_mariadb DIR; `reset` then drops and recreates the database
#                       through it (root over the socket); unset: through PHP as user wp at WP_DB_HOST
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"   # REPO, as_root, ensure_debian_packages, the package list
ROOT=$(realpath -m "${WP_LOCAL_DIR:-$REPO/.wp-local/demo}")
PORT=${WP_PORT:-8881}
export WP_URL=${WP_URL:-http://127.0.0.1:$PORT}
WP=$ROOT/wordpress
CACHE=${WP_LOCAL_CACHE:-$REPO/.wp-local/cache}
PIDF=$ROOT/php-$PORT.pid
LOG=$ROOT/php-$PORT.log
PHPOPTS=(-d sendmail_path=/bin/true -d memory_limit=512M -d upload_max_filesize=64M -d post_max_size=64M)
PLUGIN_SLUG=meum-woocommerce
PLUGIN_MODE=${WP_PLUGIN_MODE:-release}
PROGRAMS=$REPO/bin/wp-local
export WP_ROOT=$WP   # where the programs of bin/wp-local/ find WordPress
WP_DB=${WP_DB:-sqlite}
WP_WOOCOMMERCE=${WP_WOOCOMMERCE:-0}
WC_STORAGE=${WC_STORAGE:-hpos}
case "$WP_WOOCOMMERCE" in 0 | 1) ;; *) echo "WP_WOOCOMMERCE must be 0 or 1, not '$WP_WOOCOMMERCE'" >&2; exit 2 ;; esac
case "$WC_STORAGE" in hpos | posts) ;; *) echo "WC_STORAGE must be hpos or posts, not '$WC_STORAGE'" >&2; exit 2 ;; esac
WP_DB_HOST=${WP_DB_HOST:-127.0.0.1:3317}
case "$WP_DB" in sqlite | mariadb) ;; *) echo "WP_DB must be sqlite or mariadb, not '$WP_DB'" >&2; exit 2 ;; esac
case "$PLUGIN_MODE" in release | link | none) ;; *) echo "WP_PLUGIN_MODE must be release, link or none, not '$PLUGIN_MODE'" >&2; exit 2 ;; esac
[[ $WP_DB_HOST =~ ^[A-Za-z0-9._:/@-]+$ ]] || { echo "unsupported WP_DB_HOST '$WP_DB_HOST'" >&2; exit 2; }

deps() { # Debian packages the local WordPress needs; installs only what is missing
	ensure_debian_packages "${DEBIAN_PACKAGES_WORDPRESS[@]}"
}

fetch() { # downloads into $CACHE: trixie .debs (private apt state) + the SQLite integration plugin zip
	local D=$CACHE/apt MIRROR
	mkdir -p "$D"/{lists/partial,cache/archives/partial,parts} "$CACHE/debs"
	MIRROR=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null | awk '!/security/ && /^URIs:/ {print $2; exit}
		!/security/ && /^deb / {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' || true)
	[ -n "$MIRROR" ] || { echo "no Debian mirror found in /etc/apt" >&2; return 1; }
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR trixie main" > "$D/sources.list"
	local O=(-o Dir::Etc::SourceList="$D/sources.list" -o Dir::Etc::SourceParts="$D/parts" -o Dir::State::Lists="$D/lists"
		-o Dir::Cache="$D/cache" -o APT::Sandbox::User=root)
	apt-get "${O[@]}" update -qq
	( cd "$CACHE/debs" && apt-get "${O[@]}" download -q wordpress wordpress-theme-twentytwentyfive php-getid3 libjs-cropper libjs-lodash libjs-underscore )
	( cd "$CACHE" && npm pack -q @wp-playground/cli@3.1.56 >/dev/null && tar xzf wp-playground-cli-3.1.56.tgz package/sqlite-database-integration.zip \
		&& mv package/sqlite-database-integration.zip sqlite-database-integration.zip && rm -rf package wp-playground-cli-3.1.56.tgz )
}

core_debian() { # WordPress 6.8 from Debian's trixie package into $WP
	local X=$CACHE/root R=$CACHE/root/usr/share/wordpress
	ls "$CACHE"/debs/wordpress_*.deb >/dev/null 2>&1 || fetch
	if [ ! -f "$R/wp-load.php" ]; then mkdir -p "$X"; for f in "$CACHE"/debs/*.deb; do dpkg-deb -x "$f" "$X"; done; fi
	cp -a "$R/." "$WP/"
	# Debian glue: replace symlinks into /etc and into the unpacked library packages with real files.
	rm -f "$WP/wp-config.php" "$WP/.htaccess" "$WP/wp-includes/certificates/ca-bundle.crt"
	cp /etc/ssl/certs/ca-certificates.crt "$WP/wp-includes/certificates/ca-bundle.crt"
	( cd "$WP" && find . -type l ) | while read -r l; do rm -f "$WP/$l"; cp -L "$R/$l" "$WP/$l"; done
}

core_playground() { # $1: a build of @wp-playground/wordpress-builds (e.g. wp-beta = WordPress 6.6-RC3) into $WP
	local T=$CACHE/wp-builds V=0.9.19
	mkdir -p "$T"
	[ -f "$T/wp-playground-wordpress-builds-$V.tgz" ] || ( cd "$T" && npm pack -q "@wp-playground/wordpress-builds@$V" >/dev/null )
	rm -rf "$T/x" && mkdir -p "$T/x"
	tar xzf "$T/wp-playground-wordpress-builds-$V.tgz" -C "$T/x" "package/src/wordpress/$1.zip" "package/public/$1"
	unzip -q "$T/x/package/src/wordpress/$1.zip" -d "$WP"
	cp -a "$T/x/package/public/$1/." "$WP/"            # Playground builds ship static assets apart
	rm -rf "$WP/wp-config.php" "$WP/wp-content/database" "$WP/wp-content/db.php" "$WP/wordpress-remote-asset-paths"
	rm -rf "$T/x"
}

build() { # (re)creates $WP from $CACHE; wipes the site. WP_CORE: debian (6.8, default) | playground:wp-beta (6.6-RC3)
	[ -f "$CACHE/sqlite-database-integration.zip" ] || fetch
	rm -rf "$WP"; mkdir -p "$WP"
	case "${WP_CORE:-debian}" in
		debian) core_debian ;;
		playground:*) core_playground "${WP_CORE#playground:}" ;;
		*) echo "unknown WP_CORE ${WP_CORE}" >&2; return 2 ;;
	esac
	if [ "$WP_DB" = sqlite ]; then
		unzip -q "$CACHE/sqlite-database-integration.zip" -d "$WP/wp-content/plugins/"
		mv "$WP/wp-content/plugins/plugin-sqlite-database-integration" "$WP/wp-content/plugins/sqlite-database-integration"
		sed -e "s#{SQLITE_IMPLEMENTATION_FOLDER_PATH}#$WP/wp-content/plugins/sqlite-database-integration#" \
			-e "s#{SQLITE_PLUGIN}#sqlite-database-integration/load.php#" \
			"$WP/wp-content/plugins/sqlite-database-integration/db.copy" > "$WP/wp-content/db.php"
	fi
	mkdir -p "$WP/wp-content/database" "$WP/wp-content/uploads" "$WP/wp-content/mu-plugins"
	cp "$PROGRAMS/wp-config.php" "$WP/wp-config.php"
	if [ "$WP_DB" = mariadb ]; then   # only the credentials differ (the SQLite drop-in ignores them)
		printf "<?php\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', 'wp' );\ndefine( 'DB_HOST', '%s' );\n" "$WP_DB_HOST" > "$WP/wp-config-db.php"
	fi
	cp "$PROGRAMS/offline.php" "$WP/wp-content/mu-plugins/offline.php"
	if [ "$WP_WOOCOMMERCE" = 1 ]; then woocommerce; fi
	plugin
	echo "built $(grep -oE "wp_version = '[^']+'" "$WP/wp-includes/version.php") in $WP"
}

plugin() { # the plugin in wp-content/plugins/meum-woocommerce, as WP_PLUGIN_MODE says
	local dir=$WP/wp-content/plugins/$PLUGIN_SLUG
	case "$PLUGIN_MODE" in
		release) bash "$REPO/bin/release-tree.sh" "$dir" ;;
		link) rm -rf "$dir"; ln -sfn "$REPO" "$dir" ;;
		none) ;;
	esac
}

woocommerce() { # the verified WooCommerce into wp-content/plugins (hard links into the cache where it can)
	local src
	src=$(bash "$REPO/bin/third-party.sh" path woocommerce)
	rm -rf "$WP/wp-content/plugins/woocommerce"
	cp -al "$src" "$WP/wp-content/plugins/woocommerce" 2>/dev/null || cp -a "$src" "$WP/wp-content/plugins/woocommerce"
	# SQLite only: three upstream incompatibilities of WooCommerce 10.2.4 (see the file)
	if [ "$WP_DB" = sqlite ]; then cp "$PROGRAMS/woocommerce-sqlite.php" "$WP/wp-content/mu-plugins/woocommerce-sqlite.php"; fi
}

install_site() { # installs WordPress (admin / password), activates the plugin and, with WP_WOOCOMMERCE=1, sets up
	# WooCommerce; nothing on a site already set up
	( cd "$WP" && php "${PHPOPTS[@]}" "$PROGRAMS/install.php" )
	[ "$WP_WOOCOMMERCE" = 1 ] || return 0
	local rc=0
	( cd "$WP" && php "${PHPOPTS[@]}" "$PROGRAMS/woocommerce.php" activate >/dev/null && php "${PHPOPTS[@]}" "$PROGRAMS/woocommerce.php" configure "$WC_STORAGE" ) || rc=$?
	case $rc in
		0) : > "$WP/wp-content/debug.log" ;; # once, after activation: WooCommerce's first-run notices (known upstream lines)
		3) ;;                                  # already set up
		*) return "$rc" ;;
	esac
}

configure() { # per-start settings: Meum base URL and test-only mu-plugins
	{
		echo '<?php'
		if [ -n "${MEUM_API_BASE_URL:-}" ]; then printf "define( 'MEUM_API_BASE_URL', '%s' );\n" "$MEUM_API_BASE_URL"; fi
		# hosts let through WP_HTTP_BLOCK_EXTERNAL (tests use *.invalid for a real DNS failure)
		if [ -n "${WP_ACCESSIBLE_HOSTS:-}" ]; then printf "define( 'WP_ACCESSIBLE_HOSTS', '%s' );\n" "$WP_ACCESSIBLE_HOSTS"; fi
		if [ -n "${WP_REDIS_PORT:-}" ]; then printf "define( 'WP_REDIS_HOST', '127.0.0.1' );\ndefine( 'WP_REDIS_PORT', %d );\n" "$WP_REDIS_PORT"; fi
	} > "$WP/wp-config-local.php"
	redis_cache
	find "$WP/wp-content/mu-plugins" -maxdepth 1 -type l -delete
	for f in ${WP_EXTRA_MU_PLUGINS:-}; do ln -sfn "$(realpath "$f")" "$WP/wp-content/mu-plugins/$(basename "$f")"; done
}

redis_cache() { # WP_REDIS_PORT set: the Redis Object Cache plugin and its drop-in; unset: no drop-in
	local src
	if [ -z "${WP_REDIS_PORT:-}" ]; then rm -f "$WP/wp-content/object-cache.php"; return 0; fi
	[[ $WP_REDIS_PORT =~ ^[0-9]+$ ]] || { echo "WP_REDIS_PORT must be a port number, not '$WP_REDIS_PORT'" >&2; return 2; }
	src=$(bash "$REPO/bin/third-party.sh" path redis-cache)
	if [ ! -f "$WP/wp-content/plugins/redis-cache/redis-cache.php" ]; then
		cp -al "$src" "$WP/wp-content/plugins/redis-cache" 2>/dev/null || cp -a "$src" "$WP/wp-content/plugins/redis-cache"
	fi
	cp "$WP/wp-content/plugins/redis-cache/includes/object-cache.php" "$WP/wp-content/object-cache.php"
}

mariadb_php() { # check|recreate: reaches the MariaDB database as WordPress does (user wp at WP_DB_HOST), no client needed
	WP_DB_HOST=$WP_DB_HOST php "$PROGRAMS/mariadb.php" "$1"
}

reset_db() { # mariadb only: an empty database `wordpress`
	if [ -n "${MARIADB_DIR:-}" ]; then source "$REPO/bin/lib/mariadb.sh"; reset_mariadb_db "$MARIADB_DIR"; else mariadb_php recreate; fi
}

start() {
	deps
	# a new tree gets the plugin at `build`; an existing one gets the sources as they are now
	if [ ! -f "$WP/wp-config.php" ]; then build; elif [ "$PLUGIN_MODE" = release ]; then plugin; fi
	# the tree keeps the database it was built for: db.php is the SQLite drop-in, DB_HOST names the MariaDB
	if { [ "$WP_DB" = sqlite ] && [ ! -f "$WP/wp-content/db.php" ]; } \
		|| { [ "$WP_DB" = mariadb ] && ! grep -qsF "define( 'DB_HOST', '$WP_DB_HOST' );" "$WP/wp-config-db.php"; }; then
		echo "$WP was built for another database than WP_DB=$WP_DB$([ "$WP_DB" = sqlite ] || echo " at $WP_DB_HOST"); run: $0 reset" >&2
		return 1
	fi
	if [ "$WP_WOOCOMMERCE" = 1 ] && [ ! -f "$WP/wp-content/plugins/woocommerce/woocommerce.php" ]; then
		echo "$WP was built without WooCommerce; run: $0 reset" >&2
		return 1
	fi
	configure
	if [ "$WP_DB" = sqlite ]; then
		[ -f "$WP/wp-content/database/.ht.sqlite" ] || install_site
	else # install is idempotent (prints "already installed")
		mariadb_php check || { echo "start it first (bin/lib/mariadb.sh: start_mariadb DIR PORT)" >&2; return 1; }
		install_site
	fi
	if [ -n "${WP_REDIS_PORT:-}" ]; then
		( cd "$WP" && php "${PHPOPTS[@]}" "$PROGRAMS/eval.php" '$r = activate_plugin( "redis-cache/redis-cache.php" ); if ( is_wp_error( $r ) ) { echo $r->get_error_message(), "\n"; exit( 1 ); }' )
	fi
	serve
}

serve() { # the PHP web server on WP_PORT for the site as it is (another node of a started site: no build, no install)
	[ -f "$WP/wp-config.php" ] || { echo "$WP is not built; run: $0 start" >&2; return 1; }
	if [ -f "$PIDF" ] && kill -0 "$(cat "$PIDF")" 2>/dev/null; then echo "already running: $WP_URL"; return 0; fi
	# own process group (setsid), so `stop` ends the parent and its PHP_CLI_SERVER_WORKERS children together
	( cd "$WP" && PHP_CLI_SERVER_WORKERS=${WP_WORKERS:-4} exec setsid php "${PHPOPTS[@]}" -S "127.0.0.1:$PORT" -t "$WP" "$PROGRAMS/router.php" ) \
		> "$LOG" 2>&1 < /dev/null &
	echo $! > "$PIDF"
	local code=000
	for _ in $(seq 1 300); do
		# this server itself (its port), which serves the site at WP_URL (another node's address, maybe)
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/wp-login.php" || true)
		[ "$code" = 200 ] && break; sleep 0.1
	done
	[ "$code" = 200 ] || { echo "WordPress did not come up (http $code); see $LOG" >&2; return 1; }
	echo "WordPress at $WP_URL (admin / password) served on port $PORT, pid $(cat "$PIDF")"
}

stop() {
	if [ -f "$PIDF" ]; then kill -- -"$(cat "$PIDF")" 2>/dev/null || true; rm -f "$PIDF"; fi
}

case "${1:-}" in
	deps) deps ;; fetch) fetch ;; build) build ;; plugin) plugin ;; install) install_site ;; start) start ;; serve) serve ;; stop) stop ;;
	reset) stop; [ "$WP_DB" = sqlite ] || reset_db; rm -rf "$WP"; start ;;
	eval) ( cd "$WP" && php "${PHPOPTS[@]}" "$PROGRAMS/eval.php" "$2" ) ;;
	url) echo "$WP_URL" ;;
	*) echo "usage: $0 deps|fetch|build|plugin|install|start|serve|stop|reset|eval 'code'|url" >&2; exit 2 ;;
esac
