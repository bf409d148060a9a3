# Images for docker-compose.yml, both from the distribution archive the build makes
# (launcher/target/genre-stream-<version>.tar.gz: bin/genre-stream, lib/, bundles/default, samples/):
# `streams-app` runs `genre-stream app` (the Kafka Streams app with the default bundle), `producer` runs
# `genre-stream produce`. Built from the repository: docker compose up --build
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package \
 && mkdir /dist && tar -xzf launcher/target/genre-stream-*.tar.gz -C /dist --strip-components=1

FROM eclipse-temurin:17-jre AS streams-app
# curl for the compose health check
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
COPY --from=build /dist /opt/genre-stream
WORKDIR /opt/genre-stream
# settings come from the environment (KAFKA_BOOTSTRAP_SERVERS, SCHEMA_REGISTRY_URL, GENRE_BUNDLE_PATH, ...);
# the bundle defaults to the archive's bundles/default
# bin/genre-stream keeps the app's class data sharing archive in /opt/genre-stream/cds (GENRE_CDS_DIR): a container's
# first start writes it when it stops, its restarts start about twice as fast with it; mount a volume there to keep
# it across new containers of the same image (a new image gets a fresh one)
EXPOSE 8080
ENTRYPOINT ["/opt/genre-stream/bin/genre-stream", "app"]

FROM eclipse-temurin:17-jre AS producer
COPY --from=build /dist /opt/genre-stream
WORKDIR /opt/genre-stream
ENTRYPOINT ["/opt/genre-stream/bin/genre-stream", "produce"]
