# platform/dashboard: the Blazor dashboard (`platform dashboard`), reading the API at Dashboard__ApiUrl.
# Build from the repository root:  docker build -f deploy/docker/dashboard.Dockerfile -t platform/dashboard .
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY examples/sweeps/ examples/sweeps/
RUN dotnet publish src/Cli/Platform.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV Http__Port=8080
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "platform.dll"]
CMD ["dashboard"]
