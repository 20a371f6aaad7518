# wirelab for batch engines: a jlink'd JDK 25 runtime with an AOT cache, the distribution, and an
# entrypoint that runs one shard of a sweep (docs/sweeps.md#container-image).
#   docker build -t wirelab .
#   docker run --rm -v $PWD/work:/work -e SHARDS=4 -e SHARD=0 wirelab      # shard 0 of /work/plan
#   docker run --rm wirelab labs                                           # any other wirelab command
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl scripting -am package \
 && mkdir -p /opt/wirelab/lib \
 && cp scripting/target/lib/*.jar /opt/wirelab/lib/ \
 && cp scripting/target/scripting-*.jar /opt/wirelab/lib/wirelab.jar
# The modules the distribution uses (Groovy needs java.desktop for java.beans, JLine java.logging).
RUN jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.crypto.ec,jdk.zipfs \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre
# AOT cache (JEP 483/514): a training run of a built-in lab, with the runtime the image ships.
RUN /opt/jre/bin/java -XX:AOTCacheOutput=/opt/wirelab/wirelab.aot -cp "/opt/wirelab/lib/*" io.wirelab.cli.Main \
      run ping-basics --out /tmp/training > /dev/null

FROM debian:bookworm-slim
COPY --from=build /opt/jre /opt/jre
COPY --from=build /opt/wirelab /opt/wirelab
COPY <<'SH' /usr/local/bin/wirelab
#!/bin/sh
exec /opt/jre/bin/java -XX:AOTCache=/opt/wirelab/wirelab.aot -cp "/opt/wirelab/lib/*" io.wirelab.cli.Main "$@"
SH
COPY <<'SH' /usr/local/bin/wirelab-shard
#!/bin/sh
# With arguments: wirelab ARGS. Without: one shard of the sweep planned in $PLAN, its index from
# Kubernetes (JOB_COMPLETION_INDEX), Slurm (SLURM_ARRAY_TASK_ID) or $SHARD, of $SHARDS.
[ $# -gt 0 ] && exec wirelab "$@"
index=${JOB_COMPLETION_INDEX:-${SLURM_ARRAY_TASK_ID:-${SHARD:-0}}}
exec wirelab sweep run "${PLAN:-/work/plan}" --shard "$index/${SHARDS:-1}" --out "${OUT:-/work/results}" ${JOBS:+--jobs "$JOBS"}
SH
RUN chmod 755 /usr/local/bin/wirelab /usr/local/bin/wirelab-shard && mkdir -p /work && chown 10001 /work
USER 10001
WORKDIR /work
ENTRYPOINT ["wirelab-shard"]
