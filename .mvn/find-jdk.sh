# Sourced (POSIX sh) by ./mvnw, ./wirelab and .ci/run: exports JAVA_HOME pointing at a JDK >= 25.
# Order: $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/*.
wirelab_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  # the JDK's release file names its version without starting a JVM (read with the shell's own read: the
  # launcher runs this on every start); ask the JVM only when it is absent
  wirelab_major=
  if [ -r "$1/release" ]; then
    while IFS= read -r wirelab_line || [ -n "$wirelab_line" ]; do
      case $wirelab_line in
        JAVA_VERSION=*) wirelab_major=${wirelab_line#JAVA_VERSION=}; wirelab_major=${wirelab_major#\"}; break ;;
      esac
    done < "$1/release"
  else
    wirelab_major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)
  fi
  wirelab_major=${wirelab_major%%[!0-9]*}
  [ -n "$wirelab_major" ] && [ "$wirelab_major" -ge 25 ] 2>/dev/null
}
wirelab_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && wirelab_jdk_ok "$JAVA_HOME"; then export JAVA_HOME; return 0; fi
  if command -v java >/dev/null 2>&1; then
    wirelab_c=$(readlink -f "$(command -v java)")
    wirelab_c=${wirelab_c%/*}; wirelab_c=${wirelab_c%/*}
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
