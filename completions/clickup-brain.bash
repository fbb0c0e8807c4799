# bash completion for clickup-brain
# Generated from the CLI's command tree by `npm run completions`: do not edit by hand.
# Install: `clickup-brain completion --help` shows how.

# The subcommands of a command path ('' is the top).
_clickup_brain_commands() {
  case $1 in
    '') reply=(monitoring security daemon config completion help) ;;
    'daemon') reply=(start stop restart status logs run help) ;;
    'config') reply=(list path get set unset help) ;;
    *) reply=() ;;
  esac
}

# The flags offered at a command path, with the global ones.
_clickup_brain_flags() {
  case $1 in
    '') reply=(--version --json --socket --quiet --no-color --help) ;;
    'monitoring') reply=(--health --dashboard --web --no-open --metrics --range --prometheus --push --type --label --alerts --all --ack --comment --for --rules --add-rule --expr --severity --keep-firing-for --annotation --description --load-rules --remove-rule --explain --checks --add-check --target --interval --timeout --expect-status --expect-body --expect-body-regex --expect-output --method --header --max-latency --tls-min-days --insecure --grace --threshold --failure-threshold --success-threshold --public --load-checks --remove-check --heartbeat --silence --silences --unsilence --maintenance --rule --timezone --maintenances --remove-maintenance --forecast --channels --add-channel --url --option --option-stdin --min-severity --send-resolved --subject --body --html --remove-channel --test-channel --routes --add-route --channel --match --continue --group-by --group-wait --group-interval --repeat-interval --remove-route --notifications --since --limit --help --version --json --socket --quiet --no-color) ;;
    'security') reply=(--start --status --posture --scan --create-user --role --password-stdin --users --delete-user --disable-user --enable-user --set-roles --passwd --unlock --import-htpasswd --login --logout --whoami --token --sessions --user --all --revoke-session --roles --permissions --grant --revoke --events --type --ip --since --limit --follow --verify-log --blacklist --unblacklist --for --reason --allowlist --unallowlist --encrypt --decrypt --aad --sign --verify --algorithm --public-keys --rotate-keys --put-secret --get-secret --delete-secret --secrets --watch --help --version --json --socket --quiet --no-color) ;;
    'daemon') reply=(--help --version --json --socket --quiet --no-color) ;;
    'daemon start') reply=(--move-corrupt-store --help --version --json --socket --quiet --no-color) ;;
    'daemon stop') reply=(--help --version --json --socket --quiet --no-color) ;;
    'daemon restart') reply=(--help --version --json --socket --quiet --no-color) ;;
    'daemon status') reply=(--help --version --json --socket --quiet --no-color) ;;
    'daemon logs') reply=(--lines --follow --help --version --json --socket --quiet --no-color) ;;
    'daemon run') reply=(--move-corrupt-store --help --version --json --socket --quiet --no-color) ;;
    'daemon help') reply=(--version --json --socket --quiet --no-color --help) ;;
    'config') reply=(--help --version --json --socket --quiet --no-color) ;;
    'config list') reply=(--help --version --json --socket --quiet --no-color) ;;
    'config path') reply=(--help --version --json --socket --quiet --no-color) ;;
    'config get') reply=(--help --version --json --socket --quiet --no-color) ;;
    'config set') reply=(--help --version --json --socket --quiet --no-color) ;;
    'config unset') reply=(--help --version --json --socket --quiet --no-color) ;;
    'config help') reply=(--version --json --socket --quiet --no-color --help) ;;
    'completion') reply=(--help --version --json --socket --quiet --no-color) ;;
    'help') reply=(--version --json --socket --quiet --no-color --help) ;;
    *) reply=() ;;
  esac
}

# 'path|flag' -> how many values the option takes: 0, 1, 2, ? (optional) or + (a list).
_clickup_brain_arity() {
  case $1 in
    'monitoring|--metrics') REPLY='?' ;;
    'monitoring|--range') REPLY='1' ;;
    'monitoring|--push') REPLY='1' ;;
    'monitoring|--type') REPLY='1' ;;
    'monitoring|--label') REPLY='1' ;;
    'monitoring|--ack') REPLY='1' ;;
    'monitoring|--comment') REPLY='1' ;;
    'monitoring|--for') REPLY='1' ;;
    'monitoring|--add-rule') REPLY='1' ;;
    'monitoring|--expr') REPLY='1' ;;
    'monitoring|--severity') REPLY='1' ;;
    'monitoring|--keep-firing-for') REPLY='1' ;;
    'monitoring|--annotation') REPLY='1' ;;
    'monitoring|--description') REPLY='1' ;;
    'monitoring|--load-rules') REPLY='1' ;;
    'monitoring|--remove-rule') REPLY='1' ;;
    'monitoring|--explain') REPLY='1' ;;
    'monitoring|--add-check') REPLY='1' ;;
    'monitoring|--target') REPLY='1' ;;
    'monitoring|--interval') REPLY='1' ;;
    'monitoring|--timeout') REPLY='1' ;;
    'monitoring|--expect-status') REPLY='1' ;;
    'monitoring|--expect-body') REPLY='1' ;;
    'monitoring|--expect-body-regex') REPLY='1' ;;
    'monitoring|--expect-output') REPLY='1' ;;
    'monitoring|--method') REPLY='1' ;;
    'monitoring|--header') REPLY='1' ;;
    'monitoring|--max-latency') REPLY='1' ;;
    'monitoring|--tls-min-days') REPLY='1' ;;
    'monitoring|--grace') REPLY='1' ;;
    'monitoring|--threshold') REPLY='1' ;;
    'monitoring|--failure-threshold') REPLY='1' ;;
    'monitoring|--success-threshold') REPLY='1' ;;
    'monitoring|--load-checks') REPLY='1' ;;
    'monitoring|--remove-check') REPLY='1' ;;
    'monitoring|--heartbeat') REPLY='1' ;;
    'monitoring|--silence') REPLY='+' ;;
    'monitoring|--unsilence') REPLY='1' ;;
    'monitoring|--maintenance') REPLY='1' ;;
    'monitoring|--rule') REPLY='1' ;;
    'monitoring|--timezone') REPLY='1' ;;
    'monitoring|--remove-maintenance') REPLY='1' ;;
    'monitoring|--forecast') REPLY='1' ;;
    'monitoring|--add-channel') REPLY='1' ;;
    'monitoring|--url') REPLY='1' ;;
    'monitoring|--option') REPLY='1' ;;
    'monitoring|--option-stdin') REPLY='1' ;;
    'monitoring|--min-severity') REPLY='1' ;;
    'monitoring|--subject') REPLY='1' ;;
    'monitoring|--body') REPLY='1' ;;
    'monitoring|--html') REPLY='1' ;;
    'monitoring|--remove-channel') REPLY='1' ;;
    'monitoring|--test-channel') REPLY='1' ;;
    'monitoring|--add-route') REPLY='1' ;;
    'monitoring|--channel') REPLY='1' ;;
    'monitoring|--match') REPLY='1' ;;
    'monitoring|--group-by') REPLY='1' ;;
    'monitoring|--group-wait') REPLY='1' ;;
    'monitoring|--group-interval') REPLY='1' ;;
    'monitoring|--repeat-interval') REPLY='1' ;;
    'monitoring|--remove-route') REPLY='1' ;;
    'monitoring|--since') REPLY='1' ;;
    'monitoring|--limit') REPLY='1' ;;
    'security|--scan') REPLY='?' ;;
    'security|--create-user') REPLY='2' ;;
    'security|--role') REPLY='1' ;;
    'security|--delete-user') REPLY='1' ;;
    'security|--disable-user') REPLY='1' ;;
    'security|--enable-user') REPLY='1' ;;
    'security|--set-roles') REPLY='1' ;;
    'security|--passwd') REPLY='1' ;;
    'security|--unlock') REPLY='1' ;;
    'security|--import-htpasswd') REPLY='1' ;;
    'security|--login') REPLY='1' ;;
    'security|--user') REPLY='1' ;;
    'security|--revoke-session') REPLY='1' ;;
    'security|--permissions') REPLY='1' ;;
    'security|--grant') REPLY='2' ;;
    'security|--revoke') REPLY='2' ;;
    'security|--type') REPLY='1' ;;
    'security|--ip') REPLY='1' ;;
    'security|--since') REPLY='1' ;;
    'security|--limit') REPLY='1' ;;
    'security|--blacklist') REPLY='?' ;;
    'security|--unblacklist') REPLY='1' ;;
    'security|--for') REPLY='1' ;;
    'security|--reason') REPLY='1' ;;
    'security|--allowlist') REPLY='?' ;;
    'security|--unallowlist') REPLY='1' ;;
    'security|--aad') REPLY='1' ;;
    'security|--sign') REPLY='1' ;;
    'security|--verify') REPLY='2' ;;
    'security|--algorithm') REPLY='1' ;;
    'security|--put-secret') REPLY='1' ;;
    'security|--get-secret') REPLY='1' ;;
    'security|--delete-secret') REPLY='1' ;;
    'daemon logs|--lines') REPLY='1' ;;
    'daemon logs|-n') REPLY='1' ;;
    *'|--socket') REPLY='1' ;;
    *) REPLY=0 ;;
  esac
}

# 'path|flag|slot' -> completes that value of the option.
_clickup_brain_value() {
  case $1 in
    'monitoring|--metrics|1') _clickup_brain_dynamic metric ;;
    'monitoring|--range|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--type|1') if _clickup_brain_seen --add-check; then _clickup_brain_words http tcp command disk memory process heartbeat; elif _clickup_brain_seen --add-channel; then _clickup_brain_words log webhook slack email alertmanager command clickup; elif _clickup_brain_seen --push; then _clickup_brain_words counter gauge histogram summary; else _clickup_brain_words http tcp command disk memory process heartbeat log webhook slack email alertmanager clickup counter gauge histogram summary; fi ;;
    'monitoring|--ack|1') _clickup_brain_dynamic alert ;;
    'monitoring|--for|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--severity|1') _clickup_brain_words info warning critical emergency ;;
    'monitoring|--keep-firing-for|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--load-rules|1') _clickup_brain_files ;;
    'monitoring|--remove-rule|1') _clickup_brain_dynamic rule ;;
    'monitoring|--explain|1') _clickup_brain_dynamic rule ;;
    'monitoring|--interval|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--timeout|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--method|1') _clickup_brain_words GET HEAD ;;
    'monitoring|--max-latency|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--grace|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--load-checks|1') _clickup_brain_files ;;
    'monitoring|--remove-check|1') _clickup_brain_dynamic check ;;
    'monitoring|--heartbeat|1') _clickup_brain_dynamic heartbeat ;;
    'monitoring|--unsilence|1') _clickup_brain_dynamic silence ;;
    'monitoring|--rule|1') _clickup_brain_dynamic rule ;;
    'monitoring|--remove-maintenance|1') _clickup_brain_dynamic maintenance ;;
    'monitoring|--forecast|1') _clickup_brain_dynamic metric ;;
    'monitoring|--min-severity|1') _clickup_brain_words info warning critical emergency ;;
    'monitoring|--remove-channel|1') _clickup_brain_dynamic channel ;;
    'monitoring|--test-channel|1') _clickup_brain_dynamic channel ;;
    'monitoring|--channel|1') _clickup_brain_dynamic channel ;;
    'monitoring|--group-wait|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--group-interval|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--repeat-interval|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'monitoring|--remove-route|1') _clickup_brain_dynamic route ;;
    'monitoring|--since|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'security|--role|1') _clickup_brain_words admin user moderator guest service ;;
    'security|--delete-user|1') _clickup_brain_dynamic user ;;
    'security|--disable-user|1') _clickup_brain_dynamic user ;;
    'security|--enable-user|1') _clickup_brain_dynamic user ;;
    'security|--set-roles|1') _clickup_brain_dynamic user ;;
    'security|--passwd|1') _clickup_brain_dynamic user ;;
    'security|--unlock|1') _clickup_brain_dynamic user ;;
    'security|--import-htpasswd|1') _clickup_brain_files ;;
    'security|--login|1') _clickup_brain_dynamic user ;;
    'security|--user|1') _clickup_brain_dynamic user ;;
    'security|--permissions|1') _clickup_brain_dynamic user ;;
    'security|--grant|1') _clickup_brain_dynamic user ;;
    'security|--grant|2') _clickup_brain_dynamic permission ;;
    'security|--revoke|1') _clickup_brain_dynamic user ;;
    'security|--revoke|2') _clickup_brain_dynamic permission ;;
    'security|--since|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'security|--unblacklist|1') _clickup_brain_dynamic blacklist ;;
    'security|--for|1') _clickup_brain_words 30s 1m 5m 15m 1h 6h 24h 7d ;;
    'security|--unallowlist|1') _clickup_brain_dynamic allowlist ;;
    'security|--sign|1') _clickup_brain_files ;;
    'security|--verify|1') _clickup_brain_files ;;
    'security|--verify|2') _clickup_brain_files ;;
    'security|--algorithm|1') _clickup_brain_words rsa-pss ed25519 ;;
    'security|--get-secret|1') _clickup_brain_dynamic secret ;;
    'security|--delete-secret|1') _clickup_brain_dynamic secret ;;
    *'|--socket|1') _clickup_brain_files ;;
    *) : ;;
  esac
}

# 'path|n' -> completes positional argument n; fails when it has nothing to offer.
_clickup_brain_arg() {
  case $1 in
    'daemon help|1') _clickup_brain_words start stop restart status logs run ;;
    'config get|1') _clickup_brain_words monitoring.scrapeInterval monitoring.evaluationInterval monitoring.retention monitoring.inhibition monitoring.inhibitionLabels health.diskWarnPercent health.diskCritPercent health.memoryWarnPercent health.memoryCritPercent health.eventLoopLagWarn health.eventLoopLagCrit log.level daemon.maxConnections daemon.maxFrameBytes security.bcryptCost security.passwordMinLength security.passwordMinScore security.lockoutFailures security.lockoutWait security.lockoutMaxWait security.lockoutReset security.lockoutPermanent security.banMaxRetry security.banFindTime security.banTime security.banMaxTime security.banIncrement security.simulateLockout security.simulateBans security.simulateThreats security.tokenTtl security.tokenAlgorithm security.sessionIdle security.sessionAbsolute security.keyRotation http.enabled http.host http.port http.tlsCert http.tlsKey http.allowInsecurePublic http.statusPage http.metricsAllow http.rateLimit http.loginRateLimit secrets.backend ;;
    'config set|1') _clickup_brain_words monitoring.scrapeInterval monitoring.evaluationInterval monitoring.retention monitoring.inhibition monitoring.inhibitionLabels health.diskWarnPercent health.diskCritPercent health.memoryWarnPercent health.memoryCritPercent health.eventLoopLagWarn health.eventLoopLagCrit log.level daemon.maxConnections daemon.maxFrameBytes security.bcryptCost security.passwordMinLength security.passwordMinScore security.lockoutFailures security.lockoutWait security.lockoutMaxWait security.lockoutReset security.lockoutPermanent security.banMaxRetry security.banFindTime security.banTime security.banMaxTime security.banIncrement security.simulateLockout security.simulateBans security.simulateThreats security.tokenTtl security.tokenAlgorithm security.sessionIdle security.sessionAbsolute security.keyRotation http.enabled http.host http.port http.tlsCert http.tlsKey http.allowInsecurePublic http.statusPage http.metricsAllow http.rateLimit http.loginRateLimit secrets.backend ;;
    'config set|2') : ;;
    'config unset|1') _clickup_brain_words monitoring.scrapeInterval monitoring.evaluationInterval monitoring.retention monitoring.inhibition monitoring.inhibitionLabels health.diskWarnPercent health.diskCritPercent health.memoryWarnPercent health.memoryCritPercent health.eventLoopLagWarn health.eventLoopLagCrit log.level daemon.maxConnections daemon.maxFrameBytes security.bcryptCost security.passwordMinLength security.passwordMinScore security.lockoutFailures security.lockoutWait security.lockoutMaxWait security.lockoutReset security.lockoutPermanent security.banMaxRetry security.banFindTime security.banTime security.banMaxTime security.banIncrement security.simulateLockout security.simulateBans security.simulateThreats security.tokenTtl security.tokenAlgorithm security.sessionIdle security.sessionAbsolute security.keyRotation http.enabled http.host http.port http.tlsCert http.tlsKey http.allowInsecurePublic http.statusPage http.metricsAllow http.rateLimit http.loginRateLimit secrets.backend ;;
    'config help|1') _clickup_brain_words list path get set unset ;;
    'completion|1') _clickup_brain_words bash zsh fish ;;
    'help|1') _clickup_brain_words monitoring security daemon config completion ;;
    *) return 1 ;;
  esac
}

_clickup_brain_words() {
  local word
  for word in "$@"; do
    [[ $word == "$cur"* ]] && COMPREPLY+=("$word")
  done
}

_clickup_brain_seen() {
  local word
  for word in "${seen[@]}"; do
    [[ $word == "$1" ]] && return 0
  done
  return 1
}

_clickup_brain_files() {
  local line
  compopt -o filenames 2>/dev/null
  while IFS= read -r line; do
    COMPREPLY+=("$line")
  done < <(compgen -f -- "$cur")
}

# Names the running daemon knows; nothing when it is down (the command never starts it).
_clickup_brain_dynamic() {
  local line cmd=${COMP_WORDS[0]}
  local -a sockopt=()
  [[ $cmd == '~/'* ]] && cmd=$HOME/${cmd:2}
  [[ -n $socket ]] && sockopt=(--socket "$socket")
  while IFS= read -r line; do
    [[ -n $line ]] && COMPREPLY+=("$(printf '%q' "$line")")
  done < <("$cmd" "${sockopt[@]}" __complete "$1" "$cur" 2>/dev/null)
}

_clickup_brain() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmdpath='' socket='' flag='' arity=0 slot=0 npos=0
  local i word REPLY
  local -a seen=() reply=()
  COMPREPLY=()
  [[ $cur == '=' ]] && cur=''
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -n $flag ]]; then
      # bash splits --flag=value at the '='.
      [[ $word == '=' && $slot == 0 ]] && continue
      if [[ ($arity == '?' || $arity == '+') && $word == -* ]]; then
        flag=''
      else
        slot=$((slot + 1))
        [[ $flag == --socket ]] && socket=$word
        [[ $arity == 1 || $arity == '?' || ($arity == 2 && $slot == 2) ]] && flag=''
        continue
      fi
    fi
    case $word in
      --*=*)
        seen+=("${word%%=*}")
        [[ ${word%%=*} == --socket ]] && socket=${word#*=}
        ;;
      -?*)
        seen+=("$word")
        _clickup_brain_arity "$cmdpath|$word"
        [[ $REPLY != 0 ]] && flag=$word arity=$REPLY slot=0
        ;;
      *)
        _clickup_brain_commands "$cmdpath"
        if ((npos == 0)) && [[ " ${reply[*]} " == *" $word "* ]]; then
          cmdpath=${cmdpath:+$cmdpath }$word
        else
          npos=$((npos + 1))
        fi
        ;;
    esac
  done
  if [[ -n $flag ]] && ! [[ ($arity == '?' || $arity == '+') && $cur == -* ]]; then
    [[ $arity == '+' ]] && slot=0
    _clickup_brain_value "$cmdpath|$flag|$((slot + 1))"
    return 0
  fi
  if [[ $cur != -* ]]; then
    _clickup_brain_commands "$cmdpath"
    if ((npos == 0 && ${#reply[@]} > 0)); then
      _clickup_brain_words "${reply[@]}"
      return 0
    fi
    _clickup_brain_arg "$cmdpath|$((npos + 1))" && return 0
  fi
  _clickup_brain_flags "$cmdpath"
  _clickup_brain_words "${reply[@]}"
  return 0
}

complete -F _clickup_brain clickup-brain
