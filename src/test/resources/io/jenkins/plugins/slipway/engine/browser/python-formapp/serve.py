"""Serves the form app of the pytest fixture (../../tests/python-formapp/project) on the port given as the first
argument (or $PORT)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "tests", "python-formapp", "project"))

import tornado.ioloop  # noqa: E402

from formapp.app import make_app  # noqa: E402

if __name__ == "__main__":
    port = int(sys.argv[1] if len(sys.argv) > 1 else os.environ["PORT"])
    make_app().listen(port, address="127.0.0.1")
    print("formapp (tornado) listening on port %d" % port, flush=True)
    tornado.ioloop.IOLoop.current().start()
