import os
from flask import Flask

app = Flask(__name__)
app.config["DEBUG"] = os.environ.get("FLASK_DEBUG") == "1"  #@safe
app.config.update(DEBUG=False)  #@safe
app.debug = False  #@safe

if __name__ == "__main__":
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")  #@safe
