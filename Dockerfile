# Images for docker-compose.yml: `streams-app` (the Kafka Streams app with the default bundle) and `producer`
# (the producer CLI with the sample audio). Built from the repository: docker compose up --build
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests install

FROM eclipse-temurin:17-jre AS streams-app
# curl for the compose health check
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/streams-app/target/streams-app.jar /app/streams-app.jar
COPY --from=build /src/streams-app/target/lib /app/lib
COPY --from=build /src/bundles/default /app/bundle
ENV GENRE_BUNDLE_PATH=/app/bundle \
    JAVA_TOOL_OPTIONS="-Dai.djl.offline=true"
EXPOSE 8080
ENTRYPOINT ["java", "-cp", "/app/streams-app.jar:/app/lib/*", "io.genrestream.app.Application"]

FROM eclipse-temurin:17-jre AS producer
WORKDIR /app
COPY --from=build /src/producer/target/genre-producer.jar /app/genre-producer.jar
COPY --from=build /src/samples /app/samples
ENTRYPOINT ["java", "-jar", "/app/genre-producer.jar"]
