# Cluster Atlas production image: gunicorn serving the Dash app on the embedded database.
#   docker build -t cluster-atlas .
#   docker run --rm -p 8050:8050 --read-only --tmpfs /tmp cluster-atlas
# See README.md, "Production", for replicas and data refreshes.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    XDG_CONFIG_HOME=/tmp/.config \
    XDG_CACHE_HOME=/tmp/.cache \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# chromium: kaleido renders PNG/SVG exports with a local browser (nothing downloaded at run time).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin atlas
WORKDIR /app

# Dependencies first (pinned in pyproject.toml), so a code change does not reinstall them.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code: everything .dockerignore lets through (no tests, benches, docs, local data).
# An editable install keeps REPO_ROOT at /app, where data/sources and assets/ are.
COPY . .
RUN pip install --no-deps -e . \
    && python -m compileall -q -x '/(data|assets)/' .

# The database is built now, so a container answers from its first second. Code stays
# root-owned (read-only for the app); only the data folder belongs to the app user, for
# refreshes inside the container (`python -m atlas build` or `python -m atlas import FILE`).
ENV ATLAS_DATA_DIR=/app/data/db
RUN python -m atlas build \
    && chown -R atlas:atlas /app/data/db

USER atlas
EXPOSE 8050
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8050/healthz', timeout=4).status != 200)"]
CMD ["gunicorn", "app:server"]
