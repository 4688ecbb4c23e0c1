#!/usr/bin/env bash
# Sends one Twilio-style inbound SMS to a running CxInbox, signed the way Twilio signs it (X-Twilio-Signature).
# Usage: scripts/send-test-sms.sh [from-number] [text]
# Environment (defaults match src/CxInbox.Host/appsettings.Development.json):
#   CXINBOX_URL          where the Host listens            (http://localhost:5080)
#   CXINBOX_PUBLIC_URL   its CxInbox:PublicBaseUrl         (same as CXINBOX_URL)
#   TWILIO_AUTH_TOKEN    its Channels:Twilio:AuthToken     (dev-twilio-auth-token)
#   TWILIO_ACCOUNT_SID   its Channels:Twilio:AccountSid    (AC00000000000000000000000000000000)
#   TWILIO_TO            our Twilio number                 (+15555550100)
set -euo pipefail

url="${CXINBOX_URL:-http://localhost:5080}"
public_url="${CXINBOX_PUBLIC_URL:-$url}"
token="${TWILIO_AUTH_TOKEN:-dev-twilio-auth-token}"
account="${TWILIO_ACCOUNT_SID:-AC00000000000000000000000000000000}"
to="${TWILIO_TO:-+15555550100}"
from="${1:-+15555550123}"
body="${2:-Halo, pesanan saya #4821 belum sampai. Bisa dicek? Thanks - Rina}"
sid="SM$(openssl rand -hex 16)"

# Twilio signs the URL followed by every parameter's name and value, sorted by name.
declare -A params=([AccountSid]="$account" [ApiVersion]="2010-04-01" [Body]="$body" [From]="$from"
                   [MessageSid]="$sid" [NumMedia]="0" [To]="$to")
signed="$public_url/webhooks/twilio/sms"
form_args=()
for name in $(printf '%s\n' "${!params[@]}" | LC_ALL=C sort); do
  signed+="$name${params[$name]}"
  form_args+=(--data-urlencode "$name=${params[$name]}")
done
signature="$(printf '%s' "$signed" | openssl dgst -sha1 -hmac "$token" -binary | base64)"

echo "POST $url/webhooks/twilio/sms  MessageSid=$sid  From=$from"
curl -sS -w '\nHTTP %{http_code}\n' -H "X-Twilio-Signature: $signature" "${form_args[@]}" "$url/webhooks/twilio/sms"
