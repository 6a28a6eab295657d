"""Exercise self-checks: each compares an answer with nnlesson's own value and
names the mistake (shape, sign, factor of 2, missing slope, step size ...).

The checks import NumPy only, so they run without a display.
"""

from ._feedback import Feedback, compare, compare_count
from .backprop import *  # noqa: F401,F403
from .batches import *  # noqa: F401,F403
from .capstone import *  # noqa: F401,F403
from .descent import *  # noqa: F401,F403
from .initialization import *  # noqa: F401,F403
from .learning_rate import *  # noqa: F401,F403
from .neurons import *  # noqa: F401,F403
