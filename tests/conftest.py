import os

import pytest
from hypothesis import HealthCheck, settings

# Shared, noisy machines: no per-example deadline; a fixed derandomized profile in CI.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture
def chinese():
    """nnlesson in Chinese for one test, English again afterwards (without a CJK font, figures stay English:
    its one warning is not what these tests are about)."""
    import warnings

    import nnlesson as nl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nl.set_language("zh")
    try:
        yield
    finally:
        nl.set_language("en")
