"""The REST service: ``create_app(settings)`` (FastAPI), routes, the scoring adapter."""
