# syntax=docker/dockerfile:1
# Runnel server image (runneld). Not tested in CI (no Docker engine there);
# see docker-compose.yml for a ready-to-run stack with an Apache Kafka broker.
#
#   docker build -t runnel .
#   docker compose up --build

# ---------------------------------------------------------------- build ---
FROM debian:12 AS build
ENV DEBIAN_FRONTEND=noninteractive
# Install the toolchain and libraries first (cached unless setup.sh changes).
COPY scripts/setup.sh /tmp/setup.sh
RUN bash /tmp/setup.sh && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build \
 && test -x build/bin/runneld

# Work out which Debian packages provide the shared libraries runneld links
# against, so the runtime stage installs only those.
RUN ldd build/bin/runneld \
    | awk '$2 == "=>" && $3 ~ /^\// {print $3}' \
    | while read -r f; do \
        dpkg -S "$f" 2>/dev/null \
          || dpkg -S "$(readlink -f "$f")" 2>/dev/null \
          || dpkg -S "/usr$f" 2>/dev/null \
          || { echo "warning: no package owns $f" >&2; true; }; \
      done \
    | sed 's/: .*//' | tr ',' '\n' | sed 's/^ *//; s/:.*//' | grep -v '^$' \
    | sort -u > /runtime-packages.txt \
 && cat /runtime-packages.txt

# -------------------------------------------------------------- runtime ---
FROM debian:12-slim
ENV DEBIAN_FRONTEND=noninteractive
COPY --from=build /runtime-packages.txt /tmp/runtime-packages.txt
RUN apt-get update \
 && xargs -a /tmp/runtime-packages.txt apt-get install -y --no-install-recommends \
      ca-certificates \
 && rm -rf /var/lib/apt/lists/* /tmp/runtime-packages.txt

COPY --from=build /src/build/bin/ /opt/runnel/build/bin/
WORKDIR /opt/runnel
RUN mkdir -p /var/lib/runnel
VOLUME /var/lib/runnel
EXPOSE 8088

ENTRYPOINT ["build/bin/runneld", \
            "--bootstrap-servers", "kafka:9092", \
            "--listeners", "http://0.0.0.0:8088", \
            "--state-dir", "/var/lib/runnel"]
