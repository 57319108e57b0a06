"""Blueprints: search (results, CSV), letters (/brief), api (JSON), pages (help, OpenSearch)."""
