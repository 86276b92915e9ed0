"""Courses (learning paths): `courses/<id>.yaml` as data. The model
(model.py), the validator (build.py), the loader (load.py) and the
certificate rule evaluated over attempts as plain data (progress.py)."""
