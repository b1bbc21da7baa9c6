# syntax=docker/dockerfile:1
# The Sweep web dashboard. Build from the repository root:
#   docker build -f docker/dashboard.Dockerfile -t sweep-dashboard .

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
RUN dotnet publish src/Dashboard/Sweep.Dashboard.csproj -c Release -r linux-x64 --self-contained false -o /app

# ASP.NET Core runtime only; user app (1654) from the base image; HTTP on 8080 (ASPNETCORE_HTTP_PORTS).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
ENV HOME=/tmp \
    DOTNET_NOLOGO=1 \
    ASPNETCORE_HTTP_PORTS=8080
COPY --from=build /app /app
WORKDIR /app
USER 1654
EXPOSE 8080
ENTRYPOINT ["dotnet", "Sweep.Dashboard.dll"]
