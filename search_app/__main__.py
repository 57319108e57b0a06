"""``python -m search_app``: the same as ``vraagbaak-web``."""
from search_app.serve import main

main(prog_name="python -m search_app")
