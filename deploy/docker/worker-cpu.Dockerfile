# platform/worker-cpu: a worker agent (`platform worker`) training on CPU; each trial runs in its own `platform trial-host` process.
# Build from the repository root:  docker build -f deploy/docker/worker-cpu.Dockerfile -t platform/worker-cpu .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY examples/sweeps/ examples/sweeps/
RUN dotnet publish src/Cli/Platform.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
# libgomp: libtorch's OpenMP runtime; fonts: chart labels on cost.png and decision_boundary.png.
RUN apt-get update && apt-get install -y --no-install-recommends curl libgomp1 fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The course's data files are mounted here (never baked into the image).
ENV Http__Port=8081 Worker__Device=cpu Worker__DataDirectory=/data
EXPOSE 8081
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 CMD curl -fsS http://127.0.0.1:8081/healthz || exit 1
ENTRYPOINT ["dotnet", "platform.dll"]
CMD ["worker"]
