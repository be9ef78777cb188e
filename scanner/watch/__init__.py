"""The publishing-server daemon (``saring watch``): watch folders, queue jobs, move files.

One module per job: ``config`` reads ``[watch]``/``[serve]``, ``schema`` owns the daemon's own
database migrations, ``queue`` is the durable job queue, ``handler`` turns filesystem events into
queue entries, ``fsops`` does the atomic moves, ``daemon`` runs the worker pool.
"""
