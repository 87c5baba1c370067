"""Human review in Argilla: the dataset settings (``schema``), records with the judge's scores as
suggestions (``records``), reading responses back (``responses``), judge-human and human-human
agreement (``agreement``) and the reviewed split (``export``). ``argilla/push.py`` and
``argilla/pull.py`` are the commands."""
