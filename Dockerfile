# The portal's production image: gunicorn serving Django, static files by WhiteNoise.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000

WORKDIR /app
RUN useradd --create-home --uid 10001 camnang

# Dependencies first, in their own layer, so a code change does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Translations are compiled and static files collected (compressed, hashed names) into
# the image at build time;
# the throwaway key and host exist only for this step.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
        sh -c "python manage.py compile_translations && python manage.py collectstatic --noinput" \
    && mkdir -p /app/media /app/private-media \
    && chown camnang:camnang /app/media /app/private-media

USER camnang
EXPOSE 8000
# The image has no curl; Python asks the health endpoint (no host check, no HTTPS redirect).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os,urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT','8000')}/healthz/\", timeout=4)"]
# Migrations are a separate step (see README): several containers must not race to run them.
CMD ["gunicorn", "camnang.wsgi", "-c", "gunicorn.conf.py"]
