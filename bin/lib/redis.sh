# Throw-away Redis for the local WordPress's persistent object cache (bin/wp-local.sh with
# WP_REDIS_PORT); sourced, not run. No systemd: Debian's redis-server runs by hand, as the current
# user, in its own process group (setsid), on 127.0.0.1:PORT only, with no persistence (no RDB
# snapshot, no append-only file): the cache starts empty every time.
# Usage: ensure_redis; start_redis DIR PORT; stop_redis DIR

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"   # ensure_debian_packages, the package list

# ensure_redis: installs Debian's redis-server (with redis-cli) when missing (as root or through sudo).
ensure_redis() { ensure_debian_packages "${DEBIAN_PACKAGES_REDIS[@]}"; }

# _redis_ours PID: true while PID runs and is a redis-server (not an unrelated process that reused a stale pid).
_redis_ours() { [ -n "$1" ] && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = redis-server ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

# start_redis DIR PORT: starts redis-server (unless one already runs from DIR) and waits until it
# answers PING (10 s at most). Files in DIR: redis.pid, redis.log.
start_redis() {
	local dir port pid
	dir=$(realpath -m "$1"); port=$2
	mkdir -p "$dir"
	pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
	if ! _redis_ours "$pid"; then
		rm -f "$dir/redis.pid"
		( exec setsid redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize no \
			--dir "$dir" --logfile "$dir/redis.log" ) < /dev/null > /dev/null 2>&1 &
		echo $! > "$dir/redis.pid"
	fi
	for _ in $(seq 1 100); do
		[ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && {
			echo "Redis $(redis-cli -h 127.0.0.1 -p "$port" info server | sed -n 's/^redis_version:\([^[:space:]]*\).*/\1/p') at 127.0.0.1:$port, pid $(cat "$dir/redis.pid")"
			return 0
		}
		_redis_ours "$(cat "$dir/redis.pid")" || break   # it exited (e.g. port in use): fail now
		sleep 0.1
	done
	echo "Redis did not start on 127.0.0.1:$port; last lines of $dir/redis.log:" >&2
	tail -n 15 "$dir/redis.log" >&2 2>/dev/null || true
	stop_redis "$dir"
	return 1
}

# stop_redis DIR: stops the redis-server started from DIR (SIGTERM to its process group), waits until
# it has exited (SIGKILL after 10 s). Does nothing when it is not running.
stop_redis() {
	local dir pid
	dir=$(realpath -m "$1")
	pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
	if _redis_ours "$pid"; then
		kill -TERM -- -"$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
		for _ in $(seq 1 100); do _redis_ours "$pid" || break; sleep 0.1; done
		if _redis_ours "$pid"; then kill -KILL -- -"$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; fi
	fi
	rm -f "$dir/redis.pid"
}
