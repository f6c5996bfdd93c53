#!/usr/bin/env bash
# Replays the second attacker round (issue 29's reproductions) against a build of DocShelf on loopback, and prints
# what each attack got: status, time, processor time the service spent, what was left behind, file modes.
#
#   tests/security/attack-probe.sh [DOCSHELF_DLL]
#
# DOCSHELF_DLL defaults to this checkout's Release build; name another build's docshelf.dll to compare the two.
# Everything runs in a fresh temporary folder, on free loopback ports, and is removed at the end.
set -euo pipefail

DLL=$(realpath "${1:-src/DocShelf.Cli/bin/Release/net10.0/docshelf.dll}")
SAMPLES=$(realpath sample-docs)
WORK=$(mktemp -d /tmp/docshelf-probe.XXXXXX)
TICKS=$(getconf CLK_TCK)
TOKEN=probe-token-0123456789
SERVICE=""

cleanup() {
    [ -n "$SERVICE" ] && kill -9 "$SERVICE" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

report() { printf '%-44s %s\n' "$1" "$2"; }

# Processor seconds the process has used so far (user and system).
cpu_seconds() { awk -v t="$TICKS" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat"; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Starts `serve` on a shelf of two sample papers; sets SERVICE and URL. Extra words are passed to env.
start_service() {
    local data=$1 inbox=$2; shift 2
    local port; port=$(free_port)
    URL="http://127.0.0.1:$port"
    env "$@" dotnet "$DLL" --data "$data" serve --inbox "$inbox" --listen "127.0.0.1:$port" >"$WORK/serve.log" 2>&1 &
    SERVICE=$!
    for _ in $(seq 120); do curl -sf "$URL/health" >/dev/null && return 0; sleep 0.5; done
    echo "the service did not start; its log:" >&2
    cat "$WORK/serve.log" >&2
    exit 1
}

stop_service() { kill -TERM "$SERVICE"; wait "$SERVICE" 2>/dev/null || true; SERVICE=""; }

shelf() {
    local data=$1
    mkdir -p "$WORK/inbox"
    cp "$SAMPLES/harbour-commission-report-1894.pdf" "$SAMPLES/reading-room-rules.txt" "$WORK/inbox/"
    dotnet "$DLL" --data "$data" ingest "$WORK/inbox" >/dev/null 2>&1
}

echo "Attack probe of $DLL"
shelf "$WORK/data"
id=$(dotnet "$DLL" --data "$WORK/data" documents --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
q13='x*y%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3Fz'
q14='x*y%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3F%3Fz'

say_costly() { # label, path, client time limit
    local before after reply
    before=$(cpu_seconds "$SERVICE")
    reply=$(curl -s -o /dev/null -w '%{http_code} after %{time_total} s' --max-time "$3" "$URL$2" || true)
    after=$(cpu_seconds "$SERVICE")
    report "$1" "$reply; service processor $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }') s"
}

start_service "$WORK/data" "$WORK/inbox" TMPDIR="$WORK" ASPNETCORE_TEMP="$WORK"
say_costly "1. search x*y + 13 ? + z" "/api/search?mode=lexical&q=$q13" 60
say_costly "1. page words for the same query" "/api/documents/$id/pages/1?q=$q13" 60
before=$(cpu_seconds "$SERVICE")
curl -s -o /dev/null --max-time 5 "$URL/api/search?mode=lexical&q=$q14" || true
sleep 15
middle=$(cpu_seconds "$SERVICE")
sleep 5
after=$(cpu_seconds "$SERVICE")
report "1. 14 ?, client gone after 5 s" "processor $(awk -v a="$middle" -v b="$before" 'BEGIN { printf "%.1f", a - b }') s in 20 s, $(awk -v a="$after" -v b="$middle" 'BEGIN { printf "%.1f", a - b }') s in the 5 s after"
report "1. cross-site GET of a search" "$(curl -s -o /dev/null -w '%{http_code}' -H 'Sec-Fetch-Site: cross-site' -H 'Origin: https://attacker.example' "$URL/api/search?q=harbour")"

# 3. A kill during an upload, then three restarts.
head -c $((300 << 20)) /dev/zero | tr '\0' 'x' | { printf '%%PDF-1.4\n'; cat; } >"$WORK/big.pdf"
curl -s -o /dev/null --limit-rate 40M -H 'X-DocShelf-Request: 1' -F "files=@$WORK/big.pdf" "$URL/api/upload" &
upload=$!
sleep 3
{ kill -9 "$SERVICE" && wait "$SERVICE"; } 2>/dev/null || true
SERVICE=""
wait "$upload" 2>/dev/null || true
report "3. left by the kill" "$(find "$WORK" -maxdepth 1 -name 'ASPNETCORE_*' | wc -l) ASPNETCORE_*.tmp in TMPDIR, $(find "$WORK/inbox" -name '.upload-*' | wc -l) .upload-* in the inbox"
for _ in 1 2 3; do start_service "$WORK/data" "$WORK/inbox" TMPDIR="$WORK" ASPNETCORE_TEMP="$WORK"; stop_service; done
report "3. after three restarts" "$(find "$WORK" -maxdepth 1 -name 'ASPNETCORE_*' | wc -l) ASPNETCORE_*.tmp, $(find "$WORK/inbox" -name '.upload-*' | wc -l) .upload-*"

# 2. A token-protected service: 300 wrong bearer tokens on one connection.
start_service "$WORK/data" "$WORK/inbox" DOCSHELF_AccessToken="$TOKEN"
report "2. a 401's challenge" "$(curl -s -o /dev/null -D - "$URL/api/status" | grep -i '^www-authenticate' | tr -d '\r' || echo none)"
args=()
for _ in $(seq 300); do args+=(-o /dev/null "$URL/api/status"); done
started=$(date +%s%N)
codes=$(curl -s -w '%{http_code}\n' -H 'Authorization: Bearer guess' "${args[@]}" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
report "2. 300 wrong bearer tokens" "${codes}in $(( ($(date +%s%N) - started) / 1000000 )) ms"
report "   then a sign-in with the token" "$(curl -s -o /dev/null -w '%{http_code}' -H 'X-DocShelf-Request: 1' -H 'Content-Type: application/json' -d "{\"token\": \"$TOKEN\"}" "$URL/api/session")"
stop_service
start_service "$WORK/data" "$WORK/inbox" DOCSHELF_AccessToken="$TOKEN"
report "   the original, with the token" "$(curl -s -o /dev/null -D - -H "Authorization: Bearer $TOKEN" "$URL/api/documents/$id/original" | grep -i '^cache-control\|^last-modified' | tr -d '\r' | paste -sd ';' || echo 'no cache-control')"
stop_service

# 4. Under umask 022: the store, its folder, and a backup.
(umask 022 && mkdir -p "$WORK/backups" && dotnet "$DLL" --data "$WORK/data022" ingest "$SAMPLES/reading-room-rules.txt" >/dev/null 2>&1 \
    && dotnet "$DLL" --data "$WORK/data022" backup "$WORK/backups" >/dev/null)
report "4. modes under umask 022" "data folder $(stat -c %a "$WORK/data022"), shelf.db $(stat -c %a "$WORK/data022/shelf.db"), backup $(stat -c %a "$WORK"/backups/*.tar.gz)"

# 5. A link to /etc/passwd in a folder to ingest.
mkdir -p "$WORK/linked"
ln -s /etc/passwd "$WORK/linked/passwd.txt"
report "5. quarantine reason of a link" "$(dotnet "$DLL" --data "$WORK/data-links" ingest "$WORK/linked" 2>&1 | grep -o 'it is a symbolic link[^;]*' | head -1)"
