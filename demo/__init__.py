"""The demo: development only (installed by the dev and test settings, never in production).

`manage.py load_demo` loads the curriculum, the gatherings and the people from the data files
in `demo/data/` through the apps' own services, with every date relative to the day it is
loaded. This app sits on top of every layer: it may import from any app; nothing imports it.
"""
