# fish completion for clickup-brain
# Generated from the CLI's command tree by `npm run completions`: do not edit by hand.
# Install: `clickup-brain completion --help` shows how.

# The subcommands of a command path ('' is the top), as word<tab>description.
function _clickup_brain_commands
    switch $argv[1]
        case ''
            printf '%s\t%s\n' \
                'monitoring' 'health, metrics, alert rules and alerts, health checks, silences and forecasts' \
                'security' 'users, logins and sessions, roles and permissions, the audit log, the IP blackl…' \
                'daemon' 'manage the background daemon (one per user, or per CLICKUP_BRAIN_HOME)' \
                'config' 'read and change settings (kept in config.json, owner-only)' \
                'completion' 'print the shell completion script for bash, zsh or fish' \
                'help' 'display help for command'
        case 'daemon'
            printf '%s\t%s\n' \
                'start' 'start the daemon in the background (other commands do this by themselves)' \
                'stop' 'stop the daemon gracefully (in-flight requests finish, writes are flushed)' \
                'restart' 'stop the daemon if it runs, then start it' \
                'status' 'pid, version, uptime, paths, secret backend and clients (exit 3 when not runnin…' \
                'logs' 'print the daemon log (works without the daemon)' \
                'run' 'run the daemon in the foreground (for systemd and containers); stops on SIGTERM…' \
                'help' 'display help for command'
        case 'config'
            printf '%s\t%s\n' \
                'list' 'every key with its value, default and description' \
                'path' 'where config.json is (works without the daemon)' \
                'get' 'one key' \
                'set' 'change a key; refused with the allowed range when the value does not fit' \
                'unset' 'return a key to its default' \
                'help' 'display help for command'
        case '*'
            return 1
    end
end

# The flags offered at a command path, with the global ones, as word<tab>description.
function _clickup_brain_flags
    switch $argv[1]
        case ''
            printf '%s\t%s\n' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' \
                '--help' 'show help for a command'
        case 'monitoring'
            printf '%s\t%s\n' \
                '--health' 'run-time health: each check with status, detail, latency and last run, and the…' \
                '--dashboard' 'the live full-screen dashboard: health, checks, alerts and metrics, driven from…' \
                '--web' 'print the web dashboard URL, and open it in a browser when one is available' \
                '--no-open' 'with --web: print the URL only, never open a browser' \
                '--metrics' 'list the metrics (type, series, last value, recent trend); with a name, each se…' \
                '--range' 'with --metrics <name> or --forecast: how far back to look (default: the daemon’…' \
                '--prometheus' 'with --metrics: print the whole registry in Prometheus text format' \
                '--push' 'record a sample: a counter adds it, a gauge is set to it, a histogram or summar…' \
                '--type' 'with --push: counter|gauge|histogram|summary; with --add-check: the kind of che…' \
                '--label' 'with --push or --add-rule: a label (repeatable)' \
                '--alerts' 'the active alerts: pending or firing, and whether acked, silenced, inhibited or…' \
                '--all' 'with --alerts: the history of transitions too (newest first; filter with --rule…' \
                '--ack' 'acknowledge an alert (its id or first characters): it stays firing but notifies…' \
                '--comment' 'with --ack or --silence: why (required)' \
                '--for' 'with --add-rule: how long the condition must hold before firing; with --silence…' \
                '--rules' 'the alert rules: severity, for, alerts pending and firing, expression, last err…' \
                '--add-rule' 'add an alert rule, or update the rule of that name (needs --expr)' \
                '--expr' 'with --add-rule: the condition, like cpu_usage > 90 (each series it returns is…' \
                '--severity' 'with --add-rule: default warning' \
                '--keep-firing-for' 'with --add-rule: keep firing this long after the condition clears' \
                '--annotation' 'with --add-rule: an annotation, like summary=... (repeatable; values may use {{…' \
                '--description' 'with --add-rule: what the rule watches and what to do' \
                '--load-rules' 'add or update the alerting rules of a Prometheus rules file (YAML groups/rules/…' \
                '--remove-rule' 'remove an alert rule (its alerts resolve)' \
                '--explain' 'evaluate a rule now: each label set with its value, state and why' \
                '--checks' 'the health checks: state, latency, last run, uptime over 24h, recent latencies' \
                '--add-check' 'add a health check (needs --type)' \
                '--target' 'with --add-check: url (http), host:port (tcp), command line (command), path (di…' \
                '--interval' 'with --add-check: how often it runs (default 30s)' \
                '--timeout' 'with --add-check: give up after this long (default 10s, below the interval)' \
                '--expect-status' 'with --add-check: accepted HTTP status codes, like 200 or 200,204 (default 200-…' \
                '--expect-body' 'with --add-check: text the HTTP body (or the command output) must contain' \
                '--expect-body-regex' 'with --add-check --type http: a regular expression the body (first 1 MiB) must…' \
                '--expect-output' 'with --add-check --type command: text stdout or stderr must contain' \
                '--method' 'with --add-check --type http: GET (default) or HEAD' \
                '--header' 'with --add-check --type http: a request header, like \'Authorization: Bearer …\'…' \
                '--max-latency' 'with --add-check --type http: slower responses fail the check' \
                '--tls-min-days' 'with --add-check --type http: warn when the https certificate expires in fewer…' \
                '--insecure' 'with --add-check --type http: accept an https certificate that does not verify…' \
                '--grace' 'with --add-check --type heartbeat: how long after the interval a missing beat i…' \
                '--threshold' 'with --add-check --type disk|memory: fail above this percentage used (default 9…' \
                '--failure-threshold' 'with --add-check: failures in a row before the check goes down (default 3)' \
                '--success-threshold' 'with --add-check: successes in a row before it comes back up (default 1)' \
                '--public' 'with --add-check: list it on the public status page (name, state, uptime)' \
                '--load-checks' 'add or update the checks of a YAML or JSON file: checks: [{name, type, target,…' \
                '--remove-check' 'remove a health check' \
                '--heartbeat' 'record a beat for a heartbeat check (run it from the job the check watches)' \
                '--silence' 'mute the alerts whose labels match every matcher (name=value, name!=value, name…' \
                '--silences' 'the silences: matchers, state, end, author and comment' \
                '--unsilence' 'end a silence now (the id or its first characters)' \
                '--maintenance' 'a recurring maintenance window starting on a cron schedule (like "0 3 * * 0", S…' \
                '--rule' 'with --maintenance: only this rule (default: every rule); with --alerts: only t…' \
                '--timezone' 'with --maintenance: the time zone of the schedule, like Europe/Paris (default U…' \
                '--maintenances' 'the maintenance windows: schedule, length, rule and next start' \
                '--remove-maintenance' 'remove a maintenance window (the id or its first characters)' \
                '--forecast' 'the trend of each series of a metric, and when it crosses --threshold' \
                '--channels' 'the notification channels, with their options (secrets hidden) and last delivery' \
                '--add-channel' 'add (or replace) a channel; needs --type (log, webhook, slack, email, alertmana…' \
                '--url' 'with --add-channel: the webhook, Slack or Alertmanager URL (ClickUp: --option a…' \
                '--option' 'with --add-channel: a kind-specific option, repeatable (host=smtp.example.com,…' \
                '--option-stdin' 'with --add-channel: read the value of this option from stdin (an SMTP password,…' \
                '--min-severity' 'with --add-channel or --add-route: only alerts of this severity or worse (info,…' \
                '--send-resolved' 'with --add-channel: also notify when the alerts resolve' \
                '--subject' 'with --add-channel: the subject template (mustache: {{alertname}}, {{status}},…' \
                '--body' 'with --add-channel: the body template (mustache, as --subject; for email the pl…' \
                '--html' 'with --add-channel: the email\'s HTML part (mustache; values are HTML-escaped)' \
                '--remove-channel' 'remove a channel' \
                '--test-channel' 'send a real test notification through a channel and report the outcome' \
                '--routes' 'the routes that send alerts to channels, in order, and the default route' \
                '--add-route' 'add (or replace) a route; needs --channel; the first matching route wins unless…' \
                '--channel' 'with --add-route: a channel to send to (repeatable); with --notifications: only…' \
                '--match' 'with --add-route: a label matcher the alert must meet (name=value, !=, =~, !~;…' \
                '--continue' 'with --add-route: go on matching the routes after this one' \
                '--group-by' 'with --add-route: labels that group alerts into one notification (comma-separat…' \
                '--group-wait' 'with --add-route: how long a new group waits for more alerts (default 30s; 0s s…' \
                '--group-interval' 'with --add-route: how long before notifying about new alerts in a group (defaul…' \
                '--repeat-interval' 'with --add-route: how long before re-sending an unchanged firing group (default…' \
                '--remove-route' 'remove a route' \
                '--notifications' 'the delivery log: every attempt, with channel, group, outcome and error (--sinc…' \
                '--since' 'with --notifications or --alerts --all: only since then (15m, 24h, 7d, or a tim…' \
                '--limit' 'with --notifications: the newest n records (default 100); with --alerts --all:…' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'security'
            printf '%s\t%s\n' \
                '--start' 'make sure the daemon and its security engine run (starting it if needed), then…' \
                '--status' 'users, sessions, locked accounts, bans, threats and failed logins in the last 2…' \
                '--posture' 'assess this installation (permissions, bcrypt cost, passwords, admins, keys, si…' \
                '--scan' 'run the threat detector on a request (JSON from the argument or stdin); exit 1…' \
                '--create-user' 'create a user; the password is asked twice on a terminal, or read from --passwo…' \
                '--role' 'with --create-user or --set-roles: admin, user, moderator, guest or service (re…' \
                '--password-stdin' 'with --create-user, --passwd or --login: read the password from stdin (one line)' \
                '--users' 'list the users: roles, status (active, disabled, locked), last login' \
                '--delete-user' 'delete a user and end their sessions' \
                '--disable-user' 'disable a user (they cannot log in) and end their sessions' \
                '--enable-user' 'enable a disabled user' \
                '--set-roles' 'replace a user\'s roles with the --role values' \
                '--passwd' 'set a user\'s password (your own, or anyone\'s with security.users.manage); ends…' \
                '--unlock' 'clear the lockout of an account locked after failed logins' \
                '--import-htpasswd' 'import users from an Apache/nginx htpasswd file with their bcrypt hashes (other…' \
                '--login' 'log in: later commands act as this user (the password is asked, or read from --…' \
                '--logout' 'end the session of the stored login and forget it' \
                '--whoami' 'who later commands act as: the logged-in user, or the local operator' \
                '--token' 'print the logged-in user\'s access token, a bearer token for the HTTP API' \
                '--sessions' 'list the active sessions (--all: ended ones too; --user: one user)' \
                '--user' 'with --sessions or --events: only this user' \
                '--all' 'with --sessions: ended sessions too' \
                '--revoke-session' 'end a session by its id (s_…)' \
                '--roles' 'the roles and the permissions each holds' \
                '--permissions' 'a user\'s effective permissions, and why each is held (role, grant) or not (revo…' \
                '--grant' 'grant a permission (domain.action, or a wildcard like monitoring.*) beyond the…' \
                '--revoke' 'revoke a permission: an explicit revoke wins over every role' \
                '--events' 'the security and audit events, newest last (filters: --type, --user, --ip, --si…' \
                '--type' 'with --events: one type (login.failure) or a family (login.*)' \
                '--ip' 'with --events: events from this address or network' \
                '--since' 'with --events: only the last <duration> (15m, 24h, 7d)' \
                '--limit' 'with --events: the newest n events (default 100, at most 10000)' \
                '--follow' 'with --events: keep printing events as they happen, until interrupted' \
                '--verify-log' 'check the audit log\'s hash chain; reports the first broken line (exit 1 when br…' \
                '--blacklist' 'block an IPv4/IPv6 address or CIDR network; with no value, list the entries' \
                '--unblacklist' 'remove the entry for exactly this address or network' \
                '--for' 'with --blacklist <ip|cidr>: expire after this long (500ms, 15s, 5m, 1h, 7d); de…' \
                '--reason' 'with --blacklist <ip|cidr>: why, shown in lists and the audit log' \
                '--allowlist' 'never ban this address or network automatically; with no value, list the allowl…' \
                '--unallowlist' 'remove an allowlist entry' \
                '--encrypt' 'encrypt stdin with the newest data key (AES-256-GCM); prints one cbv<n>: line' \
                '--decrypt' 'decrypt a cbv<n>: ciphertext from stdin; prints the plaintext (needs security.s…' \
                '--aad' 'with --encrypt or --decrypt: associated data bound to the ciphertext (must matc…' \
                '--sign' 'sign a file with the newest signing key; prints the base64 signature (needs sec…' \
                '--verify' 'check a signature made by --sign (exit 0 valid, 1 not)' \
                '--algorithm' 'with --sign or --verify: RSA-PSS 3072 (default) or Ed25519' \
                '--public-keys' 'the public signing keys as PEM, or as a JWKS with --json' \
                '--rotate-keys' 'add a new data key and signing keys; old ones keep decrypting and verifying; se…' \
                '--put-secret' 'store a secret read from stdin, encrypted with the data key (needs security.sec…' \
                '--get-secret' 'print a secret (needs security.secrets.read; every read is an audit event)' \
                '--delete-secret' 'delete a secret (needs security.secrets.write)' \
                '--secrets' 'list the secrets: names, sizes, key versions and times, never values' \
                '--watch' 'with --status: the live security view (sessions, locked accounts, bans, threats…' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon start'
            printf '%s\t%s\n' \
                '--move-corrupt-store' 'if store.json cannot be used, move it aside (store.json.corrupt-<time>) and sta…' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon stop'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon restart'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon status'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon logs'
            printf '%s\t%s\n' \
                '--lines' 'how many of the last lines' \
                '--follow' 'keep printing new lines until interrupted' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon run'
            printf '%s\t%s\n' \
                '--move-corrupt-store' 'if store.json cannot be used, move it aside and start empty' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'daemon help'
            printf '%s\t%s\n' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' \
                '--help' 'show help for a command'
        case 'config'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'config list'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'config path'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'config get'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'config set'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'config unset'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'config help'
            printf '%s\t%s\n' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' \
                '--help' 'show help for a command'
        case 'completion'
            printf '%s\t%s\n' \
                '--help' 'display help for command' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)'
        case 'help'
            printf '%s\t%s\n' \
                '--version' 'print the version' \
                '--json' 'print machine-readable JSON on stdout (errors as JSON on stderr)' \
                '--socket' 'the daemon socket (default: $CLICKUP_BRAIN_SOCKET, or from CLICKUP_BRAIN_HOME /…' \
                '--quiet' 'print nothing but errors' \
                '--no-color' 'no colours (also NO_COLOR=1; FORCE_COLOR=1 forces them)' \
                '--help' 'show help for a command'
        case '*'
            return 1
    end
end

# 'path|flag' -> how many values the option takes: 0, 1, 2, ? (optional) or + (a list).
function _clickup_brain_arity
    switch $argv[1]
        case 'monitoring|--metrics'
            echo '?'
        case 'monitoring|--range'
            echo '1'
        case 'monitoring|--push'
            echo '1'
        case 'monitoring|--type'
            echo '1'
        case 'monitoring|--label'
            echo '1'
        case 'monitoring|--ack'
            echo '1'
        case 'monitoring|--comment'
            echo '1'
        case 'monitoring|--for'
            echo '1'
        case 'monitoring|--add-rule'
            echo '1'
        case 'monitoring|--expr'
            echo '1'
        case 'monitoring|--severity'
            echo '1'
        case 'monitoring|--keep-firing-for'
            echo '1'
        case 'monitoring|--annotation'
            echo '1'
        case 'monitoring|--description'
            echo '1'
        case 'monitoring|--load-rules'
            echo '1'
        case 'monitoring|--remove-rule'
            echo '1'
        case 'monitoring|--explain'
            echo '1'
        case 'monitoring|--add-check'
            echo '1'
        case 'monitoring|--target'
            echo '1'
        case 'monitoring|--interval'
            echo '1'
        case 'monitoring|--timeout'
            echo '1'
        case 'monitoring|--expect-status'
            echo '1'
        case 'monitoring|--expect-body'
            echo '1'
        case 'monitoring|--expect-body-regex'
            echo '1'
        case 'monitoring|--expect-output'
            echo '1'
        case 'monitoring|--method'
            echo '1'
        case 'monitoring|--header'
            echo '1'
        case 'monitoring|--max-latency'
            echo '1'
        case 'monitoring|--tls-min-days'
            echo '1'
        case 'monitoring|--grace'
            echo '1'
        case 'monitoring|--threshold'
            echo '1'
        case 'monitoring|--failure-threshold'
            echo '1'
        case 'monitoring|--success-threshold'
            echo '1'
        case 'monitoring|--load-checks'
            echo '1'
        case 'monitoring|--remove-check'
            echo '1'
        case 'monitoring|--heartbeat'
            echo '1'
        case 'monitoring|--silence'
            echo '+'
        case 'monitoring|--unsilence'
            echo '1'
        case 'monitoring|--maintenance'
            echo '1'
        case 'monitoring|--rule'
            echo '1'
        case 'monitoring|--timezone'
            echo '1'
        case 'monitoring|--remove-maintenance'
            echo '1'
        case 'monitoring|--forecast'
            echo '1'
        case 'monitoring|--add-channel'
            echo '1'
        case 'monitoring|--url'
            echo '1'
        case 'monitoring|--option'
            echo '1'
        case 'monitoring|--option-stdin'
            echo '1'
        case 'monitoring|--min-severity'
            echo '1'
        case 'monitoring|--subject'
            echo '1'
        case 'monitoring|--body'
            echo '1'
        case 'monitoring|--html'
            echo '1'
        case 'monitoring|--remove-channel'
            echo '1'
        case 'monitoring|--test-channel'
            echo '1'
        case 'monitoring|--add-route'
            echo '1'
        case 'monitoring|--channel'
            echo '1'
        case 'monitoring|--match'
            echo '1'
        case 'monitoring|--group-by'
            echo '1'
        case 'monitoring|--group-wait'
            echo '1'
        case 'monitoring|--group-interval'
            echo '1'
        case 'monitoring|--repeat-interval'
            echo '1'
        case 'monitoring|--remove-route'
            echo '1'
        case 'monitoring|--since'
            echo '1'
        case 'monitoring|--limit'
            echo '1'
        case 'security|--scan'
            echo '?'
        case 'security|--create-user'
            echo '2'
        case 'security|--role'
            echo '1'
        case 'security|--delete-user'
            echo '1'
        case 'security|--disable-user'
            echo '1'
        case 'security|--enable-user'
            echo '1'
        case 'security|--set-roles'
            echo '1'
        case 'security|--passwd'
            echo '1'
        case 'security|--unlock'
            echo '1'
        case 'security|--import-htpasswd'
            echo '1'
        case 'security|--login'
            echo '1'
        case 'security|--user'
            echo '1'
        case 'security|--revoke-session'
            echo '1'
        case 'security|--permissions'
            echo '1'
        case 'security|--grant'
            echo '2'
        case 'security|--revoke'
            echo '2'
        case 'security|--type'
            echo '1'
        case 'security|--ip'
            echo '1'
        case 'security|--since'
            echo '1'
        case 'security|--limit'
            echo '1'
        case 'security|--blacklist'
            echo '?'
        case 'security|--unblacklist'
            echo '1'
        case 'security|--for'
            echo '1'
        case 'security|--reason'
            echo '1'
        case 'security|--allowlist'
            echo '?'
        case 'security|--unallowlist'
            echo '1'
        case 'security|--aad'
            echo '1'
        case 'security|--sign'
            echo '1'
        case 'security|--verify'
            echo '2'
        case 'security|--algorithm'
            echo '1'
        case 'security|--put-secret'
            echo '1'
        case 'security|--get-secret'
            echo '1'
        case 'security|--delete-secret'
            echo '1'
        case 'daemon logs|--lines'
            echo '1'
        case 'daemon logs|-n'
            echo '1'
        case '*|--socket'
            echo '1'
        case '*'
            echo 0
    end
end

# 'path|flag|slot' cur socket cmd seen... -> completes that value of the option.
function _clickup_brain_value
    set -l cur $argv[2]
    set -l socket $argv[3]
    set -l cmd $argv[4]
    set -l seen $argv[5..-1]
    switch $argv[1]
        case 'monitoring|--metrics|1'
            _clickup_brain_dynamic metric "$cur" "$socket" "$cmd"
        case 'monitoring|--range|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--type|1'
            if contains -- --add-check $seen
                printf '%s\n' http tcp command disk memory process heartbeat
            else if contains -- --add-channel $seen
                printf '%s\n' log webhook slack email alertmanager command clickup
            else if contains -- --push $seen
                printf '%s\n' counter gauge histogram summary
            else
                printf '%s\n' http tcp command disk memory process heartbeat log webhook slack email alertmanager clickup counter gauge histogram summary
            end
        case 'monitoring|--ack|1'
            _clickup_brain_dynamic alert "$cur" "$socket" "$cmd"
        case 'monitoring|--for|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--severity|1'
            printf '%s\n' info warning critical emergency
        case 'monitoring|--keep-firing-for|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--load-rules|1'
            __fish_complete_path "$cur"
        case 'monitoring|--remove-rule|1'
            _clickup_brain_dynamic rule "$cur" "$socket" "$cmd"
        case 'monitoring|--explain|1'
            _clickup_brain_dynamic rule "$cur" "$socket" "$cmd"
        case 'monitoring|--interval|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--timeout|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--method|1'
            printf '%s\n' GET HEAD
        case 'monitoring|--max-latency|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--grace|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--load-checks|1'
            __fish_complete_path "$cur"
        case 'monitoring|--remove-check|1'
            _clickup_brain_dynamic check "$cur" "$socket" "$cmd"
        case 'monitoring|--heartbeat|1'
            _clickup_brain_dynamic heartbeat "$cur" "$socket" "$cmd"
        case 'monitoring|--unsilence|1'
            _clickup_brain_dynamic silence "$cur" "$socket" "$cmd"
        case 'monitoring|--rule|1'
            _clickup_brain_dynamic rule "$cur" "$socket" "$cmd"
        case 'monitoring|--remove-maintenance|1'
            _clickup_brain_dynamic maintenance "$cur" "$socket" "$cmd"
        case 'monitoring|--forecast|1'
            _clickup_brain_dynamic metric "$cur" "$socket" "$cmd"
        case 'monitoring|--min-severity|1'
            printf '%s\n' info warning critical emergency
        case 'monitoring|--remove-channel|1'
            _clickup_brain_dynamic channel "$cur" "$socket" "$cmd"
        case 'monitoring|--test-channel|1'
            _clickup_brain_dynamic channel "$cur" "$socket" "$cmd"
        case 'monitoring|--channel|1'
            _clickup_brain_dynamic channel "$cur" "$socket" "$cmd"
        case 'monitoring|--group-wait|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--group-interval|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--repeat-interval|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'monitoring|--remove-route|1'
            _clickup_brain_dynamic route "$cur" "$socket" "$cmd"
        case 'monitoring|--since|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'security|--role|1'
            printf '%s\n' admin user moderator guest service
        case 'security|--delete-user|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--disable-user|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--enable-user|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--set-roles|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--passwd|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--unlock|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--import-htpasswd|1'
            __fish_complete_path "$cur"
        case 'security|--login|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--user|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--permissions|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--grant|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--grant|2'
            _clickup_brain_dynamic permission "$cur" "$socket" "$cmd"
        case 'security|--revoke|1'
            _clickup_brain_dynamic user "$cur" "$socket" "$cmd"
        case 'security|--revoke|2'
            _clickup_brain_dynamic permission "$cur" "$socket" "$cmd"
        case 'security|--since|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'security|--unblacklist|1'
            _clickup_brain_dynamic blacklist "$cur" "$socket" "$cmd"
        case 'security|--for|1'
            printf '%s\n' 30s 1m 5m 15m 1h 6h 24h 7d
        case 'security|--unallowlist|1'
            _clickup_brain_dynamic allowlist "$cur" "$socket" "$cmd"
        case 'security|--sign|1'
            __fish_complete_path "$cur"
        case 'security|--verify|1'
            __fish_complete_path "$cur"
        case 'security|--verify|2'
            __fish_complete_path "$cur"
        case 'security|--algorithm|1'
            printf '%s\n' rsa-pss ed25519
        case 'security|--get-secret|1'
            _clickup_brain_dynamic secret "$cur" "$socket" "$cmd"
        case 'security|--delete-secret|1'
            _clickup_brain_dynamic secret "$cur" "$socket" "$cmd"
        case '*|--socket|1'
            __fish_complete_path "$cur"
        case '*'
            true
    end
end

# 'path|n' cur socket cmd -> completes positional argument n; fails when it has nothing to offer.
function _clickup_brain_arg
    set -l cur $argv[2]
    set -l socket $argv[3]
    set -l cmd $argv[4]
    switch $argv[1]
        case 'daemon help|1'
            printf '%s\n' start stop restart status logs run
        case 'config get|1'
            printf '%s\n' monitoring.scrapeInterval monitoring.evaluationInterval monitoring.retention monitoring.inhibition monitoring.inhibitionLabels health.diskWarnPercent health.diskCritPercent health.memoryWarnPercent health.memoryCritPercent health.eventLoopLagWarn health.eventLoopLagCrit log.level daemon.maxConnections daemon.maxFrameBytes security.bcryptCost security.passwordMinLength security.passwordMinScore security.lockoutFailures security.lockoutWait security.lockoutMaxWait security.lockoutReset security.lockoutPermanent security.banMaxRetry security.banFindTime security.banTime security.banMaxTime security.banIncrement security.simulateLockout security.simulateBans security.simulateThreats security.tokenTtl security.tokenAlgorithm security.sessionIdle security.sessionAbsolute security.keyRotation http.enabled http.host http.port http.tlsCert http.tlsKey http.allowInsecurePublic http.statusPage http.metricsAllow http.rateLimit http.loginRateLimit secrets.backend
        case 'config set|1'
            printf '%s\n' monitoring.scrapeInterval monitoring.evaluationInterval monitoring.retention monitoring.inhibition monitoring.inhibitionLabels health.diskWarnPercent health.diskCritPercent health.memoryWarnPercent health.memoryCritPercent health.eventLoopLagWarn health.eventLoopLagCrit log.level daemon.maxConnections daemon.maxFrameBytes security.bcryptCost security.passwordMinLength security.passwordMinScore security.lockoutFailures security.lockoutWait security.lockoutMaxWait security.lockoutReset security.lockoutPermanent security.banMaxRetry security.banFindTime security.banTime security.banMaxTime security.banIncrement security.simulateLockout security.simulateBans security.simulateThreats security.tokenTtl security.tokenAlgorithm security.sessionIdle security.sessionAbsolute security.keyRotation http.enabled http.host http.port http.tlsCert http.tlsKey http.allowInsecurePublic http.statusPage http.metricsAllow http.rateLimit http.loginRateLimit secrets.backend
        case 'config set|2'
            true
        case 'config unset|1'
            printf '%s\n' monitoring.scrapeInterval monitoring.evaluationInterval monitoring.retention monitoring.inhibition monitoring.inhibitionLabels health.diskWarnPercent health.diskCritPercent health.memoryWarnPercent health.memoryCritPercent health.eventLoopLagWarn health.eventLoopLagCrit log.level daemon.maxConnections daemon.maxFrameBytes security.bcryptCost security.passwordMinLength security.passwordMinScore security.lockoutFailures security.lockoutWait security.lockoutMaxWait security.lockoutReset security.lockoutPermanent security.banMaxRetry security.banFindTime security.banTime security.banMaxTime security.banIncrement security.simulateLockout security.simulateBans security.simulateThreats security.tokenTtl security.tokenAlgorithm security.sessionIdle security.sessionAbsolute security.keyRotation http.enabled http.host http.port http.tlsCert http.tlsKey http.allowInsecurePublic http.statusPage http.metricsAllow http.rateLimit http.loginRateLimit secrets.backend
        case 'config help|1'
            printf '%s\n' list path get set unset
        case 'completion|1'
            printf '%s\n' bash zsh fish
        case 'help|1'
            printf '%s\n' monitoring security daemon config completion
        case '*'
            return 1
    end
end

# Names the running daemon knows; nothing when it is down (the command never starts it).
function _clickup_brain_dynamic -a kind cur socket cmd
    set -l sockopt
    test -n "$socket"; and set sockopt --socket $socket
    string match -q -- '~/*' $cmd; and set cmd $HOME/(string sub -s 3 -- $cmd)
    command -q -- $cmd; or return 0
    $cmd $sockopt __complete $kind $cur 2>/dev/null
end

function _clickup_brain_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -q cur[1]; or set cur ''
    set -l cmd $tokens[1]
    set -l cmdpath ''
    set -l socket ''
    set -l flag ''
    set -l arity 0
    set -l slot 0
    set -l npos 0
    set -l seen
    for word in $tokens[2..-1]
        if test -n "$flag"
            if contains -- $arity '?' '+'; and string match -q -- '-*' $word
                set flag ''
            else
                set slot (math $slot + 1)
                test "$flag" = --socket; and set socket $word
                if test "$arity" = 1 -o "$arity" = '?' -o \( "$arity" = 2 -a $slot -eq 2 \)
                    set flag ''
                end
                continue
            end
        end
        switch $word
            case '--*=*'
                set -l parts (string split -m 1 = -- $word)
                set -a seen $parts[1]
                test "$parts[1]" = --socket; and set socket $parts[2]
            case '-?*'
                set -a seen $word
                set -l a (_clickup_brain_arity "$cmdpath|$word")
                if test "$a" != 0
                    set flag $word
                    set arity $a
                    set slot 0
                end
            case '*'
                if test $npos -eq 0; and contains -- $word (_clickup_brain_commands $cmdpath | string replace -r '\t.*' '')
                    set cmdpath (string trim -- "$cmdpath $word")
                else
                    set npos (math $npos + 1)
                end
        end
    end
    if test -n "$flag"; and not begin; contains -- $arity '?' '+'; and string match -q -- '-*' $cur; end
        test "$arity" = '+'; and set slot 0
        _clickup_brain_value "$cmdpath|$flag|"(math $slot + 1) "$cur" "$socket" "$cmd" $seen
        return 0
    end
    if not string match -q -- '-*' $cur
        set -l subcommands (_clickup_brain_commands $cmdpath)
        if test $npos -eq 0 -a (count $subcommands) -gt 0
            printf '%s\n' $subcommands
            return 0
        end
        _clickup_brain_arg "$cmdpath|"(math $npos + 1) "$cur" "$socket" "$cmd"; and return 0
    end
    _clickup_brain_flags $cmdpath
end

complete -c clickup-brain -f -a '(_clickup_brain_complete)'
