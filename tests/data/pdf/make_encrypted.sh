#!/bin/sh
# The encrypted copy of a real report, for load(password=...) and --password: Ghostscript
# rewrites the PDF with the user password "govreport" (128-bit RC4, revision 3).
# Run from this folder: sh make_encrypted.sh
set -e
gs -q -sDEVICE=pdfwrite -sOwnerPassword=owner -sUserPassword=govreport \
   -dEncryptionR=3 -dKeyLength=128 -dPermissions=-4 \
   -o huaian_hongzequ_gov_2023_encrypted.pdf ../corpus/huaian_hongzequ_gov_2023.pdf
