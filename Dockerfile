# syntax=docker/dockerfile:1
# CampTrading.Web on .NET 10: built with the SDK image, run framework-dependent on the ASP.NET Core runtime image
# (docs/decisions/0001). No image can be pulled on the build machines, so this file is kept correct by reading.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across source edits.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY CampTrading.Core/CampTrading.Core.csproj CampTrading.Core/
COPY CampTrading.Web/CampTrading.Web.csproj CampTrading.Web/
RUN dotnet restore CampTrading.Web/CampTrading.Web.csproj
COPY CampTrading.Core/ CampTrading.Core/
COPY CampTrading.Web/ CampTrading.Web/
RUN dotnet publish CampTrading.Web -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# pg_dump and pg_restore for the console's backup button and the `backup`/`restore` commands (docs/BACKUP.md).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# Backups go under /app/.campdata/backups (a volume in docker-compose.yml), which the non-root user must own.
RUN mkdir -p /app/.campdata/backups && chown -R $APP_UID /app/.campdata
# ASPNETCORE_URLS replaces the image's ASPNETCORE_HTTP_PORTS (cleared to avoid the override warning).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
# The image's non-root user. Set ConnectionStrings__CampTrading: the embedded PostgreSQL fallback needs
# server binaries and root to install them, neither of which this image has.
USER $APP_UID
ENTRYPOINT ["dotnet", "CampTrading.Web.dll"]
