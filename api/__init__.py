"""The front doors: the FastAPI app (:mod:`.app`, routers, schemas) and the command line (:mod:`.cli`)."""
