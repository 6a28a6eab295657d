"""Interactive widgets for the notebooks (ipywidgets + matplotlib).

Every widget takes preset values and ``show=`` (which controls are visible),
so an instructor can fix the point to make; see ``_live`` for the pattern.
"""

from ._live import Controls, LiveFigure, dropdown, int_slider, log_slider, slider
from .backprop import *  # noqa: F401,F403
from .batches import *  # noqa: F401,F403
from .capstone import *  # noqa: F401,F403
from .descent import *  # noqa: F401,F403
from .initialization import *  # noqa: F401,F403
from .learning_rate import *  # noqa: F401,F403
from .neurons import *  # noqa: F401,F403
