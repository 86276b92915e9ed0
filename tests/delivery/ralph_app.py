"""The Ralph LRS application as the tests run it.

Ralph's file backend (its only one that needs no database server) writes
each POST with the "create" operation, so it can store one batch and then
answers 500 to every later one. Here it appends instead; everything else
(authentication, validation, ids, conflicts) is Ralph's own."""
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402

__all__ = ["app"]
