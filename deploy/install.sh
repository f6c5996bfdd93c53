#!/usr/bin/env bash
# Installs DocShelf from this offline bundle on Debian 12 (x86-64), as root. It reaches no network: the Debian
# packages come from debs/ and are installed with dpkg. Running it again repairs or upgrades an installation and
# keeps the shelf, the settings and the inboxes' files. It ends by running `docshelf doctor`.
#
#   /opt/docshelf             the program, its built-in model and the docs
#   /usr/local/bin/docshelf   the command, with the installed shelf as its default data folder
#   /var/lib/docshelf         the shelf (owned by the docshelf user); docshelf.json holds its settings
#   /srv/docshelf/inbox       where archivists drop papers (the service only reads it)
#   /srv/docshelf/uploads     where files dropped on the page land
#   /var/backups/docshelf     the nightly backups (docshelf-backup.timer keeps the newest seven)
set -euo pipefail
BUNDLE=$(cd "$(dirname "$0")" && pwd)
VERSION=$(cat "$BUNDLE/VERSION")
PREFIX=/opt/docshelf
DATA=/var/lib/docshelf
INBOX=/srv/docshelf/inbox
UPLOADS=/srv/docshelf/uploads
BACKUPS=/var/backups/docshelf
SERVICE_USER=docshelf
LISTEN=127.0.0.1:8470
UNIT=/etc/systemd/system/docshelf.service

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
refuse() { echo "DocShelf $VERSION cannot be installed here: $*" >&2; exit 1; }

check_machine() {
    [ "$(id -u)" -eq 0 ] || refuse "install.sh must run as root (sudo $0)."
    local id version pretty
    id=$(. /etc/os-release && echo "${ID:-}")
    version=$(. /etc/os-release && echo "${VERSION_ID:-}")
    pretty=$(. /etc/os-release && echo "${PRETTY_NAME:-an unknown system}")
    if [ "$id" != debian ] || [ "$version" != 12 ]; then
        refuse "it is built for Debian 12 (bookworm), and this machine runs $pretty."
    fi
    if [ "$(uname -m)" != x86_64 ] || [ "$(dpkg --print-architecture)" != amd64 ]; then
        refuse "it is built for x86-64 (amd64), and this machine is $(uname -m)."
    fi
}

verify_bundle() {
    say "Checking every file of the bundle against SHA256SUMS"
    local failures
    if ! failures=$(cd "$BUNDLE" && sha256sum --check --strict --quiet SHA256SUMS 2>&1); then
        echo "$failures" >&2
        refuse "the bundle is damaged or incomplete (the files above do not match SHA256SUMS); copy it again."
    fi
}

# A package is installed from the bundle unless this machine already has it at the bundle's version or newer.
packages_to_install() {
    local deb name version installed
    for deb in "$BUNDLE"/debs/*.deb; do
        name=$(dpkg-deb --show --showformat='${Package}' "$deb")
        version=$(dpkg-deb --show --showformat='${Version}' "$deb")
        installed=$(dpkg-query --show --showformat='${Status} ${Version}' "$name" 2>/dev/null || true)
        if [[ "$installed" == "install ok installed "* ]] && dpkg --compare-versions "${installed##* }" ge "$version"; then
            continue
        fi
        echo "$deb"
    done
}

# dpkg orders the packages of one call by their dependencies, but refuses a package whose pre-dependency (python3's
# on python3-minimal, say) is in the same call and not configured yet; the next call takes it. Three calls are
# more than any of the bundle's chains of pre-dependencies needs.
dpkg_in_passes() {
    local pass debs
    : > /var/log/docshelf-install-dpkg.log
    for pass in 1 2 3; do
        mapfile -t debs < <(packages_to_install)
        if [ "${#debs[@]}" -eq 0 ]; then
            return 0
        fi
        echo "== dpkg call $pass: ${#debs[@]} packages" >> /var/log/docshelf-install-dpkg.log
        if DEBIAN_FRONTEND=noninteractive dpkg --install --force-confold "${debs[@]}" >> /var/log/docshelf-install-dpkg.log 2>&1; then
            return 0
        fi
    done
    return 1
}

install_packages() {
    local debs
    mapfile -t debs < <(packages_to_install)
    if [ "${#debs[@]}" -eq 0 ]; then
        say "The Debian packages DocShelf needs are already installed"
    else
        say "Installing ${#debs[@]} Debian packages from the bundle"
        if ! dpkg_in_passes; then
            tail -n 20 /var/log/docshelf-install-dpkg.log >&2
            refuse "dpkg could not install the bundle's packages (all of its output: /var/log/docshelf-install-dpkg.log)."
        fi
    fi
    local package
    while read -r package; do
        dpkg-query --show --showformat='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || refuse "the package $package is still not installed after dpkg ran."
    done < "$BUNDLE/debs/needed"
    if ! sha256sum --check --quiet "$BUNDLE/models/tessdata.sha256"; then
        refuse "the Tesseract data above does not match the sha256 DocShelf pins (models/tessdata.sha256)."
    fi
}

service_is_running() { [ -d /run/systemd/system ] && systemctl is-active --quiet docshelf; }

# The new program goes in beside the old one and takes its place in one rename, so a failed copy leaves the old
# installation whole. The service is stopped for the swap, and install_unit starts it again.
install_program() {
    say "Installing DocShelf $VERSION in $PREFIX"
    rm -rf "$PREFIX.new" "$PREFIX.old"
    cp -a "$BUNDLE/app" "$PREFIX.new"
    cp -a "$BUNDLE/docs" "$BUNDLE/models" "$BUNDLE/sample-docs" "$BUNDLE/VERSION" "$PREFIX.new/"
    cp -a "$BUNDLE/uninstall.sh" "$PREFIX.new/"
    chown -R root:root "$PREFIX.new"
    chmod -R u=rwX,go=rX "$PREFIX.new"
    if service_is_running; then systemctl stop docshelf; fi
    if [ -d "$PREFIX" ]; then mv "$PREFIX" "$PREFIX.old"; fi
    mv "$PREFIX.new" "$PREFIX"
    rm -rf "$PREFIX.old"
    cat > /usr/local/bin/docshelf <<EOF
#!/bin/sh
# DocShelf's command; the installed shelf is the data folder unless --data or DOCSHELF_DATA names another.
: "\${DOCSHELF_DATA:=$DATA}"
export DOCSHELF_DATA
exec $PREFIX/docshelf "\$@"
EOF
    chmod 0755 /usr/local/bin/docshelf
}

make_user_and_folders() {
    if ! getent passwd "$SERVICE_USER" >/dev/null; then
        say "Creating the service user $SERVICE_USER"
        useradd --system --user-group --home-dir "$DATA" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    fi
    # The data folder and the backups hold every document's text and the settings: the service user's alone,
    # whatever they were before. The inboxes are made once: archivists' access to them (a group, setgid, ACLs) is
    # the office's to set, and a second run must not undo it.
    install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0700 "$DATA"
    [ -d "$INBOX" ] || install -d -m 0755 "$INBOX"
    [ -d "$UPLOADS" ] || install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0750 "$UPLOADS"
    install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 0700 "$BACKUPS"
    if [ ! -e "$DATA/docshelf.json" ]; then
        printf '{\n  "Inboxes": ["%s", "%s"],\n  "Listen": "%s"\n}\n' "$UPLOADS" "$INBOX" "$LISTEN" > "$DATA/docshelf.json"
        chown "$SERVICE_USER:$SERVICE_USER" "$DATA/docshelf.json"
        chmod 0600 "$DATA/docshelf.json"
    fi
}

install_unit() {
    local unit
    # The worker's unit is installed for reading machines to enable (docs/operations.md); nothing starts it here.
    for unit in docshelf.service docshelf-backup.service docshelf-backup.timer docshelf-worker.service; do
        install -m 0644 "$BUNDLE/systemd/$unit" /etc/systemd/system/
    done
    if [ -d /run/systemd/system ]; then
        say "Starting the docshelf service and its nightly backup timer"
        systemctl daemon-reload
        systemctl enable --quiet docshelf docshelf-backup.timer
        systemctl restart docshelf
        systemctl start docshelf-backup.timer
    else
        # A container or a chroot: nothing to start now; a booted machine starts both from the links made here.
        mkdir -p /etc/systemd/system/multi-user.target.wants /etc/systemd/system/timers.target.wants
        ln -sfn "$UNIT" /etc/systemd/system/multi-user.target.wants/docshelf.service
        ln -sfn /etc/systemd/system/docshelf-backup.timer /etc/systemd/system/timers.target.wants/docshelf-backup.timer
        say "systemd is not running here, so the service and its backup timer are installed and enabled but not started"
    fi
}

check_installation() {
    say "docshelf doctor"
    local status=0
    runuser -u "$SERVICE_USER" -- /usr/local/bin/docshelf doctor --backups "$BACKUPS" || status=$?
    echo
    echo "DocShelf $VERSION is installed. Researchers open http://$LISTEN on this machine."
    echo "Archivists drop papers in $INBOX. Commands run as the service user, for example:"
    echo "  runuser -u $SERVICE_USER -- docshelf search \"harbour light\""
    return "$status"
}

check_machine
verify_bundle
install_packages
install_program
make_user_and_folders
install_unit
check_installation
