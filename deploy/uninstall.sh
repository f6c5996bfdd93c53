#!/usr/bin/env bash
# Removes DocShelf as install.sh put it there, as root. The shelf (/var/lib/docshelf), the service user and the
# inboxes stay unless --purge is given; the archivists' papers in the inboxes are never touched, even then. The
# Debian packages stay too, since other programs may use them; the closing message names them.
set -euo pipefail
PREFIX=/opt/docshelf
DATA=/var/lib/docshelf
SERVICE_USER=docshelf
PURGE=no

case "${1:-}" in
    "") ;;
    --purge) PURGE=yes ;;
    *) echo "Usage: $0 [--purge]   (--purge also deletes the shelf in $DATA and the $SERVICE_USER user)" >&2; exit 2 ;;
esac
[ "$(id -u)" -eq 0 ] || { echo "uninstall.sh must run as root (sudo $0)" >&2; exit 1; }

if [ -d /run/systemd/system ]; then
    systemctl disable --now --quiet docshelf-backup.timer 2>/dev/null || true
    systemctl disable --now --quiet docshelf 2>/dev/null || true
    systemctl disable --now --quiet docshelf-worker 2>/dev/null || true
fi
rm -f /etc/systemd/system/docshelf.service /etc/systemd/system/docshelf-backup.service \
    /etc/systemd/system/docshelf-backup.timer /etc/systemd/system/multi-user.target.wants/docshelf.service \
    /etc/systemd/system/timers.target.wants/docshelf-backup.timer /etc/systemd/system/docshelf-worker.service \
    /etc/systemd/system/multi-user.target.wants/docshelf-worker.service
if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
rm -f /usr/local/bin/docshelf
rm -rf "$PREFIX" "$PREFIX.new" "$PREFIX.old"
echo "DocShelf is removed from $PREFIX."

if [ "$PURGE" = yes ]; then
    rm -rf "$DATA"
    if getent passwd "$SERVICE_USER" >/dev/null; then userdel "$SERVICE_USER"; fi
    echo "The shelf in $DATA and the $SERVICE_USER user are deleted. The inboxes under /srv/docshelf are left as they are."
else
    echo "The shelf in $DATA, the $SERVICE_USER user and the inboxes under /srv/docshelf are kept; a later install.sh uses them."
fi
echo "The Debian packages DocShelf used stay installed (remove them with apt if nothing else needs them):"
echo "  tesseract-ocr libtesseract5 tesseract-ocr-eng tesseract-ocr-osd poppler-utils"
