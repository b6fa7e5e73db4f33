#!/bin/sh
# Adds voicecheck to this user's applications menu (the desktop entry, its icon and its
# AppStream metainfo under ~/.local/share), pointing at this unpacked folder. Run it again
# after moving the folder; `--remove` takes the entry out. Needs no administrator rights.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
id=io.github.voicecheck.voicecheck
case "$here" in *[\"\`\$\\]*)  # the desktop entry's Exec= would need them escaped twice
    echo "error: $here: move the folder to a path without \" \` \$ or \\ in it" >&2
    exit 2 ;;
esac

if [ "${1:-}" = "--remove" ]; then
    rm -f "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml"
    find "$data/icons/hicolor" -name "$id.*" -delete 2>/dev/null || true
    echo "voicecheck removed from the applications menu"
    exit 0
fi

mkdir -p "$data/applications" "$data/metainfo"
(cd "$here/share" && find icons -name "$id.*") | while read -r icon; do
    mkdir -p "$data/$(dirname "$icon")"
    cp "$here/share/$icon" "$data/$icon"
done
cp "$here/share/metainfo/$id.metainfo.xml" "$data/metainfo/"
path=$(printf '%s' "$here" | sed 's/[&|]/\\&/g')  # sed's replacement specials
sed -e "s|^Exec=voicecheck-app|Exec=\"$path/voicecheck-app\"|" \
    -e "s|^TryExec=voicecheck-app|TryExec=$path/voicecheck-app|" \
    "$here/share/applications/$id.desktop" > "$data/applications/$id.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
echo "voicecheck added to the applications menu (starts $here/voicecheck-app)"
