# syntax=docker/dockerfile:1
#
# Builds one TempPic service image. The build context is the repository root:
#
#   docker build -f deploy/docker/service.Dockerfile \
#     --build-arg MODULE=upload-service --build-arg SERVICE_PORT=8081 \
#     -t temppic/upload-service:0.1.0-SNAPSHOT .
#
# MODULE is the Maven module (gateway-service, upload-service, serving-service or expiry-service)
# and SERVICE_PORT its HTTP port (8080, 8081, 8082 or 8083).
# NOTE: no Docker engine was available where this file was written, so it has never been built.

ARG MODULE=upload-service

FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds. -am also builds the modules MODULE depends on.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -pl "${MODULE}" -am package \
 && cp "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar" /src/app.jar

FROM eclipse-temurin:17-jre
ARG MODULE
ARG SERVICE_PORT=8081

# The health check runs curl, which this stage installs because the base image does not promise
# to ship it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 temppic \
 && useradd --system --uid 10001 --gid temppic --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin temppic

LABEL org.opencontainers.image.title="temppic-${MODULE}"

WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /src/app.jar /app/app.jar

# The services bind to 127.0.0.1 by default, but inside a container they must listen on every interface.
# The heap follows the container memory limit: 75 % of it, leaving room for metaspace, thread stacks
# and direct buffers. A deployment that replaces JAVA_TOOL_OPTIONS must repeat both flags.
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=${SERVICE_PORT} \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"

EXPOSE ${SERVICE_PORT}

# Numeric ids, so Kubernetes can verify runAsNonRoot without a user database.
USER 10001:10001

HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SERVER_PORT}/actuator/health/readiness" >/dev/null || exit 1

ENTRYPOINT ["java", "-jar", "/app/app.jar"]
