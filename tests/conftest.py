import os

os.environ.setdefault("RENPU_HOME", os.path.join(os.path.dirname(__file__), "..", "var", "test-home"))
