"""Blueprints: search (results, CSV), letters (/brief), api (JSON), pages (help, OpenSearch),
saved (/bewaard) and feeds (/bewaard/<id>.atom)."""
