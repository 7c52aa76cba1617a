#!/usr/bin/env bash
# Publishes hub services as native executables: .ci/aot-publish.sh OUTPUT_DIR PROJECT_DIR...
# Each lands in OUTPUT_DIR/<project>/<project>. Fails if native compilation reports a trim/AOT warning from any
# assembly other than Amqp.Net (whose only warnings are in its unused AmqpSerializer).
set -euo pipefail
out="$1"; shift
mkdir -p "$out"
for project in "$@"; do
  name="$(basename "$project")"
  log="$out/$name.publish.log"
  if ! dotnet publish "$project" -c Release -r linux-x64 -o "$out/$name" -p:DebugType=none > "$log" 2>&1; then
    tail -n 30 "$log"; echo "native publish of $name failed (log: $log)"; exit 1
  fi
  if grep -E "warning IL[0-9]+" "$log" | grep -v "Assembly 'Amqp.Net' produced" | grep -q .; then
    grep -E "warning IL[0-9]+" "$log" | grep -v "Assembly 'Amqp.Net' produced" | sort -u | head -n 20
    echo "native publish of $name reported trim/AOT warnings outside Amqp.Net"; exit 1
  fi
  echo "native $name: $(du -h "$out/$name/$name" | cut -f1)"
done
