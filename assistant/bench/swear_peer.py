"""Runs inside the peer's own virtualenv (`make bench` builds .venv-peer): check-swear on texts from stdin.

Not imported by the package: check-swear pins scikit-learn 1.4 and cannot share our
environment. Reads a JSON list of texts, writes {"version", "proba": [...]}.
Network access is cut first, so a package that tries to download at run time fails
here instead of quietly fetching data.
"""
import json
import socket
import sys


def _offline(*args, **kwargs):
    raise RuntimeError("check-swear tried to use the network at run time")


socket.socket.connect = _offline
socket.create_connection = _offline

import nltk  # noqa: E402

nltk.download = _offline

from importlib.metadata import version  # noqa: E402

from check_swear import SwearingCheck  # noqa: E402

texts = json.load(sys.stdin)
proba = SwearingCheck().predict_proba(texts) if texts else []
json.dump({"version": version("check-swear"), "proba": [float(p) for p in proba]}, sys.stdout)
