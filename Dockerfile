# The explorer page and the offline Swagger UI of /docs, built from web/ with npm.
FROM node:20-slim AS web
WORKDIR /src
COPY web web
RUN cd web && npm ci --no-audit --no-fund && npm run build

FROM python:3.11-slim
WORKDIR /app
# normality transliterates names through PyICU, which builds against ICU
RUN apt-get update && apt-get install -y --no-install-recommends libicu-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY api api
COPY graph graph
COPY settings settings
COPY cypher cypher
COPY loaders loaders
COPY samples samples
COPY --from=web /src/api/static api/static
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["armsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
