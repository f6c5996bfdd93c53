#!/usr/bin/env bash
# The offline install test, run by `./build.sh test` after the suite (as root: it needs debootstrap, chroot and
# namespaces). A minimal Debian 12 root is made with debootstrap from the mirror this machine's own apt sources
# name, kept in .cache/ and copied fresh for each run. The bundle from deploy/make-bundle.sh is unpacked and
# installed in the copy with no network at all (a network namespace of its own, only loopback up). There DocShelf
# must ingest the sample papers, find and cite them on the command line and through the web server, install a
# second time without harm, refuse a damaged bundle, another release and another architecture, and uninstall
# keeping the shelf. Then a second root, with systemd, is booted (systemd as PID 1 in namespaces of its own, still
# with no network), and install.sh there must start the service and the backup timer under their sandboxing: the
# service reads papers dropped in the inbox and the timer's backup service backs the shelf up beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(dotnet msbuild src/DocShelf.Cli -getProperty:Version -p:Configuration=Release)
NAME="docshelf-$VERSION-linux-x64"
ARCHIVE="deploy/out/$NAME.tar.gz"
PRISTINE=.cache/debian-12-root
BOOTABLE=.cache/debian-12-systemd-root
ROOT=.cache/offline-install/root
BOOTED=.cache/offline-install/booted

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { echo "offline install test FAILED: $*" >&2; exit 1; }
passed() { printf '  ok  %s\n' "$*"; }

# The first `URIs:` of a deb822 stanza for bookworm, else the first one-line `deb URL bookworm` entry.
debian_mirror() {
    {
        awk 'BEGIN { RS = ""; FS = "\n" }
             { uri = ""; suites = ""
               for (i = 1; i <= NF; i++) {
                   if ($i ~ /^URIs:/) { split($i, words, /[ \t]+/); uri = words[2] }
                   if ($i ~ /^Suites:/) suites = $i " "
               }
               if (uri != "" && suites ~ /[ \t]bookworm[ \t]/) print uri }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true
        awk '$1 == "deb" && / bookworm( |$)/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; break } }' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
    } | sed -n 1p
}

# make_pristine_root FOLDER [PACKAGES]: a minbase root, with PACKAGES (comma-separated) too when given.
make_pristine_root() {
    local folder=$1 include=${2:-}
    if [ -x "$folder/usr/bin/apt-get" ]; then
        return
    fi
    local mirror
    mirror=$(debian_mirror)
    [ -n "$mirror" ] || fail "no Debian 12 (bookworm) mirror is named in this machine's apt sources"
    say "Making a minimal Debian 12 root${include:+ with $include} with debootstrap from $mirror (kept in $folder)"
    rm -rf "$folder.part"
    debootstrap --variant=minbase ${include:+--include="$include"} bookworm "$folder.part" "$mirror" > .cache/debootstrap.log 2>&1 \
        || { tail -n 20 .cache/debootstrap.log >&2; fail "debootstrap did not finish (.cache/debootstrap.log)"; }
    mv "$folder.part" "$folder"
}

# Runs a bash script inside the root with no network: a network namespace holding only loopback, and a mount
# namespace for /proc and /dev that ends with the command.
in_root() {
    unshare --net --mount --fork -- bash -c '
        ip link set lo up
        mount -t proc proc "$1/proc"
        mount --rbind /dev "$1/dev"
        exec chroot "$1" /bin/bash -c "$2"' _ "$ROOT" "$1"
}

# Where expect_success and expect_refusal run their scripts: in_root, then in_booted once the systemd root is up.
INSIDE=in_root

expect_success() { # description, script
    local output status=0
    output=$("$INSIDE" "$2" 2>&1) || status=$?
    [ "$status" -eq 0 ] || { echo "$output" >&2; fail "$1 (exit status $status)"; }
    printf '%s' "$output"
}

expect_contains() { # description, text, needle
    grep -qF -- "$3" <<< "$2" || { echo "$2" >&2; fail "$1: the output does not contain \"$3\""; }
    passed "$1"
}

expect_refusal() { # description, script, needle
    local output status=0
    output=$("$INSIDE" "$2" 2>&1) || status=$?
    [ "$status" -ne 0 ] || { echo "$output" >&2; fail "$1: install.sh went ahead"; }
    expect_contains "$1" "$output" "$3"
}

[ -f "$ARCHIVE" ] || fail "there is no $ARCHIVE; ./build.sh bundle makes it"
say "Checking the systemd units"
# The program they start is only there once installed, which is all systemd-analyze may complain of here.
unit_problems=$(systemd-analyze verify deploy/systemd/* 2>&1 | grep -v 'Command /opt/docshelf/docshelf is not executable' || true)
[ -z "$unit_problems" ] || { echo "$unit_problems" >&2; fail "systemd-analyze finds fault with the units"; }
passed "systemd-analyze verify finds nothing wrong with the service, the backup service and its timer"
make_pristine_root "$PRISTINE"
make_pristine_root "$BOOTABLE" systemd,systemd-sysv,dbus
say "Copying the pristine root and the bundle ($(du -h "$ARCHIVE" | cut -f1))"
rm -rf "$(dirname "$ROOT")"
mkdir -p "$(dirname "$ROOT")"
cp -a "$PRISTINE" "$ROOT"
cp "$ARCHIVE" "$ROOT/root/"
mirror_host=$(debian_mirror | sed -E 's|^[a-z]+://([^/:]+).*|\1|')
mirror_address=$(getent ahostsv4 "$mirror_host" | awk 'NR == 1 { print $1 }')
[ -n "$mirror_address" ] || fail "cannot resolve the mirror $mirror_host here, to check the root cannot reach it"

say "Installing offline"
expect_refusal "the root has no network (no route to $mirror_host, $mirror_address)" \
    "exec 3<>/dev/tcp/$mirror_address/80 && echo reached" "Network is unreachable"
started=$(date +%s%N)
install_log=$(expect_success "install.sh" "cd /root && tar -xzf $NAME.tar.gz && $NAME/install.sh")
install_ms=$((($(date +%s%N) - started) / 1000000))
expect_contains "install.sh installs the packages from the bundle" "$install_log" "Debian packages from the bundle"
expect_contains "install.sh ends with doctor, and it finds nothing wrong" "$install_log" "All is well."
expect_contains "install.sh says where the page is" "$install_log" "http://127.0.0.1:8470"
expect_contains "the data folder belongs to the service user, mode 700" \
    "$(in_root 'stat -c "%U:%G %a" /var/lib/docshelf')" "docshelf:docshelf 700"
expect_contains "the unit is installed and enabled" \
    "$(in_root 'readlink /etc/systemd/system/multi-user.target.wants/docshelf.service')" "/etc/systemd/system/docshelf.service"

say "Reading, searching and asking inside the root"
as_service="runuser -u docshelf -- docshelf"
expect_contains "docshelf ingest reads the sample papers" \
    "$(expect_success "ingest" "$as_service ingest /opt/docshelf/sample-docs")" "10 files: 10 indexed, 0 already on the shelf, 0 quarantined"
expect_contains "docshelf search cites the document and page" \
    "$(expect_success "search" "$as_service search 'breakwater lamp' --top 1")" "harbour-commission-report-1894.pdf  page 3"
answer=$(expect_success "ask" "$as_service ask 'Where will the temporary red light be shown?'")
expect_contains "docshelf ask answers from the page" "$answer" "from the harbour office window"
expect_contains "docshelf ask cites the page" "$answer" "harbour-commission-report-1894.pdf  page 3"
served=$(expect_success "serve" "
    $as_service serve > /tmp/serve.log 2>&1 &
    for second in \$(seq 60); do grep -q 'DocShelf is open on' /tmp/serve.log && break; sleep 1; done
    get() {
        exec 3<>/dev/tcp/127.0.0.1/8470
        printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' \"\$1\" >&3
        cat <&3
        exec 3<&-
    }
    get /; get '/api/search?q=breakwater%20lamp'
    kill \$!; wait")
expect_contains "serve answers the page" "$served" "<title>DocShelf</title>"
expect_contains "serve answers an API search with the cited document" "$served" "harbour-commission-report-1894.pdf"

[ -z "$(find "$ROOT/var/lib/docshelf" "$ROOT/root" -path '*/.cache/Microsoft*' -print -quit)" ] \
    || fail "ONNX Runtime left its telemetry id or event cache in a home folder"
passed "ONNX Runtime kept no telemetry id or event cache in the service user's home (the data folder) or root's"

say "Backing up as the nightly timer does, and restoring"
expect_contains "the backup timer is enabled" \
    "$(in_root 'readlink /etc/systemd/system/timers.target.wants/docshelf-backup.timer')" "/etc/systemd/system/docshelf-backup.timer"
nightly=$(sed -n 's/^ExecStart=//p' deploy/systemd/docshelf-backup.service)
expect_contains "the timer's backup command writes a backup" \
    "$(expect_success "nightly backup" "runuser -u docshelf -- env DOCSHELF_DATA=/var/lib/docshelf $nightly")" "Backed up 10 documents"
expect_contains "the backup is the service user's alone, mode 600" \
    "$(in_root 'stat -c "%U %a" /var/backups/docshelf/docshelf-backup-*.tar.gz')" "docshelf 600"
expect_contains "a backup restores into an empty folder and answers" \
    "$(expect_success "restore" "runuser -u docshelf -- docshelf --data /var/backups/docshelf/restored restore /var/backups/docshelf/docshelf-backup-*.tar.gz \
        && runuser -u docshelf -- docshelf --data /var/backups/docshelf/restored search 'breakwater lamp' --top 1")" "harbour-commission-report-1894.pdf  page 3"

say "Installing again, and refusing what must be refused"
started=$(date +%s%N)
again_log=$(expect_success "install.sh again" "/root/$NAME/install.sh")
again_ms=$((($(date +%s%N) - started) / 1000000))
expect_contains "a second install finds the packages in place" "$again_log" "already installed"
expect_contains "a second install keeps the shelf" \
    "$(expect_success "search after reinstall" "$as_service search 'breakwater lamp' --top 1")" "harbour-commission-report-1894.pdf  page 3"
expect_refusal "a damaged bundle is refused, naming the file" \
    "cd /root/$NAME && echo extra >> docs/cli.md && ./install.sh" "docs/cli.md: FAILED"
in_root "cd /root && tar -xzf $NAME.tar.gz $NAME/docs/cli.md"
mv "$ROOT/etc/os-release" "$ROOT/etc/os-release.real"
printf 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nID=debian\nVERSION_ID="11"\n' > "$ROOT/etc/os-release"
expect_refusal "another Debian release is refused" "/root/$NAME/install.sh" "this machine runs Debian GNU/Linux 11 (bullseye)"
mv "$ROOT/etc/os-release.real" "$ROOT/etc/os-release"
expect_refusal "another architecture is refused" "setarch i686 /root/$NAME/install.sh" "built for x86-64 (amd64), and this machine is i686"

say "Uninstalling"
expect_success "uninstall.sh" "/opt/docshelf/uninstall.sh" > /dev/null
[ ! -e "$ROOT/opt/docshelf" ] && [ ! -e "$ROOT/usr/local/bin/docshelf" ] && [ ! -e "$ROOT/etc/systemd/system/docshelf.service" ] \
    || fail "uninstall.sh left the program, the command or the unit"
passed "uninstall.sh removes the program, the command and the unit"
[ -f "$ROOT/var/lib/docshelf/shelf.db" ] || fail "uninstall.sh deleted the shelf without --purge"
passed "uninstall.sh keeps the shelf"
# The first root is done with; its installed program and packages would otherwise share the disk with the second.
rm -rf "$ROOT"

# Boots the systemd root: systemd is PID 1 of its own PID namespace, with mount, network (loopback only) and host
# name namespaces of its own. The root is bind-mounted on itself because systemd sets up its units' sandboxes
# (ProtectSystem and the rest) only on a root that is a mount point.
boot() {
    unshare --pid --fork --mount --net --uts --kill-child -- bash -c '
        mount --make-rprivate /
        mount --bind "$1" "$1"
        ip link set lo up
        mount -t proc proc "$1/proc"
        mount --rbind /sys "$1/sys"
        mount --rbind /dev "$1/dev"
        cd "$1"
        exec chroot "$1" /lib/systemd/systemd --system' _ "$(realpath "$BOOTED")" > "$(dirname "$BOOTED")/boot.log" 2>&1 &
    BOOT_UNSHARE=$!
    trap 'kill -KILL "$BOOT_UNSHARE" 2>/dev/null || true' EXIT
    local second
    for second in $(seq 100); do
        SYSTEMD_PID=$(pgrep -P "$BOOT_UNSHARE" || true)
        [ -n "$SYSTEMD_PID" ] && in_booted 'systemctl is-system-running --wait' > /dev/null 2>&1 && return
        [ -n "$SYSTEMD_PID" ] && [ "$(in_booted 'systemctl is-system-running' 2>/dev/null)" = degraded ] && return
        sleep 0.2
    done
    fail "the systemd root did not boot ($(dirname "$BOOTED")/boot.log)"
}

in_booted() { nsenter --target "$SYSTEMD_PID" --all --root --wd /bin/bash -c "$1"; }

say "Booting a Debian 12 root with systemd, still with no network, and installing there"
cp -a "$BOOTABLE" "$BOOTED"
cp "$ARCHIVE" "$BOOTED/root/"
boot
INSIDE=in_booted
expect_refusal "the booted root has no network either" "exec 3<>/dev/tcp/$mirror_address/80 && echo reached" "Network is unreachable"
started=$(date +%s%N)
booted_log=$(expect_success "install.sh under systemd" "cd /root && tar -xzf $NAME.tar.gz && $NAME/install.sh")
booted_ms=$((($(date +%s%N) - started) / 1000000))
expect_contains "install.sh starts the service and the backup timer" "$booted_log" "Starting the docshelf service and its nightly backup timer"
expect_contains "doctor, at the end of install.sh, finds the service answering" "$booted_log" "holds the shelf and answers; the page is at http://127.0.0.1:8470"
expect_contains "the service and the timer are active under their sandboxing" \
    "$(expect_success "is-active" "systemctl is-active docshelf docshelf-backup.timer | tr '\n' ' '")" "active active"
expect_contains "the service reads papers dropped in the inbox" "$(expect_success "inbox" "
    cp /opt/docshelf/sample-docs/* /srv/docshelf/inbox/
    for second in \$(seq 180); do
        runuser -u docshelf -- docshelf documents --json | grep -c '\"status\": \"indexed\"' | grep -qx 10 && break
        sleep 1
    done
    runuser -u docshelf -- docshelf search 'breakwater lamp' --top 1")" "/srv/docshelf/inbox/harbour-commission-report-1894.pdf  page 3"
expect_contains "the timer's backup service backs up beside the running service" \
    "$(expect_success "backup service" "systemctl start docshelf-backup.service && journalctl -u docshelf-backup --no-pager")" "Backed up 10 documents"
first_pid=$(in_booted "systemctl show -p MainPID --value docshelf")
expect_success "install.sh again under systemd" "/root/$NAME/install.sh" > /dev/null
expect_contains "a second install restarts the service" \
    "$(in_booted "systemctl is-active docshelf; systemctl show -p MainPID --value docshelf")" "active"
[ "$(in_booted "systemctl show -p MainPID --value docshelf")" != "$first_pid" ] || fail "the second install did not restart the service"
[ -z "$(find "$BOOTED/var/lib/docshelf" -path '*/.cache/Microsoft*' -print -quit)" ] || fail "ONNX Runtime left its telemetry files under systemd"
passed "under systemd too, ONNX Runtime kept no telemetry id or event cache"
expect_success "uninstall.sh under systemd" "/opt/docshelf/uninstall.sh" > /dev/null
expect_contains "uninstall.sh stops the service and the timer" \
    "$(in_booted "systemctl is-active docshelf docshelf-backup.timer | tr '\n' ' '" || true)" "inactive inactive"
kill -KILL "$BOOT_UNSHARE"
wait "$BOOT_UNSHARE" 2>/dev/null || true

printf '\nOffline install of %s (%s) in a fresh Debian 12 root: %d.%01d s, unpacking included; installing again: %d.%01d s; under systemd, starting the service: %d.%01d s\n' \
    "$NAME" "$(du -h "$ARCHIVE" | cut -f1)" $((install_ms / 1000)) $((install_ms % 1000 / 100)) $((again_ms / 1000)) $((again_ms % 1000 / 100)) $((booted_ms / 1000)) $((booted_ms % 1000 / 100))
rm -rf "$(dirname "$ROOT")"
