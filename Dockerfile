# The platform image used by docker-compose.yml. Build context: the repository root.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl web-app -am -DskipTests package && cp web-app/target/web-app-*.jar /app.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 1000 gridgov
USER gridgov
COPY --from=build /app.jar /app/gridgov.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/gridgov.jar"]
