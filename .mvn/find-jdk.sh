# Sourced (POSIX sh) by ./mvnw, ./wirelab and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/*.
wirelab_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  # the JDK's release file names its version without starting a JVM; ask the JVM only when it is absent
  if [ -r "$1/release" ]; then
    wirelab_major=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" | head -1)
  else
    wirelab_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
  fi
  wirelab_major=${wirelab_major%%.*}
  [ -n "$wirelab_major" ] && [ "$wirelab_major" -ge 25 ] 2>/dev/null
}
wirelab_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && wirelab_jdk_ok "$JAVA_HOME"; then export JAVA_HOME; return 0; fi
  if command -v java >/dev/null 2>&1; then
    wirelab_c=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if wirelab_jdk_ok "$wirelab_c"; then JAVA_HOME=$wirelab_c; export JAVA_HOME; return 0; fi
  fi
  for wirelab_c in /usr/lib/jvm/*; do
    if [ -d "$wirelab_c" ] && wirelab_jdk_ok "$wirelab_c"; then JAVA_HOME=$wirelab_c; export JAVA_HOME; return 0; fi
  done
  echo "wirelab: no JDK 25 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)." >&2
  echo "wirelab: install one (e.g. Temurin 25) and set JAVA_HOME." >&2
  return 1
}
wirelab_find_jdk || exit 1
