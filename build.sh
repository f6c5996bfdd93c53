#!/usr/bin/env bash
# DocShelf build entry point. Usage: ./build.sh [run|test|bench|build|bundle|deps|samples|screenshots|models]
#   run      install what is missing, build, ingest sample-docs/ into .demo/data, show cited searches and an answer, then serve the page
#   test     install what is missing, build, run every test, then make the offline bundle and install it in a
#            fresh Debian 12 root with no network (deploy/test-offline-install.sh; needs root)
#   bench    build and print the end-to-end benchmark figures (docs/benchmarks.md); `bench ocr` runs only the OCR reading table
#   build    build only
#   bundle   write the offline installation bundle, deploy/out/docshelf-VERSION-linux-x64.tar.gz (docs/operations.md)
#   deps     install the system packages only
#   samples  regenerate sample-docs/ from the fixture generator
#   screenshots  run the browser tests and save the page's main views in docs/screenshots/
#   shelf-fixture  write the shelf the upgrade tests start from, tests/fixtures/shelf-schema-N (N: this DocShelf's store schema)
#   models   regenerate the tiny test models and their reference outputs (needs python3-onnx, python3-numpy)
set -euo pipefail
cd "$(dirname "$0")"
# ONNX Runtime's Linux build sends usage events to Microsoft unless this is set. DocShelf sets it for itself; the
# tests and benchmarks also run the SentenceTransformers packages' own ONNX sessions, so it is set for them here.
export ORT_DISABLE_TELEMETRY=1

# What DocShelf needs at run time (deploy/debian-packages, which the offline bundle carries too), qpdf for the
# encrypted-PDF tests, chromium for the browser tests, pandoc, the reference reader the format tests hold web
# pages, books and markup to, msoffcrypto-tool, which checks the password-protected Office files the tests make, and
# rabbitmq-server, the broker the tests of reading on many machines start on loopback.
mapfile -t APT_PACKAGES < <(sed 's/#.*//' deploy/debian-packages | xargs -n1)
APT_PACKAGES+=(qpdf chromium pandoc python3-msoffcrypto-tool rabbitmq-server)
CONFIGURATION=Release
CLI="src/DocShelf.Cli/bin/$CONFIGURATION/net10.0/docshelf.dll"
DEMO_DATA=.demo/data
DEMO_INBOX=.demo/inbox
DEMO_LISTEN=${DOCSHELF_LISTEN:-127.0.0.1:8470}

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

missing_packages() {
    local package
    for package in "${APT_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

install_dependencies() {
    local missing
    mapfile -t missing < <(missing_packages)
    if [ "${#missing[@]}" -eq 0 ]; then
        return
    fi
    local command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "DocShelf needs these Debian packages: ${missing[*]}" >&2
        echo "Install them as root, then run this again:" >&2
        echo "  sudo sh -c '$command'" >&2
        exit 1
    fi
    say "Installing ${missing[*]}"
    # A fresh machine's package lists can be empty, so always update first.
    apt-get update -q
    # No package's own service is started (rabbitmq-server's would be): the tests start the broker they need on
    # ports of their own. Debian's container images deny starts already; elsewhere a denial is put in place meanwhile.
    local deny_starts=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        deny_starts=/usr/sbin/policy-rc.d
        printf '#!/bin/sh\nexit 101\n' > "$deny_starts" && chmod +x "$deny_starts"
    fi
    local installed=0
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || installed=$?
    [ -z "$deny_starts" ] || rm -f "$deny_starts"
    return "$installed"
}

# The OCR models come in Debian packages; their files must be exactly the ones pinned in models/tessdata.sha256
# (the same hashes as models/manifest.json, which a test keeps in step).
verify_ocr_models() {
    if ! sha256sum --check --quiet --ignore-missing models/tessdata.sha256; then
        echo "DocShelf: the Tesseract data above does not match the sha256 pinned in models/tessdata.sha256" >&2
        exit 1
    fi
}

# The browser tests run axe-core, the accessibility rules engine, inside the page. It is the one test tool fetched
# (from npm's registry, at build time only), pinned by version and sha256 like the models.
AXE_VERSION=4.10.3
AXE_SHA256=0f2b4d7dcdf7d1219df8d1959ad68e565f51d14c3f0d88bb71cd59abeb956292
AXE_DIR=.cache/axe-core-$AXE_VERSION

fetch_axe() {
    if [ -f "$AXE_DIR/axe.min.js" ]; then
        return
    fi
    say "Fetching axe-core $AXE_VERSION for the browser tests"
    mkdir -p "$AXE_DIR"
    curl -fsSL -o "$AXE_DIR/axe.tgz" "https://registry.npmjs.org/axe-core/-/axe-core-$AXE_VERSION.tgz"
    if ! echo "$AXE_SHA256  $AXE_DIR/axe.tgz" | sha256sum --check --quiet; then
        echo "DocShelf: axe-core $AXE_VERSION does not match its pinned sha256" >&2
        rm -f "$AXE_DIR/axe.tgz"
        exit 1
    fi
    tar -xzf "$AXE_DIR/axe.tgz" -C "$AXE_DIR" --strip-components=1 package/axe.min.js package/LICENSE
    rm "$AXE_DIR/axe.tgz"
}

require_dotnet() {
    if ! command -v dotnet >/dev/null || ! dotnet --list-sdks | grep -q '^10\.'; then
        echo "DocShelf needs the .NET 10 SDK: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
        exit 1
    fi
}

build() {
    require_dotnet
    say "Building"
    # Locked mode: every package must be the one packages.lock.json pins, content hash and all.
    dotnet restore DocShelf.sln --locked-mode -nologo -clp:ErrorsOnly
    dotnet build DocShelf.sln -c "$CONFIGURATION" --no-restore -nologo -clp:ErrorsOnly
}

docshelf() { dotnet "$CLI" --data "$DEMO_DATA" "$@"; }

run_demo() {
    say "Ingesting sample-docs/ into $DEMO_DATA"
    local status=0
    docshelf ingest sample-docs || status=$?
    if [ "$status" -eq 1 ]; then exit 1; fi
    for query in "breakwater lamp" "scarlet fever drains"; do
        say "docshelf search \"$query\" --top 2"
        docshelf search "$query" --top 2
    done
    say "docshelf ask \"Where will the temporary red light be shown?\""
    docshelf ask "Where will the temporary red light be shown?"
    say "docshelf doctor"
    docshelf doctor
    # Uploads from the page land in the first inbox, so the samples stay as committed.
    mkdir -p "$DEMO_INBOX"
    say "Serving the shelf on http://$DEMO_LISTEN (Ctrl+C stops it)"
    echo "Open http://$DEMO_LISTEN in a browser on this machine; files dropped on the page go to $DEMO_INBOX."
    exec dotnet "$CLI" --data "$DEMO_DATA" serve --inbox "$DEMO_INBOX" --inbox sample-docs --listen "$DEMO_LISTEN"
}

# The five longest tests of the last run, from the TRX files dotnet test wrote (durations sort as text: hh:mm:ss.fffffff).
slowest_tests() {
    grep -ho 'testName="[^"]*"[^>]*duration="[^"]*"' TestResults/*.trx \
        | sed -E 's/testName="([^"]*)".*duration="([^"]*)"/\2  \1/' | sort -r | sed -n '1,5p' # sed reads to the end; head would leave sort to die of SIGPIPE and fail the run
}

case "${1:-run}" in
    run) install_dependencies; verify_ocr_models; build; run_demo ;;
    test)
        # debootstrap and iproute2 are for the offline install test, which makes a Debian root with no network, and
        # systemd for its check of the units.
        APT_PACKAGES+=(ca-certificates curl debootstrap iproute2 systemd)
        install_dependencies
        verify_ocr_models
        fetch_axe
        build
        say "Testing"
        rm -rf TestResults
        dotnet test DocShelf.sln -c "$CONFIGURATION" --no-build -nologo --results-directory TestResults --logger "trx;LogFilePrefix=suite"
        say "The five slowest tests"
        slowest_tests
        say "The offline bundle and its install test"
        deploy/make-bundle.sh
        deploy/test-offline-install.sh
        ;;
    bench)
        # The decoder and GGUF benchmarks generate their models with Python (onnx, numpy); the OCR table compares
        # DocShelf with ocrmypdf, the cold-command and footprint tables with Recoll, and the footprint table typesets
        # its papers with pdfTeX: only the benchmarks need them.
        APT_PACKAGES+=(python3-onnx python3-numpy ocrmypdf recollcmd texlive-latex-base)
        install_dependencies
        verify_ocr_models
        build
        dotnet "tests/DocShelf.Benchmarks/bin/$CONFIGURATION/net10.0/DocShelf.Benchmarks.dll" bench-out "${2:-all}"
        ;;
    build) build ;;
    bundle) install_dependencies; verify_ocr_models; require_dotnet; deploy/make-bundle.sh ;;
    screenshots)
        APT_PACKAGES+=(ca-certificates curl)
        install_dependencies
        fetch_axe
        build
        DOCSHELF_SCREENSHOTS=1 dotnet test tests/DocShelf.Browser.Tests -c "$CONFIGURATION" --no-build -nologo
        ;;
    deps) install_dependencies ;;
    shelf-fixture)
        # A small shelf as this version writes it, committed so later versions prove they upgrade it.
        install_dependencies; build
        schema=$(grep -o 'SchemaVersion = [0-9]*' src/DocShelf.Search/Store/ShelfDatabase.cs | grep -o '[0-9]*$')
        fixture="tests/fixtures/shelf-schema-$schema"
        rm -rf "$fixture" && mkdir -p "$fixture"
        dotnet "$CLI" --data "$fixture" ingest sample-docs/harbour-commission-report-1894.pdf sample-docs/river-wend-survey-letters-1902.pdf sample-docs/reading-room-rules.txt
        rm -rf "$fixture/tmp" "$fixture/shelf.lock" "$fixture/shelf.pid"
        ;;
    samples) install_dependencies; build; dotnet "tests/DocShelf.Fixtures/bin/$CONFIGURATION/net10.0/DocShelf.Fixtures.dll" sample-shelf sample-docs ;;
    models)
        # Only this command needs Python: the generated models are committed, so tests never run it.
        APT_PACKAGES=(python3-onnx python3-numpy)
        install_dependencies
        /usr/bin/python3 tests/DocShelf.Models.Tests/TinyModels/generate.py tests/DocShelf.Models.Tests/TinyModels
        /usr/bin/python3 tests/DocShelf.Models.Tests/TinyModels/generate_decoder.py tests/DocShelf.Models.Tests/TinyModels/tiny-decoder
        /usr/bin/python3 tests/DocShelf.Models.Tests/TinyModels/generate_gguf.py tests/DocShelf.Models.Tests/TinyModels/tiny-llama
        # Four attention heads over three key-value heads: llama.cpp loads it, then aborts the process at its first token.
        /usr/bin/python3 tests/DocShelf.Models.Tests/TinyModels/generate_gguf.py tests/DocShelf.Models.Tests/TinyModels/tiny-llama-aborts --kv-heads 3 --layers 1 --no-reference
        ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 1 ;;
esac
