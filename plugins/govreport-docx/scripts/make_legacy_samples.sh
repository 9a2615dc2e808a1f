#!/usr/bin/env bash
# Makes tests/data/legacy/*.{doc,rtf,odt} from the corpus .docx with LibreOffice, so
# that the tests of old Word files have real converter output. The files are committed:
# rerun only to refresh them. (LibreOffice reads .wps but cannot write it; .doc, .rtf
# and .odt are what it can make.)
set -euo pipefail
cd "$(dirname "$0")/.."
source=../../tests/data/corpus/pingtan_2023_page_libreoffice.docx
out=tests/data/legacy
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for target in "doc:MS Word 97" "rtf:Rich Text Format" "odt:writer8"; do
    soffice "-env:UserInstallation=file://$profile" --headless --norestore \
        --convert-to "$target" --outdir "$out" "$source"
done
ls -l "$out"
