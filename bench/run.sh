#!/usr/bin/env bash
# Measures maxim-batch against its own sandbox (separate JVMs, loopback): the rate it keeps at 20 ms and 100 ms
# per call next to a naive one-call-at-a-time loop, its ceiling with no latency and no limit, and a million rows
# under -Xmx256m. Prints a Markdown table and writes it to bench/results.md. Needs the jar: mvn -B -DskipTests package
# Settings (environment): RATE (200), USERS_AT_RATE (6000), NAIVE_CALLS (100), BIG_ROWS (1000000), DELTA_USERS (100000);
# ONLY=<scenarios> runs just those (e.g. ONLY=delta_run), printing the table without writing bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="$PWD/target/maxim-batch.jar"
[ -f "$JAR" ] || { echo "no $JAR: build it first with: mvn -B -DskipTests package" >&2; exit 2; }
command -v curl >/dev/null || { echo "bench/run.sh needs curl" >&2; exit 2; }

RATE=${RATE:-200}
USERS_AT_RATE=${USERS_AT_RATE:-6000}
NAIVE_CALLS=${NAIVE_CALLS:-100}
BIG_ROWS=${BIG_ROWS:-1000000}
DELTA_USERS=${DELTA_USERS:-100000}
PORT=${BENCH_PORT:-18790}
WORK=$(mktemp -d /tmp/maxim-bench.XXXXXX)
SANDBOX_PID=
trap 'stop_sandbox; rm -rf "$WORK"' EXIT
ROWS=()

say() { printf '%s\n' "$*" >&2; }

# users CSV: n rows named <prefix>_1..n (no attribute columns: registration only)
users_csv() {
    local file=$1 prefix=$2 n=$3
    { echo "legacy_id,username,password"
      seq 1 "$n" | awk -v p="$prefix" '{printf "%s-L%d,%s_%d,pw-%d-bench\n", p, $1, p, $1, $1}'; } > "$file"
}

start_sandbox() {
    stop_sandbox
    java -Xmx3g -jar "$JAR" sandbox --port "$PORT" "$@" > "$WORK/sandbox.log" 2>&1 &
    SANDBOX_PID=$!
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$PORT/sandbox/counters" >/dev/null 2>&1 && return 0
        sleep 0.2
    done
    say "the sandbox did not start:"; cat "$WORK/sandbox.log" >&2; exit 1
}

stop_sandbox() {
    if [ -n "$SANDBOX_PID" ]; then kill "$SANDBOX_PID" 2>/dev/null || true; wait "$SANDBOX_PID" 2>/dev/null || true; fi
    SANDBOX_PID=
}

counter() { curl -s "http://127.0.0.1:$PORT/sandbox/counters" | grep -o "\"$1\":[0-9]*" | head -1 | cut -d: -f2; }

# Requests per second the server saw, over its whole seconds (the first and last, partial, left out) after the
# first `skip` of them (the warm-up of two fresh JVMs).
# With since (an epoch second), only the seconds after it count.
steady_rate() {
    local skip=$1 since=${2:-0}
    curl -s "http://127.0.0.1:$PORT/sandbox/counters" | grep -o '"served_per_second":{[^}]*}' | grep -o '"[0-9]*":[0-9]*' | tr -d '"' \
        | awk -F: -v skip="$skip" -v since="$since" '$1 > since { v[++m] = $2 }
              END { n = 0; s = 0; for (i = 2 + skip; i < m; i++) { s += v[i]; n++ } if (n == 0) print 0; else printf "%.1f", s / n }'
}

job_file() {
    local file=$1 csv=$2 rate=$3 batch=$4
    printf 'name: bench\nrate-limit: %s\nsteps:\n  - name: users\n    type: register-users\n    source:\n      csv: %s\n    batch-size: %s\n' \
        "$rate" "$csv" "$batch" > "$file"
}

# Runs a job file in its own folder (H2 file job database there); prints the summary line of the users step.
run_job() {
    local dir=$1 job=$2; shift 2
    mkdir -p "$dir"
    (cd "$dir" && MAXIM_API_ENDPOINT="http://127.0.0.1:$PORT" MAXIM_APP_ID=sandbox MAXIM_ACCESS_TOKEN=sandbox-token \
        java "$@" -jar "$JAR" run "$job" > run.log 2>&1) || { say "run failed:"; cat "$dir/run.log" >&2; exit 1; }
    grep '^Step users:' "$dir/run.log"
}

# maxim-batch at the rate limit, the server as slow as latency and allowing exactly the rate.
at_rate() {
    local latency=$1
    say "maxim-batch: $USERS_AT_RATE users, one per call, rate $RATE/s, $latency ms per call..."
    start_sandbox --latency-ms "$latency" --rate-limit "$RATE"
    users_csv "$WORK/rate-$latency.csv" "r$latency" "$USERS_AT_RATE"
    job_file "$WORK/rate-$latency.yml" "$WORK/rate-$latency.csv" "$RATE" 1
    local line; line=$(run_job "$WORK/rate-$latency" "$WORK/rate-$latency.yml")
    local rate all served tooMany
    rate=$(steady_rate 2); all=$(steady_rate 0); served=$(counter requests_served); tooMany=$(counter answered_429)
    local pct allPct
    pct=$(awk -v r="$rate" -v c="$RATE" 'BEGIN { printf "%.1f", 100 * r / c }')
    allPct=$(awk -v r="$all" -v c="$RATE" 'BEGIN { printf "%.1f", 100 * r / c }')
    ROWS+=("| maxim-batch, ${latency} ms per call, limit $RATE/s (server's too) | $rate calls/s = **$pct %** of $RATE/s after 2 s of warm-up ($allPct % with it) | $served calls, $tooMany answered 429; step ${line#*filtered 0, } |")
}

# add_roster at the rate: the users are registered first (no latency), then the server turns slow and limited.
friends_at_rate() {
    local latency=$1 n=$USERS_AT_RATE
    say "maxim-batch: $n friendships, one add_roster call each, rate $RATE/s, $latency ms per call..."
    start_sandbox
    users_csv "$WORK/fr-users.csv" fr $((n + 1))
    { echo "user_legacy_id,friend_legacy_id"; seq 1 "$n" | awk '{ printf "fr-L%d,fr-L%d\n", $1, $1 + 1 }'; } > "$WORK/fr.csv"
    job_file "$WORK/fr-users.yml" "$WORK/fr-users.csv" 100000 50
    run_job "$WORK/fr" "$WORK/fr-users.yml" > /dev/null
    printf 'name: bench-friends\nrate-limit: %s\nsteps:\n  - name: friends\n    type: import-rosters\n    source:\n      csv: %s\n' \
        "$RATE" "$WORK/fr.csv" > "$WORK/fr-friends.yml"
    curl -s -X PUT -d "{\"latency_ms\": $latency, \"rate_limit\": $RATE}" "http://127.0.0.1:$PORT/sandbox/faults" > /dev/null
    local since served0 tooMany0; since=$(date +%s); served0=$(counter requests_served); tooMany0=$(counter answered_429)
    (cd "$WORK/fr" && MAXIM_API_ENDPOINT="http://127.0.0.1:$PORT" MAXIM_APP_ID=sandbox MAXIM_ACCESS_TOKEN=sandbox-token \
        java -jar "$JAR" run "$WORK/fr-friends.yml" > friends.log 2>&1) || { say "friends run failed:"; cat "$WORK/fr/friends.log" >&2; exit 1; }
    local line rate pct; line=$(grep '^Step friends' "$WORK/fr/friends.log"); rate=$(steady_rate 2 "$since")
    pct=$(awk -v r="$rate" -v c="$RATE" 'BEGIN { printf "%.1f", 100 * r / c }')
    ROWS+=("| maxim-batch add_roster, ${latency} ms per call, limit $RATE/s (server's too) | $rate calls/s = **$pct %** of $RATE/s after 2 s of warm-up | $(($(counter requests_served) - served0)) calls, $(($(counter answered_429) - tooMany0)) answered 429; step ${line#*filtered 0, } |")
}

# The way a quick script does it: one blocking call after the other.
naive() {
    local latency=$1
    say "naive loop: $NAIVE_CALLS users, one call at a time, $latency ms per call..."
    start_sandbox --latency-ms "$latency"
    local start end
    start=$(date +%s%N)
    for i in $(seq 1 "$NAIVE_CALLS"); do
        curl -s -o /dev/null -X POST -H "app_id: sandbox" -H "Content-Type: application/json" \
            -d "{\"username\":\"naive_$i\",\"password\":\"pw-$i-bench\"}" "http://127.0.0.1:$PORT/user/register/v2"
    done
    end=$(date +%s%N)
    local rate; rate=$(awk -v n="$NAIVE_CALLS" -v ns=$((end - start)) 'BEGIN { printf "%.1f", n / (ns / 1e9) }')
    ROWS+=("| naive loop (bash + curl), ${latency} ms per call | $rate calls/s | $(counter users) users registered |")
}

# A delta run: DELTA_USERS accounts (nickname for all, an avatar for one in 4, tags for one in 3) migrated at the rate,
# then 1% of the nicknames changed (rows picked at random, seeded) and the job run again with --new. Compares the
# calls and the time of both runs; the changed nicknames need ceil(changed / 100) profile calls.
delta_run() {
    local n=$DELTA_USERS latency=20
    say "delta run: $n users migrated at $RATE/s, $latency ms per call, then 1% of them changed and run --new..."
    start_sandbox --latency-ms "$latency" --rate-limit "$RATE"
    { echo "legacy_id,username,password,nickname,avatar,tags"
      seq 1 "$n" | awk '{ printf "dl-L%d,dl_%d,pw-%d-bench,Nick %d,%s,%s\n", $1, $1, $1, $1,
          ($1 % 4 == 0 ? "https://cdn.example.com/a/" $1 ".png" : ""), ($1 % 3 == 0 ? "early|t" $1 % 2 : "") }'; } > "$WORK/delta.csv"
    printf 'name: bench-delta\nrate-limit: %s\nsteps:\n  - name: users\n    type: register-users\n    source:\n      csv: %s\n    batch-size: 50\n' \
        "$RATE" "$WORK/delta.csv" > "$WORK/delta.yml"
    local dir="$WORK/delta" start full fullCalls
    mkdir -p "$dir"
    start=$(date +%s%N); fullCalls=$(counter requests_served)
    (cd "$dir" && MAXIM_API_ENDPOINT="http://127.0.0.1:$PORT" MAXIM_APP_ID=sandbox MAXIM_ACCESS_TOKEN=sandbox-token \
        java -jar "$JAR" run "$WORK/delta.yml" > full.log 2>&1) || { say "the full run failed:"; tail -5 "$dir/full.log" >&2; exit 1; }
    full=$(( ($(date +%s%N) - start) / 1000000 )); fullCalls=$(( $(counter requests_served) - fullCalls ))
    # 1% of the rows, at random (seeded): a new nickname each.
    awk -v n="$n" 'BEGIN { srand(20261129); while (k < n / 100) { r = 1 + int(rand() * n); if (!(r in c)) { c[r] = 1; k++ } } }
        NR == 1 { print; next } { split($0, f, ","); if ((NR - 1) in c) sub(/,Nick [0-9]+,/, ",Renamed " f[1] ",") } { print }' \
        "$WORK/delta.csv" > "$WORK/delta.next" && mv "$WORK/delta.next" "$WORK/delta.csv"
    local changed; changed=$(grep -c ',Renamed ' "$WORK/delta.csv")
    local deltaCalls profilesBefore delta
    deltaCalls=$(counter requests_served); profilesBefore=$(curl -s "http://127.0.0.1:$PORT/sandbox/state" | grep -o '"profile":[0-9]*' | cut -d: -f2)
    start=$(date +%s%N)
    (cd "$dir" && MAXIM_API_ENDPOINT="http://127.0.0.1:$PORT" MAXIM_APP_ID=sandbox MAXIM_ACCESS_TOKEN=sandbox-token \
        java -jar "$JAR" run "$WORK/delta.yml" --new > delta.log 2>&1) || { say "the delta run failed:"; tail -5 "$dir/delta.log" >&2; exit 1; }
    delta=$(( ($(date +%s%N) - start) / 1000000 )); deltaCalls=$(( $(counter requests_served) - deltaCalls ))
    local profiles; profiles=$(( $(curl -s "http://127.0.0.1:$PORT/sandbox/state" | grep -o '"profile":[0-9]*' | cut -d: -f2) - profilesBefore ))
    local needed=$(( (changed + 99) / 100 ))
    # The job itself: its steps one after the other (what a scheduled run under `serve` takes, no JVM start).
    local fullJob deltaJob steps
    fullJob=$(grep -o '^Step [^ ]*: .* in [0-9.]* s' "$dir/full.log" | grep -o 'in [0-9.]* s' | awk '{ s += $2 } END { printf "%.1f", s }')
    deltaJob=$(grep -o '^Step [^ ]*: .* in [0-9.]* s' "$dir/delta.log" | grep -o 'in [0-9.]* s' | awk '{ s += $2 } END { printf "%.1f", s }')
    steps=$(grep '^Step ' "$dir/delta.log" | sed 's/^Step //; s/COMPLETED  //' | paste -sd ';' | sed 's/;/; /g')
    ROWS+=("| delta run: $n migrated users, $changed nicknames changed (1%, at random), \`run --new\`, $latency ms per call, limit $RATE/s | $deltaCalls calls = **$(awk -v a="$deltaCalls" -v b="$needed" 'BEGIN { printf "%.2f", a / b }')x** the $needed profile calls the changes need; job $deltaJob s = **$(awk -v f="$fullJob" -v d="$deltaJob" 'BEGIN { printf "%.1f", f / d }')x** faster than the full migration's $fullJob s ($fullCalls calls); whole commands with JVM start: $(awk -v a="$delta" 'BEGIN { printf "%.1f", a / 1000 }') s vs $(awk -v a="$full" 'BEGIN { printf "%.1f", a / 1000 }') s = $(awk -v f="$full" -v d="$delta" 'BEGIN { printf "%.1f", f / d }')x | $profiles profiles executed; steps: $steps |")
}

# No latency, no limit: what the pipeline itself does (read, validate, ID map, call, ledger, commit).
ceiling_and_memory() {
    say "ceiling and memory: $BIG_ROWS users, batch-size 50, no latency, no limit, -Xmx256m..."
    start_sandbox
    users_csv "$WORK/big.csv" big "$BIG_ROWS"
    job_file "$WORK/big.yml" "$WORK/big.csv" 100000 50
    local dir="$WORK/big" peak=0 line
    mkdir -p "$dir"
    (cd "$dir" && MAXIM_API_ENDPOINT="http://127.0.0.1:$PORT" MAXIM_APP_ID=sandbox MAXIM_ACCESS_TOKEN=sandbox-token \
        exec java -Xmx256m -jar "$JAR" run "$WORK/big.yml" > run.log 2>&1) &
    local pid=$!
    # Peak resident memory of the run (VmHWM), read while it runs.
    while kill -0 "$pid" 2>/dev/null; do
        local hwm; hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        [ -n "$hwm" ] && [ "$hwm" -gt "$peak" ] && peak=$hwm
        sleep 0.5
    done
    wait "$pid" || { say "the 1M run failed:"; tail -5 "$dir/run.log" >&2; exit 1; }
    line=$(grep '^Step users:' "$dir/run.log")
    local pace; pace=$(echo "$line" | grep -o '([0-9]* records/s)' | tr -d '()')
    ROWS+=("| framework ceiling, H2 job database (no latency, no limit, 50 users per call) | $pace | ${line#*: } |")
    ROWS+=("| $BIG_ROWS rows under -Xmx256m | $( grep -q 'COMPLETED' <<<"$line" && echo completed || echo FAILED ) | peak RSS $((peak / 1024)) MB; users in the server: $(counter users) |")
}

# The ceiling again with the users step split into 4 partitions run on threads of one process (maxim.workers=local).
ceiling_partitioned() {
    local n=$((BIG_ROWS / 5))
    say "ceiling with partitions: 4 (local threads): $n users, batch-size 50, no latency, no limit..."
    start_sandbox
    users_csv "$WORK/part.csv" part "$n"
    job_file "$WORK/part.yml" "$WORK/part.csv" 100000 50
    printf '    partitions: 4\n' >> "$WORK/part.yml"
    users_csv "$WORK/one.csv" one "$n"
    job_file "$WORK/one.yml" "$WORK/one.csv" 100000 50
    local one four
    one=$(run_job "$WORK/one" "$WORK/one.yml")
    four=$(run_job "$WORK/part" "$WORK/part.yml")
    ROWS+=("| framework ceiling, H2, $n users in one step | $(echo "$one" | grep -o '([0-9]* records/s)' | tr -d '()') | ${one#*: } |")
    ROWS+=("| the same with partitions: 4 on threads of one process | $(echo "$four" | grep -o '([0-9]* records/s)' | tr -d '()') | ${four#*: } |")
}

# The same ceiling with a PostgreSQL job database, when BENCH_POSTGRES_URL (and _USER, _PASSWORD) name one;
# each run creates a new schema bench_<time> in it.
ceiling_postgres() {
    if [ -z "${BENCH_POSTGRES_URL:-}" ]; then
        ROWS+=("| framework ceiling, PostgreSQL job database | not measured | set BENCH_POSTGRES_URL, BENCH_POSTGRES_USER, BENCH_POSTGRES_PASSWORD |")
        return
    fi
    local n=$((BIG_ROWS / 5)) prefix="pg$(date +%s)"
    say "ceiling on PostgreSQL: $n users, batch-size 50, no latency, no limit..."
    start_sandbox
    users_csv "$WORK/pg.csv" "$prefix" "$n"
    job_file "$WORK/pg.yml" "$WORK/pg.csv" 100000 50
    # A schema of its own: the sandbox numbers users from the same first id every time, and the ID map keeps them.
    local line separator='?' schema="bench_$(date +%s)"
    case "$BENCH_POSTGRES_URL" in *\?*) separator='&' ;; esac
    line=$(SPRING_DATASOURCE_URL="$BENCH_POSTGRES_URL${separator}currentSchema=$schema" SPRING_DATASOURCE_USERNAME="${BENCH_POSTGRES_USER:-postgres}" \
        SPRING_DATASOURCE_PASSWORD="${BENCH_POSTGRES_PASSWORD:-}" run_job "$WORK/pg" "$WORK/pg.yml")
    local pace; pace=$(echo "$line" | grep -o '([0-9]* records/s)' | tr -d '()')
    ROWS+=("| framework ceiling, PostgreSQL job database (same, $n users; schema $schema) | $pace | ${line#*: } |")
    # Partitions on threads overlap their commits, which bound one stream of chunks on PostgreSQL.
    users_csv "$WORK/pgpart.csv" "${prefix}p" "$n"
    job_file "$WORK/pgpart.yml" "$WORK/pgpart.csv" 100000 50
    printf '    partitions: 4\n' >> "$WORK/pgpart.yml"
    schema="${schema}_p"
    line=$(SPRING_DATASOURCE_URL="$BENCH_POSTGRES_URL${separator}currentSchema=$schema" SPRING_DATASOURCE_USERNAME="${BENCH_POSTGRES_USER:-postgres}" \
        SPRING_DATASOURCE_PASSWORD="${BENCH_POSTGRES_PASSWORD:-}" run_job "$WORK/pgpart" "$WORK/pgpart.yml")
    pace=$(echo "$line" | grep -o '([0-9]* records/s)' | tr -d '()')
    ROWS+=("| the same with partitions: 4 on threads of one process (schema $schema) | $pace | ${line#*: } |")
}

started=$(date +%s)
for scenario in ${ONLY:-at_rate_100 at_rate_20 friends_at_rate_100 naive_100 naive_20 delta_run ceiling_and_memory ceiling_partitioned ceiling_postgres}; do
    case "$scenario" in
        *_[0-9]*) "${scenario%_*}" "${scenario##*_}" ;;
        *) "$scenario" ;;
    esac
done
stop_sandbox

{
    echo "# maxim-batch benchmark"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1), $(($(date +%s) - started)) s in all."
    echo "The sandbox runs in its own JVM on loopback; rates are the server's count of requests per whole second."
    echo
    echo "| Scenario | Result | Detail |"
    echo "|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
} | tee "$([ -n "${ONLY:-}" ] && echo /dev/null || echo bench/results.md)"
