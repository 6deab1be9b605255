"""Settings modules: ``base`` (shared, safe defaults), ``local`` (the embedded
default that ``make run`` serves), ``dev`` (runserver with DEBUG), ``production``
(refuses to start without its secrets) and ``test``."""
