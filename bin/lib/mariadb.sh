# Throw-away MariaDB for the local WordPress (bin/wp-local.sh with WP_DB=mariadb); sourced, not run.
# No systemd: mariadbd runs by hand, as the current user, from a private data dir DIR, in its own
# process group (setsid), on 127.0.0.1:PORT and the socket DIR/mysql.sock. WordPress logs in as
# wp / wp over TCP to the database `wordpress`; root logs in over the socket without a password.
# Usage: ensure_mariadb; start_mariadb DIR PORT; reset_mariadb_db DIR; stop_mariadb DIR

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"   # as_root, ensure_debian_packages, the package list

# _mdb_bin NAME: path of a MariaDB program (mariadbd is in /usr/sbin, which a user's PATH may lack).
_mdb_bin() {
	local d
	command -v "$1" 2>/dev/null && return 0
	for d in /usr/sbin /usr/bin /sbin; do [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }; done
	echo "$1: not installed (run ensure_mariadb)" >&2
	return 1
}

# _mdb_alive PID: true while PID runs (a zombie, i.e. exited but not yet reaped, counts as gone).
_mdb_alive() { [ -n "$1" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# _mdb_ours PID: true while PID runs and is a mariadbd (not an unrelated process that reused a stale pid).
_mdb_ours() { _mdb_alive "$1" && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = mariadbd ]; }

# _mdb_pid DIR: pid of the mariadbd started in DIR (its own pid file, else the one recorded at launch).
_mdb_pid() { cat "$1/mariadb.pid" 2>/dev/null || cat "$1/mariadbd.launch.pid" 2>/dev/null || true; }

# _mdb_sql DIR SQL [client options]: runs SQL as root over the socket of the server in DIR.
_mdb_sql() { local d=$1 q=$2; shift 2; "$(_mdb_bin mariadb)" --no-defaults --socket="$d/mysql.sock" -uroot "$@" -e "$q"; }

_MDB_CREATE_DB="CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	CREATE USER IF NOT EXISTS 'wp'@'127.0.0.1' IDENTIFIED BY 'wp';
	GRANT ALL ON wordpress.* TO 'wp'@'127.0.0.1';"

# ensure_mariadb: installs Debian's mariadb-server and mariadb-client when missing (as root or through sudo).
# Debian's postinst would start the system service on :3306 where systemd/init runs; here policy-rc.d stops it.
ensure_mariadb() { ensure_debian_packages "${DEBIAN_PACKAGES_MARIADB[@]}"; }

# start_mariadb DIR PORT: creates the data dir DIR/data on first use, starts mariadbd (unless it already runs
# from DIR), waits until it answers (30 s at most), then makes sure database `wordpress` and user wp exist.
# Files in DIR: data/, mysql.sock, mariadb.pid, mariadb.err (the server log), install-db.log.
start_mariadb() {
	local dir port pid me up=
	dir=$(realpath -m "$1"); port=$2; me=$(id -un)
	# a Unix socket path is limited to 107 bytes; mariadbd refuses a longer one
	[ ${#dir} -le 95 ] || { echo "start_mariadb: path too long for a socket: $dir" >&2; return 1; }
	mkdir -p "$dir"
	if [ ! -d "$dir/data/mysql" ]; then
		rm -rf "$dir/data"
		"$(_mdb_bin mariadb-install-db)" --no-defaults --datadir="$dir/data" --user="$me" \
			--auth-root-authentication-method=normal --skip-test-db > "$dir/install-db.log" 2>&1 \
			|| { echo "mariadb-install-db failed; see $dir/install-db.log" >&2; return 1; }
	fi
	pid=$(_mdb_pid "$dir")
	if ! _mdb_ours "$pid"; then
		rm -f "$dir/mariadb.pid" "$dir/mariadbd.launch.pid" "$dir/mysql.sock"
		# --no-defaults: nothing from /etc/mysql; utf8mb4 by default; no DNS look-ups; relaxed flushing (throw-away data)
		( exec setsid "$(_mdb_bin mariadbd)" --no-defaults --datadir="$dir/data" --socket="$dir/mysql.sock" \
			--port="$port" --bind-address=127.0.0.1 --user="$me" --pid-file="$dir/mariadb.pid" \
			--log-error="$dir/mariadb.err" --skip-name-resolve --innodb-buffer-pool-size=64M \
			--innodb-flush-log-at-trx-commit=2 --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
		) < /dev/null > /dev/null 2>&1 &
		pid=$!
		echo "$pid" > "$dir/mariadbd.launch.pid"
	fi
	for _ in $(seq 1 300); do
		"$(_mdb_bin mariadb-admin)" --no-defaults --socket="$dir/mysql.sock" -uroot ping >/dev/null 2>&1 && { up=1; break; }
		_mdb_alive "$(_mdb_pid "$dir")" || break   # it exited (e.g. port in use): fail now
		sleep 0.1
	done
	if [ -z "$up" ]; then
		echo "MariaDB did not start on 127.0.0.1:$port; last lines of $dir/mariadb.err:" >&2
		tail -n 15 "$dir/mariadb.err" >&2 2>/dev/null || true
		stop_mariadb "$dir"
		return 1
	fi
	_mdb_sql "$dir" "$_MDB_CREATE_DB"
	echo "MariaDB $(_mdb_sql "$dir" 'SELECT VERSION()' -N) at 127.0.0.1:$port, pid $(_mdb_pid "$dir")"
}

# stop_mariadb DIR: stops the mariadbd started from DIR (SIGTERM to its process group: a clean shutdown),
# waits until it has exited (SIGKILL after 30 s). Does nothing when it is not running.
stop_mariadb() {
	local dir pid
	dir=$(realpath -m "$1")
	pid=$(_mdb_pid "$dir")
	if _mdb_ours "$pid"; then
		kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 300); do _mdb_alive "$pid" || break; sleep 0.1; done
		if _mdb_alive "$pid"; then kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
	fi
	rm -f "$dir/mariadb.pid" "$dir/mariadbd.launch.pid"
}

# reset_mariadb_db DIR: drops and recreates the database `wordpress` (and the grant) on the server of DIR.
reset_mariadb_db() {
	_mdb_sql "$(realpath -m "$1")" "DROP DATABASE IF EXISTS wordpress; $_MDB_CREATE_DB"
}
