# platform/worker-cuda: a worker agent (`platform worker`) training on an NVIDIA GPU.
# Build from the repository root:  docker build -f deploy/docker/worker-cuda.Dockerfile -t platform/worker-cuda .
# TORCH_DEVICE=cuda publishes with -p:TorchDevice=cuda, which references libtorch-cuda-12.8-linux-x64 2.10.0 (the CUDA build of the
# libtorch TorchSharp 0.107 uses) instead of libtorch-cpu-linux-x64. That package is on nuget.org only, so this build needs it
# reachable; TORCH_DEVICE=cpu builds the same image with CPU libtorch (offline, for a smoke test of the image itself).
ARG TORCH_DEVICE=cuda

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TORCH_DEVICE
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/ src/
COPY examples/sweeps/ examples/sweeps/
RUN dotnet publish src/Cli/Platform.Cli.csproj -c Release -o /app -p:TorchDevice=${TORCH_DEVICE}

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS dotnet

# CUDA 12.8 runtime to match libtorch-cuda-12.8 (cuDNN ships inside the libtorch package); the driver comes from the node.
FROM nvidia/cuda:12.8.1-runtime-ubuntu24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl libgomp1 fonts-dejavu-core ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# The ASP.NET Core runtime taken from Microsoft's image of the same Ubuntu release.
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && useradd --uid 1654 --create-home app
WORKDIR /app
COPY --from=build /app .
ENV Http__Port=8081 Worker__Device=cuda Worker__DataDirectory=/data DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8081
USER 1654
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 CMD curl -fsS http://127.0.0.1:8081/healthz || exit 1
ENTRYPOINT ["dotnet", "platform.dll"]
CMD ["worker"]
