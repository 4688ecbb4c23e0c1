#!/usr/bin/env bash
# Sets up the services the integration tests talk to (RabbitMQ with its management
# plugin, PostgreSQL, and a mail system: Dovecot for IMAP, Postfix for SMTP), builds CxInbox.sln once and runs its tests. The last line
# printed is always "N passed, N failed, N skipped".
#
#   ./test.sh                      set up services, build, test
#   ./test.sh --filter Category=X  extra arguments go to `dotnet test`
#   ./test.sh --services-only      set up and start the services, print the exports
#                                  (eval "$(./test.sh --services-only)" sets them in a shell)
#
# Safe to run again and again: anything already installed, running or created is kept.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# rabbitmq-server, rabbitmqctl and runuser live in /usr/sbin, often not on a user's PATH.
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

SERVICE_USER=cxinbox
SERVICE_PASSWORD=cxinbox
MANAGEMENT_URL=http://127.0.0.1:15672/
PG_VERSION="" PG_CLUSTER="" PG_PORT=5432
PG_TEST_SETTINGS="max_connections = 300"
# The test mail system, on ports of its own beside any real one: IMAP and LMTP from Dovecot, SMTP from Postfix.
# Every address @cx.test is a mailbox with the password below; mail to @bounce.cx.test is refused by the next hop,
# so Postfix returns a real delivery status notification to the sender.
MAIL_DOMAIN=cx.test
MAIL_PASSWORD=cxinbox
IMAP_PORT=10143 LMTP_PORT=10024 SMTP_PORT=10025 REFUSING_SMTP_PORT=10026
DOVECOT_CONF=/etc/dovecot/cxinbox-test.conf
MAIL_ROOT=/var/lib/cxinbox-mail

MODE="test" # or "services" with --services-only
SUMMARY_PRINTED=""
WORK_DIR="" LOG=/dev/null
SUDO=()

# Progress goes to stderr so that `eval "$(./test.sh --services-only)"` sees only the exports.
log() { printf '==> %s\n' "$*" >&2; }

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

as_root() { "${SUDO[@]}" "$@"; }

# Runs a command with its output kept in $LOG; shows the end of the log if it fails.
quietly() {
    printf '\n$ %s\n' "$*" >>"$LOG"
    if ! "$@" >>"$LOG" 2>&1; then
        printf 'error: command failed: %s\n--- last lines of %s ---\n' "$*" "$LOG" >&2
        tail -n 40 "$LOG" >&2
        return 1
    fi
}

# wait_for DESCRIPTION SECONDS COMMAND...: retries COMMAND once a second until it succeeds.
wait_for() {
    local what=$1 timeout=$2
    shift 2
    local deadline=$((SECONDS + timeout))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            printf 'error: %s did not answer within %ss\n' "$what" "$timeout" >&2
            return 1
        fi
        sleep 1
    done
}

on_exit() {
    local status=$?
    if ((status != 0)) && [[ $MODE == test && -z $SUMMARY_PRINTED ]]; then
        echo "0 passed, 1 failed, 0 skipped"
    fi
    if [[ -n $WORK_DIR ]]; then rm -rf "$WORK_DIR"; fi
    exit "$status"
}

# ---------------------------------------------------------------- privileges

services_answer() {
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" &&
        PGPASSWORD=$SERVICE_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$SERVICE_USER" -d postgres -Atqc 'select 1' &&
        curl -sf -o /dev/null -u "$SERVICE_USER:$SERVICE_PASSWORD" "${MANAGEMENT_URL}api/overview"
}

print_root_commands() {
    read -r PG_VERSION PG_CLUSTER _ <<<"$(pick_postgres_cluster)" || true
    cat >&2 <<EOF
error: setting up the services needs root, and sudo is not installed.
Run this script once as root (su -c '$REPO_ROOT/test.sh --services-only'), or these commands as root:

  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server postgresql curl
  rabbitmq-server -detached
  until rabbitmq-diagnostics -q ping; do sleep 1; done
  rabbitmqctl await_startup --timeout 120
  rabbitmq-plugins enable rabbitmq_management
  rabbitmqctl add_user $SERVICE_USER $SERVICE_PASSWORD
  rabbitmqctl set_user_tags $SERVICE_USER administrator
  rabbitmqctl set_permissions -p / $SERVICE_USER '.*' '.*' '.*'
  pg_ctlcluster ${PG_VERSION:-<version from pg_lsclusters>} ${PG_CLUSTER:-main} start
  runuser -u postgres -- psql -c "CREATE ROLE $SERVICE_USER LOGIN CREATEDB PASSWORD '$SERVICE_PASSWORD'"
  runuser -u postgres -- psql -c "GRANT pg_signal_backend TO $SERVICE_USER"
EOF
}

# Decides how to run root commands. Returns 1 when they cannot be run but the
# services are already set up, so the caller can skip the setup.
choose_privileges() {
    if ((EUID == 0)); then
        SUDO=()
    elif command -v sudo >/dev/null; then
        SUDO=(sudo)
    elif services_answer >/dev/null 2>&1; then
        log "not root and no sudo, but PostgreSQL and RabbitMQ already answer: using them as they are"
        return 1
    else
        print_root_commands
        exit 1
    fi
}

# ---------------------------------------------------------------- services

install_missing_packages() {
    local -a packages=()
    command -v rabbitmqctl >/dev/null || packages+=(rabbitmq-server)
    if ! command -v pg_ctlcluster >/dev/null || ! command -v psql >/dev/null || ! command -v pg_isready >/dev/null ||
        ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
        packages+=(postgresql)
    fi
    command -v curl >/dev/null || packages+=(curl)
    [[ -x /usr/sbin/dovecot ]] || packages+=(dovecot-imapd)
    [[ -e /usr/lib/dovecot/lmtp ]] || packages+=(dovecot-lmtpd)
    [[ -x /usr/sbin/postfix ]] || packages+=(postfix)
    # The browser tests drive Debian's chromium; Playwright never downloads a browser of its own.
    [[ -x /usr/bin/chromium ]] || packages+=(chromium)
    ((${#packages[@]} > 0)) || return 0

    log "installing ${packages[*]} from Debian's packages"
    # Postfix asks how it is used; start_mail_servers sets what the tests need anyway.
    printf '%s\n' "postfix postfix/main_mailer_type select Local only" "postfix postfix/mailname string $MAIL_DOMAIN" |
        as_root debconf-set-selections
    quietly as_root apt-get update
    quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
}

rabbitmq_running() { as_root rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

management_api_answers() {
    curl -sf -o /dev/null -u "$SERVICE_USER:$SERVICE_PASSWORD" "${MANAGEMENT_URL}api/overview"
}

show_rabbitmq_logs() {
    echo "--- RabbitMQ logs ---" >&2
    as_root sh -c 'tail -n 30 /var/log/rabbitmq/*.log /var/log/rabbitmq/startup_err 2>/dev/null' >&2 || true
}

# The node is named rabbit@<short host name>, and the CLI tools cannot reach it
# when that name does not resolve; fall back to rabbit@localhost then.
ensure_rabbitmq_node_name_resolves() {
    local host conf=/etc/rabbitmq/rabbitmq-env.conf
    host=$(uname -n)
    host=${host%%.*}
    getent hosts "$host" >/dev/null && return 0
    as_root grep -qs '^ *NODENAME=' "$conf" && return 0
    log "host name '$host' does not resolve: naming the RabbitMQ node rabbit@localhost in $conf"
    echo 'NODENAME=rabbit@localhost' | as_root tee -a "$conf" >/dev/null
}

start_rabbitmq() {
    ensure_rabbitmq_node_name_resolves
    if ! rabbitmq_running; then
        log "starting RabbitMQ"
        (cd / && as_root rabbitmq-server -detached </dev/null >>"$LOG" 2>&1)
    fi
    # await_startup gives up at once while the node has not registered with epmd yet.
    wait_for "RabbitMQ node" 120 rabbitmq_running || { show_rabbitmq_logs; die "RabbitMQ did not start"; }
    quietly as_root rabbitmqctl await_startup --timeout 120
    quietly as_root rabbitmq-plugins enable rabbitmq_management

    if as_root rabbitmqctl list_users --silent | awk -v u="$SERVICE_USER" '$1 == u { found = 1 } END { exit !found }'; then
        quietly as_root rabbitmqctl change_password "$SERVICE_USER" "$SERVICE_PASSWORD"
    else
        quietly as_root rabbitmqctl add_user "$SERVICE_USER" "$SERVICE_PASSWORD"
    fi
    quietly as_root rabbitmqctl set_user_tags "$SERVICE_USER" administrator
    quietly as_root rabbitmqctl set_permissions -p / "$SERVICE_USER" '.*' '.*' '.*'

    wait_for "RabbitMQ management API at $MANAGEMENT_URL" 120 management_api_answers ||
        { show_rabbitmq_logs; die "the RabbitMQ management plugin did not start"; }
    log "RabbitMQ is up (AMQP on 5672, management on 15672)"
}

# Prints "version cluster port" of the cluster to use: the one on port 5432, else the newest.
pick_postgres_cluster() {
    pg_lsclusters -h 2>/dev/null | sort -k1,1V | awk '
        $3 == 5432 { chosen = $1 " " $2 " " $3; on_default_port = 1 }
        !on_default_port { chosen = $1 " " $2 " " $3 }
        END { if (chosen != "") print chosen }'
}

# The role is created once; its password and rights are set again on every run.
create_postgres_role() {
    (cd / && as_root runuser -u postgres -- psql -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -qAt) <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$SERVICE_USER') THEN
        CREATE ROLE $SERVICE_USER;
    END IF;
END
\$\$;
ALTER ROLE $SERVICE_USER WITH LOGIN CREATEDB PASSWORD '$SERVICE_PASSWORD';
-- Dropping a test database WITH (FORCE) ends the sessions on it, autovacuum's included, which needs this.
GRANT pg_signal_backend TO $SERVICE_USER;
SQL
}

start_postgres() {
    local cluster version
    cluster=$(pick_postgres_cluster)
    if [[ -z $cluster ]]; then
        # postgresql-common can be set up to create no cluster on install.
        version=$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
        [[ -n $version ]] || die "no PostgreSQL server found under /usr/lib/postgresql"
        log "creating PostgreSQL cluster $version/main"
        quietly as_root pg_createcluster "$version" main
        cluster=$(pick_postgres_cluster)
    fi
    read -r PG_VERSION PG_CLUSTER PG_PORT <<<"$cluster"

    # Several Hosts run at once in the tests (three routers in the scale-out test alone), each with its own pool:
    # Debian's 100 connections run out. The setting takes effect at the next (re)start.
    if [[ $(as_root cat "/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/cxinbox-tests.conf" 2>/dev/null) != "$PG_TEST_SETTINGS" ]]; then
        log "setting $PG_TEST_SETTINGS for PostgreSQL $PG_VERSION/$PG_CLUSTER"
        echo "$PG_TEST_SETTINGS" | as_root tee "/etc/postgresql/$PG_VERSION/$PG_CLUSTER/conf.d/cxinbox-tests.conf" >/dev/null
        if as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
            quietly as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
        fi
    fi
    if ! as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" status >/dev/null 2>&1; then
        log "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
        quietly as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
    fi
    wait_for "PostgreSQL on 127.0.0.1:$PG_PORT" 60 pg_isready -h 127.0.0.1 -p "$PG_PORT" ||
        die "PostgreSQL did not start; see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"

    quietly create_postgres_role

    PGPASSWORD=$SERVICE_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$SERVICE_USER" -d postgres -Atqc 'select 1' >/dev/null ||
        die "cannot log in to PostgreSQL as $SERVICE_USER over 127.0.0.1:$PG_PORT (check pg_hba.conf)"
    log "PostgreSQL $PG_VERSION/$PG_CLUSTER is up on 127.0.0.1:$PG_PORT"
}

port_answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_dovecot_config() {
    as_root tee "$DOVECOT_CONF" >/dev/null <<EOF
# Written by CxInbox's test.sh: a Dovecot for the integration tests only, beside any system one.
# Every user exists and has the password "$MAIL_PASSWORD"; mail lives under $MAIL_ROOT/<domain>/<user>.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = /run/dovecot-cxinbox
instance_name = dovecot-cxinbox
log_path = /var/log/dovecot-cxinbox.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Lu
mail_location = maildir:$MAIL_ROOT/%d/%n
mail_uid = cxmail
mail_gid = cxmail
passdb {
  driver = static
  args = password=$MAIL_PASSWORD
}
userdb {
  driver = static
  args = uid=cxmail gid=cxmail home=$MAIL_ROOT/%d/%n
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = create
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
protocol lmtp {
  postmaster_address = postmaster@$MAIL_DOMAIN
}
EOF
}

configure_postfix() {
    printf '%s\n' "$MAIL_DOMAIN lmtp:inet:127.0.0.1:$LMTP_PORT" "bounce.$MAIL_DOMAIN smtp:[127.0.0.1]:$REFUSING_SMTP_PORT" |
        as_root tee /etc/postfix/cxinbox-transport >/dev/null
    quietly as_root postconf -e 'inet_interfaces = loopback-only' 'inet_protocols = ipv4' "myhostname = mx.$MAIL_DOMAIN" \
        'mydestination = localhost' "relay_domains = $MAIL_DOMAIN, bounce.$MAIL_DOMAIN" \
        'transport_maps = texthash:/etc/postfix/cxinbox-transport' 'mynetworks = 127.0.0.0/8' 'smtputf8_enable = no'
    quietly as_root postconf -M "127.0.0.1:$SMTP_PORT/inet=127.0.0.1:$SMTP_PORT inet n - n - - smtpd"
    # The next hop for bounce.cx.test refuses every recipient; its own host name keeps Postfix from seeing a loop.
    quietly as_root postconf -M "127.0.0.1:$REFUSING_SMTP_PORT/inet=127.0.0.1:$REFUSING_SMTP_PORT inet n - n - - smtpd -o myhostname=refuse.$MAIL_DOMAIN -o smtpd_relay_restrictions=reject -o smtpd_recipient_restrictions=reject"
}

start_mail_servers() {
    id cxmail >/dev/null 2>&1 || quietly as_root useradd --system --no-create-home --shell /usr/sbin/nologin cxmail
    as_root mkdir -p "$MAIL_ROOT"
    as_root chown cxmail:cxmail "$MAIL_ROOT"
    write_dovecot_config
    if port_answers "$IMAP_PORT"; then
        quietly as_root doveadm -c "$DOVECOT_CONF" reload
    else
        log "starting Dovecot (IMAP on $IMAP_PORT, LMTP on $LMTP_PORT)"
        quietly as_root dovecot -c "$DOVECOT_CONF"
    fi
    configure_postfix
    if as_root postfix status >/dev/null 2>&1; then
        quietly as_root postfix reload
    else
        log "starting Postfix (SMTP on $SMTP_PORT)"
        quietly as_root postfix start
    fi
    wait_for "Dovecot IMAP on 127.0.0.1:$IMAP_PORT" 30 port_answers "$IMAP_PORT" || die "Dovecot did not start; see /var/log/dovecot-cxinbox.log"
    wait_for "Postfix SMTP on 127.0.0.1:$SMTP_PORT" 30 port_answers "$SMTP_PORT" || die "Postfix did not start; see /var/log/mail.log"
    log "mail is up: IMAP on 127.0.0.1:$IMAP_PORT and SMTP on 127.0.0.1:$SMTP_PORT for any user @$MAIL_DOMAIN"
}

export_connection_settings() {
    export CXINBOX_TEST_POSTGRES="${CXINBOX_TEST_POSTGRES:-Host=127.0.0.1;Port=$PG_PORT;Username=$SERVICE_USER;Password=$SERVICE_PASSWORD;Database=postgres}"
    export CXINBOX_TEST_RABBITMQ="${CXINBOX_TEST_RABBITMQ:-amqp://$SERVICE_USER:$SERVICE_PASSWORD@127.0.0.1:5672/}"
    export CXINBOX_TEST_RABBITMQ_MANAGEMENT="${CXINBOX_TEST_RABBITMQ_MANAGEMENT:-$MANAGEMENT_URL}"
    export CXINBOX_TEST_IMAP="${CXINBOX_TEST_IMAP:-127.0.0.1:$IMAP_PORT}"
    export CXINBOX_TEST_SMTP="${CXINBOX_TEST_SMTP:-127.0.0.1:$SMTP_PORT}"
    export CXINBOX_TEST_SMTP_REFUSING="${CXINBOX_TEST_SMTP_REFUSING:-127.0.0.1:$REFUSING_SMTP_PORT}"
    export CXINBOX_TEST_MAIL_DOMAIN="${CXINBOX_TEST_MAIL_DOMAIN:-$MAIL_DOMAIN}"
    export CXINBOX_TEST_MAIL_PASSWORD="${CXINBOX_TEST_MAIL_PASSWORD:-$MAIL_PASSWORD}"
}

print_exports() {
    local name
    for name in CXINBOX_TEST_POSTGRES CXINBOX_TEST_RABBITMQ CXINBOX_TEST_RABBITMQ_MANAGEMENT CXINBOX_TEST_IMAP CXINBOX_TEST_SMTP \
        CXINBOX_TEST_SMTP_REFUSING CXINBOX_TEST_MAIL_DOMAIN CXINBOX_TEST_MAIL_PASSWORD; do
        printf "export %s='%s'\n" "$name" "${!name}"
    done
}

# ---------------------------------------------------------------- build and test

build_solution() {
    log "building CxInbox.sln (Release)"
    if ! (cd "$REPO_ROOT" && dotnet build CxInbox.sln -c Release -nologo -v q) >"$WORK_DIR/build.log" 2>&1; then
        echo "build failed:"
        grep -E ': (fatal )?error ' "$WORK_DIR/build.log" | sort -u || tail -n 60 "$WORK_DIR/build.log"
        SUMMARY_PRINTED=yes
        echo "0 passed, 1 failed, 0 skipped"
        exit 1
    fi
}

# run_tests RESULTS_DIR [dotnet test arguments...]; sets TEST_EXIT.
run_tests() {
    local results_dir=$1
    shift
    log "running the tests (results in ${results_dir#"$REPO_ROOT"/})"
    TEST_EXIT=0
    (cd "$REPO_ROOT" && dotnet test CxInbox.sln -c Release --no-build --logger "trx" --results-directory "$results_dir" "$@") ||
        TEST_EXIT=$?
}

# run_broker_restart RESULTS_DIR: the RabbitMQ restart scenario stops the broker every other test uses, so the full
# run holds it back and runs it alone, after them; its results count in the same closing line. Keeps a failure of the
# first run in TEST_EXIT.
run_broker_restart() {
    local results_dir=$1 first_exit=$TEST_EXIT
    log "running the RabbitMQ restart scenario on its own"
    TEST_EXIT=0
    (cd "$REPO_ROOT" && dotnet test tests/CxInbox.IntegrationTests -c Release --no-build --logger "trx" \
        --results-directory "$results_dir/broker-restart" --filter "TestCategory=BrokerRestart") || TEST_EXIT=$?
    ((first_exit == 0)) || TEST_EXIT=$first_exit
}

# Adds up the counters of every .trx file under DIR; writes "passed failed skipped"
# to COUNTS_FILE and prints each failing test with the first line of its message.
count_with_python() {
    python3 - "$1" "$2" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

results_dir, counts_file = sys.argv[1], sys.argv[2]
passed = failed = skipped = 0

def local(tag):
    return tag.rsplit('}', 1)[-1]

for trx in sorted(pathlib.Path(results_dir).rglob('*.trx')):
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as e:
        print(f'FAILED {trx.name}: unreadable trx file ({e})')
        failed += 1
        continue
    counters = next((e for e in root.iter() if local(e.tag) == 'Counters'), None)
    if counters is None:
        print(f'FAILED {trx.name}: no <Counters> in trx file')
        failed += 1
        continue
    n = lambda name: int(counters.get(name, '0'))
    passed += n('passed')
    failed += n('failed') + n('error') + n('timeout') + n('aborted')
    # VSTest's trx logger leaves notExecuted at 0 for skipped tests; total - executed counts them.
    skipped += max(n('notExecuted'), n('total') - n('executed')) + n('inconclusive')
    for result in root.iter():
        if local(result.tag) != 'UnitTestResult':
            continue
        if result.get('outcome') not in ('Failed', 'Error', 'Timeout', 'Aborted'):
            continue
        message = next((e.text or '' for e in result.iter() if local(e.tag) == 'Message'), '')
        first_line = next((line.strip() for line in message.splitlines() if line.strip()), '')
        name = result.get('testName')
        print(f'FAILED {name}: {first_line}' if first_line else f'FAILED {name}')

pathlib.Path(counts_file).write_text(f'{passed} {failed} {skipped}\n')
PY
}

# Same as count_with_python, with grep, sed and awk only.
count_with_grep() {
    local results_dir=$1 counts_file=$2 trx counters not_run passed=0 failed=0 skipped=0
    attribute() { # attribute NAME: its number in $counters, 0 when absent
        local value
        value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters" | head -n 1)
        echo "${value:-0}"
    }
    while IFS= read -r -d '' trx; do
        counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
        if [[ -z $counters ]] || ! grep -q '</TestRun>' "$trx"; then
            echo "FAILED ${trx##*/}: incomplete trx file"
            failed=$((failed + 1))
            continue
        fi
        passed=$((passed + $(attribute passed)))
        failed=$((failed + $(attribute failed) + $(attribute error) + $(attribute timeout) + $(attribute aborted)))
        not_run=$(($(attribute total) - $(attribute executed)))
        skipped=$((skipped + ($(attribute notExecuted) > not_run ? $(attribute notExecuted) : not_run) + $(attribute inconclusive)))
        awk '
            /<UnitTestResult / {
                name = ""
                if ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/ && match($0, /testName="[^"]*"/))
                    name = substr($0, RSTART + 10, RLENGTH - 11)
            }
            name != "" && /<Message>/ {
                line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line)
                print "FAILED " name ": " line; name = ""
            }
            name != "" && /<\/UnitTestResult>/ { print "FAILED " name; name = "" }
        ' "$trx" | sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g'
    done < <(find "$results_dir" -name '*.trx' -print0 2>/dev/null | sort -z)
    echo "$passed $failed $skipped" >"$counts_file"
}

# summarise RESULTS_DIR DOTNET_TEST_EXIT: prints the failures and the closing line;
# succeeds only when dotnet test succeeded, nothing failed and something passed.
summarise() {
    local results_dir=$1 test_exit=$2 counts_file passed failed skipped
    counts_file=$(mktemp)
    if command -v python3 >/dev/null; then
        count_with_python "$results_dir" "$counts_file"
    else
        count_with_grep "$results_dir" "$counts_file"
    fi
    read -r passed failed skipped <"$counts_file"
    rm -f "$counts_file"

    if ((test_exit != 0 && failed == 0)); then
        echo "FAILED dotnet test exited with $test_exit, but no trx file records a failure (did a test host crash?)"
        failed=1
    fi
    if ((passed == 0 && failed == 0)); then
        echo "no test passed: did the filter match nothing?"
    fi
    SUMMARY_PRINTED=yes
    echo "$passed passed, $failed failed, $skipped skipped"
    ((test_exit == 0 && failed == 0 && passed > 0))
}

# ---------------------------------------------------------------- main

main() {
    local -a test_args=()
    local arg
    for arg in "$@"; do
        case $arg in
            --services-only) MODE=services ;;
            *) test_args+=("$arg") ;;
        esac
    done

    # One stream, so that the summary really is the last line whatever captures the output.
    if [[ $MODE == test ]]; then exec 2>&1; fi

    WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/cxinbox-test.XXXXXX")
    LOG=$WORK_DIR/setup.log
    trap on_exit EXIT

    if choose_privileges; then
        install_missing_packages
        start_rabbitmq
        start_postgres
        start_mail_servers
    fi
    export_connection_settings

    if [[ $MODE == services ]]; then
        print_exports
        return 0
    fi

    build_solution
    local results_dir
    results_dir="$REPO_ROOT/TestResults/run-$(date +%Y%m%d-%H%M%S)-$$"
    mkdir -p "$results_dir"
    if ((${#test_args[@]} == 0)); then
        run_tests "$results_dir" --filter "TestCategory!=BrokerRestart"
        run_broker_restart "$results_dir"
    else
        run_tests "$results_dir" "${test_args[@]}"
    fi
    summarise "$results_dir" "$TEST_EXIT"
}

# Sourcing the script (e.g. to try summarise on hand-made .trx files) defines the functions only.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
