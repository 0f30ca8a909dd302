# Cluster Atlas production image: gunicorn serving the Dash app on the embedded database.
FROM python:3.11-slim-bookworm

# chromium: kaleido renders PNG/SVG exports with a local browser (no downloads at run time).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 atlas
WORKDIR /app
COPY pyproject.toml README.md ./
COPY app.py gunicorn.conf.py ./
COPY atlas atlas
COPY etl etl
COPY geodata geodata
COPY queries queries
COPY layouts layouts
COPY callbacks callbacks
COPY assets assets
COPY data/sources data/sources
RUN pip install --no-cache-dir -e . \
    && ATLAS_DATA_DIR=/app/data/db python -m atlas build \
    && chown -R atlas:atlas /app/data

USER atlas
ENV ATLAS_DATA_DIR=/app/data/db PYTHONUNBUFFERED=1
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4).status != 200)"
CMD ["gunicorn", "app:server"]
