"""Plots for the notebooks: one look (``_look``) and one module per topic.

Importing this module applies the series' style.  It imports matplotlib;
the numerical core (``import nnlesson``) does not.
"""

from ._look import COLORS, CYCLE, contour, decision_boundary, draw_network, figure, loss_curve, path, use_style
from .backprop import *  # noqa: F401,F403
from .batches import *  # noqa: F401,F403
from .capstone import *  # noqa: F401,F403
from .descent import *  # noqa: F401,F403
from .initialization import *  # noqa: F401,F403
from .learning_rate import *  # noqa: F401,F403
from .neurons import *  # noqa: F401,F403

use_style()
