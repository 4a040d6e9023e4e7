FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api api
COPY graph graph
COPY cypher cypher
COPY loaders loaders
COPY samples samples
RUN pip install --no-cache-dir .
EXPOSE 8000
CMD ["armsgraph", "serve", "--host", "0.0.0.0", "--port", "8000"]
