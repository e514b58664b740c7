# platform/silo: an Orleans silo with the HTTP APIs (`platform silo`); the same image runs the schema Job (`platform migrate`).
# Build from the repository root:  docker build -f deploy/docker/silo.Dockerfile -t platform/silo .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# Sources only; global.json is left out so the image's own 10.0 SDK builds it whatever its feature band.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY examples/sweeps/ examples/sweeps/
RUN dotnet publish src/Cli/Platform.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
# curl for HEALTHCHECK only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV Http__Port=8080
EXPOSE 8080 11111 30000
# The image's non-root user (uid 1654).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "platform.dll"]
CMD ["silo"]
