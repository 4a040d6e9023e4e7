FROM python:3.11-slim
WORKDIR /app
# normality transliterates names through PyICU, which builds against ICU
RUN apt-get update && apt-get install -y --no-install-recommends libicu-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY api api
COPY graph graph
COPY cypher cypher
COPY loaders loaders
COPY samples samples
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["armsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
