"""Serves the form app on the port given as the first argument (or $PORT)."""
import os
import sys

import tornado.ioloop

from formapp.app import make_app

if __name__ == "__main__":
    port = int(sys.argv[1] if len(sys.argv) > 1 else os.environ["PORT"])
    make_app().listen(port, address="127.0.0.1")
    print("formapp (tornado) listening on port %d" % port, flush=True)
    tornado.ioloop.IOLoop.current().start()
