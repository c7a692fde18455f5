# Production image: gunicorn serving the portal; also the worker and the scheduler
# (docker-compose.yml). Installs exactly the pinned versions of requirements.lock.
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PORTAL_DOTENV=0
WORKDIR /app
# pg_dump for the nightly backup (PostgreSQL 15, as the database), time zones for
# the scheduler.
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client-15 tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --uid 1000 portal
COPY requirements.lock ./
RUN pip install --no-cache-dir --no-deps -r requirements.lock \
    && pip check
COPY . .
# Static files are collected at build time; the key here is used for nothing else.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/var/media && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "120", "--access-logfile", "-"]
