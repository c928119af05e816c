"""Page JSON made once: stored when content changes, served by the pages API (issue #15).

build.py assembles and writes it, invalidation.py deletes what a change makes wrong and
schedules the rebuild (tasks.py), read.py serves it. The rows: articles/models/representations.py.
"""
