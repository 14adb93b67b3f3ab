"""Russian reply-quality assistant for marketplace customer support."""
from .classify import Prediction
from .core import Assistant
from .document import Document, analyze
from .entities import Entity, extract
from .modelpack import ModelError
from .textcheck import InputError

__version__ = "0.1.0"

__all__ = ["Assistant", "Prediction", "Document", "analyze", "Entity", "extract",
           "ModelError", "InputError", "__version__"]
