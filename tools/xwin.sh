#!/usr/bin/env bash
# The game in a real X window under Xvfb, driven by real key presses (xdotool) and photographed (xwd): what the dummy
# video driver of the tests hides (key repeat, focus, held keys) shows here. Needs Debian's xvfb, xdotool, x11-apps
# (xwd) and imagemagick (convert): apt-get install xvfb xdotool x11-apps imagemagick
#
#   tools/xwin.sh start [PLAY ARGS...]   # Xvfb on :7 and `main.py play ARGS` in a 1280x720 window (log: /tmp/xwin.log)
#   tools/xwin.sh keys OUT.png KEY...    # focus the window, press each KEY, then a screenshot of the window to OUT.png
#                                        #   KEY: an xdotool key name (Return, Down, shift+Tab, F9, a),
#                                        #   hold:KEY:SECONDS (held down: the X server's own repeats), sleep:SECONDS,
#                                        #   type:TEXT
#   tools/xwin.sh stop                   # the game and Xvfb
set -euo pipefail
export DISPLAY="${XWIN_DISPLAY:-:7}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-$ROOT/.venv/bin/python}"

# the game's top-level window (xdotool search --name missed it under Xvfb without a window manager)
window() { xwininfo -root -tree | awk '/"Regional Accord"/ {print $1; exit}'; }

case "${1:-}" in
  start)
    shift
    pgrep -f "Xvfb $DISPLAY" >/dev/null || { Xvfb "$DISPLAY" -screen 0 1600x900x24 >/tmp/xvfb.log 2>&1 & sleep 1; }
    (cd "$ROOT" && "$PY" main.py play "$@" >/tmp/xwin.log 2>&1 &)
    for _ in $(seq 120); do [ -n "$(window)" ] && break; sleep 0.25; done
    [ -n "$(window)" ] || { echo "no game window (see /tmp/xwin.log)" >&2; exit 1; }
    echo "game window $(window) on $DISPLAY"
    ;;
  keys)
    out="$2"; shift 2
    w="$(window)"; [ -n "$w" ] || { echo "no game window: tools/xwin.sh start" >&2; exit 1; }
    xdotool windowfocus --sync "$w"
    for k in "$@"; do
      case "$k" in
        hold:*) IFS=: read -r _ key secs <<< "$k"; xdotool keydown "$key"; sleep "$secs"; xdotool keyup "$key" ;;
        sleep:*) sleep "${k#sleep:}" ;;
        type:*) xdotool type --delay 80 "${k#type:}" ;;
        *) xdotool key "$k" ;;
      esac
      sleep 0.3   # the game reads its input at up to 30 frames a second
    done
    sleep 0.8
    geo="$(xwininfo -id "$w" | awk '/Width:/{w=$2} /Height:/{h=$2} /Absolute upper-left X:/{x=$4} /Absolute upper-left Y:/{y=$4} END{print w"x"h"+"x"+"y}')"
    xwd -root -silent | convert xwd:- -crop "$geo" +repage "$out"
    echo "$out"
    ;;
  stop)
    pkill -f "main.py play" || true
    pkill -f "Xvfb $DISPLAY" || true
    ;;
  *)
    sed -n '2,12p' "$0"; exit 2 ;;
esac
