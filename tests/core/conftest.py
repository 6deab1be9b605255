# The real S3-compatible server for the object storage tests (tests/s3.py).
from tests.s3 import moto_server, s3_media  # noqa: F401
